/// An amount of money in millionths of the account currency.
///
/// Ad platforms bill and report in micros (Google Ads `cost_micros`, Microsoft `Bid`),
/// so Gavel never lets a binary floating-point value stand for money: €1.25 is exactly
/// `Micros(1_250_000)`, sums are exact, and a bid written back to a platform is the
/// bid that was computed. Rates (CTR, CVR, ROAS) stay `Double`; the conversion happens
/// once, with ``init(rounding:)``, at the point a rate times money becomes money again.
public struct Micros: RawRepresentable, Hashable, Comparable, Sendable, Codable, AdditiveArithmetic,
    ExpressibleByIntegerLiteral, CustomStringConvertible
{
    public var rawValue: Int64

    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public init(integerLiteral value: Int64) { self.rawValue = value }

    /// Whole currency units, e.g. `Micros(units: 25)` is €25.00.
    public init(units: Int64) { self.rawValue = units * 1_000_000 }

    /// Money computed from rates, rounded half away from zero to the nearest micro.
    public init(rounding amount: Double) {
        self.rawValue = Int64((amount * 1_000_000).rounded(.toNearestOrAwayFromZero))
    }

    /// The amounts in currency units an `Int64` of micros holds (±9.22 trillion), rounded inward: what a
    /// reader of amounts from outside checks before turning one into micros.
    public static let representableUnits: ClosedRange<Double> = -9.2e12...9.2e12

    /// ``init(rounding:)`` for amounts from outside — a converted floor: `nil` when the amount is not finite or
    /// outside ``representableUnits``, where ``init(rounding:)`` would stop the process.
    public init?(checkedRounding amount: Double) {
        guard Self.representableUnits.contains(amount) else { return nil }
        self.init(rounding: amount)
    }

    public static let zero = Micros(0)

    /// The amount in currency units as a `Double`, for rate arithmetic (CPA, ROAS, CPC).
    public var units: Double { Double(rawValue) / 1_000_000 }

    public static func + (lhs: Micros, rhs: Micros) -> Micros { Micros(lhs.rawValue + rhs.rawValue) }
    public static func - (lhs: Micros, rhs: Micros) -> Micros { Micros(lhs.rawValue - rhs.rawValue) }
    public static func < (lhs: Micros, rhs: Micros) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Scales by a rate and rounds to the micro: the one place rates turn back into money.
    public func scaled(by factor: Double) -> Micros { Micros(rounding: Double(rawValue) * factor / 1_000_000) }

    /// Parses a plain decimal amount such as `1.25`, `-0.5`, `1,234.56` or `10708` exactly,
    /// without going through `Double`. Grouping commas are accepted; more than six decimals
    /// are rounded half away from zero. Returns `nil` for anything else.
    public init?(decimal text: some StringProtocol) {
        guard let value = Micros.parse(text.utf8) else { return nil }
        self = value
    }

    /// Byte-level variant of ``init(decimal:)`` for the import hot path; inlinable so that
    /// importers get a specialised copy instead of an unspecialised generic call per field.
    @inlinable
    public static func parse(_ bytes: some Collection<UInt8>) -> Micros? {
        var negative = false
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var roundUp = false
        var sawDigit = false
        var inFraction = false
        var index = bytes.startIndex
        if index != bytes.endIndex, bytes[index] == UInt8(ascii: "-") {
            negative = true
            bytes.formIndex(after: &index)
        }
        while index != bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int64(byte - UInt8(ascii: "0"))
                sawDigit = true
                if inFraction {
                    if fractionDigits < 6 {
                        fraction = fraction * 10 + digit
                        fractionDigits += 1
                    } else if fractionDigits == 6 {
                        roundUp = digit >= 5
                        fractionDigits += 1
                    }
                } else {
                    let (times10, overflow1) = whole.multipliedReportingOverflow(by: 10)
                    let (next, overflow2) = times10.addingReportingOverflow(digit)
                    if overflow1 || overflow2 || next > Int64.max / 1_000_000 { return nil }
                    whole = next
                }
            case UInt8(ascii: "."):
                if inFraction { return nil }
                inFraction = true
            case UInt8(ascii: ","):
                if inFraction || !sawDigit { return nil }
            default:
                return nil
            }
            bytes.formIndex(after: &index)
        }
        guard sawDigit else { return nil }
        for _ in min(fractionDigits, 6)..<6 { fraction *= 10 }
        // The whole part fits, but its fraction (and rounding up) can still carry past `Int64.max`.
        let (micros, overflow) = (whole * 1_000_000).addingReportingOverflow(fraction + (roundUp ? 1 : 0))
        if overflow { return nil }
        return Micros(negative ? -micros : micros)
    }

    /// Two decimals, as a specialist reads a bid: `1.25`, `-0.50`.
    public var description: String { formatted(decimals: 2) }

    /// The amount with a fixed number of decimals (0...6), rounded half away from zero.
    public func formatted(decimals: Int = 2) -> String {
        precondition((0...6).contains(decimals), "decimals must be within 0...6")
        var divisor: Int64 = 1
        for _ in 0..<(6 - decimals) { divisor *= 10 }
        let magnitude = rawValue.magnitude
        let rounded = (magnitude + UInt64(divisor / 2)) / UInt64(divisor)
        var scale: UInt64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let sign = rawValue < 0 && rounded != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(rounded) }
        let fractional = String(rounded % scale)
        let padding = String(repeating: "0", count: decimals - fractional.count)
        return "\(sign)\(rounded / scale).\(padding)\(fractional)"
    }
}
