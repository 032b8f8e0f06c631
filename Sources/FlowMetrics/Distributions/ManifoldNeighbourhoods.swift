import Foundation

/// The shared engine of precision/recall and density/coverage: one pass per set for the radii and a
/// single blocked pass over the real x fake distances for all four metrics.
enum ManifoldNeighbourhoods {
    /// Computes whichever of the two metric pairs is given, sharing the distance passes.
    static func compute(
        real: FeatureSet, fake: FeatureSet, precisionRecall: PrecisionRecall?, densityCoverage: DensityCoverage?
    ) throws -> (precisionRecall: PrecisionRecall.Result?, densityCoverage: DensityCoverage.Result?) {
        try FeatureMetricsError.checkSameWidth(real: real, fake: fake)
        var realNeighbourCounts: [Int] = []
        if let precisionRecall {
            try checkNeighbourCount(precisionRecall.neighbourCount, name: "precision/recall k")
            let required = precisionRecall.neighbourCount + 1
            let metric = "precision/recall (k = \(precisionRecall.neighbourCount))"
            try FeatureMetricsError.checkSampleCount(real, role: "real", required: required, metric: metric)
            try FeatureMetricsError.checkSampleCount(fake, role: "fake", required: required, metric: metric)
            realNeighbourCounts.append(precisionRecall.neighbourCount)
        }
        if let densityCoverage {
            try checkNeighbourCount(densityCoverage.neighbourCount, name: "density/coverage k")
            let required = densityCoverage.neighbourCount + 1
            try FeatureMetricsError.checkSampleCount(
                real, role: "real", required: required,
                metric: "density/coverage (k = \(densityCoverage.neighbourCount))")
            realNeighbourCounts.append(densityCoverage.neighbourCount)
        }
        guard !realNeighbourCounts.isEmpty else { return (nil, nil) }

        let realRadii = NearestNeighbourRadii.compute(real, neighbourCounts: realNeighbourCounts)
        let realPrecisionRadii = precisionRecall == nil ? [] : realRadii[0]
        let realDensityRadii = densityCoverage == nil ? [] : realRadii[realRadii.count - 1]
        let fakePrecisionRadii = precisionRecall.map {
            NearestNeighbourRadii.compute(fake, neighbourCounts: [$0.neighbourCount])[0]
        } ?? []
        let boundary = precisionRecall?.boundary ?? .closed
        let wantPrecision = precisionRecall != nil
        let wantDensity = densityCoverage != nil

        // Per real sample (block rows): inside some fake ball (recall); nearest fake distance (coverage).
        var realInsideFake = [Bool](repeating: false, count: real.rows)
        var nearestFake = [Double](repeating: .infinity, count: real.rows)
        // Per fake sample (block columns): inside some real ball (precision); real balls containing it (density).
        var fakeInsideReal = [Bool](repeating: false, count: fake.rows)
        var containingBalls = 0

        realInsideFake.withUnsafeMutableBufferPointer { realInside in
            nearestFake.withUnsafeMutableBufferPointer { nearest in
                let realInsidePointer = EuclideanDistanceBlocks.SharedPointer(base: realInside.baseAddress!)
                let nearestPointer = EuclideanDistanceBlocks.SharedPointer(base: nearest.baseAddress!)
                EuclideanDistanceBlocks(query: real, reference: fake, sameSet: false).forEachBlock { block in
                    let workers = EuclideanDistanceBlocks.workerCount(rows: block.rowCount)
                    // Column-wise results go to per-worker slots, merged after the workers finish.
                    let columnFlags = UnsafeMutablePointer<Bool>.allocate(capacity: workers * block.columnCount)
                    columnFlags.initialize(repeating: false, count: workers * block.columnCount)
                    let counts = UnsafeMutablePointer<Int>.allocate(capacity: workers)
                    counts.initialize(repeating: 0, count: workers)
                    defer {
                        columnFlags.deallocate()
                        counts.deallocate()
                    }
                    let flagsPointer = EuclideanDistanceBlocks.SharedPointer(base: columnFlags)
                    let countsPointer = EuclideanDistanceBlocks.SharedPointer(base: counts)
                    DispatchQueue.concurrentPerform(iterations: workers) { worker in
                        let rows = (worker * block.rowCount / workers)..<((worker + 1) * block.rowCount / workers)
                        let flags = flagsPointer.base + worker * block.columnCount
                        var count = 0
                        for row in rows {
                            let realRow = block.rowStart + row
                            let precisionRadius = wantPrecision ? realPrecisionRadii[realRow] : 0
                            let densityRadius = wantDensity ? realDensityRadii[realRow] : 0
                            var inside = realInsidePointer.base[realRow]
                            var nearestDistance = nearestPointer.base[realRow]
                            for column in 0..<block.columnCount {
                                let distance = block.distance(row, column)
                                if wantPrecision {
                                    if boundary.contains(distance, radius: precisionRadius) { flags[column] = true }
                                    if !inside && boundary.contains(distance, radius: fakePrecisionRadii[block.columnStart + column]) {
                                        inside = true
                                    }
                                }
                                if wantDensity {
                                    if distance < densityRadius { count += 1 }
                                    nearestDistance = min(nearestDistance, distance)
                                }
                            }
                            realInsidePointer.base[realRow] = inside
                            nearestPointer.base[realRow] = nearestDistance
                        }
                        countsPointer.base[worker] = count
                    }
                    for worker in 0..<workers {
                        containingBalls += counts[worker]
                        for column in 0..<block.columnCount where columnFlags[worker * block.columnCount + column] {
                            fakeInsideReal[block.columnStart + column] = true
                        }
                    }
                }
            }
        }

        var precisionRecallResult: PrecisionRecall.Result?
        if wantPrecision {
            precisionRecallResult = PrecisionRecall.Result(
                precision: fraction(fakeInsideReal), recall: fraction(realInsideFake))
        }
        var densityCoverageResult: DensityCoverage.Result?
        if let densityCoverage {
            // prdc: (1. / float(k)) * counts.sum(axis=0).mean(), and (min distance < radius).mean().
            let density = (1.0 / Double(densityCoverage.neighbourCount)) * (Double(containingBalls) / Double(fake.rows))
            let covered = zip(nearestFake, realDensityRadii).filter { $0 < $1 }.count
            densityCoverageResult = DensityCoverage.Result(density: density, coverage: Double(covered) / Double(real.rows))
        }
        return (precisionRecallResult, densityCoverageResult)
    }

    /// Returns the fraction of `true` entries (NumPy's `mean` of a boolean array).
    static func fraction(_ flags: [Bool]) -> Double {
        Double(flags.filter { $0 }.count) / Double(flags.count)
    }

    /// Throws unless `k >= 1`.
    static func checkNeighbourCount(_ k: Int, name: String) throws {
        guard k >= 1 else {
            throw FeatureMetricsError.invalidParameter(name: name, value: "\(k)", requirement: "must be at least 1")
        }
    }
}
