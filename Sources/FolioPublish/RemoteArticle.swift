// An article as the Forem API returns it (GET /api/articles/me/all, POST and PUT /api/articles): the fields
// Folio compares to decide whether a post changed.
import Foundation

public struct RemoteArticle: Sendable, Decodable, Equatable {
    public var id: Int
    public var title: String
    public var description: String?
    public var bodyMarkdown: String?
    public var canonicalURL: String?
    public var tags: [String]
    public var published: Bool?

    enum CodingKeys: String, CodingKey {
        case id, title, description, published
        case bodyMarkdown = "body_markdown"
        case canonicalURL = "canonical_url"
        case tagList = "tag_list"
        case tags
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        bodyMarkdown = try container.decodeIfPresent(String.self, forKey: .bodyMarkdown)
        canonicalURL = try container.decodeIfPresent(String.self, forKey: .canonicalURL)
        published = try container.decodeIfPresent(Bool.self, forKey: .published)
        // The list endpoints give `tag_list` as an array; single articles give it as a comma-separated string.
        if let list = try? container.decode([String].self, forKey: .tagList) {
            tags = list
        } else if let text = (try? container.decode(String.self, forKey: .tagList))
                    ?? (try? container.decode(String.self, forKey: .tags)) {
            tags = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        } else {
            tags = []
        }
    }
}
