// HTTP for the dev server: files from the current snapshot, folder index pages with a redirect to the trailing
// slash, the theme's 404 page, HEAD, ETag revalidation, and the live-reload event stream. Nothing is cached by
// the browser without asking (`no-cache`): in development the next request must see the latest build. Requests
// for any other host name than the server's own are refused (see `AllowedHosts`).
import Folio
import Foundation
import Hummingbird
import NIOCore

struct SiteResponder: HTTPResponder {
    typealias Context = ServeContext

    /// The browser takes the Content-Type as given instead of guessing from the bytes.
    static let noSniff = HTTPFields.Element.Name("X-Content-Type-Options")!
    /// A second `Host` header: the first one is the request's authority, the others stay among the fields.
    static let host = HTTPFields.Element.Name("Host")!

    let store: SiteStore
    let liveReload: LiveReload
    let hosts: AllowedHosts

    func respond(to request: Request, context: Context) async throws -> Response {
        guard let authority = request.head.authority, request.headers[Self.host] == nil, hosts.allows(authority)
        else {
            return plain(.badRequest, "folio serve answers only requests for its own address (localhost, 127.0.0.1, "
                         + "[::1] or the --host it was given), with exactly one Host header. Other names are "
                         + "refused so that no other web site can read this one through DNS rebinding.\n")
        }
        guard request.method == .get || request.method == .head else {
            return plain(.methodNotAllowed, "Only GET and HEAD are served here.\n", extra: [.allow: "GET, HEAD"])
        }
        guard let target = request.head.path, let path = RequestPath(target: target) else {
            return plain(.badRequest, "Bad request path.\n")
        }
        if path.raw == LiveReloadScript.eventsPath { return await events(on: context.channel) }
        let site = await store.current
        if site.files.isEmpty && !site.failure.isEmpty {
            return html(.internalServerError, ErrorOverlay.page(for: site.failure), request: request)
        }
        if let file = site.files[path.sitePath] {
            return serve(file, status: .ok, request: request)
        }
        if !path.namesFolder, !path.segments.isEmpty, site.files[path.sitePath + "/index.html"] != nil {
            // Relative links in the page resolve against its folder, so the address must end with a slash.
            let location = path.raw + "/" + (path.query.map { "?" + $0 } ?? "")
            var response = plain(.permanentRedirect, "Moved permanently.\n")
            response.headers[.location] = location
            return response
        }
        if let notFound = site.files["404.html"] {
            return serve(notFound, status: .notFound, request: request, revalidate: false)
        }
        return plain(.notFound, "Not found.\n")
    }

    private func serve(_ file: ServedFile, status: HTTPResponse.Status, request: Request, revalidate: Bool = true)
        -> Response
    {
        var headers: HTTPFields = [
            .contentType: file.contentType, .cacheControl: "no-cache", .eTag: file.etag,
            Self.noSniff: "nosniff",
        ]
        if revalidate, let tags = request.headers[.ifNoneMatch], Self.matches(tags, file.etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(file.body.readableBytes)
        let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: file.body)
        return Response(status: status, headers: headers, body: body)
    }

    /// `If-None-Match: "a", W/"b"` or `*`: weak comparison, as RFC 9110 asks for this header.
    static func matches(_ header: String, _ etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            var candidate = candidate.trimmingCharacters(in: .whitespaces)
            if candidate == "*" { return true }
            if candidate.hasPrefix("W/") { candidate.removeFirst(2) }
            return candidate == etag
        }
    }

    private func events(on channel: any Channel) async -> Response {
        // Subscribed before the response head goes out: once a client sees the head, it gets every later event.
        guard let subscription = await liveReload.subscribe() else {
            // EventSource does not retry after a 503, so a page past the limit stays quiet instead of hammering.
            return plain(.serviceUnavailable, "folio serve already has \(liveReload.maximumStreams) live-reload "
                         + "streams open (one per open page); close some tabs and reload this one.\n")
        }
        // A closed connection ends its stream now, not at the next event (EventStreamHangUp closes it).
        let liveReload = liveReload
        channel.closeFuture.whenComplete { _ in Task { await liveReload.unsubscribe(subscription.id) } }
        let headers: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-cache"]
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            // `retry` makes the browser reconnect quickly after the server restarts; the comment lets clients
            // (and tests) know the stream is live.
            try await writer.write(ByteBuffer(string: "retry: 500\n: connected\n\n"))
            for await event in subscription.events { try await writer.write(event.encoded) }
            try await writer.finish(nil)
        })
    }

    private func html(_ status: HTTPResponse.Status, _ page: String, request: Request) -> Response {
        let body = LiveReloadScript.inject(into: ByteBuffer(string: page))
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"]
        headers[.contentLength] = String(body.readableBytes)
        return Response(status: status, headers: headers,
                        body: request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: body))
    }

    private func plain(_ status: HTTPResponse.Status, _ text: String, extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [
            .contentType: "text/plain; charset=utf-8", .cacheControl: "no-cache", Self.noSniff: "nosniff",
        ]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
