// The lab's one RPC: a backend answers `lab.Backend/WhoAmI` with its own name, so a client can count where
// its calls went. Messages are UTF-8 strings, serialised by hand: no protobuf plugin needed.
import GRPCCore

enum WhoAmI {
    static let method = MethodDescriptor(fullyQualifiedService: "lab.Backend", method: "WhoAmI")
}

struct UTF8Serializer: MessageSerializer {
    func serialize<Bytes: GRPCContiguousBytes>(_ message: String) throws -> Bytes {
        Bytes(message.utf8)
    }
}

struct UTF8Deserializer: MessageDeserializer {
    func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws -> String {
        serializedMessageBytes.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }
}

/// The service every backend runs: it answers with the backend's name and remembers which client
/// connections (remote peers) it has served.
struct WhoAmIService: RegistrableRPCService {
    let name: String
    let ledger: Backend.Ledger

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        router.registerHandler(
            forMethod: WhoAmI.method, deserializer: UTF8Deserializer(), serializer: UTF8Serializer()
        ) { request, context in
            // A unary handler: read the one request message (and the end of the request stream) before
            // answering. Answering on the request headers alone lets the response, and the client's close of
            // the stream, overtake the client's own write of its message; grpc-swift-nio-transport 2.9.2
            // treats that late write as unreachable and, in debug builds, stops the process.
            _ = try await ServerRequest(stream: request)
            ledger.served(peer: context.remotePeer)
            return StreamingServerResponse(single: ServerResponse(message: name))
        }
    }
}
