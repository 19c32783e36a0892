/// First-party audiences by user: who bought recently, who is a loyal customer… keyed by the
/// exchange's `user.id` or the bidder's `buyeruid`, as the advertiser's CRM exports them.
///
/// ## File format
/// One user per line, `user-id,audience[;audience…]`; blank lines and `#` comments are ignored
/// and a user on several lines belongs to every audience named:
/// ```
/// # user id, audiences
/// u-1001,recent-buyers
/// 3f9c2a,loyal;newsletter
/// ```
public struct AudienceBook: Hashable, Sendable {
    private let audiencesByUser: [String: Set<String>]

    public init(_ audiencesByUser: [String: Set<String>] = [:]) {
        self.audiencesByUser = audiencesByUser
    }

    /// - Throws: ``CampaignFileError`` naming the first line that is not `id,audience`.
    public init(text: String, fileName: String) throws(CampaignFileError) {
        var result: [String: Set<String>] = [:]
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = line.trimmingCharacters(in: " \t\r")
            guard !content.isEmpty, !content.hasPrefix("#") else { continue }
            guard let comma = content.firstIndex(of: ","), comma != content.startIndex else {
                throw CampaignFileError(
                    fileName: fileName,
                    line: offset + 1,
                    column: 1,
                    reason: "expected 'user-id,audience[;audience…]'"
                )
            }
            let user = String(content[..<comma].trimmingCharacters(in: " \t"))
            let audiences = content[content.index(after: comma)...].split(separator: ";")
                .map { String($0.trimmingCharacters(in: " \t")) }
                .filter { !$0.isEmpty }
            guard !audiences.isEmpty else {
                throw CampaignFileError(
                    fileName: fileName,
                    line: offset + 1,
                    column: content.distance(from: content.startIndex, to: comma) + 2,
                    reason: "user '\(user)' names no audience"
                )
            }
            result[user, default: []].formUnion(audiences)
        }
        audiencesByUser = result
    }

    public var userCount: Int { audiencesByUser.count }

    /// The audiences of `user`, empty when unknown.
    public func audiences(of user: String?) -> Set<String> {
        guard let user else { return [] }
        return audiencesByUser[user] ?? []
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: String) -> Substring {
        let characters = Set(set)
        var text = Substring(self)
        while let first = text.first, characters.contains(first) { text = text.dropFirst() }
        while let last = text.last, characters.contains(last) { text = text.dropLast() }
        return text
    }
}
