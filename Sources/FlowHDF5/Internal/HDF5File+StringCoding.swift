import CHDF5
import Foundation

extension HDF5File {
    /// A new variable-length UTF-8 string type (the kind h5py writes for `str`); the caller closes it with `H5Tclose`.
    func makeVariableStringType(operation: String, path: String) throws -> hid_t {
        let typeID = try check(H5Tcopy(flowlab_h5t_c_s1()), operation: operation, path: path)
        guard H5Tset_size(typeID, flowlab_h5t_variable()) >= 0, H5Tset_cset(typeID, H5T_CSET_UTF8) >= 0 else {
            H5Tclose(typeID)
            throw error(.libraryFailure, HDF5Library.lastErrorMessage() ?? "cannot make a string type", operation: operation, path: path)
        }
        return typeID
    }

    /// Throws `.invalidArgument` if a string holds a NUL character, which C strings cannot store.
    func requireNoNulCharacters(_ strings: [String], operation: String, path: String) throws {
        if let index = strings.firstIndex(where: { $0.utf8.contains(0) }) {
            throw error(.invalidArgument, "string \(index) contains a NUL character, which HDF5 strings cannot hold",
                        operation: operation, path: path)
        }
    }

    /// Hands `write` a buffer of C string pointers for `strings`, in the layout of a variable-length string type.
    func withCStringPointers(_ strings: [String], _ write: (UnsafeRawPointer) -> herr_t) -> herr_t {
        let pointers = strings.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        return pointers.withUnsafeBytes { write($0.baseAddress!) }
    }

    /// Reads `count` strings of the stored string type `storedTypeID`; `read(memoryType, buffer)` performs the HDF5 read.
    func readStringValues(storedTypeID: hid_t, count: Int, operation: String, path: String,
                          _ read: (hid_t, UnsafeMutableRawPointer) -> herr_t) throws -> [String] {
        guard count > 0 else { return [] }
        if H5Tis_variable_str(storedTypeID) > 0 {
            let memoryType = try makeVariableStringType(operation: operation, path: path)
            defer { H5Tclose(memoryType) }
            try check(H5Tset_cset(memoryType, H5Tget_cset(storedTypeID)), operation: operation, path: path)
            var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
            try check(pointers.withUnsafeMutableBytes { read(memoryType, $0.baseAddress!) }, operation: operation, path: path)
            defer { pointers.forEach { if let pointer = $0 { H5free_memory(pointer) } } }
            return pointers.map { $0.map { String(cString: $0) } ?? "" }
        }
        let memoryType = try check(H5Tcopy(storedTypeID), operation: operation, path: path)
        defer { H5Tclose(memoryType) }
        let size = H5Tget_size(storedTypeID)
        let isSpacePadded = H5Tget_strpad(storedTypeID) == H5T_STR_SPACEPAD
        var bytes = [UInt8](repeating: 0, count: count * size)
        try check(bytes.withUnsafeMutableBytes { read(memoryType, $0.baseAddress!) }, operation: operation, path: path)
        return (0..<count).map { index in
            var element = bytes[(index * size)..<((index + 1) * size)]
            if let end = element.firstIndex(of: 0) { element = element[..<end] }
            if isSpacePadded { while element.last == UInt8(ascii: " ") { element = element.dropLast() } }
            return String(decoding: element, as: UTF8.self)
        }
    }
}
