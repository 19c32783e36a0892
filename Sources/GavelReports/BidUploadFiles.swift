public import GavelCore

/// A keyword's new max CPC, as an upload file needs it.
public struct BidUpload: Sendable, Hashable {
    public var keyword: KeywordIdentity
    public var attributes: KeywordAttributes
    public var newBid: Micros

    public init(keyword: KeywordIdentity, attributes: KeywordAttributes, newBid: Micros) {
        self.keyword = keyword
        self.attributes = attributes
        self.newBid = newBid
    }
}

/// Files the ad platforms' own bulk tools import, so a reviewed run goes live without retyping.
public enum BidUploadFiles {
    /// Google Ads Editor's CSV import (`Account > Import > From file`): keywords are matched by
    /// campaign, ad group, keyword text and criterion type, and only `Max CPC` changes.
    public static func googleAdsEditor(_ uploads: [BidUpload]) -> String {
        var csv = CSVText(
            header: ["Campaign", "Ad group", "Keyword", "Criterion Type", "Max CPC"], reservingRows: uploads.count)
        for upload in uploads {
            csv.append(upload.keyword.campaign)
            csv.append(upload.keyword.adGroup)
            csv.append(upload.keyword.text)
            csv.append(upload.keyword.matchType.editorName)
            csv.append(upload.newBid.formatted(decimals: 2))
            csv.endRow()
        }
        return csv.text
    }

    /// The Microsoft Advertising bulk file: a `Format Version` row, then one `Keyword` record per
    /// change. Keywords with a known `Id` / `Parent Id` (from an imported bulk file or report) are
    /// updated by id; the others by campaign, ad group, text and match type.
    public static func microsoftBulk(_ uploads: [BidUpload]) -> String {
        let header = [
            "Type", "Status", "Id", "Parent Id", "Campaign", "Ad Group", "Client Id", "Modified Time", "Name",
            "Keyword", "Match Type", "Bid",
        ]
        var csv = CSVText(header: header, reservingRows: uploads.count + 1)
        csv.appendRow(["Format Version", "", "", "", "", "", "", "", "6.0", "", "", ""])
        for upload in uploads {
            csv.append("Keyword")
            csv.append("")
            csv.append(upload.attributes.platformKeywordID ?? "")
            csv.append(upload.attributes.platformAdGroupID ?? "")
            csv.append(upload.keyword.campaign)
            csv.append(upload.keyword.adGroup)
            for _ in 0..<3 { csv.append("") }
            csv.append(upload.keyword.text)
            csv.append(upload.keyword.matchType.editorName)
            csv.append(upload.newBid.formatted(decimals: 2))
            csv.endRow()
        }
        return csv.text
    }
}
