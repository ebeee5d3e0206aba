// The request context of `folio serve`: Hummingbird's basic one, plus the connection, so an event stream can
// end when its connection closes instead of waiting for the next event to fail.
import Hummingbird
import NIOCore

struct ServeContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
