import GavelCore

/// Byte-level readers for the values report cells hold, shared by every format.
///
/// They return `nil` for text they cannot read; the caller turns that into a ``ReportError``
/// naming the cell. Nulls (`--`, empty) are the caller's business, because whether a null means
/// zero (a count) or "unknown" (a bid) depends on the column.
enum FieldValues {
    /// A non-negative count such as `10708`, `10,708` or Excel's `10708.00`.
    static func count(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var value: Int64 = 0
        var sawDigit = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= .zero, byte <= .nine {
                let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (next, overflow2) = times10.addingReportingOverflow(Int64(byte &- .zero))
                if overflow1 || overflow2 { return nil }
                value = next
                sawDigit = true
            } else if byte == .comma, sawDigit {
                // Grouping separator.
            } else if byte == .dot, sawDigit {
                for trailing in bytes[(index + 1)...] where trailing != .zero { return nil }
                break
            } else {
                return nil
            }
            index += 1
        }
        return sawDigit ? value : nil
    }

    /// A decimal such as `3.47`, `-0.5` or `1,234.50` (fractional conversions).
    static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var mantissa: Int64 = 0
        var significantDigits = 0
        var fractionDigits = 0
        var extraIntegerDigits = 0
        var inFraction = false
        var sawDigit = false
        var index = 0
        let negative = !bytes.isEmpty && bytes[0] == .dash
        if negative { index = 1 }
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= .zero, byte <= .nine {
                sawDigit = true
                if significantDigits < 18, fractionDigits < 18 {
                    mantissa = mantissa * 10 + Int64(byte &- .zero)
                    if mantissa > 0 { significantDigits += 1 }
                    if inFraction { fractionDigits += 1 }
                } else if !inFraction {
                    extraIntegerDigits += 1
                }
            } else if byte == .comma, sawDigit, !inFraction {
                // Grouping separator.
            } else if byte == .dot, !inFraction {
                inFraction = true
            } else {
                return nil
            }
            index += 1
        }
        guard sawDigit, extraIntegerDigits < 300 else { return nil }
        var value = Double(mantissa)
        if fractionDigits > 0 { value /= powersOfTen[fractionDigits] }
        for _ in 0..<extraIntegerDigits { value *= 10 }
        return negative ? -value : value
    }

    private static let powersOfTen: [Double] = (0...18).map { exponent in
        (0..<exponent).reduce(1.0) { product, _ in product * 10 }
    }

    /// Money in the account currency, exactly, via ``Micros/parse(_:)``. Downloads write plain
    /// numbers; a leading `$`, `€` or `£`, as some UI exports add, is tolerated.
    static func money(_ bytes: UnsafeBufferPointer<UInt8>) -> Micros? {
        if let amount = Micros.parse(bytes) { return amount }
        for symbol in currencySymbols where bytes.starts(with: symbol) {
            var rest = bytes.dropFirst(symbol.count)
            while rest.first == .space { rest = rest.dropFirst() }
            return Micros.parse(UnsafeBufferPointer(rebasing: rest))
        }
        return nil
    }

    private static let currencySymbols: [[UInt8]] = [Array("$".utf8), Array("€".utf8), Array("£".utf8)]

    /// What a max-CPC cell says.
    enum Bid: Equatable {
        case amount(Micros)
        /// A bid written only in words (`auto`, `Inherited`): not a number Gavel can use.
        case unstated
        case unreadable
    }

    /// A bid as the platforms display it: a plain amount, or one decorated with words such as
    /// `0.50 (enhanced)` or `Auto: 0.50`.
    static func bid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bid {
        if let plain = money(bytes) { return .amount(plain) }
        guard let firstDigit = bytes.firstIndex(where: { $0 >= .zero && $0 <= .nine }) else { return .unstated }
        var end = firstDigit
        while end < bytes.count,
            (bytes[end] >= .zero && bytes[end] <= .nine) || bytes[end] == .dot
                || bytes[end] == .comma
        {
            end += 1
        }
        guard let amount = money(UnsafeBufferPointer(rebasing: bytes[firstDigit..<end])) else {
            return .unreadable
        }
        return .amount(amount)
    }

    /// A share such as `45.12%`, `< 10%` or `> 90%`, as a fraction; censored bounds follow
    /// ``ShareMetrics/below(_:)`` and ``ShareMetrics/above(_:)``.
    ///
    /// - Parameter percentages: whether a bare number (no `%`) is a percentage (Google, Microsoft)
    ///   rather than a fraction (the generic CSV).
    static func share(_ bytes: UnsafeBufferPointer<UInt8>, percentages: Bool) -> Double? {
        var start = 0
        var end = bytes.count
        var censor: UInt8?
        if start < end, bytes[start] == UInt8(ascii: "<") || bytes[start] == UInt8(ascii: ">") {
            censor = bytes[start]
            start += 1
        }
        while start < end, bytes[start] == .space { start += 1 }
        var hasPercentSign = false
        if end > start, bytes[end - 1] == .percent {
            hasPercentSign = true
            end -= 1
        }
        while end > start, bytes[end - 1] == .space { end -= 1 }
        guard let number = decimal(UnsafeBufferPointer(rebasing: bytes[start..<end])) else { return nil }
        let fraction = hasPercentSign || percentages ? number / 100 : number
        switch censor {
        case UInt8(ascii: "<"): return ShareMetrics.below(fraction)
        case UInt8(ascii: ">"): return ShareMetrics.above(fraction)
        default: return fraction
        }
    }

    /// True when `bytes` spell `word`, ignoring ASCII case.
    static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for index in 0..<bytes.count where lowercased(bytes[index]) != lowercased(expected[index]) { return false }
        return true
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
