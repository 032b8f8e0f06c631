import Foundation

extension MetricValue {
    /// `psnr`: the mean over images of `10 log10(255² / MSE)` between uint8 images `reconstructed` and `original`
    /// (`[N, S, S, 3]`, row-major, `imageBytes` bytes per image); an exact image counts as 100 dB.
    static func reconstructionPSNR(_ reconstructed: [UInt8], of original: [UInt8], imageBytes: Int) -> MetricValue {
        precondition(reconstructed.count == original.count && imageBytes > 0, "psnr: images of different sizes")
        let count = original.count / imageBytes
        var total = 0.0
        for image in 0..<count {
            var squaredError = 0.0
            for index in (image * imageBytes)..<((image + 1) * imageBytes) {
                let difference = Double(reconstructed[index]) - Double(original[index])
                squaredError += difference * difference
            }
            let meanSquaredError = squaredError / Double(imageBytes)
            total += meanSquaredError == 0 ? 100 : 10 * log10(255 * 255 / meanSquaredError)
        }
        return MetricValue(name: "psnr", value: total / Double(max(count, 1)),
                           description: "mean over images of the reconstruction PSNR in dB, 10 log10(255^2 / MSE) on uint8 pixels (100 for an exact image)",
                           higherIsBetter: true)
    }
}
