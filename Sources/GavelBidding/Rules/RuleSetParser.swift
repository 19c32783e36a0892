import GavelCore
import Yams

extension RuleSet {
    /// Parses and checks a whole rule file; nothing is returned unless every part is valid.
    ///
    /// - Parameters:
    ///   - yaml: The file's text (the caller reads the file, so this module stays free of I/O).
    ///   - fileName: Used in error messages: `fileName:line:column: reason`.
    /// - Throws: ``RuleFileError`` for YAML syntax, unknown keys (with the nearest valid key), bad values and
    ///   rule expressions that do not parse or name an unknown metric (with the nearest valid metric).
    public static func parse(yaml: String, fileName: String) throws(RuleFileError) -> RuleSet {
        let root = try RuleSetParser.compose(yaml, fileName: fileName, kind: "rule file")
        return try RuleSetParser(fileName: fileName).ruleSet(from: root)
    }
}

extension RuleSetParser {
    /// The YAML document of a rule or filters file, with YAML errors turned into located ``RuleFileError``s.
    static func compose(_ yaml: String, fileName: String, kind: String) throws(RuleFileError) -> Node {
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw RuleFileError(fileName: fileName, location: .start, reason: "the \(kind) is empty")
            }
            return node
        } catch let error as RuleFileError {
            throw error
        } catch let error as YamlError {
            throw RuleSetParser.convert(error, fileName: fileName)
        } catch {
            throw RuleFileError(fileName: fileName, location: .start, reason: "\(error)")
        }
    }
}

/// Reads the sections of a rule file into a ``RuleSet``; the format is documented in Docs/rules.md.
struct RuleSetParser {
    let fileName: String

    static func convert(_ error: YamlError, fileName: String) -> RuleFileError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let reason = context.map { "\(problem) (\($0.text) at \($0.mark))" } ?? problem
            return RuleFileError(
                fileName: fileName, location: SourceLocation(line: mark.line, column: mark.column),
                reason: "YAML: \(reason)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return RuleFileError(
                fileName: fileName, location: SourceLocation(line: context.mark.line, column: context.mark.column),
                reason: "duplicated key \(duplicates.joined(separator: ", "))")
        default:
            return RuleFileError(fileName: fileName, location: .start, reason: "YAML: \(error)")
        }
    }

    func ruleSet(from root: Node) throws(RuleFileError) -> RuleSet {
        let top = try YAMLFields(
            root, fileName: fileName, section: "the rule file",
            allowed: [
                "name", "currency", "scope", "goal", "lookback", "limits", "portfolio_stop", "estimation",
                "seasonality", "exclusions", "modifiers", "headroom", "forecast", "rules",
            ])
        guard let goalSection = try top.section("goal", allowed: ["target_cpa", "target_roas", "max_cpc", "max_cpm"])
        else { throw RuleFileError(fileName: fileName, location: top.location, reason: "the rule file needs 'goal'") }

        var ruleSet = RuleSet(
            name: try top.requiredString("name", in: "the rule file"), fileName: fileName, goal: try goal(goalSection))
        ruleSet.currencySymbol = try top.string("currency") ?? "€"
        if let scope = try top.section(
            "scope", allowed: ["accounts", "campaigns", "ad_groups", "labels", "keywords", "match_types"])
        {
            ruleSet.scope = try self.scope(scope)
        }
        if let lookback = try top.section("lookback", allowed: ["conversion_rate_days", "metrics_days"]) {
            ruleSet.lookback = LookbackWindows(
                conversionRateDays: try lookback.int("conversion_rate_days", in: 7...730) ?? 90,
                metricsDays: try lookback.int("metrics_days", in: 1...730) ?? 30)
        }
        if let limits = try top.section(
            "limits",
            allowed: ["min_bid", "max_bid", "max_raise", "max_lower", "min_clicks", "min_impressions", "bid_step"])
        {
            ruleSet.limits = try self.limits(limits)
        }
        if let stop = try top.section("portfolio_stop", allowed: ["share_of_keywords", "change_above"]) {
            ruleSet.portfolioStop = PortfolioStop(
                maxShareOfKeywords: try stop.percent("share_of_keywords") ?? 0.3,
                changeAbove: try stop.percent("change_above") ?? 0.25)
        }
        if let estimation = try top.section(
            "estimation", allowed: ["pooling", "conversion_lag", "drop_detection"])
        {
            ruleSet.estimation = try self.estimation(estimation, lookback: ruleSet.lookback)
        }
        ruleSet.seasonality = try top.list("seasonality").map { node throws(RuleFileError) in
            let fields = try YAMLFields(
                node, fileName: fileName, section: "a seasonality entry", allowed: ["name", "from", "to", "cvr_change"])
            guard let change = try fields.percent("cvr_change", signed: true), change > -1 else {
                throw RuleFileError(
                    fileName: fileName, location: fields.location,
                    reason: "a seasonality entry needs 'cvr_change' above -100%, e.g. +30%")
            }
            return SeasonalAdjustment(
                name: try fields.requiredString("name", in: "a seasonality entry"),
                days: try dayRange(fields, section: "a seasonality entry"), cvrChange: change)
        }
        ruleSet.exclusions = try top.list("exclusions").map { node throws(RuleFileError) in
            let fields = try YAMLFields(
                node, fileName: fileName, section: "an exclusion", allowed: ["name", "from", "to"])
            return DataExclusion(
                name: try fields.requiredString("name", in: "an exclusion"),
                days: try dayRange(fields, section: "an exclusion"))
        }
        if let modifiers = try top.section(
            "modifiers", allowed: ["devices", "weekdays", "shrink_clicks", "min_factor", "max_factor"])
        {
            ruleSet.modifiers = ModifierSettings(
                devices: try modifiers.bool("devices") ?? false, weekdays: try modifiers.bool("weekdays") ?? false,
                shrinkClicks: try modifiers.number("shrink_clicks") ?? 200,
                minFactor: try modifiers.number("min_factor") ?? 0.5,
                maxFactor: try modifiers.number("max_factor", atLeast: 1) ?? 1.5)
        }
        if let headroom = try top.section(
            "headroom", allowed: ["cpc_below", "top_impression_rate_above", "lower_by"])
        {
            let defaults = HeadroomRule()
            ruleSet.headroom = HeadroomRule(
                cpcBelow: try headroom.percent("cpc_below") ?? defaults.cpcBelow,
                topImpressionRateAbove: try headroom.percent("top_impression_rate_above")
                    ?? defaults.topImpressionRateAbove,
                lowerBy: try headroom.percent("lower_by") ?? defaults.lowerBy)
        }
        if let forecast = try top.section("forecast", allowed: ["click_elasticity"]) {
            ruleSet.forecast = ForecastSettings(clickElasticity: try forecast.number("click_elasticity") ?? 0.5)
        }
        ruleSet.rules = try top.list("rules").map { node throws(RuleFileError) in try rule(node) }
        return ruleSet
    }

    private func goal(_ fields: YAMLFields) throws(RuleFileError) -> Goal {
        let given = fields.mapping.keys.compactMap(\.string)
        guard given.count == 1, let key = given.first else {
            throw RuleFileError(
                fileName: fileName, location: fields.location,
                reason: "'goal' needs exactly one of target_cpa, target_roas, max_cpc, max_cpm")
        }
        switch key {
        case "target_cpa": return .targetCPA(try positiveMoney(fields, key))
        case "max_cpc": return .maxCPC(try positiveMoney(fields, key))
        case "max_cpm": return .maxCPM(try positiveMoney(fields, key))
        default:
            guard let roas = try fields.percent("target_roas"), roas > 0 else {
                throw fields.error(fields.node(key)!, "'target_roas' must be a positive percentage such as 400%")
            }
            return .targetROAS(roas)
        }
    }

    private func positiveMoney(_ fields: YAMLFields, _ key: String) throws(RuleFileError) -> Micros {
        guard let amount = try fields.money(key), amount > .zero else {
            throw fields.error(fields.node(key)!, "'\(key)' must be a positive amount")
        }
        return amount
    }

    private func scope(_ fields: YAMLFields) throws(RuleFileError) -> RuleScope {
        var scope = RuleScope()
        scope.accounts = try fields.strings("accounts").map { GlobPattern($0.text) }
        scope.campaigns = try fields.strings("campaigns").map { GlobPattern($0.text) }
        scope.adGroups = try fields.strings("ad_groups").map { GlobPattern($0.text) }
        scope.labels = try fields.strings("labels").map(\.text)
        scope.keywordTexts = try fields.strings("keywords").map { GlobPattern($0.text) }
        for (text, node) in try fields.strings("match_types") {
            guard let matchType = MatchType(platformName: text) else {
                throw fields.error(node, "unknown match type '\(text)' (use broad, phrase or exact)")
            }
            scope.matchTypes.insert(matchType)
        }
        return scope
    }

    private func limits(_ fields: YAMLFields) throws(RuleFileError) -> BidLimits {
        let defaults = BidLimits()
        let limits = BidLimits(
            minBid: try fields.money("min_bid") ?? defaults.minBid,
            maxBid: try fields.money("max_bid") ?? defaults.maxBid,
            maxRaise: try fields.percent("max_raise") ?? defaults.maxRaise,
            maxLower: try fields.percent("max_lower") ?? defaults.maxLower,
            minClicks: Int64(try fields.int("min_clicks", in: 0...1_000_000_000) ?? Int(defaults.minClicks)),
            minImpressions: Int64(
                try fields.int("min_impressions", in: 0...1_000_000_000) ?? Int(defaults.minImpressions)),
            bidStep: try fields.money("bid_step") ?? defaults.bidStep)
        guard limits.minBid <= limits.maxBid else {
            throw RuleFileError(
                fileName: fileName, location: fields.location, reason: "'min_bid' is above 'max_bid'")
        }
        guard limits.maxLower < 1 else {
            throw fields.error(fields.node("max_lower")!, "'max_lower' must be below 100%")
        }
        guard limits.bidStep > .zero else {
            throw fields.error(fields.node("bid_step")!, "'bid_step' must be positive")
        }
        return limits
    }

    private func estimation(_ fields: YAMLFields, lookback: LookbackWindows) throws(RuleFileError)
        -> EstimationSettings
    {
        var settings = EstimationSettings()
        if let pooling = try fields.section(
            "pooling",
            allowed: [
                "prior_strength", "min_prior_strength",
                "max_prior_strength",
            ])
        {
            var strength: Double?
            if let (text, _) = try pooling.scalar("prior_strength"), text != "auto" {
                strength = try pooling.number("prior_strength")
            }
            settings.pooling = PoolingSettings(
                priorStrength: strength, minPriorStrength: try pooling.number("min_prior_strength") ?? 10,
                maxPriorStrength: try pooling.number("max_prior_strength") ?? 5_000)
        }
        if let lag = try fields.section("conversion_lag", allowed: ["estimate", "mean_days", "mature_after_days"]) {
            let mature = try lag.int("mature_after_days", in: 1...365) ?? min(30, lookback.conversionRateDays / 2)
            guard mature < lookback.conversionRateDays else {
                throw lag.error(
                    lag.node("mature_after_days")!,
                    "'mature_after_days' must be shorter than the "
                        + "conversion-rate look-back (\(lookback.conversionRateDays) days)")
            }
            settings.conversionLag = ConversionLagSettings(
                estimate: try lag.bool("estimate") ?? true, meanDays: try lag.number("mean_days") ?? 1,
                matureAfterDays: mature)
        }
        if let node = fields.node("drop_detection"), node.scalar?.string == "off" || node.scalar?.string == "false" {
            settings.dropDetection = nil
        } else if let drop = try fields.section(
            "drop_detection", allowed: ["level", "drop", "threshold", "burn_in_days"])
        {
            let defaults = DropDetectionSettings()
            var level = defaults.level
            if let (text, node) = try drop.scalar("level") {
                guard let parsed = DropDetectionSettings.Level(rawValue: text) else {
                    throw drop.error(node, "'level' must be ad_group or campaign")
                }
                level = parsed
            }
            let size = try drop.percent("drop") ?? defaults.drop
            guard size > 0, size < 1 else { throw drop.error(drop.node("drop")!, "'drop' must be between 0% and 100%") }
            settings.dropDetection = DropDetectionSettings(
                level: level, drop: size, threshold: try drop.number("threshold") ?? defaults.threshold,
                burnInDays: try drop.int("burn_in_days", in: 1...365) ?? defaults.burnInDays)
        }
        return settings
    }

    private func dayRange(_ fields: YAMLFields, section: String) throws(RuleFileError) -> DayRange {
        let first = try fields.day("from", in: section)
        let last = try fields.day("to", in: section)
        guard first <= last else {
            throw RuleFileError(
                fileName: fileName, location: fields.location, reason: "\(section) ends before it starts")
        }
        return DayRange(first: first, last: last)
    }

    private static let actionKeys = ["set", "adjust", "cap", "floor", "hold"]

    private func rule(_ node: Node) throws(RuleFileError) -> ConditionalRule {
        let fields = try YAMLFields(
            node, fileName: fileName, section: "a rule", allowed: ["name", "when"] + Self.actionKeys)
        let name = try fields.requiredString("name", in: "a rule")
        guard let (conditionText, conditionNode) = try fields.scalar("when") else {
            throw RuleFileError(fileName: fileName, location: fields.location, reason: "rule '\(name)' needs 'when'")
        }
        let condition = try compile(conditionText, node: conditionNode, expecting: .boolean)
        let actions = Self.actionKeys.filter(fields.contains)
        guard actions.count == 1, let key = actions.first else {
            throw RuleFileError(
                fileName: fileName, location: fields.location,
                reason: "rule '\(name)' needs exactly one action of \(Self.actionKeys.joined(separator: ", "))")
        }
        let action: ConditionalRule.Action
        if key == "hold" {
            guard try fields.bool("hold") == true else {
                throw fields.error(fields.node("hold")!, "'hold' can only be true")
            }
            action = .hold
        } else {
            let (text, valueNode) = try fields.scalar(key)!
            let amount = try compile(text, node: valueNode, expecting: .number)
            switch key {
            case "set": action = .set(amount)
            case "adjust": action = .adjust(amount)
            case "cap": action = .cap(amount)
            default: action = .floor(amount)
            }
        }
        return ConditionalRule(
            name: name, conditionText: conditionText, condition: condition, action: action, location: fields.location)
    }

    /// Parses an expression held in a YAML scalar and reports errors at their position in the file.
    private func compile(_ text: String, node: Node, expecting type: ExpressionSchema.ValueType)
        throws(RuleFileError) -> CompiledExpression
    {
        let origin = expressionOrigin(node)
        do throws(ExpressionError) {
            let compiled = try Expression.parse(text).compile(against: KeywordMetric.schema)
            guard compiled.resultType == type else {
                throw ExpressionError(
                    .typeMismatch(
                        type == .boolean
                            ? "'when' needs a condition such as 'clicks > 100', not a number"
                            : "an action needs an amount, not a condition"),
                    at: .start)
            }
            return compiled
        } catch {
            throw RuleFileError(fileName: fileName, location: error.location.offset(by: origin), reason: error.reason)
        }
    }

    /// Where the scalar's text starts: after the quote for quoted styles, on the next line for block styles.
    private func expressionOrigin(_ node: Node) -> SourceLocation {
        let mark = YAMLFields.location(of: node)
        switch node.scalar?.style {
        case .singleQuoted?, .doubleQuoted?: return SourceLocation(line: mark.line, column: mark.column + 1)
        case .literal?, .folded?: return SourceLocation(line: mark.line + 1, column: mark.column)
        default: return mark
        }
    }
}
