// The script `folio serve` adds to every HTML page it serves (and only there: `folio build` never writes it):
// it listens for server-sent events, reloads on `reload`, and shows or hides the error overlay.
import NIOCore

enum LiveReloadScript {
    static let eventsPath = "/_folio/events"

    static let tag = """
        <script data-folio-live-reload>(() => {
          const events = new EventSource("\(eventsPath)");
          events.addEventListener("reload", () => location.reload());
          events.addEventListener("errors", (event) => {
            let overlay = document.getElementById("folio-errors");
            if (!overlay) {
              overlay = document.createElement("div");
              overlay.id = "folio-errors";
              document.body.appendChild(overlay);
            }
            overlay.innerHTML = event.data; // HTML the server escaped: see ErrorOverlay
          });
        })();</script>
        """

    /// Adds the script before the last `</body>`, or at the end when there is none.
    static func inject(into page: ByteBuffer) -> ByteBuffer {
        let bytes = page.readableBytesView
        let closing = Array("</body>".utf8)
        var insertAt = bytes.endIndex
        var index = bytes.endIndex - closing.count
        while index >= bytes.startIndex {
            if zip(bytes[index..<index + closing.count], closing).allSatisfy({ lowercased($0) == $1 }) {
                insertAt = index
                break
            }
            index -= 1
        }
        var result = ByteBuffer()
        result.reserveCapacity(page.readableBytes + tag.utf8.count)
        result.writeBytes(bytes[bytes.startIndex..<insertAt])
        result.writeString(tag)
        result.writeBytes(bytes[insertAt...])
        return result
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }
}
