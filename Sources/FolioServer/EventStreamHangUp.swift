// Closes a connection whose client hung up while it was being sent an event stream. The server reads on after
// a request, so it sees the client's end of input at once; but an event stream's response only ends when the
// server has something to say, and until then the socket would sit in CLOSE_WAIT, holding a descriptor.
// (A client that half-closes after an ordinary request still gets its whole response: only streams are cut.)
import HTTPTypes
import NIOCore
import NIOHTTPTypes

final class EventStreamHangUp: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var streaming = false
    private var inputClosed = false

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let response):
            streaming = response.status == .ok && response.headerFields[.contentType] == "text/event-stream"
            context.write(data, promise: promise)
            // The client hung up before the stream even started.
            if streaming && inputClosed { context.close(promise: nil) }
        case .body:
            context.write(data, promise: promise)
        case .end:
            streaming = false
            context.write(data, promise: promise)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event as? ChannelEvent == .inputClosed {
            inputClosed = true
            if streaming {
                context.close(promise: nil)
                return
            }
        }
        context.fireUserInboundEventTriggered(event)
    }
}
