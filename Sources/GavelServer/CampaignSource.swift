import Foundation
public import GavelRTB

/// The campaign directory (`Rules/rtb`), the optional first-party audience file and the optional
/// exchange-rate file on disk.
///
/// Every `*.yaml` / `*.yml` file directly in the directory is read, in name order, except
/// ``CurrencyFile/fileName``. Loading is all-or-nothing: one bad file fails the whole load with its
/// `file:line:column`, so the caller keeps serving the campaigns it has.
public struct CampaignSource: Sendable {
    public var directory: String
    public var audiencePath: String?
    /// Exchange rates (``CurrencyFile``); `nil`: campaigns bid only where no conversion is needed.
    public var currencyPath: String?

    public init(directory: String, audiencePath: String? = nil, currencyPath: String? = nil) {
        self.directory = directory
        self.audiencePath = audiencePath
        self.currencyPath = currencyPath
    }

    /// The campaign files, sorted by name.
    public func campaignFiles() throws(CampaignFileError) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw CampaignFileError(fileName: directory, reason: "cannot list the campaign directory: \(error)")
        }
        return names.filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && $0 != CurrencyFile.fileName }
            .sorted().map { (directory as NSString).appendingPathComponent($0) }
    }

    public func loadCampaigns() throws(CampaignFileError) -> [Campaign] {
        var files: [(fileName: String, campaigns: [Campaign])] = []
        for path in try campaignFiles() {
            files.append((path, try CampaignFile.parse(yaml: try Self.read(path), fileName: path)))
        }
        return try CampaignFile.combine(files)
    }

    public func loadAudiences() throws(CampaignFileError) -> AudienceBook {
        guard let audiencePath else { return AudienceBook() }
        return try AudienceBook(text: try Self.read(audiencePath), fileName: audiencePath)
    }

    /// The exchange rates, or a table that knows only US dollars when there is no file.
    public func loadCurrencies() throws(CampaignFileError) -> CurrencyTable {
        guard let currencyPath else { return CurrencyTable() }
        return try CurrencyFile.parse(yaml: try Self.read(currencyPath), fileName: currencyPath)
    }

    /// Names, sizes and modification times of every file loaded: a change in any means reload.
    public func fingerprint() -> [String] {
        let paths = ((try? campaignFiles()) ?? []) + [audiencePath, currencyPath].compactMap { $0 }
        return paths.map { path in
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
            return "\(path)|\(modified)|\(size)"
        }
    }

    static func read(_ path: String) throws(CampaignFileError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CampaignFileError(fileName: path, reason: "cannot read the file")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
