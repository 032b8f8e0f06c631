extension RGBImage {
    /// The largest centred square: `side = min(width, height)`, offset `(width - side) / 2`, `(height - side) / 2` (rounded down).
    ///
    ///     let square = photo.centerCropped()   // 640 x 480 -> 480 x 480, columns 80..<560
    public func centerCropped() -> RGBImage {
        let side = Swift.min(width, height)
        return cropped(x: (width - side) / 2, y: (height - side) / 2, width: side, height: side)
    }

    /// The `width x height` region whose top-left pixel is at column `x`, row `y` (must lie inside the image).
    public func cropped(x: Int, y: Int, width cropWidth: Int, height cropHeight: Int) -> RGBImage {
        precondition(x >= 0 && y >= 0 && cropWidth > 0 && cropHeight > 0 && x + cropWidth <= width && y + cropHeight <= height,
                     "crop \(cropWidth) x \(cropHeight) at (\(x), \(y)) is outside the \(width) x \(height) image")
        if x == 0, y == 0, cropWidth == width, cropHeight == height { return self }
        var region = [UInt8](repeating: 0, count: cropWidth * cropHeight * 3)
        for row in 0..<cropHeight {
            let start = ((y + row) * width + x) * 3
            region.replaceSubrange(row * cropWidth * 3..<(row + 1) * cropWidth * 3, with: pixels[start..<start + cropWidth * 3])
        }
        return RGBImage(uncheckedWidth: cropWidth, height: cropHeight, pixels: region)
    }
}
