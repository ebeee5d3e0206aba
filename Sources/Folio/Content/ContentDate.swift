// Dates in front matter: `2024-05-01`, `2024-05-01 09:30`, or an ISO 8601 timestamp with an offset.
import Foundation

public struct ContentDate: Hashable, Sendable, Comparable, Decodable {
    /// Seconds since 1970, UTC.
    public var date: Date
    /// The text as written, for messages.
    public var text: String

    public init(date: Date, text: String) {
        self.date = date
        self.text = text
    }

    public static func < (lhs: ContentDate, rhs: ContentDate) -> Bool { lhs.date < rhs.date }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let parsed = ContentDate(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "'\(text)' is not a date; write YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ"))
        }
        self = parsed
    }

    /// Parses the accepted forms strictly: a month 13 or a 31st of April is rejected, not rolled over.
    public init?(parsing raw: String) {
        // Foundation's trimming is slow even with nothing to trim (every date as written).
        let text = raw.hasVisibleASCIIEnds ? raw : raw.trimmingCharacters(in: .whitespaces)
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard bytes.count >= 10, bytes[4] == 0x2D, bytes[7] == 0x2D,
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), day >= 1, day <= ContentDate.days(inMonth: month, year: year)
        else { return nil }
        var hour = 0, minute = 0, second = 0, offsetSeconds = 0
        if bytes.count > 10 {
            guard bytes[10] == 0x54 || bytes[10] == 0x20 || bytes[10] == 0x74,  // T, space, t
                  let h = number(11..<13), bytes.count >= 16, bytes[13] == 0x3A, let m = number(14..<16),
                  h < 24, m < 60
            else { return nil }
            hour = h; minute = m
            var index = 16
            if index < bytes.count, bytes[index] == 0x3A {
                guard let s = number(17..<19), s < 61 else { return nil }
                second = s
                index = 19
                if index < bytes.count, bytes[index] == 0x2E {  // fractional seconds: ignored
                    index += 1
                    while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
                }
            }
            while index < bytes.count, bytes[index] == 0x20 { index += 1 }
            if index < bytes.count {
                let sign = bytes[index]
                if sign == 0x5A || sign == 0x7A {  // Z
                    index += 1
                } else if sign == 0x2B || sign == 0x2D {
                    guard let oh = number(index + 1..<index + 3) else { return nil }
                    var om = 0
                    var next = index + 3
                    if next < bytes.count, bytes[next] == 0x3A { next += 1 }
                    if next < bytes.count {
                        guard let parsedMinutes = number(next..<next + 2) else { return nil }
                        om = parsedMinutes
                        next += 2
                    }
                    offsetSeconds = (oh * 3600 + om * 60) * (sign == 0x2D ? -1 : 1)
                    index = next
                } else {
                    return nil
                }
                guard index == bytes.count else { return nil }
            }
        }
        let days = ContentDate.daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        self.init(date: Date(timeIntervalSince1970: TimeInterval(seconds)), text: text)
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's days-from-civil algorithm.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

/// Date formatting for templates and feeds, UTC throughout so a build is the same on every machine.
enum DateText {
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                         "September", "October", "November", "December"]

    private static func parts(_ date: Date) -> (year: Int, month: Int, day: Int, seconds: Int) {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let seconds = total - days * 86_400
        // civil-from-days
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, seconds)
    }

    static func year(_ date: Date) -> Int { parts(date).year }

    /// `2024-05-01`, for `<time datetime>` and sitemaps.
    static func iso(_ date: Date) -> String {
        let p = parts(date)
        return "\(padded(p.year, 4))-\(padded(p.month, 2))-\(padded(p.day, 2))"
    }

    /// `2024-05-01T09:30:00Z`, for Atom.
    static func rfc3339(_ date: Date) -> String {
        let p = parts(date)
        return "\(iso(date))T\(padded(p.seconds / 3600, 2)):\(padded(p.seconds % 3600 / 60, 2)):"
            + "\(padded(p.seconds % 60, 2))Z"
    }

    /// `number` in decimal with leading zeros to `width` digits (`String(format:)` costs more than a page's
    /// other fields together).
    private static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// `1 May 2024`, for readers.
    static func readable(_ date: Date) -> String {
        let p = parts(date)
        return "\(p.day) \(months[p.month - 1]) \(p.year)"
    }
}
