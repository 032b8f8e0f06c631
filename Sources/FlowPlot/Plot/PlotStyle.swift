/// Colours, text sizes and spacing shared by every panel of a figure.
public struct PlotStyle: Sendable {
    /// Figure background.
    public var background: Color = .white
    /// Axes, ticks and text.
    public var foreground: Color = .ink
    /// Grid lines behind line plots.
    public var gridColor: Color = .lightGray
    /// Integer scale of the 5 x 8 font for tick labels, legends and axis labels.
    public var labelScale: Int = 2
    /// Integer scale of panel titles and row labels.
    public var titleScale: Int = 2
    /// Integer scale of the figure title.
    public var figureTitleScale: Int = 3
    /// Space around the figure and between text and neighbouring elements, in pixels.
    public var padding: Int = 12

    /// The default style: white background, near-black ink, 2x text.
    public init() {}

    /// Pixel height of capital letters at `labelScale`.
    var labelHeight: Int { BitmapFont.capitalHeight * labelScale }
    /// Pixel height of capital letters at `titleScale`.
    var titleHeight: Int { BitmapFont.capitalHeight * titleScale }
    /// Length of tick marks, in pixels.
    var tickLength: Int { 2 + 2 * labelScale }
}
