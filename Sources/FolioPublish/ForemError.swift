// What can go wrong talking to dev.to, as one-line messages. None of them contains the API key: requests are
// described by method and path only.

public enum ForemError: Error, CustomStringConvertible, Equatable {
    case missingKey
    /// 401 or 403: the key is wrong, revoked, or lacks the right.
    case rejectedKey(status: Int)
    /// Another 4xx, with what the server said (a 422 names the bad field).
    case refused(status: Int, request: String, message: String)
    /// 429 or 5xx on every attempt.
    case gaveUp(status: Int, request: String, attempts: Int)
    /// No answer: refused connection, DNS, timeout.
    case unreachable(request: String, reason: String)
    case badResponse(request: String, reason: String)

    public var description: String {
        switch self {
        case .missingKey:
            "DEVTO_API_KEY is not set; create a key at https://dev.to/settings/extensions and export it"
        case .rejectedKey(let status):
            "dev.to rejected the API key in DEVTO_API_KEY (HTTP \(status)); check or regenerate it"
        case .refused(let status, let request, let message):
            "\(request): HTTP \(status): \(message)"
        case .gaveUp(let status, let request, let attempts):
            "\(request): HTTP \(status) on each of \(attempts) attempts; try again later"
        case .unreachable(let request, let reason):
            "\(request): no answer from dev.to (\(reason))"
        case .badResponse(let request, let reason):
            "\(request): unexpected answer from dev.to (\(reason))"
        }
    }

    /// Errors after which no other request can succeed either.
    var stopsEverything: Bool {
        switch self {
        case .missingKey, .rejectedKey, .unreachable: true
        default: false
        }
    }
}
