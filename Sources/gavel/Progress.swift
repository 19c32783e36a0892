#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A progress line on standard error for long jobs.
///
/// On a terminal it redraws one line ten times a second; in a log (cron, CI) it writes a plain
/// line every five seconds, so a nightly job's log shows it is alive without flooding.
final class Progress {
    private let label: String
    private let total: Int?
    private let unit: String
    private let interactive: Bool
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var lastDrawn: ContinuousClock.Instant
    private let quiet: Bool

    init(_ label: String, total: Int? = nil, unit: String = "rows", quiet: Bool = false) {
        self.label = label
        self.total = total
        self.unit = unit
        self.quiet = quiet
        interactive = isatty(STDERR_FILENO) == 1
        started = clock.now
        lastDrawn = started
    }

    /// Reports `done` units; cheap enough to call on every row.
    func update(_ done: Int) {
        guard !quiet, done & 0x3FF == 0 || done == total else { return }
        let now = clock.now
        guard now - lastDrawn >= (interactive ? .milliseconds(100) : .seconds(5)) else { return }
        lastDrawn = now
        draw(done, at: now, final: false)
    }

    /// Prints the final line with the rate achieved.
    func finish(_ done: Int) {
        guard !quiet else { return }
        draw(done, at: clock.now, final: true)
    }

    private func draw(_ done: Int, at now: ContinuousClock.Instant, final: Bool) {
        let elapsed = now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        var text = "\(label): \(Format.count(done))"
        if let total, total > 0 {
            text += " / \(Format.count(total)) \(unit) (\(Format.decimal(100 * Double(done) / Double(total), places: 0)) %)"
        } else {
            text += " \(unit)"
        }
        if seconds > 0 { text += " · \(Format.count(Int(Double(done) / seconds))) \(unit)/s" }
        text += " · \(Format.decimal(seconds, places: 1)) s"
        var line = interactive ? "\r\u{1B}[K" + text + (final ? "\n" : "") : text + "\n"
        line.withUTF8 { bytes in _ = write(STDERR_FILENO, bytes.baseAddress, bytes.count) }
    }
}
