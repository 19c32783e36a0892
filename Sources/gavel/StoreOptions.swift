import ArgumentParser
import GavelStore
import Logging

/// Options every command that reads or writes the history shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database holding the keyword history (created if missing).")
    var db: String = "gavel.db"

    @Flag(name: .long, help: "Log what the store does to standard error.")
    var verbose = false

    func openStore() throws -> HistoryStore {
        var logger = Logger(label: "gavel")
        logger.logLevel = verbose ? .info : .warning
        return try HistoryStore(path: db, logger: logger)
    }
}

/// Output formats for machine-readable reports.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
}
