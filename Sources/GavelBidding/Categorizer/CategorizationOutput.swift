public import GavelCore

/// A finished categorization with what produced it, written as a Google Ads Editor label import or as JSON.
///
/// Both writers stream in chunks through `sink`, so a million keywords never become one giant string.
public struct CategorizationOutput: Sendable {
    /// The database or report file the figures came from.
    public var source: String
    /// The days the figures cover; a download's stated period, or `nil` when unknown.
    public var period: DayRange?
    public var collected: CollectedKeywords
    public var categorization: Categorization
    public var settings: CategorizerSettings

    public init(
        source: String, period: DayRange?, collected: CollectedKeywords, categorization: Categorization,
        settings: CategorizerSettings
    ) {
        self.source = source
        self.period = period
        self.collected = collected
        self.categorization = categorization
        self.settings = settings
    }

    /// The Google Ads Editor header: Editor matches keywords on campaign, ad group, text and match type.
    public static let editorHeader = "Campaign,Ad group,Keyword,Criterion Type,Labels"

    /// One line per keyword: its labels separated by `;`, as Editor lists several values in one cell.
    /// - Precondition: segments are combined; labels belong to keywords, not to devices.
    public func writeEditorLabels(chunkSize: Int = 1 << 16, to sink: (String) -> Void) {
        precondition(collected.segmentation == .combined, "Editor labels belong to keywords, not device segments")
        let names = LabelNames(settings)
        var buffer = Self.editorHeader + "\n"
        for (segment, keyword) in zip(collected.segments, categorization.labels) {
            let identity = segment.identity
            buffer += CSVField.quoted(identity.campaign)
            buffer += ","
            buffer += CSVField.quoted(identity.adGroup)
            buffer += ","
            buffer += CSVField.quoted(identity.text)
            buffer += ","
            buffer += identity.matchType.editorName
            buffer += ","
            var cell = ""
            names.forEach(of: keyword) { label in
                if !cell.isEmpty { cell += ";" }
                cell += label
            }
            buffer += CSVField.quoted(cell)
            buffer += "\n"
            if buffer.utf8.count >= chunkSize {
                sink(buffer)
                buffer = ""
            }
        }
        sink(buffer)
    }

    /// The summary (per category, sub-category and saved filter: keywords and metrics), then every keyword with
    /// its figures and labels. Money is in currency units; shares are fractions; unknown values are `null`.
    public func writeJSON(chunkSize: Int = 1 << 16, to sink: (String) -> Void) {
        var json = JSONText()
        let names = LabelNames(settings)
        let whole = categorization.total
        json.open("{")
        json.key("source", string: source)
        if let period {
            json.key("period")
            json.open("{")
            json.key("first_day", string: period.first.description)
            json.key("last_day", string: period.last.description)
            json.close("}")
        } else {
            json.key("period", raw: "null")
        }
        json.key("segmentation", string: collected.segmentation.rawValue)
        json.key("filters_file", string: settings.fileName)
        json.key("notes")
        json.open("{")
        json.key("keywords_with_device_segments", number: Double(collected.notes.keywordsWithDeviceSegments))
        json.key("rows_outside_window", number: Double(collected.notes.rowsOutsideWindow))
        json.key("rows_duplicating_unsegmented", number: Double(collected.notes.rowsDuplicatingUnsegmented))
        json.close("}")
        json.key("targets")
        json.open("{")
        let targets = categorization.targets
        json.key("cpa", number: targets.cpa?.value.units)
        json.key("cpa_source", string: targets.cpa?.source.rawValue)
        json.key("roas", number: targets.roas?.value)
        json.key("roas_source", string: targets.roas?.source.rawValue)
        json.key("cpc", number: targets.cpc?.value.units)
        json.key("cpc_source", string: targets.cpc?.source.rawValue)
        json.close("}")
        json.key("totals")
        group(&json, whole, whole: whole)
        json.key("categories")
        json.open("[")
        for category in KeywordCategory.allCases {
            group(&json, categorization.category(category), whole: whole, name: category.name)
        }
        json.close("]")
        json.key("sub_categories")
        json.open("[")
        for subCategory in KeywordSubCategory.allCases {
            group(&json, categorization.subCategory(subCategory), whole: whole, name: subCategory.name)
        }
        json.close("]")
        json.key("saved_filters")
        json.open("[")
        for (index, filter) in settings.savedFilters.enumerated() {
            group(&json, categorization.savedFilters[index], whole: whole, name: filter.name) { json in
                json.key("when", string: filter.conditionText)
                json.key("action", string: filter.action)
            }
        }
        json.close("]")
        json.key("keywords")
        json.open("[")
        for (position, segment) in collected.segments.enumerated() {
            keyword(&json, segment, collected.performances[position].totals, categorization.labels[position], names)
            if json.text.utf8.count >= chunkSize { sink(json.take()) }
        }
        json.close("]")
        json.close("}")
        sink(json.take() + "\n")
    }

    private func group(
        _ json: inout JSONText, _ group: GroupTotals, whole: GroupTotals, name: String? = nil,
        extra: (inout JSONText) -> Void = { _ in }
    ) {
        json.open("{")
        if let name {
            json.key("name", string: name)
            json.key("label", string: settings.labels.label(name))
        }
        extra(&json)
        json.key("keywords", number: Double(group.keywords))
        metrics(&json, group.totals)
        json.key("share_of_spend", number: group.shareOfSpend(of: whole))
        json.close("}")
    }

    private func metrics(_ json: inout JSONText, _ totals: PerformanceTotals) {
        json.key("impressions", number: Double(totals.impressions))
        json.key("clicks", number: Double(totals.clicks))
        json.key("cost", money: totals.cost)
        json.key("conversions", number: totals.conversions)
        json.key("conversion_value", money: totals.conversionValue)
        json.key("cpa", money: totals.cpa)
        json.key("roas", number: totals.roas)
    }

    private func keyword(
        _ json: inout JSONText, _ segment: KeywordSegment, _ totals: PerformanceTotals, _ labels: KeywordLabels,
        _ names: LabelNames
    ) {
        let identity = segment.identity
        json.open("{")
        json.key("account", string: identity.account)
        json.key("campaign", string: identity.campaign)
        json.key("ad_group", string: identity.adGroup)
        json.key("keyword", string: identity.text)
        json.key("match_type", string: identity.matchType.rawValue)
        if collected.segmentation == .perDevice { json.key("device", string: segment.device.rawValue) }
        json.key("category", string: labels.category.name)
        json.key("labels")
        json.open("[")
        names.forEach(of: labels) { json.value(string: $0) }
        json.close("]")
        metrics(&json, totals)
        json.close("}")
    }
}

/// Every label name of a run, built once: writing a million keywords then only appends ready strings.
struct LabelNames {
    private let categories: [String]
    private let subCategories: [String]
    private let savedFilters: [String]

    init(_ settings: CategorizerSettings) {
        categories = KeywordCategory.allCases.map { settings.labels.label($0.name) }
        subCategories = KeywordSubCategory.allCases.map { settings.labels.label($0.name) }
        savedFilters = settings.savedFilters.map { settings.labels.label($0.name) }
    }

    /// In ``LabelNaming/labels(of:savedFilters:)`` order: category, sub-categories, saved filters.
    func forEach(of keyword: KeywordLabels, _ body: (String) -> Void) {
        body(categories[keyword.category.rawValue])
        for subCategory in KeywordSubCategory.allCases where keyword.has(subCategory) {
            body(subCategories[subCategory.rawValue])
        }
        var bits = keyword.savedFilterBits
        while bits != 0 {
            body(savedFilters[bits.trailingZeroBitCount])
            bits &= bits - 1
        }
    }
}

/// RFC 4180 quoting, only where a field needs it.
enum CSVField {
    static func quoted(_ text: String) -> String {
        let needsQuotes = text.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r")
        }
        guard needsQuotes else { return text }
        var escaped = "\""
        for character in text {
            if character == "\"" { escaped += "\"\"" } else { escaped.append(character) }
        }
        return escaped + "\""
    }
}

/// Just enough JSON writing for streaming: commas are placed by tracking whether a container is still empty.
struct JSONText {
    private(set) var text = ""
    private var needsComma = false

    mutating func take() -> String {
        defer { text = "" }
        return text
    }

    mutating func open(_ bracket: String) {
        separate()
        text += bracket
        needsComma = false
    }

    mutating func close(_ bracket: String) {
        text += bracket
        needsComma = true
    }

    mutating func key(_ name: String) {
        separate()
        Self.appendString(name, to: &text)
        text += ":"
        needsComma = false
    }

    mutating func key(_ name: String, raw: String) {
        key(name)
        text += raw
        needsComma = true
    }

    mutating func key(_ name: String, string: String?) {
        key(name)
        if let string { Self.appendString(string, to: &text) } else { text += "null" }
        needsComma = true
    }

    mutating func key(_ name: String, number: Double?) {
        key(name, raw: number.map(Self.number) ?? "null")
    }

    /// Money exactly, as a decimal with up to six places.
    mutating func key(_ name: String, money: Micros?) {
        key(name, raw: money.map(Self.money) ?? "null")
    }

    mutating func value(string: String) {
        separate()
        Self.appendString(string, to: &text)
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { text += "," }
    }

    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func money(_ amount: Micros) -> String {
        var text = amount.formatted(decimals: 6)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    static func appendString(_ string: String, to text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
