/// A bad input found while a command runs (missing file, wrong dataset, ...): printed as one line, exit status 1.
///
/// Unlike `ValidationError`, which ArgumentParser follows with the usage text, this prints only
/// `Error: <message>`, since the arguments were well-formed and only their content was wrong.
struct InputError: Error, CustomStringConvertible {
    /// What was wrong, naming the file (and object path) involved.
    let message: String

    /// Creates an error with `message`.
    init(_ message: String) {
        self.message = message
    }

    var description: String { message }
}
