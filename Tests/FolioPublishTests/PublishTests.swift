// `folio publish devto` against the stand-in Forem server (StandInForem.swift): created as drafts, updated by
// canonical_url and never duplicated, unchanged articles not sent, retries that honour Retry-After, and a
// failure partway that a rerun finishes.
import Foundation
import Testing
@testable import Folio
@testable import FolioPublish

/// Waits the client asked for, recorded instead of slept through.
actor Waits {
    var seconds: [Double] = []
    func add(_ value: Double) { seconds.append(value) }
}

func article(_ slug: String, title: String? = nil, body: String = "Body.\n", tags: [String] = ["go"]) -> DevtoArticle {
    DevtoArticle(contentPath: "posts/\(slug).md", slug: slug, title: title ?? slug.capitalized, description: "About \(slug).",
                 tags: tags, canonicalURL: "https://example.org/posts/\(slug)/", series: nil,
                 coverImage: "https://example.org/cards/posts/\(slug).png", body: body)
}

func client(_ url: URL, key: String = ForemState.key, waits: Waits = Waits()) -> ForemClient {
    var client = ForemClient(baseURL: url, apiKey: key)
    client.sleep = { await waits.add($0) }
    client.timeout = 5
    return client
}

@Suite(.serialized) struct PublishTests {
    @Test func createsDraftsThenUpdatesByCanonicalURLAndASecondRunSendsNothing() async throws {
        try await withStandInForem { url, state in
            let posts = [article("a"), article("b")]
            let publisher = DevtoPublisher(client: client(url))
            let first = try await publisher.publish(posts)
            #expect(first.map(\.status) == [.created(id: 1001), .created(id: 1002)])
            #expect(await state.values("published") == ["false", "false"])
            #expect(await state.values("tags") == ["go", "go"])
            #expect(await state.values("main_image").first == "https://example.org/cards/posts/a.png")
            #expect(await state.values("canonical_url") == ["https://example.org/posts/a/", "https://example.org/posts/b/"])

            let second = try await publisher.publish(posts)
            #expect(second.map(\.status) == [.unchanged(id: 1001), .unchanged(id: 1002)])
            #expect(await state.writes == ["POST /api/articles", "POST /api/articles"])

            let edited = [article("a", body: "Body, edited.\n"), article("b")]
            let third = try await publisher.publish(edited)
            #expect(third.map(\.status) == [.updated(id: 1001), .unchanged(id: 1002)])
            #expect(await state.count == 2)
            #expect(await state.values("body_markdown").first == "Body, edited.\n")
        }
    }

    @Test func listingFollowsEveryPage() async throws {
        try await withStandInForem { url, state in
            for index in 1...7 {
                await state.seed(["title": "Old \(index)", "body_markdown": "x", "tags": "go",
                                  "canonical_url": "https://example.org/posts/old-\(index)/"])
            }
            var small = client(url)
            small.pageSize = 3
            let listed = try await small.myArticles()
            #expect(listed.count == 7)
            #expect(await state.requests == Array(repeating: "GET /api/articles/me/all", count: 3))
            // An article on the third page is found, and updated rather than duplicated.
            let outcomes = try await DevtoPublisher(client: small).publish([article("old-7", title: "Old 7, new")])
            #expect(outcomes.map(\.status) == [.updated(id: 1007)])
            #expect(await state.count == 7)
        }
    }

    @Test func dryRunChangesNothing() async throws {
        try await withStandInForem { url, state in
            await state.seed(["title": "A", "body_markdown": "old", "tags": "go",
                              "canonical_url": "https://example.org/posts/a/"])
            let outcomes = try await DevtoPublisher(client: client(url)).publish([article("a"), article("b")], dryRun: true)
            #expect(outcomes.map(\.status) == [.wouldUpdate(id: 1001), .wouldCreate])
            #expect(await state.writes.isEmpty)
        }
    }

    @Test func rateLimitsAreRetriedHonouringRetryAfter() async throws {
        try await withStandInForem { url, state in
            await state.setRateLimit(2)
            let waits = Waits()
            let outcomes = try await DevtoPublisher(client: client(url, waits: waits)).publish([article("a")])
            #expect(outcomes.map(\.status) == [.created(id: 1001)])
            let seconds = await waits.seconds
            #expect(seconds.count == 2)
            #expect(seconds.allSatisfy { $0 >= 1 && $0 <= 8 })  // Retry-After: 1, backoff capped at 8 s
        }
    }

    @Test func aRejectedKeyIsOneClearErrorAndTheKeyAppearsNowhere() async throws {
        try await withStandInForem { url, state in
            let secret = "wrong-key-7d1c0e"
            do {
                _ = try await DevtoPublisher(client: client(url, key: secret)).publish([article("a")])
                Issue.record("expected the key to be rejected")
            } catch let error as ForemError {
                #expect(error == .rejectedKey(status: 401))
                #expect(!error.description.contains(secret))
                #expect(error.description == "dev.to rejected the API key in DEVTO_API_KEY (HTTP 401); check or regenerate it")
            }
            #expect(await state.writes.isEmpty)
        }
    }

    @Test func aBadTagIs422NamedForItsPost() async throws {
        try await withStandInForem { url, _ in
            let outcomes = try await DevtoPublisher(client: client(url)).publish([article("a", tags: ["Bad-Tag"]), article("b")])
            #expect(outcomes[0].status == .failed("POST /api/articles: HTTP 422: Tag Bad-Tag contains non-alphanumeric or uppercase characters"))
            #expect(outcomes[1].status == .created(id: 1001))
        }
    }

    @Test func aFailurePartwayIsReportedAndARerunFinishesTheJob() async throws {
        try await withStandInForem { url, state in
            await state.setFailCreating(["B"])
            let waits = Waits()
            let posts = [article("a"), article("b"), article("c")]
            let publisher = DevtoPublisher(client: client(url, waits: waits))
            let first = try await publisher.publish(posts)
            #expect(first.map(\.succeeded) == [true, false, true])
            #expect(first[1].line == "FAILED   b: POST /api/articles: HTTP 500 on each of 5 attempts; try again later")
            #expect(await waits.seconds.count == 4)

            await state.setFailCreating([])
            let second = try await publisher.publish(posts)
            #expect(second.map(\.status) == [.unchanged(id: 1001), .created(id: 1003), .unchanged(id: 1002)])
            #expect(await state.count == 3)
        }
    }

    @Test func theKeyComesFromTheEnvironmentOnly() throws {
        unsetenv("DEVTO_API_KEY")
        #expect(throws: ForemError.missingKey) { try ForemClient.fromEnvironment() }
    }
}
