// AMQP 0-9-1 field tables: the typed key-value maps carried by queue arguments, client properties and
// message headers. The type tags are the ones RabbitMQ reads and writes (its errata to the 0-9-1 grammar:
// `s` is a signed 16-bit integer, not a short string; `l` a signed 64-bit one; `x` a byte array).

/// One value in a field table or field array.
public enum AMQPFieldValue: Sendable, Equatable {
    case bool(Bool)  // t
    case int8(Int8)  // b
    case uint8(UInt8)  // B
    case int16(Int16)  // s
    case uint16(UInt16)  // u
    case int32(Int32)  // I
    case uint32(UInt32)  // i
    case int64(Int64)  // l
    case float(Float)  // f
    case double(Double)  // d
    case decimal(scale: UInt8, value: UInt32)  // D
    case string(String)  // S: a long string
    case timestamp(UInt64)  // T: seconds since the epoch
    case table(AMQPTable)  // F
    case array([AMQPFieldValue])  // A
    case void  // V
    case bytes([UInt8])  // x

    /// Any integer type, widened: RabbitMQ writes counts as `l`, other clients as `I` or `s`.
    public var integer: Int64? {
        switch self {
        case .int8(let v): Int64(v)
        case .uint8(let v): Int64(v)
        case .int16(let v): Int64(v)
        case .uint16(let v): Int64(v)
        case .int32(let v): Int64(v)
        case .uint32(let v): Int64(v)
        case .int64(let v): v
        case .timestamp(let v): v <= UInt64(Int64.max) ? Int64(v) : nil
        default: nil
        }
    }

    public var string: String? {
        switch self {
        case .string(let s): s
        case .bytes(let b): String(decoding: b, as: UTF8.self)
        default: nil
        }
    }

    public var table: AMQPTable? {
        if case .table(let t) = self { t } else { nil }
    }

    public var array: [AMQPFieldValue]? {
        if case .array(let a) = self { a } else { nil }
    }
}

/// A field table. Entries keep their order, so encoding is deterministic (and byte vectors testable);
/// lookups by key take the first match, as keys are unique in practice.
public struct AMQPTable: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    public var entries: [(key: String, value: AMQPFieldValue)]

    public init(_ entries: [(key: String, value: AMQPFieldValue)] = []) {
        self.entries = entries
    }

    public init(dictionaryLiteral elements: (String, AMQPFieldValue)...) {
        entries = elements.map { (key: $0.0, value: $0.1) }
    }

    public subscript(key: String) -> AMQPFieldValue? {
        get { entries.first { $0.key == key }?.value }
        set {
            let index = entries.firstIndex { $0.key == key }
            switch (index, newValue) {
            case (let i?, let value?): entries[i].value = value
            case (let i?, nil): entries.remove(at: i)
            case (nil, let value?): entries.append((key: key, value: value))
            case (nil, nil): break
            }
        }
    }

    public var isEmpty: Bool { entries.isEmpty }

    public static func == (lhs: AMQPTable, rhs: AMQPTable) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
