extension RunDirectory {
    /// The shell command that continues this run: `flowlab run --resume <folder>` (the path quoted when needed).
    public var resumeCommand: String {
        "flowlab run --resume \(ShellQuoting.quote(url.path))"
    }
}
