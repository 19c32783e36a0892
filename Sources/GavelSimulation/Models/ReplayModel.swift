import Foundation
import GavelAuction

/// `kind: replay` — a strategy replayed on a logged-auction file under the rlb-dp protocol.
///
/// The log is read once for the whole sweep. Costs are in the log's units (iPinYou: CNY fen per mille
/// summed per impression), and a click log has no conversions, so CPA and ROAS stay empty.
struct ReplayModel: SweepModel {
    static let settingNames =
        ["strategy", "b0", "c0", "episode", "max_bid", "win_rule", "budget_scope"] + pacingNames
    static let fixedNames = ["log", "info"]
    /// A replay without random pacing gives the same result on every seed.
    static let defaultRepetitions = 1
    static let defaultChartMetric = SweepMetric.clicks

    let inputs: ReplayInputs

    init(root: YAMLMapping, directory: String) throws(ScenarioFileError) {
        let log = try root.required("log")
        let info = try root.required("info")
        let logPath = try Self.existingPath(log, directory: directory)
        let infoPath = try Self.existingPath(info, directory: directory)
        do { inputs = try ReplayInputs(logPath: logPath, infoPath: infoPath) } catch {
            throw log.error("cannot replay: \(error)")
        }
    }

    /// Resolves `setting` against the scenario's folder and checks the file is there: the iPinYou log is
    /// not shipped with Gavel, so its absence is the common failure and gets a message saying so.
    private static func existingPath(_ setting: Setting, directory: String) throws(ScenarioFileError) -> String {
        let path =
            setting.text.hasPrefix("/")
            ? setting.text
            : URL(fileURLWithPath: directory).resolvingSymlinksInPath().appendingPathComponent(setting.text)
                .standardized.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw setting.error(
                "'\(setting.key)' file not found: \(setting.text) (looked for \(path); paths are relative to the "
                    + "scenario file). The iPinYou logs are not part of Gavel: see the header of this scenario for "
                    + "where to get them"
            )
        }
        return path
    }

    func job(_ settings: SettingTable, seed: UInt64) throws(ScenarioFileError) -> PointJob {
        let strategy: ReplayStrategy
        switch try settings["strategy"]?.choice(ReplayVocabulary.strategies) ?? .lin {
        case .lin:
            strategy = .linear(baseBid: try settings.required("b0", because: "for strategy lin").positiveNumber())
        case .mcpc: strategy = .mcpc
        }
        var maxBid: Int64? = 300
        if let setting = settings["max_bid"] {
            maxBid = setting.isNone ? nil : Int64(try setting.integer(in: 1...Int.max))
        }
        let rules = ReplayRules(
            episodeLength: try settings["episode"]?.integer(in: 1...Int.max) ?? 1000,
            budgetFraction: try settings.required("c0", because: "(the budget as a fraction of training cost)")
                .positiveNumber(),
            budgetScope: try settings["budget_scope"]?.choice(ReplayVocabulary.budgetScopes) ?? .perEpisode,
            maxBid: maxBid,
            winRule: try settings["win_rule"]?.choice(ReplayVocabulary.winRules) ?? .atLeast
        )
        return .replay(
            ReplayJob(
                replay: Replay(log: inputs.log, statistics: inputs.statistics, rules: rules),
                strategy: strategy.choice(statistics: inputs.statistics),
                pacing: try Self.pacing(settings)
            )
        )
    }
}
