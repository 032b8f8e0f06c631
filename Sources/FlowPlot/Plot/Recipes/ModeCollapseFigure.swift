/// The CrossFlows mode-collapse figure (paper Figure 8): one row per sampling configuration,
/// a scatter of 2D samples coloured by their grid label, and a heatmap of samples per grid cell.
///
/// The toy data are six Gaussians on a circle; the plane `extent` x `extent` is cut into
/// `cells` x `cells` boxes and a point in box (i, j) has label c = i + j (0...2 * (cells - 1)).
///
/// ```swift
/// // samplesByConfiguration: [(name: String, points: [(x: Double, y: Double)], labels: [Int])]
/// let rows = samplesByConfiguration.map { ModeCollapseFigure.Row(name: $0.name, points: $0.points, labels: $0.labels) }
/// let figure = ModeCollapseFigure.make(rows: rows, title: "mode collapse: samples and cell counts")
/// try figure.writePNG(to: reportDirectory.appendingPathComponent("mode_collapse.png"))
/// ```
public enum ModeCollapseFigure {
    /// One sampling configuration: its name and samples with their (generated or data) labels.
    public struct Row: Sendable {
        /// The configuration name printed left of the row, e.g. "cfg_w3.0".
        public var name: String
        /// The 2D samples.
        public var points: [(x: Double, y: Double)]
        /// One label c per sample, used for colouring.
        public var labels: [Int]

        /// Creates a row.
        public init(name: String, points: [(x: Double, y: Double)], labels: [Int]) {
            self.name = name
            self.points = points
            self.labels = labels
        }
    }

    /// Builds the figure: per row a label-coloured scatter and a `cells` x `cells` count heatmap over `extent`².
    public static func make(
        rows: [Row], cells: Int = 100, extent: ClosedRange<Double> = -6...6, title: String? = nil,
        logCounts: Bool = false, panelSize: Int = 440
    ) -> Figure {
        precondition(!rows.isEmpty, "ModeCollapseFigure needs at least one row")
        var figure = Figure(
            rows: rows.count, columns: 2, panelWidth: panelSize + panelSize / 5, panelHeight: panelSize,
            title: title, rowLabels: rows.map(\.name))
        let labelRange = 0...Double(2 * (cells - 1))
        for (index, row) in rows.enumerated() {
            let axis = Axis(limits: extent)
            figure[index, 0] = ScatterPanel(
                title: "samples (colour: label c)",
                points: row.points,
                coloring: .continuous(values: row.labels.map(Double.init), colorMap: .viridis, range: labelRange, label: "label c"),
                pointRadius: 1.2, opacity: 0.7, xAxis: axis, yAxis: axis, equalAspect: true)
            figure[index, 1] = HeatmapPanel(
                title: "samples per cell (\(cells)x\(cells))",
                binning: row.points, xBins: cells, yBins: cells, xRange: extent, yRange: extent,
                logScale: logCounts, colorBarLabel: "count", xAxis: axis, yAxis: axis, equalAspect: true)
        }
        return figure
    }
}
