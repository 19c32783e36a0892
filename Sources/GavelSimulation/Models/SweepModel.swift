/// How one kind of scenario (`kind: search`, `display`, `replay`) reads its inputs and turns the settings of
/// a grid point into a job.
protocol SweepModel {
    /// Top-level settings of this kind; every one can also be a grid axis.
    static var settingNames: [String] { get }
    /// Top-level blocks and inputs read once for the whole sweep (the market, a log): not sweepable.
    static var fixedNames: [String] { get }
    /// Settings that may instead be a block, which `init(root:directory:)` reads (search's `strategy: {rules: …}`).
    static var blockSettingNames: [String] { get }
    static var defaultRepetitions: Int { get }
    /// What the chart plots against cost by default.
    static var defaultChartMetric: SweepMetric { get }

    /// Reads the fixed blocks; paths are relative to `directory`, the scenario file's folder.
    init(root: YAMLMapping, directory: String) throws(ScenarioFileError)

    /// The job of one grid point.
    func job(_ settings: SettingTable, seed: UInt64) throws(ScenarioFileError) -> PointJob
}

extension SweepModel {
    static var blockSettingNames: [String] { [] }

    /// The pacer named by `pacing`, with its steps.
    static func pacing(_ settings: SettingTable) throws(ScenarioFileError) -> PacingSetting {
        let kinds = PacingSetting.Kind.allCases.map { (name: $0.rawValue, value: $0) }
        return PacingSetting(
            kind: try settings["pacing"]?.choice(kinds) ?? .none,
            throttlingStep: try settings["throttling_step"]?.positiveNumber() ?? PacingSetting.defaultThrottlingStep,
            dualStep: try settings["dual_step"]?.positiveNumber() ?? PacingSetting.defaultDualStep
        )
    }

    static var pacingNames: [String] { ["pacing", "throttling_step", "dual_step"] }
}
