import Yams

/// The exchange rates `gavel serve` converts floors and bids with, as written in
/// `Rules/rtb/currencies.yaml`:
///
/// ```yaml
/// base: USD
/// rates:        # units of each currency per one unit of the base
///   EUR: 0.92
///   GBP: 0.79
/// ```
///
/// Why a file: exchanges quote floors in their publishers' currencies and may accept bids only in
/// theirs (`cur`), while campaigns price in their own. Without a rate the bidder cannot compare a
/// €0.50 floor with a $2 bid and has to pass; the rates come from whatever feed the team trusts,
/// so the file is the interface. Parsing is pure and all-or-nothing, as for campaign files.
public enum CurrencyFile {
    /// Its name in a campaign directory, where it is the one YAML file that is not a campaign.
    public static let fileName = "currencies.yaml"

    /// - Parameter fileName: used in error messages, `fileName:line:column: reason`.
    /// - Throws: ``CampaignFileError`` for YAML syntax, unknown keys, codes that are not three
    ///   letters, and rates that are not positive numbers.
    public static func parse(yaml: String, fileName: String) throws(CampaignFileError) -> CurrencyTable {
        let root = try YAMLReader.root(of: yaml, fileName: fileName, what: "the currency file")
        let file = try YAMLReader(root, fileName: fileName, section: "the currency file", allowed: ["base", "rates"])
        var base = "USD"
        if let (text, node) = try file.scalar("base") { base = try code(text, node: node, fileName: fileName) }
        guard let ratesNode = file.mapping["rates"] else { throw file.error(root, "the currency file needs 'rates'") }
        guard let rates = ratesNode.mapping else {
            throw file.error(ratesNode, "'rates' must map currency codes to rates, e.g. EUR: 0.92")
        }
        var perBase: [String: Double] = [:]
        for (key, value) in rates {
            let currency = try code(key.string ?? "", node: key, fileName: fileName)
            guard let text = value.scalar?.string, let rate = Double(text), rate.isFinite, rate > 0 else {
                throw file.error(value, "the rate of \(currency) must be a positive number (units per 1 \(base))")
            }
            if currency == base, rate != 1 {
                throw file.error(value, "the base currency \(base) has rate 1 by definition, not \(text)")
            }
            perBase[currency] = rate
        }
        return CurrencyTable(base: base, perBase: perBase)
    }

    /// An ISO 4217 code: three letters, upper-cased.
    private static func code(_ text: String, node: Node, fileName: String) throws(CampaignFileError) -> String {
        let letters = text.uppercased()
        guard letters.utf8.count == 3, letters.utf8.allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) })
        else {
            throw YAMLReader.error(
                node, fileName: fileName, "'\(text)' is not a currency code (three letters, e.g. EUR)")
        }
        return letters
    }
}
