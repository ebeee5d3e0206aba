// The Forem API v1 (dev.to), the few calls publishing needs: list the author's articles, create one, update one.
// Every request carries the `api-key` header and the v1 Accept header, has a timeout, and is retried on 429 and
// 5xx with capped, jittered backoff that honours Retry-After. The key is held here and sent in one header; it
// is never part of a message, a log line or a file.
import Folio
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

public struct ForemClient: Sendable {
    public static let accept = "application/vnd.forem.api-v1+json"

    public var baseURL: URL
    private let apiKey: String
    /// Seconds one request may take.
    public var timeout: TimeInterval = 30
    public var retry = RetryPolicy()
    /// How the client waits between attempts; tests record the waits instead of sleeping through them.
    public var sleep: @Sendable (Double) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64($0 * 1e9)) }
    /// Articles asked for per page of /api/articles/me/all.
    public var pageSize = 100

    public init(baseURL: URL = URL(string: "https://dev.to")!, apiKey: String) {
        self.baseURL = baseURL
        self.apiKey = apiKey
    }

    /// The key from DEVTO_API_KEY, and nowhere else.
    public static func fromEnvironment(baseURL: URL = URL(string: "https://dev.to")!) throws(ForemError) -> ForemClient {
        guard let key = ProcessInfo.processInfo.environment["DEVTO_API_KEY"]?.trimmingCharacters(in: .whitespaces),
              !key.isEmpty else { throw .missingKey }
        return ForemClient(baseURL: baseURL, apiKey: key)
    }

    /// Every article of the key's owner, drafts included, following the pages until one comes back short.
    public func myArticles() async throws(ForemError) -> [RemoteArticle] {
        var all: [RemoteArticle] = []
        var page = 1
        while true {
            let data = try await send("GET", "/api/articles/me/all", query: "page=\(page)&per_page=\(pageSize)")
            let batch: [RemoteArticle] = try decode(data, request: "GET /api/articles/me/all")
            all += batch
            if batch.count < pageSize { return all }
            page += 1
        }
    }

    /// Creates a draft (`published: false`).
    public func create(_ article: DevtoArticle) async throws(ForemError) -> RemoteArticle {
        let data = try await send("POST", "/api/articles", body: Self.payload(article, includePublished: true))
        return try decode(data, request: "POST /api/articles")
    }

    /// Updates an article, leaving its published state as it is on dev.to.
    public func update(id: Int, with article: DevtoArticle) async throws(ForemError) -> RemoteArticle {
        let data = try await send("PUT", "/api/articles/\(id)", body: Self.payload(article, includePublished: false))
        return try decode(data, request: "PUT /api/articles/\(id)")
    }

    /// `{"article": {...}}` as the API documents it; `tags` is one comma-separated string.
    static func payload(_ article: DevtoArticle, includePublished: Bool) -> Data {
        var fields: [String: Any] = [
            "title": article.title, "body_markdown": article.body, "description": article.description,
            "canonical_url": article.canonicalURL, "tags": article.tags.joined(separator: ", "),
        ]
        if includePublished { fields["published"] = false }
        if let series = article.series { fields["series"] = series }
        if let cover = article.coverImage { fields["main_image"] = cover }
        return (try? JSONSerialization.data(withJSONObject: ["article": fields], options: [.sortedKeys])) ?? Data()
    }

    private func decode<T: Decodable>(_ data: Data, request: String) throws(ForemError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw .badResponse(request: request, reason: "the JSON is not what the API documents")
        }
    }

    private func send(_ method: String, _ path: String, query: String? = nil, body: Data? = nil)
        async throws(ForemError) -> Data
    {
        let described = "\(method) \(path)"
        var components = URLComponents(url: baseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)!
        components.percentEncodedQuery = query
        var request = URLRequest(url: components.url!, timeoutInterval: timeout)
        request.httpMethod = method
        request.setValue(apiKey, forHTTPHeaderField: "api-key")
        request.setValue(Self.accept, forHTTPHeaderField: "Accept")
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        var attempt = 0
        while true {
            attempt += 1
            let data: Data, response: HTTPURLResponse
            do {
                let (received, answer) = try await URLSession.shared.data(for: request)
                guard let http = answer as? HTTPURLResponse else {
                    throw ForemError.badResponse(request: described, reason: "not HTTP")
                }
                (data, response) = (received, http)
            } catch let error as ForemError {
                throw error
            } catch {
                // A timeout or a dropped connection is worth another try; a refused connection is not.
                let reason = (error as? URLError)?.code == .timedOut ? "timed out after \(Int(timeout)) s"
                    : error.localizedDescription
                if (error as? URLError)?.code == .timedOut, attempt < retry.maxAttempts,
                   let wait = retry.delay(afterAttempt: attempt, retryAfter: nil, random: Double.random(in:)) {
                    try? await sleep(wait)
                    continue
                }
                throw .unreachable(request: described, reason: reason)
            }
            let status = response.statusCode
            switch status {
            case 200..<300:
                return data
            case 401, 403:
                throw .rejectedKey(status: status)
            case 429, 500..<600:
                let retryAfter = (response.value(forHTTPHeaderField: "Retry-After")).flatMap(Double.init)
                guard attempt < retry.maxAttempts,
                      let wait = retry.delay(afterAttempt: attempt, retryAfter: retryAfter, random: Double.random(in:))
                else { throw .gaveUp(status: status, request: described, attempts: attempt) }
                try? await sleep(wait)
            default:
                throw .refused(status: status, request: described, message: Self.message(in: data))
            }
        }
    }

    /// Forem's errors are `{"error": "...", "status": 422}`.
    private static func message(in data: Data) -> String {
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
           let error = object["error"] as? String { return error }
        return String(decoding: data.prefix(200), as: UTF8.self)
    }
}
