import Foundation
import GavelReports
import PropertyBased
import Testing

/// No byte sequence may trap the importer: every input either reads or throws a ``ReportError``.
@Suite struct FuzzTests {
    /// Reads `bytes`, recording an issue for any error that is not a ``ReportError``.
    private func readsOrThrowsReportError(_ bytes: [UInt8]) {
        do {
            _ = try ReportReader.read(bytes, fileName: "fuzz.csv", defaultAccount: "A") { _ in }
        } catch is ReportError {
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    private static let fixtures = [
        "google-search-keywords.csv", "google-search-keywords-excel.csv", "google-search-keywords-daily.csv",
        "microsoft-keyword-performance.csv", "microsoft-bulk.csv", "generic.csv",
    ]

    /// Bytes that matter to the parsers, so random input reaches deep paths, not only the detector.
    private static let alphabet: [UInt8] =
        Array("\",\t\r\n-.%<>[] 0123456789KeywordCampaignAd groupImpr.ClicksCost".utf8)
        + [0x00, 0xFF, 0xFE, 0xEF, 0xBB, 0xBF, 0xC2, 0xA0, 0xD8, 0xDC]

    @Test func randomBytesNeverTrap() async {
        await propertyCheck(count: 300, input: Gen.uint8(in: 0...255).array(of: 0...300)) { bytes in
            readsOrThrowsReportError(bytes)
        }
    }

    @Test func randomReportAlphabetNeverTraps() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0..<Self.alphabet.count).array(of: 0...400)) { picks in
            readsOrThrowsReportError(picks.map { Self.alphabet[$0] })
        }
    }

    @Test func truncatedFixturesNeverTrap() throws {
        for name in Self.fixtures {
            let bytes = try Fixture.bytes(name)
            for length in 0...bytes.count { readsOrThrowsReportError(Array(bytes.prefix(length))) }
        }
    }

    @Test func mutatedFixturesNeverTrap() async throws {
        let all = try Self.fixtures.map(Fixture.bytes)
        let mutation = Gen.int(in: 0..<all.count)
        await propertyCheck(
            count: 400, input: mutation, Gen.int(in: 0...10_000).array(of: 1...6), Gen.uint8(in: 0...255).array(of: 6)
        ) { which, positions, values in
            var bytes = all[which]
            for (position, value) in zip(positions, values) {
                let index = position % bytes.count
                if value % 3 == 0 {
                    bytes.remove(at: index)
                } else {
                    bytes[index] = Self.alphabet[Int(value) % Self.alphabet.count]
                }
            }
            readsOrThrowsReportError(bytes)
        }
    }
}
