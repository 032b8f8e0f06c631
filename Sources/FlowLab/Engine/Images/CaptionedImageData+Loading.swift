import FlowData

extension CaptionedImageData {
    /// The captioned-image data set `spec.data` names; a data error becomes a spec error at the offending key.
    static func load(_ spec: ExperimentSpec, registry: ComponentRegistry) throws -> CaptionedImageData {
        let options = try registry.make((any CaptionedImageDataOptions).self, .dataset, from: spec.data)
        do {
            return try options.data()
        } catch let error as DataError {
            let key = error.key.isEmpty ? spec.data.keyPath : spec.data.keyPath + "." + error.key
            let place = error.location.isEmpty ? "" : "\(error.location): "
            throw SpecError(location: spec.data.options[error.key]?.location ?? spec.data.location, keyPath: key,
                            message: place + error.message)
        }
    }
}
