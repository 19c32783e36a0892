import ArgumentParser

/// The `gavel` command: one engine for nightly bid jobs, keyword filters, auction simulation and RTB.
@main
struct Gavel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gavel",
        abstract: "Open, explainable bid management for search and programmatic ads.",
        discussion: """
            Gavel keeps keyword performance history in a local SQLite database (default: gavel.db) and turns it \
            into reviewed, explained bid changes.

            Start with a demo market:
              gavel generate --keywords 5000 --days 90 --seed 7
              gavel stats
            Or import your own report downloads:
              gavel import "Search keyword report.csv" --account "My Shop"
            """,
        version: "0.1.0",
        subcommands: [
            GenerateCommand.self, ImportCommand.self, StatsCommand.self, BidCommand.self, CategorizeCommand.self,
            SimulateCommand.self, ServeCommand.self,
        ]
    )
}
