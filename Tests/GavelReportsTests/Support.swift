import Foundation
import GavelCore
import GavelReports

/// Reads fixture files and inline reports the way the importer will: bytes in, records out.
enum Fixture {
    static func bytes(_ name: String) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return [UInt8](try Data(contentsOf: url))
    }

    static func read(_ name: String, account: String = "Default") throws -> (facts: [Row], summary: ReportSummary) {
        try Report.read(bytes(name), fileName: name, account: account)
    }
}

/// A fact with its attributes, as the tests look at them.
struct Row {
    var fact: PerformanceFact
    var attributes: KeywordAttributes
}

enum Report {
    /// Reads `text` (UTF-8) as a file named `fileName`.
    static func read(_ text: String, fileName: String = "keywords.csv", account: String = "Default") throws
        -> (facts: [Row], summary: ReportSummary)
    {
        try read(Array(text.utf8), fileName: fileName, account: account)
    }

    static func read(_ bytes: [UInt8], fileName: String, account: String) throws
        -> (facts: [Row], summary: ReportSummary)
    {
        var rows: [Row] = []
        let summary = try ReportReader.read(bytes, fileName: fileName, defaultAccount: account) { record in
            if case .fact(let fact, let attributes) = record { rows.append(Row(fact: fact, attributes: attributes)) }
        }
        return (rows, summary)
    }

    /// The error reading `text` throws, or `nil` if it reads.
    static func error(_ text: String, fileName: String = "keywords.csv") -> ReportError? {
        do {
            _ = try read(text, fileName: fileName)
            return nil
        } catch let error as ReportError {
            return error
        } catch {
            return ReportError(file: "unexpected", line: 0, message: "\(error)")
        }
    }

    static func totals(_ rows: [Row]) -> PerformanceTotals {
        rows.reduce(into: PerformanceTotals.zero) { $0 += $1.fact.totals }
    }
}

func day(_ text: String) -> CalendarDay { CalendarDay(iso: text)! }

func range(_ first: String, _ last: String) -> DayRange { DayRange(first: day(first), last: day(last)) }

/// Bid simulation files as the importer reads them: one simulation per keyword.
enum Simulations {
    static func read(_ bytes: [UInt8], fileName: String = "simulations.csv", account: String = "Default") throws
        -> (simulations: [KeywordSimulation], summary: ReportSummary)
    {
        var simulations: [KeywordSimulation] = []
        let summary = try ReportReader.read(bytes, fileName: fileName, defaultAccount: account) { record in
            if case .simulation(let simulation) = record { simulations.append(simulation) }
        }
        return (simulations, summary)
    }

    static func read(_ text: String) throws -> (simulations: [KeywordSimulation], summary: ReportSummary) {
        try read(Array(text.utf8))
    }

    /// The error reading `text` throws, or `nil` if it reads.
    static func error(_ text: String) -> ReportError? {
        do {
            _ = try read(text)
            return nil
        } catch {
            return error as? ReportError ?? ReportError(file: "unexpected", line: 0, message: "\(error)")
        }
    }
}
