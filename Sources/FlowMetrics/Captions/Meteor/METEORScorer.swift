import FlowSupport
import Foundation

/// METEOR 1.5 through its Java jar, driven exactly like pycocoevalcap's `meteor.py`.
///
/// Runs `java -jar -Xmx2G meteor-1.5.jar - - -stdio -l en -norm` in the jar's folder (it reads
/// `data/paraphrase-en.gz` from there), sends one `SCORE ||| ref ... ||| hyp` line per image,
/// then one `EVAL ||| stats ...` line, and reads back the per-image scores and the jar's
/// aggregate score. Never estimates: when Java or the jar is missing it throws
/// ``METEORUnavailable`` whose message starts with `METEOR unavailable:`.
///
/// The jar is found, in order: the `jarPath` argument, the `FLOWLAB_METEOR_JAR` environment
/// variable, `meteor-1.5/meteor-1.5.jar` in the weights folder (where `flowlab weights fetch meteor`
/// and `make weights` put it, with its `data/` beside it), then `meteor/meteor-1.5.jar` inside a
/// pip-installed pycocoevalcap package.
public struct METEORScorer: Sendable {
    /// Path of `meteor-1.5.jar`.
    public let jarPath: String
    /// Path of the `java` executable.
    public let javaPath: String

    /// Locates Java and the jar; throws ``METEORUnavailable`` when either is missing.
    public init(jarPath: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let java = Self.findExecutable("java", environment: environment) else {
            throw METEORUnavailable(reason: "no `java` executable on PATH")
        }
        javaPath = java
        if let jarPath {
            guard FileManager.default.isReadableFile(atPath: jarPath) else {
                throw METEORUnavailable(reason: "jar not found at \(jarPath)")
            }
            self.jarPath = jarPath
        } else if let fromEnvironment = environment["FLOWLAB_METEOR_JAR"], !fromEnvironment.isEmpty {
            guard FileManager.default.isReadableFile(atPath: fromEnvironment) else {
                throw METEORUnavailable(reason: "FLOWLAB_METEOR_JAR=\(fromEnvironment) is not a readable file")
            }
            self.jarPath = fromEnvironment
        } else if let fetched = Self.fetchedJar(environment: environment) {
            self.jarPath = fetched
        } else if let found = Self.findPycocoevalcapJar(environment: environment) {
            self.jarPath = found
        } else {
            throw METEORUnavailable(
                reason: "meteor-1.5.jar not found (run `flowlab weights fetch meteor` or `make weights`, or set FLOWLAB_METEOR_JAR)")
        }
    }

    /// Scores tokenized captions; returns the jar's aggregate score and its per-image scores.
    public func score(candidates: [String], references: [[String]]) throws -> CaptionScores {
        precondition(candidates.count == references.count, "one reference list per candidate")
        guard !candidates.isEmpty else { return CaptionScores(corpus: .nan, perImage: []) }
        let jarURL = URL(fileURLWithPath: jarPath)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: javaPath)
        process.arguments = ["-jar", "-Xmx2G", jarURL.lastPathComponent, "-", "-", "-stdio", "-l", "en", "-norm"]
        process.currentDirectoryURL = jarURL.deletingLastPathComponent()
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            throw METEORUnavailable(reason: "could not start \(javaPath): \(error.localizedDescription)")
        }
        defer {
            try? input.fileHandleForWriting.close()
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }

        let scoreLines = zip(candidates, references).map { candidate, referenceList -> String in
            let hypothesis = candidate.replacingOccurrences(of: "|||", with: "").replacingOccurrences(of: "  ", with: " ")
            return (["SCORE"] + referenceList + [hypothesis]).joined(separator: " ||| ") + "\n"
        }
        // Write on another thread while reading here, so that neither pipe can fill up and block.
        let writer = input.fileHandleForWriting
        let payload = Data(scoreLines.joined().utf8)
        let written = DispatchSemaphore(value: 0)
        let writeFailure = WriteFailure()
        DispatchQueue.global().async {
            do { try writer.write(contentsOf: payload) } catch {
                // Foundation wraps the system's reason (EPIPE: the jar exited) in a Cocoa error 512; show the reason.
                let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
                writeFailure.set(underlying.map { "writing to it failed: \($0.localizedDescription)" } ?? "writing to it failed: \(error.localizedDescription)")
            }
            written.signal()
        }
        var reader = LineReader(handle: output.fileHandleForReading)
        var statistics: [String] = []
        statistics.reserveCapacity(candidates.count)
        for _ in 0..<candidates.count {
            guard let line = reader.nextLine() else {
                written.wait()
                throw METEORUnavailable(reason: "the jar stopped answering (\(writeFailure.message ?? "no output")); is \(jarPath) METEOR 1.5?")
            }
            statistics.append(line.trimmingCharacters(in: .whitespaces))
        }
        written.wait()
        try writer.write(contentsOf: Data((["EVAL"] + statistics).joined(separator: " ||| ").utf8 + [0x0A]))
        var perImage: [Double] = []
        perImage.reserveCapacity(candidates.count)
        for _ in 0...candidates.count {
            guard let line = reader.nextLine(), let value = Double(line.trimmingCharacters(in: .whitespaces)) else {
                throw METEORUnavailable(reason: "the jar gave no score for an EVAL line")
            }
            perImage.append(value)
        }
        let aggregate = perImage.removeLast()
        return CaptionScores(corpus: aggregate, perImage: perImage)
    }

    /// The first executable `name` on `PATH`.
    static func findExecutable(_ name: String, environment: [String: String]) -> String? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = String(folder) + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// `meteor-1.5/meteor-1.5.jar` in the weights folder, when it is there with the paraphrase table it reads.
    static func fetchedJar(environment: [String: String]) -> String? {
        let folder = WeightsFolder.root(environment: environment).appendingPathComponent("meteor-1.5", isDirectory: true)
        let jar = folder.appendingPathComponent("meteor-1.5.jar").path
        let paraphrases = folder.appendingPathComponent("data/paraphrase-en.gz").path
        return FileManager.default.isReadableFile(atPath: jar) && FileManager.default.isReadableFile(atPath: paraphrases) ? jar : nil
    }

    /// `meteor/meteor-1.5.jar` inside the pycocoevalcap package that `python3` imports.
    static func findPycocoevalcapJar(environment: [String: String]) -> String? {
        guard let python = findExecutable("python3", environment: environment) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        // pycocoevalcap is a namespace package (no __init__.py): use __path__, not __file__.
        process.arguments = ["-c", "import pycocoevalcap; print(list(pycocoevalcap.__path__)[0])"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let folder = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
              !folder.isEmpty else { return nil }
        let jar = folder + "/meteor/meteor-1.5.jar"
        return FileManager.default.isReadableFile(atPath: jar) ? jar : nil
    }
}

/// Thrown when METEOR cannot be computed; `description` reads `METEOR unavailable: <reason>`.
public struct METEORUnavailable: Error, CustomStringConvertible, Sendable {
    /// Why METEOR could not run.
    public let reason: String

    /// `METEOR unavailable: <reason>`.
    public var description: String { "METEOR unavailable: \(reason)" }
}

/// A message set by the writer thread, read after it signalled.
private final class WriteFailure: @unchecked Sendable {
    // Safe: written once by the writer thread before it signals the semaphore, read only after waiting on it.
    var message: String?
    func set(_ text: String) { message = text }
}
