import GavelCore
import Yams

extension CategorizerSettings {
    /// Parses and checks a filters file; nothing is returned unless every part is valid.
    ///
    /// - Parameters:
    ///   - yaml: The file's text (the caller reads the file, so this module stays free of I/O).
    ///   - fileName: Used in error messages: `fileName:line:column: reason`.
    /// - Throws: ``RuleFileError`` for YAML syntax, unknown keys (with the nearest valid key), bad values, and saved
    ///   filters that do not parse or name an unknown metric or category (with the nearest valid name).
    public static func parse(yaml: String, fileName: String) throws(RuleFileError) -> CategorizerSettings {
        let root = try RuleSetParser.compose(yaml, fileName: fileName, kind: "filters file")
        return try CategorizerSettingsParser(fileName: fileName).settings(from: root)
    }

    /// The shipped `Rules/filters.yaml`, for runs where no filters file is at hand (a quick look at a download in
    /// any folder). A test keeps this copy identical to the file.
    public static var builtIn: CategorizerSettings {
        // The built-in text is tested to parse, so a failure here is a programming error.
        do { return try parse(yaml: builtInYAML, fileName: "built-in Rules/filters.yaml") } catch {
            preconditionFailure("\(error)")
        }
    }
}

/// Reads the sections of a filters file; the format is documented in Docs/filters.md.
struct CategorizerSettingsParser {
    let fileName: String

    func settings(from root: Node) throws(RuleFileError) -> CategorizerSettings {
        let top = try YAMLFields(
            root, fileName: fileName, section: "the filters file",
            allowed: [
                "label_prefix", "targets", "high_volume", "inefficient", "low_quality_score", "low_position",
                "saved_filters",
            ])
        var settings = CategorizerSettings(fileName: fileName)
        if let (prefix, node) = try top.scalar("label_prefix") {
            guard !prefix.contains(";") else {
                throw top.error(node, "'label_prefix' cannot hold ';', which separates labels in Google Ads Editor")
            }
            settings.labels = LabelNaming(prefix: prefix)
        }
        if let targets = try section(top, "targets", allowed: ["cpa", "roas", "cpc"]) {
            settings.targets = CategorizerTargets(
                cpa: try positive(targets, "cpa") { fields, key throws(RuleFileError) in try fields.money(key) },
                roas: try positive(targets, "roas") { fields, key throws(RuleFileError) in try fields.percent(key) },
                cpc: try positive(targets, "cpc") { fields, key throws(RuleFileError) in try fields.money(key) })
        }
        if let volume = try section(
            top, "high_volume", allowed: ["top_share", "min_conversions", "min_clicks", "min_impressions"])
        {
            let share = try switchable(volume, "top_share", default: settings.highVolume.topShare) {
                fields, key throws(RuleFileError) in try fields.percent(key)
            }
            if let share, share <= 0 || share > 1 {
                throw volume.error(volume.node("top_share")!, "'top_share' must be above 0% and at most 100%")
            }
            settings.highVolume = HighVolumeSettings(
                topShare: share,
                minConversions: try positive(volume, "min_conversions") { fields, key throws(RuleFileError) in
                    try fields.number(key)
                },
                minClicks: try volume.int("min_clicks", in: 1...Int(Int32.max)).map(Int64.init),
                minImpressions: try volume.int("min_impressions", in: 1...Int(Int32.max)).map(Int64.init))
        }
        if let inefficient = try section(top, "inefficient", allowed: ["cpa_above", "cpc_above", "roas_below"]) {
            let defaults = settings.inefficiency
            func factor(_ key: String, _ fallback: Double?) throws(RuleFileError) -> Double? {
                try switchable(inefficient, key, default: fallback) { fields, key throws(RuleFileError) in
                    try fields.percent(key)
                }
            }
            settings.inefficiency = InefficiencySettings(
                cpaAbove: try factor("cpa_above", defaults.cpaAbove),
                cpcAbove: try factor("cpc_above", defaults.cpcAbove),
                roasBelow: try factor("roas_below", defaults.roasBelow))
        }
        if let quality = try section(top, "low_quality_score", allowed: ["at_most"]) {
            settings.lowQualityScoreAtMost = try switchable(
                quality, "at_most", default: settings.lowQualityScoreAtMost
            ) { fields, key throws(RuleFileError) in try fields.int(key, in: 1...10) }
        }
        if let position = try section(
            top, "low_position",
            allowed: ["top_impression_rate_below", "abs_top_impression_rate_below", "average_position_above"])
        {
            let defaults = settings.lowPosition
            settings.lowPosition = LowPositionSettings(
                topImpressionRateBelow: try switchable(
                    position, "top_impression_rate_below", default: defaults.topImpressionRateBelow
                ) { fields, key throws(RuleFileError) in try fields.percent(key) },
                absoluteTopImpressionRateBelow: try switchable(
                    position, "abs_top_impression_rate_below", default: defaults.absoluteTopImpressionRateBelow
                ) { fields, key throws(RuleFileError) in try fields.percent(key) },
                averagePositionAbove: try switchable(
                    position, "average_position_above", default: defaults.averagePositionAbove
                ) { fields, key throws(RuleFileError) in try fields.number(key, atLeast: 1) })
        }
        for node in try top.list("saved_filters") {
            let filter = try savedFilter(node)
            if let earlier = settings.savedFilters.first(where: { $0.name == filter.name }) {
                throw RuleFileError(
                    fileName: fileName, location: filter.location,
                    reason: "saved filter '\(filter.name)' is already declared at \(earlier.location)")
            }
            settings.savedFilters.append(filter)
        }
        if settings.savedFilters.count > CategorizerSettings.maximumSavedFilters {
            throw RuleFileError(
                fileName: fileName, location: settings.savedFilters[CategorizerSettings.maximumSavedFilters].location,
                reason: "at most \(CategorizerSettings.maximumSavedFilters) saved filters")
        }
        return settings
    }

    /// A section, or `nil` when it is absent or left empty (every key commented out keeps the defaults).
    private func section(_ top: YAMLFields, _ key: String, allowed: [String]) throws(RuleFileError) -> YAMLFields? {
        if let scalar = top.node(key)?.scalar, ["", "~", "null"].contains(scalar.string) { return nil }
        return try top.section(key, allowed: allowed)
    }

    /// A value that may be written `off` to turn its check off; absent keeps `fallback`.
    private func switchable<Value>(
        _ fields: YAMLFields, _ key: String, default fallback: Value?,
        _ read: (YAMLFields, String) throws(RuleFileError) -> Value?
    ) throws(RuleFileError) -> Value? {
        guard let (text, _) = try fields.scalar(key) else { return fallback }
        if text == "off" { return nil }
        return try read(fields, key)
    }

    /// An optional value that must be above zero when given.
    private func positive<Value: Comparable & AdditiveArithmetic>(
        _ fields: YAMLFields, _ key: String, _ read: (YAMLFields, String) throws(RuleFileError) -> Value?
    ) throws(RuleFileError) -> Value? {
        guard let value = try read(fields, key) else { return nil }
        guard value > .zero else { throw fields.error(fields.node(key)!, "'\(key)' must be above zero") }
        return value
    }

    private static let reservedNames = Set(
        KeywordCategory.allCases.flatMap { [$0.name, LabelNaming(prefix: "").label($0.name)] }
            + KeywordSubCategory.allCases.flatMap { [$0.name, LabelNaming(prefix: "").label($0.name)] })

    private func savedFilter(_ node: Node) throws(RuleFileError) -> SavedFilter {
        let fields = try YAMLFields(
            node, fileName: fileName, section: "a saved filter", allowed: ["name", "when", "action"])
        let name = try fields.requiredString("name", in: "a saved filter")
        let nameNode = fields.node("name")!
        guard !name.isEmpty, name.unicodeScalars.allSatisfy(Self.isNameScalar) else {
            throw fields.error(nameNode, "a saved filter's name may hold letters, digits, '-' and '_' only")
        }
        guard !Self.reservedNames.contains(name) else {
            throw fields.error(nameNode, "'\(name)' is a category or sub-category; name the filter differently")
        }
        guard let (conditionText, conditionNode) = try fields.scalar("when") else {
            throw RuleFileError(
                fileName: fileName, location: fields.location, reason: "saved filter '\(name)' needs 'when'")
        }
        let condition = try fields.compileExpression(
            conditionText, node: conditionNode, schema: CategorizerSettings.schema, expecting: .boolean,
            what: "'when' needs a condition such as 'clicks_no_conversions and cost > 50', not a number")
        return SavedFilter(
            name: name, conditionText: conditionText, condition: condition,
            action: try fields.requiredString("action", in: "saved filter '\(name)'"), location: fields.location)
    }

    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || scalar == "-" || scalar == "_"
    }
}

extension YAMLFields {
    /// Parses and compiles an expression held in a YAML scalar of this mapping, reporting errors at their position
    /// in the file (not in the scalar).
    ///
    /// - Parameter what: The message when the expression yields the wrong type (a number where a condition is due).
    func compileExpression(
        _ text: String, node: Node, schema: ExpressionSchema, expecting type: ExpressionSchema.ValueType,
        what: String
    ) throws(RuleFileError) -> CompiledExpression {
        let origin = Self.expressionOrigin(node)
        do throws(ExpressionError) {
            let compiled = try Expression.parse(text).compile(against: schema)
            guard compiled.resultType == type else { throw ExpressionError(.typeMismatch(what), at: .start) }
            return compiled
        } catch {
            throw RuleFileError(fileName: fileName, location: error.location.offset(by: origin), reason: error.reason)
        }
    }

    /// Where a scalar's text starts: after the quote for quoted styles, on the next line for block styles.
    static func expressionOrigin(_ node: Node) -> SourceLocation {
        let mark = location(of: node)
        switch node.scalar?.style {
        case .singleQuoted?, .doubleQuoted?: return SourceLocation(line: mark.line, column: mark.column + 1)
        case .literal?, .folded?: return SourceLocation(line: mark.line + 1, column: mark.column)
        default: return mark
        }
    }
}
