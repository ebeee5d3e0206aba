// Which `Host` values the dev server answers: names of the address it is bound to, never any other. A web page
// whose domain is re-pointed at 127.0.0.1 (DNS rebinding) makes the browser send its own domain as the Host, so
// refusing unknown names keeps other sites from reading what is served, drafts included.
#if canImport(Glibc)
import Glibc

struct AllowedHosts: Sendable {
    /// Lowercased host names and IP addresses, IPv6 ones without brackets.
    let names: Set<String>

    /// `host` is the address given to `--host`. Bound to every interface (0.0.0.0, ::), the server also answers
    /// to the machine's own IP addresses, so a phone on the same network can open it by address.
    init(boundTo host: String) {
        let bound = Self.unbracketed(host.lowercased())
        var names: Set<String> = ["localhost", "127.0.0.1", "::1", bound]
        if bound == "0.0.0.0" || bound == "::" { names.formUnion(Self.interfaceAddresses()) }
        self.names = names
    }

    /// Whether a `Host` header value names this server: an allowed name, with or without a port. Any port is
    /// fine: a port forwarded to this one (`ssh -L 9000:localhost:8000`) arrives with the port the browser used.
    func allows(_ authority: String) -> Bool {
        var name = Substring(authority.lowercased())
        var port: Substring?
        if name.hasPrefix("[") {
            guard let close = name.firstIndex(of: "]") else { return false }
            let rest = name[name.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return false }
                port = rest.dropFirst()
            }
            name = name[name.index(after: name.startIndex)..<close]
            guard name.contains(":") else { return false }  // brackets hold IPv6 addresses, nothing else
        } else if let colon = name.firstIndex(of: ":") {
            port = name[name.index(after: colon)...]
            name = name[..<colon]
        }
        if let port {
            guard !port.isEmpty, port.count <= 5, port.allSatisfy(\.isASCII), port.allSatisfy(\.isNumber),
                  let number = Int(port), number <= 65535
            else { return false }
        }
        return !name.isEmpty && names.contains(String(name))
    }

    private static func unbracketed(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }

    /// Every IPv4 and IPv6 address of this machine's interfaces, as text.
    private static func interfaceAddresses() -> Set<String> {
        var first: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&first) == 0 else { return [] }
        defer { freeifaddrs(first) }
        var addresses: Set<String> = []
        var entry = first
        while let current = entry {
            defer { entry = current.pointee.ifa_next }
            guard let address = current.pointee.ifa_addr else { continue }
            let family = Int32(address.pointee.sa_family)
            var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            let converted: UnsafePointer<CChar>?
            switch family {
            case AF_INET:
                converted = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { ipv4 in
                    var bytes = ipv4.pointee.sin_addr
                    return inet_ntop(AF_INET, &bytes, &text, socklen_t(text.count))
                }
            case AF_INET6:
                converted = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { ipv6 in
                    var bytes = ipv6.pointee.sin6_addr
                    return inet_ntop(AF_INET6, &bytes, &text, socklen_t(text.count))
                }
            default:
                converted = nil
            }
            if converted != nil {
                let bytes = text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
                addresses.insert(String(decoding: bytes, as: UTF8.self).lowercased())
            }
        }
        return addresses
    }
}
#endif
