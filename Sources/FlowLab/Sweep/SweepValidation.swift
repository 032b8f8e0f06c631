import Foundation

/// Checks, before anything is written, that every job of a sweep can run: its spec resolves with the job's
/// overrides, names registered components with valid options, and every variant and stage builds (with the checks
/// of ``ExperimentRunner/validate(_:registry:)``, as `flowlab run` makes them).
///
/// `flowlab sweep` (with or without `--dry-run`) refuses a sweep in which any job fails here, and creates
/// no folder for it. Example:
///
///     let failures = SweepValidation.failures(of: plan)
///     for failure in failures { print(failure.description) }   // "job 3 (train.steps=0): ...: must be positive"
public enum SweepValidation {
    /// One job that cannot run, with its overrides and the reason.
    public struct Failure: Sendable, CustomStringConvertible {
        /// The job index.
        public let index: Int
        /// The job's overrides.
        public let overrides: [String]
        /// The error, as text (it names the file, line and key).
        public let message: String

        public var description: String { "job \(index) (\(overrides.joined(separator: " "))): \(message)" }
    }

    /// The jobs of `plan` that cannot run, in job order (empty when every job can run).
    public static func failures(of plan: SweepPlan, registry: ComponentRegistry = .standard) -> [Failure] {
        (0..<plan.jobCount).compactMap { index in
            let overrides = plan.overrides(forJob: index)
            do {
                try validate(specPath: plan.specPath, overrides: overrides, registry: registry)
                return nil
            } catch {
                return Failure(index: index, overrides: overrides, message: "\(error)")
            }
        }
    }

    /// Resolves one job's spec and checks it as `flowlab run` would before creating its folder.
    static func validate(specPath: String, overrides: [String], registry: ComponentRegistry) throws {
        try ExperimentRunner.validate(try ExperimentSpec.load(file: specPath, overrides: overrides), registry: registry)
    }
}
