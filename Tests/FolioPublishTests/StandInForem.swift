// A stand-in for dev.to's Forem API v1, on a loopback port, for the publish tests. It is not dev.to: it
// implements only the three endpoints publishing uses, as the Forem v1 documentation describes them, and it
// enforces these documented behaviours so the client cannot pass by accident:
//   - every request carries `api-key` (401 `{"error": "unauthorized", "status": 401}` when missing or wrong)
//     and `Accept: application/vnd.forem.api-v1+json` (406 otherwise: the stand-in's choice of refusal);
//   - POST /api/articles and PUT /api/articles/{id} take `{"article": {...}}` with `title` and `body_markdown`
//     (422 without them); `tags` is one comma-separated string of at most four tags of lowercase letters and
//     digits (422 `{"error": "Tag ... ", "status": 422}` otherwise); PUT to an unknown id is 404;
//   - GET /api/articles/me/all is paginated by `page` (from 1) and `per_page` (default 30, at most 1000);
//   - rate limiting: when `rateLimitNext` is set, that many requests get 429 with `Retry-After: 1`;
//   - `failCreating` makes POSTs of a given title fail with 500 on every attempt (a failure partway).
import Foundation
import Hummingbird
import Logging
import NIOCore

actor ForemState {
    struct Article {
        var id: Int
        var fields: [String: Any]
    }

    static let key = "test-key-3f9a"
    var articles: [Article] = []
    var nextID = 1000
    /// Requests that changed something (POST, PUT), and every request, as `METHOD path?query`.
    var writes: [String] = []
    var requests: [String] = []
    var rateLimitNext = 0
    var failCreating: Set<String> = []

    func setRateLimit(_ count: Int) { rateLimitNext = count }
    /// A field of every stored article as text ("" when absent), in the order they were created.
    func values(_ key: String) -> [String] { articles.map { ($0.fields[key]).map { "\($0)" } ?? "" } }
    var count: Int { articles.count }
    func setFailCreating(_ titles: Set<String>) { failCreating = titles }
    func seed(_ fields: [String: Any]) {
        nextID += 1
        articles.append(Article(id: nextID, fields: fields))
    }

    /// The answer to one request: status, extra headers and the JSON body.
    func handle(method: String, path: String, query: [String: String], headers: HTTPFields, body: Data)
        -> (Int, [String: String], Data)
    {
        let (status, extra, json) = route(method: method, path: path, query: query, headers: headers, body: body)
        return (status, extra, (try? JSONSerialization.data(withJSONObject: json)) ?? Data())
    }

    private func route(method: String, path: String, query: [String: String], headers: HTTPFields, body: Data)
        -> (Int, [String: String], Any)
    {
        requests.append("\(method) \(path)")
        guard headers[HTTPFields.Element.Name("api-key")!] == Self.key else {
            return (401, [:], ["error": "unauthorized", "status": 401])
        }
        guard headers[.accept] == "application/vnd.forem.api-v1+json" else {
            return (406, [:], ["error": "missing Accept: application/vnd.forem.api-v1+json", "status": 406])
        }
        if rateLimitNext > 0 {
            rateLimitNext -= 1
            return (429, ["Retry-After": "1"], ["error": "Rate limit reached, try again in 1 seconds", "status": 429])
        }
        switch (method, path) {
        case ("GET", "/api/articles/me/all"):
            let page = max(1, Int(query["page"] ?? "1") ?? 1)
            let perPage = min(1000, max(1, Int(query["per_page"] ?? "30") ?? 30))
            let slice = articles.dropFirst((page - 1) * perPage).prefix(perPage)
            return (200, [:], slice.map { listed($0) })
        case ("POST", "/api/articles"):
            guard let fields = articleFields(body) else { return invalid("article with title and body_markdown") }
            if let problem = tagProblem(fields["tags"]) { return invalid(problem) }
            if let title = fields["title"] as? String, failCreating.contains(title) {
                return (500, [:], ["error": "Internal Server Error", "status": 500])
            }
            writes.append("POST \(path)")
            nextID += 1
            var stored = fields
            stored["published"] = fields["published"] as? Bool ?? false
            articles.append(Article(id: nextID, fields: stored))
            return (201, [:], listed(articles.last!))
        case ("PUT", _) where path.hasPrefix("/api/articles/"):
            guard let id = Int(path.dropFirst("/api/articles/".count)),
                  let index = articles.firstIndex(where: { $0.id == id }) else {
                return (404, [:], ["error": "not found", "status": 404])
            }
            guard let fields = articleFields(body, requireAll: false) else { return invalid("article") }
            if let problem = tagProblem(fields["tags"]) { return invalid(problem) }
            writes.append("PUT \(path)")
            articles[index].fields.merge(fields) { _, new in new }
            return (200, [:], listed(articles[index]))
        default:
            return (404, [:], ["error": "not found", "status": 404])
        }
    }

    private func invalid(_ message: String) -> (Int, [String: String], Any) {
        (422, [:], ["error": message, "status": 422])
    }

    private func articleFields(_ body: Data, requireAll: Bool = true) -> [String: Any]? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
              let fields = object["article"] as? [String: Any] else { return nil }
        if requireAll, fields["title"] as? String == nil || fields["body_markdown"] as? String == nil { return nil }
        return fields
    }

    private func tagProblem(_ value: Any?) -> String? {
        guard let value else { return nil }
        guard let text = value as? String else { return "tags must be a comma-separated string" }
        let tags = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if tags.count > 4 { return "Tag list exceed the maximum of 4 tags" }
        for tag in tags where tag.isEmpty || !tag.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber) }) {
            return "Tag \(tag) contains non-alphanumeric or uppercase characters"
        }
        return nil
    }

    /// The list form: `tag_list` as an array, as /api/articles/me/all documents it.
    private func listed(_ article: Article) -> [String: Any] {
        var out = article.fields
        out.removeValue(forKey: "tags")
        out["id"] = article.id
        out["type_of"] = "article"
        out["tag_list"] = (article.fields["tags"] as? String ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }
        return out
    }
}

struct StandInResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let state: ForemState

    func respond(to request: Request, context: Context) async throws -> Response {
        let target = request.head.path ?? "/"
        let parts = target.split(separator: "?", maxSplits: 1)
        var query: [String: String] = [:]
        for pair in (parts.count > 1 ? parts[1] : "").split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            if kv.count == 2 { query[String(kv[0])] = String(kv[1]) }
        }
        let buffer = try await request.body.collect(upTo: 1 << 22)
        let body = Data(buffer.readableBytesView)
        let (status, extra, data) = await state.handle(
            method: request.method.rawValue, path: String(parts.first ?? "/"), query: query,
            headers: request.headers, body: body)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        for (name, value) in extra { headers[HTTPFields.Element.Name(name)!] = value }
        return Response(status: .init(code: status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The stand-in running on an ephemeral port for the length of `body`.
func withStandInForem<T: Sendable>(_ body: @Sendable (URL, ForemState) async throws -> T) async throws -> T {
    let state = ForemState()
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    var logger = Logger(label: "stand-in-forem")
    logger.logLevel = .critical
    let app = Application(
        responder: StandInResponder(state: state),
        configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
        onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
        logger: logger)
    let server = Task { try await app.run() }
    defer { server.cancel() }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next() else { throw CancellationError() }
    return try await body(URL(string: "http://127.0.0.1:\(port)")!, state)
}
