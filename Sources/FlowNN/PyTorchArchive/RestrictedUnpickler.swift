/// A pickle reader that understands only what `torch.save` and TorchScript write, and never runs code.
///
/// Opcodes: protocols 2–5 framing, constants, ints, floats, strings, bytes, tuples, lists, dicts, the memo,
/// `MARK`/`POP`, persistent ids (`BINPERSID`), and `GLOBAL`/`STACK_GLOBAL` + `REDUCE`/`NEWOBJ`/`BUILD` for exactly
/// these globals:
///
/// | global | becomes |
/// |---|---|
/// | `torch._utils._rebuild_tensor_v2`, `torch._utils._rebuild_parameter` | `.tensor` (a strided view of a storage) |
/// | `collections.OrderedDict` | an empty ordered `.dictionary` (its `_metadata` state is ignored) |
/// | `torch.jit._pickle.build_intlist`, … (TorchScript typed lists) | the list argument itself |
/// | `torch.FloatStorage`, … (see `TorchStorageType`) | a storage type inside a persistent id |
/// | `__torch__.…` classes (TorchScript modules) | an inert `.object` holding the state its pickle builds |
///
/// Anything else — another global, an opcode outside the list, a persistent id that is not a storage — throws
/// a `PyTorchArchiveError` naming it and its byte offset. Nothing is imported, instantiated or called.
///
/// ```swift
/// let root = try RestrictedUnpickler(bytes: pickle, file: "model.pt", entry: "archive/data.pkl").load()
/// ```
public struct RestrictedUnpickler {
    private let bytes: [UInt8]
    private let file: String
    private let entry: String
    private var position = 0
    private var opcodeOffset = 0
    private var stack: [PickleValue] = []
    private var marks: [Int] = []
    private var memo: [Int: PickleValue] = [:]
    private static let rebuildTensor = "torch._utils._rebuild_tensor_v2"
    private static let rebuildParameter = "torch._utils._rebuild_parameter"
    private static let orderedDictionary = "collections.OrderedDict"
    /// TorchScript's typed-list builders (`build_intlist([1, 2])` is the list itself) and `restore_type_tag`.
    private static let typedListBuilders: Set<String> = [
        "torch.jit._pickle.build_intlist", "torch.jit._pickle.build_doublelist", "torch.jit._pickle.build_boollist",
        "torch.jit._pickle.build_tensorlist", "torch.jit._pickle.build_genericlist", "torch.jit._pickle.restore_type_tag",
    ]

    /// A reader of `bytes`; `file` and `entry` name them in errors.
    public init(bytes: [UInt8], file: String, entry: String) {
        self.bytes = bytes
        self.file = file
        self.entry = entry
    }

    /// Reads the whole pickle and returns its value.
    public mutating func load() throws -> PickleValue {
        while true {
            opcodeOffset = position
            let opcode = try readByte()
            switch opcode {
            case 0x80: _ = try readByte()                                   // PROTO
            case 0x95: _ = try readBytes(8)                                 // FRAME (length; framing is not needed)
            case 0x2E:                                                      // STOP
                guard let value = stack.popLast() else { throw failure("STOP with an empty stack") }
                return value
            case 0x28: marks.append(stack.count)                           // MARK
            case 0x30: _ = try pop()                                        // POP
            case 0x31: _ = try popMark()                                    // POP_MARK
            case 0x32: stack.append(try top())                              // DUP
            case 0x4E: stack.append(.none)                                  // NONE
            case 0x88: stack.append(.bool(true))                            // NEWTRUE
            case 0x89: stack.append(.bool(false))                           // NEWFALSE
            case 0x4A: stack.append(.integer(Int(Int32(bitPattern: try readUInt32()))))   // BININT
            case 0x4B: stack.append(.integer(Int(try readByte())))          // BININT1
            case 0x4D: stack.append(.integer(Int(try readUInt16())))        // BININT2
            case 0x8A: stack.append(.integer(try readLong(length: Int(try readByte()))))   // LONG1
            case 0x47: stack.append(.float(Double(bitPattern: try readBigEndianUInt64()))) // BINFLOAT
            case 0x58: stack.append(.string(try readString(length: Int(try readUInt32()))))  // BINUNICODE
            case 0x8C: stack.append(.string(try readString(length: Int(try readByte()))))    // SHORT_BINUNICODE
            case 0x8D: stack.append(.string(try readString(length: try checkedLength(readUInt64()))))  // BINUNICODE8
            case 0x55: stack.append(.string(try readString(length: Int(try readByte()))))    // SHORT_BINSTRING
            case 0x54: stack.append(.string(try readString(length: Int(try readUInt32()))))  // BINSTRING
            case 0x43: stack.append(.bytes(try readBytes(Int(try readByte()))))              // SHORT_BINBYTES
            case 0x42: stack.append(.bytes(try readBytes(Int(try readUInt32()))))            // BINBYTES
            case 0x29: stack.append(.tuple([]))                             // EMPTY_TUPLE
            case 0x74: stack.append(.tuple(try popMark()))                  // TUPLE
            case 0x85: let a = try pop(); stack.append(.tuple([a]))         // TUPLE1
            case 0x86: let b = try pop(), a = try pop(); stack.append(.tuple([a, b]))   // TUPLE2
            case 0x87: let c = try pop(), b = try pop(), a = try pop(); stack.append(.tuple([a, b, c]))  // TUPLE3
            case 0x5D: stack.append(.list(PickleList()))                    // EMPTY_LIST
            case 0x6C: stack.append(.list(PickleList(try popMark())))       // LIST
            case 0x61: let item = try pop(); try list(try top()).items.append(item)       // APPEND
            case 0x65: let items = try popMark(); try list(try top()).items.append(contentsOf: items)  // APPENDS
            case 0x7D: stack.append(.dictionary(PickleDictionary(isOrdered: false)))      // EMPTY_DICT
            case 0x64:                                                      // DICT
                let items = try popMark()
                let dictionary = PickleDictionary(isOrdered: false)
                try setItems(items, into: dictionary)
                stack.append(.dictionary(dictionary))
            case 0x73: let value = try pop(), key = try pop(); try dictionary(try top()).set(key, value)  // SETITEM
            case 0x75: let items = try popMark(); try setItems(items, into: try dictionary(try top()))     // SETITEMS
            case 0x71: memo[Int(try readByte())] = try top()                // BINPUT
            case 0x72: memo[Int(try readUInt32())] = try top()              // LONG_BINPUT
            case 0x94: memo[memo.count] = try top()                         // MEMOIZE
            case 0x68: stack.append(try memoValue(Int(try readByte())))     // BINGET
            case 0x6A: stack.append(try memoValue(Int(try readUInt32())))   // LONG_BINGET
            case 0x63:                                                      // GLOBAL "module\nname\n"
                let module = try readLine(), name = try readLine()
                stack.append(try global(module: module, name: name))
            case 0x93:                                                      // STACK_GLOBAL
                let name = try pop(), module = try pop()
                guard let moduleName = module.stringValue, let globalName = name.stringValue else {
                    throw failure("STACK_GLOBAL needs two strings, got \(module.kind) and \(name.kind)")
                }
                stack.append(try global(module: moduleName, name: globalName))
            case 0x51: stack.append(try persistentLoad(try pop()))          // BINPERSID
            case 0x52:                                                      // REDUCE
                let arguments = try pop(), callable = try pop()
                stack.append(try reduce(callable, arguments))
            case 0x81:                                                      // NEWOBJ
                let arguments = try pop(), type = try pop()
                stack.append(try newObject(type, arguments))
            case 0x62:                                                      // BUILD
                let state = try pop()
                try build(try top(), state: state)
            default:
                throw failure(String(format: "opcode 0x%02X", opcode)
                    + (opcode >= 0x20 && opcode < 0x7F ? " ('\(Character(Unicode.Scalar(opcode)))')" : "")
                    + " is not allowed in a PyTorch archive pickle")
            }
        }
    }

    // MARK: - Globals and the constructs they allow

    private func global(module: String, name: String) throws -> PickleValue {
        let qualified = "\(module).\(name)"
        let allowed = [Self.rebuildTensor, Self.rebuildParameter, Self.orderedDictionary]
        if allowed.contains(qualified) || Self.typedListBuilders.contains(qualified) || module.hasPrefix("__torch__")
            || (module == "torch" && TorchStorageType(rawValue: name) != nil) {
            return .global(module: module, name: name)
        }
        throw failure("global '\(qualified)' is not allowed (only tensor rebuilds, storages, OrderedDict, TorchScript typed lists and module classes)")
    }

    private func persistentLoad(_ identifier: PickleValue) throws -> PickleValue {
        guard let fields = identifier.sequence, fields.count == 5, fields[0].stringValue == "storage",
              case .global("torch", let typeName) = fields[1], let type = TorchStorageType(rawValue: typeName),
              let key = fields[2].stringValue, let location = fields[3].stringValue,
              let count = fields[4].integerValue, count >= 0 else {
            throw failure("persistent id is not ('storage', torch.<Type>Storage, key, location, numel): \(identifier.kind)")
        }
        return .storage(TorchStorageReference(type: type, key: key, location: location, elementCount: count))
    }

    private func reduce(_ callable: PickleValue, _ arguments: PickleValue) throws -> PickleValue {
        guard case .global(let module, let name) = callable else {
            throw failure("REDUCE of a \(callable.kind), which is not callable here")
        }
        let qualified = "\(module).\(name)"
        let items = arguments.sequence ?? []
        switch qualified {
        case Self.rebuildTensor:
            // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
            guard items.count >= 4, case .storage(let storage) = items[0], let offset = items[1].integerValue,
                  let size = items[2].sequence?.compactMap(\.integerValue), let stride = items[3].sequence?.compactMap(\.integerValue),
                  size.count == items[2].sequence?.count, stride.count == size.count else {
                throw failure("\(qualified) arguments are not (storage, offset, size, stride, ...)")
            }
            return .tensor(TorchTensorReference(storage: storage, offset: offset, shape: size, strides: stride))
        case Self.rebuildParameter:
            guard let first = items.first, case .tensor = first else {
                throw failure("\(qualified) arguments do not start with a tensor")
            }
            return first
        case _ where Self.typedListBuilders.contains(qualified):
            // (list,) or (value, type tag): the value itself.
            guard let first = items.first else { throw failure("\(qualified) called without arguments") }
            return first
        case Self.orderedDictionary:
            guard items.isEmpty else { throw failure("\(qualified) called with arguments; only OrderedDict() is allowed") }
            return .dictionary(PickleDictionary(isOrdered: true))
        default:
            throw failure("global '\(qualified)' cannot be called")
        }
    }

    private func newObject(_ type: PickleValue, _ arguments: PickleValue) throws -> PickleValue {
        guard case .global(let module, let name) = type, module.hasPrefix("__torch__") else {
            throw failure("NEWOBJ of a \(type.kind); only TorchScript (__torch__) module classes are allowed")
        }
        guard arguments.sequence?.isEmpty ?? false else {
            throw failure("NEWOBJ of \(module).\(name) with arguments; TorchScript objects take none")
        }
        return .object(PickleObject(className: "\(module).\(name)"))
    }

    private func build(_ target: PickleValue, state: PickleValue) throws {
        switch target {
        case .object(let object):
            guard object.state == nil else { throw failure("BUILD twice on \(object.className)") }
            object.state = state
        case .dictionary(let dictionary) where dictionary.isOrdered:
            break   // an OrderedDict's instance attributes (a state dict's `_metadata`): not tensors, ignored
        default:
            throw failure("BUILD on a \(target.kind) is not allowed")
        }
    }

    // MARK: - Stack, memo and containers

    private func setItems(_ items: [PickleValue], into dictionary: PickleDictionary) throws {
        guard items.count % 2 == 0 else { throw failure("SETITEMS with an odd number of items (\(items.count))") }
        for index in stride(from: 0, to: items.count, by: 2) { dictionary.set(items[index], items[index + 1]) }
    }

    private func list(_ value: PickleValue) throws -> PickleList {
        guard case .list(let list) = value else { throw failure("APPEND to a \(value.kind), not a list") }
        return list
    }

    private func dictionary(_ value: PickleValue) throws -> PickleDictionary {
        guard case .dictionary(let dictionary) = value else { throw failure("SETITEM on a \(value.kind), not a dict") }
        return dictionary
    }

    private mutating func pop() throws -> PickleValue {
        if let mark = marks.last, stack.count <= mark { throw failure("stack underflow past a MARK") }
        guard let value = stack.popLast() else { throw failure("stack underflow") }
        return value
    }

    private func top() throws -> PickleValue {
        guard let value = stack.last else { throw failure("stack is empty") }
        return value
    }

    private mutating func popMark() throws -> [PickleValue] {
        guard let mark = marks.popLast(), mark <= stack.count else { throw failure("no MARK on the stack") }
        let items = Array(stack[mark...])
        stack.removeSubrange(mark...)
        return items
    }

    private func memoValue(_ index: Int) throws -> PickleValue {
        guard let value = memo[index] else { throw failure("memo entry \(index) was never stored") }
        return value
    }

    // MARK: - Reading bytes

    private func failure(_ message: String) -> PyTorchArchiveError {
        PyTorchArchiveError(file: file, entry: entry, offset: opcodeOffset, message: message)
    }

    private mutating func readByte() throws -> UInt8 {
        guard position < bytes.count else { throw failure("pickle ends without STOP") }
        defer { position += 1 }
        return bytes[position]
    }

    private mutating func readBytes(_ count: Int) throws -> [UInt8] {
        guard count >= 0, count <= bytes.count - position else {
            throw failure("a \(count)-byte field runs past the end of the pickle (\(bytes.count - position) bytes left)")
        }
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    private mutating func readUInt16() throws -> UInt16 {
        let field = try readBytes(2)
        return UInt16(field[0]) | UInt16(field[1]) << 8
    }

    private mutating func readUInt32() throws -> UInt32 {
        try readBytes(4).enumerated().reduce(0) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
    }

    private mutating func readUInt64() throws -> UInt64 {
        try readBytes(8).enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }

    private mutating func readBigEndianUInt64() throws -> UInt64 {
        try readBytes(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    private func checkedLength(_ length: UInt64) throws -> Int {
        guard length <= UInt64(bytes.count) else { throw failure("string length \(length) exceeds the pickle") }
        return Int(length)
    }

    /// A little-endian two's-complement integer of `length` bytes (LONG1), which must fit in 64 bits.
    private mutating func readLong(length: Int) throws -> Int {
        guard length <= 8 else { throw failure("LONG1 of \(length) bytes does not fit in 64 bits") }
        let field = try readBytes(length)
        guard !field.isEmpty else { return 0 }
        var value: UInt64 = 0
        for (index, byte) in field.enumerated() { value |= UInt64(byte) << (8 * UInt64(index)) }
        if length < 8 && field.last! & 0x80 != 0 { value |= ~UInt64(0) << (8 * UInt64(length)) }
        return Int(Int64(bitPattern: value))
    }

    private mutating func readString(length: Int) throws -> String {
        let field = try readBytes(length)
        guard let text = String(validating: field, as: UTF8.self) else { throw failure("string is not valid UTF-8") }
        return text
    }

    private mutating func readLine() throws -> String {
        guard let end = bytes[position...].firstIndex(of: 0x0A) else { throw failure("GLOBAL name without a newline") }
        let text = try readString(length: end - position)
        position += 1
        return text
    }
}
