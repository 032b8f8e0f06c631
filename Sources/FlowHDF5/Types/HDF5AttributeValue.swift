/// The value of an attribute: a number, a string, or a 1-D array of them.
///
/// Scalars are stored as scalar attributes and arrays as 1-D attributes, so a one-element
/// array reads back as an array. Integers are stored as int64, reals as float64, strings as
/// variable-length UTF-8. Attributes written by other tools read back as `.double`/`.doubles`
/// for any float type, `.int`/`.ints` for any integer type up to 64 bits signed, and
/// `.string`/`.strings` for any string type; arrays of higher rank are flattened. Booleans are stored
/// as h5py stores them, an int8 enum with members FALSE = 0 and TRUE = 1, which h5py reads as `numpy.bool_`.
public enum HDF5AttributeValue: Equatable, Sendable {
    /// A real number.
    case double(Double)
    /// An integer.
    case int(Int)
    /// A text.
    case string(String)
    /// A 1-D array of real numbers.
    case doubles([Double])
    /// A 1-D array of integers.
    case ints([Int])
    /// A 1-D array of texts.
    case strings([String])
    /// A boolean (an HDF5 enum FALSE/TRUE over int8, h5py's boolean type).
    case bool(Bool)

    /// The number if this is `.double`, else nil.
    public var doubleValue: Double? { if case .double(let value) = self { value } else { nil } }
    /// The integer if this is `.int`, else nil.
    public var intValue: Int? { if case .int(let value) = self { value } else { nil } }
    /// The text if this is `.string`, else nil.
    public var stringValue: String? { if case .string(let value) = self { value } else { nil } }
    /// The boolean if this is `.bool`, else nil.
    public var boolValue: Bool? { if case .bool(let value) = self { value } else { nil } }
    /// The numbers if this is `.doubles`, else nil.
    public var doublesValue: [Double]? { if case .doubles(let values) = self { values } else { nil } }
    /// The integers if this is `.ints`, else nil.
    public var intsValue: [Int]? { if case .ints(let values) = self { values } else { nil } }
    /// The texts if this is `.strings`, else nil.
    public var stringsValue: [String]? { if case .strings(let values) = self { values } else { nil } }
}
