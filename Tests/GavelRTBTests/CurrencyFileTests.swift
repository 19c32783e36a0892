import Foundation
import GavelCore
import Testing

@testable import GavelRTB

/// `currencies.yaml`: the rates `gavel serve` converts floors and bids with, and the errors a
/// mistyped file gets (file, line, column, what was expected).
@Suite struct CurrencyFileTests {
    static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Rules/rtb/currencies.yaml").standardized

    @Test func theShippedFileConvertsThroughTheBase() throws {
        let table = try CurrencyFile.parse(
            yaml: String(contentsOf: Self.shipped, encoding: .utf8), fileName: "currencies.yaml")
        #expect(table.base == "USD")
        // €0.92 = $1.00 at EUR 0.92; £0.79 = €0.92 through the dollar.
        #expect(table.convert(Micros(920_000), from: "EUR", to: "USD") == Micros(1_000_000))
        #expect(table.convert(Micros(790_000), from: "gbp", to: "EUR") == Micros(920_000))
        #expect(table.convert(Micros(1_000_000), from: "USD", to: "JPY") == Micros(151_200_000))
        #expect(table.knows("CHF") && !table.knows("SEK"))
    }

    @Test func baseDefaultsToDollarsAndCodesAreUpperCased() throws {
        let table = try CurrencyFile.parse(yaml: "rates:\n  eur: 0.5\n", fileName: "f.yaml")
        #expect(table.base == "USD")
        #expect(table.convert(Micros(1_000_000), from: "USD", to: "EUR") == Micros(500_000))
    }

    @Test(arguments: [
        ("", "f.yaml:1:1: the currency file is empty"),
        ("base: USD\n", "f.yaml:1:1: the currency file needs 'rates'"),
        ("base: USD\nrates: [EUR]\n", "f.yaml:2:8: 'rates' must map currency codes to rates"),
        ("rates:\n  EURO: 0.9\n", "f.yaml:2:3: 'EURO' is not a currency code"),
        ("rates:\n  EUR: -0.9\n", "f.yaml:2:8: the rate of EUR must be a positive number (units per 1 USD)"),
        ("rates:\n  EUR: lots\n", "f.yaml:2:8: the rate of EUR must be a positive number"),
        ("base: EUR\nrates:\n  EUR: 0.9\n", "f.yaml:3:8: the base currency EUR has rate 1 by definition, not 0.9"),
        ("base: euro\nrates: {}\n", "f.yaml:1:7: 'euro' is not a currency code"),
        ("base: USD\nrate:\n  EUR: 0.9\n", "f.yaml:2:1: unknown key 'rate' in the currency file (known: base, rates)"),
        ("rates:\n  EUR: 0.9\n  EUR: 0.8\n", "f.yaml:"),
    ])
    func mistakesNameTheirPlace(yaml: String, message: String) {
        #expect {
            _ = try CurrencyFile.parse(yaml: yaml, fileName: "f.yaml")
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }
}
