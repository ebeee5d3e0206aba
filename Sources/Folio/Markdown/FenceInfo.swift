// The info string of a fenced code block: a language, then attributes such as `snippet="Outbox/Relay.swift#a"`,
// `highlight="2,4-6"`, `output="demo"` and bare flags such as `illustrative`.

struct FenceInfo: Equatable {
    var language: String
    var attributes: [String: String] = [:]
    var flags: Set<String> = []
    /// Byte offset of each attribute or flag within the info string, for diagnostics.
    var offsets: [String: Int] = [:]

    init(_ info: String) {
        let bytes = Array(info.utf8)
        var index = 0
        func skipSpaces() { while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 } }
        func word() -> String {
            let start = index
            while index < bytes.count, bytes[index] != 0x20, bytes[index] != 0x09, bytes[index] != 0x3D { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
        skipSpaces()
        let languageStart = index
        while index < bytes.count, bytes[index] != 0x20, bytes[index] != 0x09 { index += 1 }
        language = String(decoding: bytes[languageStart..<index], as: UTF8.self)
        while true {
            skipSpaces()
            guard index < bytes.count else { break }
            let start = index
            let key = word()
            if key.isEmpty { index += 1; continue }
            offsets[key] = start
            guard index < bytes.count, bytes[index] == 0x3D else {  // '='
                flags.insert(key)
                continue
            }
            index += 1
            var value = ""
            if index < bytes.count, bytes[index] == 0x22 || bytes[index] == 0x27 {  // quoted
                let quote = bytes[index]
                index += 1
                let valueStart = index
                while index < bytes.count, bytes[index] != quote { index += 1 }
                value = String(decoding: bytes[valueStart..<index], as: UTF8.self)
                if index < bytes.count { index += 1 }
            } else {
                let valueStart = index
                while index < bytes.count, bytes[index] != 0x20, bytes[index] != 0x09 { index += 1 }
                value = String(decoding: bytes[valueStart..<index], as: UTF8.self)
            }
            attributes[key] = value
        }
    }

    /// `2,4-6` -> [2, 4, 5, 6]; nil when the text is not a list of line numbers and ranges.
    static func lineNumbers(_ text: String) -> [Int]? {
        var result: [Int] = []
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
                .map { Int($0.trimmingWhitespace()) }
            switch bounds.count {
            case 1:
                guard let value = bounds[0], value > 0 else { return nil }
                result.append(value)
            case 2:
                guard let low = bounds[0], let high = bounds[1], low > 0, low <= high else { return nil }
                result += Array(low...high)
            default:
                return nil
            }
        }
        return result.isEmpty ? nil : result
    }
}

extension Substring {
    func trimmingWhitespace() -> String { String(self).trimmingWhitespace() }
}
