// Mustache transforms (`{{^empty(post.tags)}}`, `{{uppercased(title)}}`), with swift-mustache 2's names and
// meanings so themes written for it render the same: a transform a value does not have makes it absent.
import Foundation

/// Where a section's current element sits in its list: what `{{first()}}`, `{{index()}}`... answer.
struct ListPosition: Sendable {
    var index: Int
    var isLast: Bool

    func transform(_ transform: TemplateTransform) -> TemplateData {
        switch transform {
        case .first: .bool(index == 0)
        case .last: .bool(isLast)
        case .index: .number(index)
        case .even: .bool(index & 1 == 0)
        case .odd: .bool(index & 1 == 1)
        default: .absent
        }
    }
}

extension TemplateData {
    /// The value transformed by `transform`; absent when this kind of value has no such transform.
    func transformed(_ transform: TemplateTransform) -> TemplateData {
        switch self {
        case .text(let text):
            switch transform {
            case .empty: return .bool(text.isEmpty)
            case .capitalized: return .text(text.capitalized)
            case .lowercased: return .text(text.lowercased())
            case .uppercased: return .text(text.uppercased())
            case .reversed: return .text(String(text.reversed()))
            default: return .absent
            }
        case .html(let bytes):
            return TemplateData.text(String(decoding: bytes, as: UTF8.self)).transformed(transform)
        case .number(let number):
            switch transform {
            case .equalzero: return .bool(number == 0)
            case .plusone: return .number(number &+ 1)
            case .minusone: return .number(number &- 1)
            case .even: return .bool(number & 1 == 0)
            case .odd: return .bool(number & 1 == 1)
            default: return .absent
            }
        case .list(let list):
            switch transform {
            case .first: return list.count > 0 ? list.element(at: 0) : .absent
            case .last: return list.count > 0 ? list.element(at: list.count - 1) : .absent
            case .reversed: return .list(list.reversedList())
            case .count: return .number(list.count)
            case .empty: return .bool(list.count == 0)
            case .sorted: return list.sortedList().map { .list($0) } ?? .absent
            default: return .absent
            }
        case .absent, .bool, .object:
            return .absent
        }
    }
}
