public import GavelCore

/// Number formats for reason traces: short, fixed, locale-free (`4.3 %`, `+6 %`, `€1.14`), without Foundation
/// so a million traces stay cheap.
public struct TraceFormat: Hashable, Sendable {
    public var currencySymbol: String

    public init(currencySymbol: String = "€") { self.currencySymbol = currencySymbol }

    public func money(_ amount: Micros) -> String { currencySymbol + amount.description }

    /// A fraction as a percentage: `percent(0.0429)` is `4.3 %`.
    public func percent(_ fraction: Double, decimals: Int = 1) -> String {
        Self.fixed(fraction * 100, decimals: decimals) + " %"
    }

    /// A relative change with its sign: `+6 %`, `−20 %` (a true minus sign, as in print).
    public func change(_ fraction: Double) -> String {
        let rounded = (fraction * 100).rounded()
        let sign = rounded > 0 ? "+" : rounded < 0 ? "−" : "±"
        return sign + Self.fixed(abs(rounded), decimals: 0) + " %"
    }

    /// Counts that may be fractional (attributed conversions): `3`, `2.5`.
    public func count(_ value: Double) -> String {
        // Summed fractional days leave rounding dust (2.9999999): whole to a millionth prints as whole.
        abs(value - value.rounded()) < 1e-6 ? Self.fixed(value, decimals: 0) : Self.fixed(value, decimals: 1)
    }

    /// `value` with exactly `decimals` decimals, rounded half away from zero.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "∞" : "-∞") }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e17 else { return String(value) }
        let units = UInt64(scaled)
        let whole = units / UInt64(scale)
        let sign = value < 0 && units != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(whole) }
        let fraction = String(units % UInt64(scale))
        return sign + String(whole) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
}
