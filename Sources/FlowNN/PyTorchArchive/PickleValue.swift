/// A value read from a pickle by `RestrictedUnpickler`: plain data, containers, and inert records of the few
/// PyTorch constructs a checkpoint uses. Nothing here is ever executed.
public indirect enum PickleValue {
    case none
    case bool(Bool)
    case integer(Int)
    case float(Double)
    case string(String)
    case bytes([UInt8])
    case tuple([PickleValue])
    /// A Python list (a reference: the pickle may append to it after storing it in the memo).
    case list(PickleList)
    /// A `dict` or `collections.OrderedDict`, in insertion order.
    case dictionary(PickleDictionary)
    /// A TorchScript module object (`__torch__.…` class) with the state its pickle set on it.
    case object(PickleObject)
    /// A tensor to be read from the archive's storages.
    case tensor(TorchTensorReference)
    /// A storage named by a persistent id (`('storage', torch.FloatStorage, key, location, numel)`).
    case storage(TorchStorageReference)
    /// An allowed global that is only ever used as a value (a storage type) or a callable the unpickler knows.
    case global(module: String, name: String)

    /// The integer, when this is one (booleans count as 0 and 1, as in Python).
    public var integerValue: Int? {
        switch self {
        case .integer(let value): return value
        case .bool(let value): return value ? 1 : 0
        default: return nil
        }
    }

    /// The string, when this is one.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The items of a tuple or list.
    public var sequence: [PickleValue]? {
        switch self {
        case .tuple(let items): return items
        case .list(let list): return list.items
        default: return nil
        }
    }

    /// The value stored under string `key` in a dictionary or in an object's state dictionary.
    public subscript(key: String) -> PickleValue? {
        switch self {
        case .dictionary(let dictionary): return dictionary[key]
        case .object(let object): return object.state?[key]
        default: return nil
        }
    }

    /// A short description of the kind of value, for error messages.
    public var kind: String {
        switch self {
        case .none: return "None"
        case .bool: return "bool"
        case .integer: return "int"
        case .float: return "float"
        case .string: return "str"
        case .bytes: return "bytes"
        case .tuple: return "tuple"
        case .list: return "list"
        case .dictionary: return "dict"
        case .object(let object): return "object \(object.className)"
        case .tensor: return "tensor"
        case .storage: return "storage"
        case .global(let module, let name): return "global \(module).\(name)"
        }
    }
}
