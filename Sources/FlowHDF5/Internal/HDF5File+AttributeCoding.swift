import CHDF5

extension HDF5File {
    /// Creates and writes attribute `name` holding `value` on an open object (scalars in a scalar dataspace, arrays 1-D).
    func createAttribute(_ name: String, _ value: HDF5AttributeValue, on objectID: hid_t, operation: String, path: String) throws {
        let double = flowlab_h5t_native_double()
        let int64 = flowlab_h5t_native_int64()
        switch value {
        case .double(let number):
            try createNumericAttribute(name, [number], shape: [], typeID: double, on: objectID, operation: operation, path: path)
        case .doubles(let numbers):
            try createNumericAttribute(name, numbers, shape: [numbers.count], typeID: double, on: objectID,
                                       operation: operation, path: path)
        case .int(let number):
            try createNumericAttribute(name, [Int64(number)], shape: [], typeID: int64, on: objectID, operation: operation, path: path)
        case .ints(let numbers):
            try createNumericAttribute(name, numbers.map { Int64($0) }, shape: [numbers.count], typeID: int64, on: objectID,
                                       operation: operation, path: path)
        case .string(let text):
            try createStringAttribute(name, [text], shape: [], on: objectID, operation: operation, path: path)
        case .strings(let texts):
            try createStringAttribute(name, texts, shape: [texts.count], on: objectID, operation: operation, path: path)
        case .bool(let flag):
            let typeID = try makeBooleanType(operation: operation, path: path)
            defer { H5Tclose(typeID) }
            try createNumericAttribute(name, [Int8(flag ? 1 : 0)], shape: [], typeID: typeID, on: objectID, operation: operation, path: path)
        }
    }

    /// Reads an open attribute: floats as `.double(s)`, integers as `.int(s)`, strings as `.string(s)`; scalars vs arrays by rank.
    func readAttributeValue(_ attributeID: hid_t, operation: String, path: String) throws -> HDF5AttributeValue {
        let typeID = try check(H5Aget_type(attributeID), operation: operation, path: path)
        defer { H5Tclose(typeID) }
        let spaceID = try check(H5Aget_space(attributeID), operation: operation, path: path)
        defer { H5Sclose(spaceID) }
        let isScalar = H5Sget_simple_extent_type(spaceID) == H5S_SCALAR
        let count = Int(H5Sget_simple_extent_npoints(spaceID))
        guard count >= 0, H5Sget_simple_extent_type(spaceID) != H5S_NULL else {
            throw error(.typeMismatch, "the attribute is empty (null dataspace), which FlowHDF5 does not read",
                        operation: operation, path: path)
        }
        let storedType = HDF5DataType(typeID: typeID)
        switch H5Tget_class(typeID) {
        case H5T_FLOAT:
            let numbers: [Double] = try readNumbers(attributeID, count: count, typeID: flowlab_h5t_native_double(),
                                                    operation: operation, path: path)
            return isScalar ? .double(numbers[0]) : .doubles(numbers)
        case H5T_INTEGER where !(H5Tget_sign(typeID) == H5T_SGN_NONE && H5Tget_size(typeID) >= 8):
            let numbers: [Int64] = try readNumbers(attributeID, count: count, typeID: flowlab_h5t_native_int64(),
                                                   operation: operation, path: path)
            return isScalar ? .int(Int(numbers[0])) : .ints(numbers.map { Int($0) })
        case H5T_STRING:
            let texts = try readStringValues(storedTypeID: typeID, count: count, operation: operation, path: path) { memoryType, buffer in
                H5Aread(attributeID, memoryType, buffer)
            }
            return isScalar ? .string(texts[0]) : .strings(texts)
        case H5T_ENUM where isScalar && isBooleanType(typeID):
            let typeID = try makeBooleanType(operation: operation, path: path)
            defer { H5Tclose(typeID) }
            let numbers: [Int8] = try readNumbers(attributeID, count: 1, typeID: typeID, operation: operation, path: path)
            return .bool(numbers[0] != 0)
        default:
            throw error(.typeMismatch, "attribute type \(storedType) is not supported (numbers and strings are)",
                        operation: operation, path: path)
        }
    }

    /// Creates attribute `name` of `shape` with native numeric type `typeID` (matching `Number`) and writes `numbers`.
    private func createNumericAttribute<Number: BitwiseCopyable>(_ name: String, _ numbers: [Number], shape: [Int], typeID: hid_t,
                                                                 on objectID: hid_t, operation: String, path: String) throws {
        let attributeID = try makeAttribute(name, shape: shape, typeID: typeID, on: objectID, operation: operation, path: path)
        defer { H5Aclose(attributeID) }
        guard !numbers.isEmpty else { return }
        try check(numbers.withUnsafeBytes { H5Awrite(attributeID, typeID, $0.baseAddress) }, operation: operation, path: path)
    }

    /// Creates attribute `name` of `shape` holding variable-length UTF-8 `texts`.
    private func createStringAttribute(_ name: String, _ texts: [String], shape: [Int], on objectID: hid_t,
                                       operation: String, path: String) throws {
        try requireNoNulCharacters(texts, operation: operation, path: path)
        let typeID = try makeVariableStringType(operation: operation, path: path)
        defer { H5Tclose(typeID) }
        let attributeID = try makeAttribute(name, shape: shape, typeID: typeID, on: objectID, operation: operation, path: path)
        defer { H5Aclose(attributeID) }
        guard !texts.isEmpty else { return }
        try check(withCStringPointers(texts) { H5Awrite(attributeID, typeID, $0) }, operation: operation, path: path)
    }

    /// Creates an empty attribute `name` of `shape` and stored type `typeID`; the caller closes it with `H5Aclose`.
    private func makeAttribute(_ name: String, shape: [Int], typeID: hid_t, on objectID: hid_t,
                               operation: String, path: String) throws -> hid_t {
        let spaceID = try makeDataspace(shape: shape, isExtendable: false, operation: operation, path: path)
        defer { H5Sclose(spaceID) }
        return try check(H5Acreate2(objectID, name, typeID, spaceID, flowlab_h5p_default(), flowlab_h5p_default()),
                         operation: operation, path: path)
    }

    /// Reads `count` numbers of an open attribute converted to the native type `typeID` (matching `Number`).
    private func readNumbers<Number: BitwiseCopyable>(_ attributeID: hid_t, count: Int, typeID: hid_t,
                                                      operation: String, path: String) throws -> [Number] {
        guard count > 0 else { return [] }
        var status: herr_t = 0
        let numbers = [Number](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            status = H5Aread(attributeID, typeID, buffer.baseAddress)
            initializedCount = status >= 0 ? count : 0
        }
        try check(status, operation: operation, path: path)
        return numbers
    }

    /// h5py's boolean type: an enum over int8 with FALSE = 0 and TRUE = 1; the caller closes it with `H5Tclose`.
    func makeBooleanType(operation: String, path: String) throws -> hid_t {
        let typeID = try check(H5Tenum_create(flowlab_h5t_native_int8()), operation: operation, path: path)
        var falseValue: Int8 = 0
        var trueValue: Int8 = 1
        do {
            try check(H5Tenum_insert(typeID, "FALSE", &falseValue), operation: operation, path: path)
            try check(H5Tenum_insert(typeID, "TRUE", &trueValue), operation: operation, path: path)
        } catch {
            H5Tclose(typeID)
            throw error
        }
        return typeID
    }

    /// Whether the enum type `typeID` is h5py's boolean: two members, FALSE and TRUE.
    func isBooleanType(_ typeID: hid_t) -> Bool {
        guard H5Tget_nmembers(typeID) == 2 else { return false }
        let names: [String] = (0..<2).compactMap { index in
            guard let pointer = H5Tget_member_name(typeID, UInt32(index)) else { return nil }
            defer { H5free_memory(pointer) }
            return String(cString: pointer)
        }
        return names == ["FALSE", "TRUE"]
    }
}
