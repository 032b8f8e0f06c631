import FlowNN

/// The training of a frozen evaluator network (the scene reader, the shapes CLIP encoder), which
/// ``EvaluatorStage`` caches as a stage: trained once, reused by every run that resolves the same configuration.
public protocol EvaluatorTraining: Encodable {
    /// The network it trains.
    associatedtype Network: Module

    /// The stage kind in cache keys and provenance (`scene_reader`).
    static var stageKind: String { get }
    /// The network's name in log lines and errors (`scene reader`).
    static var networkName: String { get }
    /// What one training example is, in log lines (`images`, `pairs`).
    static var exampleName: String { get }

    /// Optimiser steps.
    var steps: Int { get }
    /// Examples per step.
    var batchSize: Int { get }

    /// A network of the configured shape with untrained weights, to load a checkpoint into.
    func untrainedNetwork() -> Network
    /// Trains the network; `progress` is told every step (step, loss).
    func train(progress: (_ step: Int, _ loss: Double) -> Void) throws -> Network
    /// What the trained network reaches on its test split, recorded in the stage's provenance.
    func testMetrics(_ network: Network) throws -> [String: Double]
}
