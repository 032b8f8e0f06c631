/// The error a command throws where it needs a part of FlowLab that is not connected to the CLI yet.
///
/// Every use is one clearly marked `// WIRING:` place, to be replaced by a call into FlowLab.
struct NotWiredYet: Error, CustomStringConvertible {
    /// The missing capability, e.g. "loading experiment specs (Experiments/x.yaml)".
    let what: String

    var description: String { "\(what) is not wired yet in this build of flowlab" }
}

/// A `NotWiredYet` error for `what`.
func notWiredYet(_ what: String) -> NotWiredYet {
    NotWiredYet(what: what)
}
