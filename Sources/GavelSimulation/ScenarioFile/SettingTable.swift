/// The top-level settings in force at one grid point: the file's values with the point's grid values laid over.
struct SettingTable {
    let file: String
    /// Where "needs a key" errors point: the top of the file.
    let location: SourceLocation
    private(set) var values: [String: Setting]

    init(file: String, location: SourceLocation, values: [String: Setting]) {
        self.file = file
        self.location = location
        self.values = values
    }

    /// The table with each grid value replacing the setting it sweeps.
    func overriding(with gridValues: [Setting]) -> SettingTable {
        var table = self
        for value in gridValues { table.values[value.key] = value }
        return table
    }

    subscript(key: String) -> Setting? { values[key] }

    func required(_ key: String, because reason: String) throws(ScenarioFileError) -> Setting {
        guard let setting = values[key] else {
            throw ScenarioFileError(file: file, location: location, reason: "the scenario needs '\(key)' \(reason)")
        }
        return setting
    }
}
