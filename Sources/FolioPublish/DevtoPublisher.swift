// `folio publish devto`: brings the author's dev.to drafts in line with the exported posts. An article already
// on dev.to with the post's canonical_url is updated (never duplicated); one whose title, description, tags and
// body are what the export says is not sent at all, so a second run sends nothing. A failure partway is
// reported post by post, and a rerun finishes the job: what was done is now unchanged, what was not is retried.
import Folio

public struct DevtoPublisher: Sendable {
    public var client: ForemClient

    public init(client: ForemClient) { self.client = client }

    public enum Action: Sendable, Equatable {
        case create
        case update(id: Int)
        case unchanged(id: Int)
    }

    public struct Outcome: Sendable {
        public enum Status: Sendable, Equatable {
            case created(id: Int), updated(id: Int), unchanged(id: Int)
            /// `--dry-run`: what would be done.
            case wouldCreate, wouldUpdate(id: Int)
            case failed(String)
            /// Not tried: an earlier failure meant no request could succeed.
            case notAttempted
        }

        public var slug: String
        public var status: Status

        public var line: String {
            switch status {
            case .created(let id): "created  \(slug) (dev.to article \(id), a draft)"
            case .updated(let id): "updated  \(slug) (dev.to article \(id))"
            case .unchanged(let id): "unchanged \(slug) (dev.to article \(id))"
            case .wouldCreate: "would create \(slug)"
            case .wouldUpdate(let id): "would update \(slug) (dev.to article \(id))"
            case .failed(let message): "FAILED   \(slug): \(message)"
            case .notAttempted: "not done \(slug)"
            }
        }

        public var succeeded: Bool {
            switch status {
            case .failed, .notAttempted: false
            default: true
            }
        }
    }

    /// What to do with each article, given the author's articles on dev.to.
    public static func plan(_ articles: [DevtoArticle], remote: [RemoteArticle]) -> [Action] {
        var byCanonical: [String: RemoteArticle] = [:]
        for article in remote {
            // The oldest wins if dev.to already holds duplicates; Folio never adds another.
            if let url = article.canonicalURL, byCanonical[url].map({ $0.id > article.id }) ?? true {
                byCanonical[url] = article
            }
        }
        return articles.map { article in
            guard let existing = byCanonical[article.canonicalURL] else { return .create }
            return isUnchanged(article, existing) ? .unchanged(id: existing.id) : .update(id: existing.id)
        }
    }

    /// dev.to rewrites `main_image` to its own CDN and owns `series` ordering, so those are not compared.
    static func isUnchanged(_ article: DevtoArticle, _ remote: RemoteArticle) -> Bool {
        remote.title == article.title && (remote.description ?? "") == article.description
            && remote.bodyMarkdown == article.body && Set(remote.tags) == Set(article.tags)
    }

    /// Lists, plans and (unless `dryRun`) sends. Throws only when nothing could be planned (no key, a rejected
    /// key, dev.to unreachable while listing).
    public func publish(_ articles: [DevtoArticle], dryRun: Bool = false) async throws(ForemError) -> [Outcome] {
        let remote = try await client.myArticles()
        let actions = Self.plan(articles, remote: remote)
        var outcomes: [Outcome] = []
        var stopped = false
        for (article, action) in zip(articles, actions) {
            if stopped {
                outcomes.append(Outcome(slug: article.slug, status: .notAttempted))
                continue
            }
            switch (action, dryRun) {
            case (.unchanged(let id), _):
                outcomes.append(Outcome(slug: article.slug, status: .unchanged(id: id)))
            case (.create, true):
                outcomes.append(Outcome(slug: article.slug, status: .wouldCreate))
            case (.update(let id), true):
                outcomes.append(Outcome(slug: article.slug, status: .wouldUpdate(id: id)))
            case (.create, false), (.update, false):
                do throws(ForemError) {
                    if case .update(let id) = action {
                        _ = try await client.update(id: id, with: article)
                        outcomes.append(Outcome(slug: article.slug, status: .updated(id: id)))
                    } else {
                        let created = try await client.create(article)
                        outcomes.append(Outcome(slug: article.slug, status: .created(id: created.id)))
                    }
                } catch {
                    outcomes.append(Outcome(slug: article.slug, status: .failed(error.description)))
                    stopped = error.stopsEverything
                }
            }
        }
        return outcomes
    }
}
