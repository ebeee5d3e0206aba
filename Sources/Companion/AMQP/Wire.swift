// The AMQP 0-9-1 primitive encodings (spec section 4.2): big-endian integers, short strings (octet length,
// at most 255 bytes), long strings (32-bit length), packed bits, field tables and field arrays.
import NIOCore

/// What can be wrong with bytes read from, or values written to, the wire.
public enum AMQPWireError: Error, Equatable, Sendable {
    /// A frame did not end with 0xCE: the stream is out of step and cannot be trusted.
    case badFrameEnd(found: UInt8)
    /// A frame announced a payload larger than the negotiated frame_max allows.
    case frameTooLarge(size: UInt32, limit: UInt32)
    case unknownFrameType(UInt8)
    /// A length or a value ran past the end of its frame or table; `reading` names what was being read.
    case truncated(reading: String)
    case unknownFieldType(UInt8)
    case unknownMethod(classID: UInt16, methodID: UInt16)
    /// A content header for a class other than basic (60).
    case unknownContentClass(UInt16)
    /// The server answered our protocol header with its own: it does not speak AMQP 0-9-1.
    case unsupportedProtocol(header: [UInt8])
    case shortStringTooLong(byteCount: Int)
}

extension ByteBuffer {
    mutating func readAMQP<T: FixedWidthInteger>(_: T.Type, _ what: @autoclosure () -> String) throws -> T {
        guard let value = readInteger(as: T.self) else { throw AMQPWireError.truncated(reading: what()) }
        return value
    }

    mutating func readShortString(_ what: @autoclosure () -> String) throws -> String {
        let length = try readAMQP(UInt8.self, what())
        guard let string = readString(length: Int(length)) else { throw AMQPWireError.truncated(reading: what()) }
        return string
    }

    mutating func readLongBytes(_ what: @autoclosure () -> String) throws -> [UInt8] {
        let length = try readAMQP(UInt32.self, what())
        guard let bytes = readBytes(length: Int(length)) else { throw AMQPWireError.truncated(reading: what()) }
        return bytes
    }

    mutating func readLongString(_ what: @autoclosure () -> String) throws -> String {
        String(decoding: try readLongBytes(what()), as: UTF8.self)
    }

    /// `count` bits packed into octets, least significant bit first (spec 4.2.5.2).
    mutating func readBits(_ count: Int, _ what: @autoclosure () -> String) throws -> [Bool] {
        var bits: [Bool] = []
        while bits.count < count {
            let octet = try readAMQP(UInt8.self, what())
            for i in 0..<min(8, count - bits.count) { bits.append(octet & (1 << i) != 0) }
        }
        return bits
    }

    mutating func readTable(_ what: @autoclosure () -> String) throws -> AMQPTable {
        let length = try readAMQP(UInt32.self, what())
        guard var slice = readSlice(length: Int(length)) else { throw AMQPWireError.truncated(reading: what()) }
        var table = AMQPTable()
        while slice.readableBytes > 0 {
            let key = try slice.readShortString("field name in \(what())")
            table.entries.append((key: key, value: try slice.readFieldValue("field '\(key)'")))
        }
        return table
    }

    mutating func readFieldValue(_ what: @autoclosure () -> String) throws -> AMQPFieldValue {
        let tag = try readAMQP(UInt8.self, what())
        switch tag {
        case UInt8(ascii: "t"): return .bool(try readAMQP(UInt8.self, what()) != 0)
        case UInt8(ascii: "b"): return .int8(try readAMQP(Int8.self, what()))
        case UInt8(ascii: "B"): return .uint8(try readAMQP(UInt8.self, what()))
        case UInt8(ascii: "s"): return .int16(try readAMQP(Int16.self, what()))
        case UInt8(ascii: "u"): return .uint16(try readAMQP(UInt16.self, what()))
        case UInt8(ascii: "I"): return .int32(try readAMQP(Int32.self, what()))
        case UInt8(ascii: "i"): return .uint32(try readAMQP(UInt32.self, what()))
        case UInt8(ascii: "l"): return .int64(try readAMQP(Int64.self, what()))
        case UInt8(ascii: "f"): return .float(Float(bitPattern: try readAMQP(UInt32.self, what())))
        case UInt8(ascii: "d"): return .double(Double(bitPattern: try readAMQP(UInt64.self, what())))
        case UInt8(ascii: "D"):
            return .decimal(scale: try readAMQP(UInt8.self, what()), value: try readAMQP(UInt32.self, what()))
        case UInt8(ascii: "S"): return .string(try readLongString(what()))
        case UInt8(ascii: "T"): return .timestamp(try readAMQP(UInt64.self, what()))
        case UInt8(ascii: "F"): return .table(try readTable(what()))
        case UInt8(ascii: "A"):
            let length = try readAMQP(UInt32.self, what())
            guard var slice = readSlice(length: Int(length)) else { throw AMQPWireError.truncated(reading: what()) }
            var values: [AMQPFieldValue] = []
            while slice.readableBytes > 0 { values.append(try slice.readFieldValue("element of \(what())")) }
            return .array(values)
        case UInt8(ascii: "V"): return .void
        case UInt8(ascii: "x"): return .bytes(try readLongBytes(what()))
        default: throw AMQPWireError.unknownFieldType(tag)
        }
    }

    mutating func writeShortString(_ string: String) throws {
        let utf8 = Array(string.utf8)
        guard utf8.count <= 255 else { throw AMQPWireError.shortStringTooLong(byteCount: utf8.count) }
        writeInteger(UInt8(utf8.count))
        writeBytes(utf8)
    }

    mutating func writeLongBytes(_ bytes: [UInt8]) {
        writeInteger(UInt32(bytes.count))
        writeBytes(bytes)
    }

    mutating func writeLongString(_ string: String) {
        writeLongBytes(Array(string.utf8))
    }

    mutating func writeBits(_ bits: Bool...) {
        var index = 0
        while index < bits.count {
            var octet: UInt8 = 0
            for i in 0..<min(8, bits.count - index) where bits[index + i] { octet |= 1 << i }
            writeInteger(octet)
            index += 8
        }
    }

    /// Writes a length placeholder, then the contents, then patches the length in.
    private mutating func writeWithLengthPrefix(_ body: (inout ByteBuffer) throws -> Void) rethrows {
        let lengthIndex = writerIndex
        writeInteger(UInt32(0))
        try body(&self)
        setInteger(UInt32(writerIndex - lengthIndex - 4), at: lengthIndex)
    }

    mutating func writeTable(_ table: AMQPTable) throws {
        try writeWithLengthPrefix { buffer in
            for (key, value) in table.entries {
                try buffer.writeShortString(key)
                try buffer.writeFieldValue(value)
            }
        }
    }

    mutating func writeFieldValue(_ value: AMQPFieldValue) throws {
        func tag(_ character: Unicode.Scalar) { writeInteger(UInt8(ascii: character)) }
        switch value {
        case .bool(let v): tag("t"); writeInteger(UInt8(v ? 1 : 0))
        case .int8(let v): tag("b"); writeInteger(v)
        case .uint8(let v): tag("B"); writeInteger(v)
        case .int16(let v): tag("s"); writeInteger(v)
        case .uint16(let v): tag("u"); writeInteger(v)
        case .int32(let v): tag("I"); writeInteger(v)
        case .uint32(let v): tag("i"); writeInteger(v)
        case .int64(let v): tag("l"); writeInteger(v)
        case .float(let v): tag("f"); writeInteger(v.bitPattern)
        case .double(let v): tag("d"); writeInteger(v.bitPattern)
        case .decimal(let scale, let v): tag("D"); writeInteger(scale); writeInteger(v)
        case .string(let v): tag("S"); writeLongString(v)
        case .timestamp(let v): tag("T"); writeInteger(v)
        case .table(let v): tag("F"); try writeTable(v)
        case .array(let values):
            tag("A")
            try writeWithLengthPrefix { buffer in
                for element in values { try buffer.writeFieldValue(element) }
            }
        case .void: tag("V")
        case .bytes(let v): tag("x"); writeLongBytes(v)
        }
    }
}
