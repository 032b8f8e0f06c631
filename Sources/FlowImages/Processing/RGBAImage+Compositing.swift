extension RGBAImage {
    /// The image drawn over a plain `background`: `out = background + (colour - background) * alpha / 255`, rounded as PIL's paste with a mask.
    ///
    ///     let flat = clipArt.composited(on: RGBColor(red: 255, green: 255, blue: 255))
    public func composited(on background: RGBColor) -> RGBImage {
        let backdrop = [Int(background.red), Int(background.green), Int(background.blue)]
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        for pixel in 0..<(width * height) {
            let alpha = Int(pixels[pixel * 4 + 3])
            for channel in 0..<3 {
                let base = backdrop[channel]
                let blended = (Int(pixels[pixel * 4 + channel]) - base) * alpha + 128
                rgb[pixel * 3 + channel] = UInt8(truncatingIfNeeded: base + (((blended >> 8) + blended) >> 8))
            }
        }
        return RGBImage(uncheckedWidth: width, height: height, pixels: rgb)
    }
}
