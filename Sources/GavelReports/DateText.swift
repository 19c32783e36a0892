import GavelCore

/// Finds calendar dates in the ways report files write them, without Foundation's locale machinery.
///
/// Recognised: ISO `2026-05-01`; month names in English, German, French, Spanish, Italian and Dutch,
/// full or abbreviated, day before or after (`1 May 2026`, `May 1, 2026`, `Mon, May 1, 2026`,
/// `1. Mai 2026`, `1 de mayo de 2026`); `1.5.2026` day-first; and `5/1/2026` month-first, the
/// convention of Microsoft Advertising and of US exports. Years must have four digits, which keeps
/// a day or a time of day from being mistaken for a year.
enum DateText {
    /// Every date in `text`, in order; `nil` if something shaped like a date is impossible (`Feb 30, 2026`).
    static func dates(in text: some Collection<UInt8>) -> [CalendarDay]? {
        let tokens = tokenize(text)
        var found: [CalendarDay] = []
        var consumed = -1
        var index = 0
        while index < tokens.count {
            defer { index += 1 }
            guard index > consumed else { continue }
            switch tokens[index] {
            case .numeric(let first, let second, let third, let separator):
                guard let day = numericDate(first, second, third, separator: separator) else { return nil }
                found.append(day)
                consumed = index
            case .word(let word):
                guard let month = monthNumbers[word] else { continue }
                if let dayNumber = number(before: index, after: consumed, in: tokens), dayNumber.digits <= 2,
                    let (yearIndex, year) = number(after: index, in: tokens), year.digits == 4
                {
                    guard let day = CalendarDay(year: year.value, month: month, day: dayNumber.value) else {
                        return nil
                    }
                    found.append(day)
                    consumed = yearIndex
                } else if let (dayIndex, dayNumber) = number(after: index, in: tokens), dayNumber.digits <= 2,
                    let (yearIndex, year) = number(after: dayIndex, in: tokens), year.digits == 4
                {
                    guard let day = CalendarDay(year: year.value, month: month, day: dayNumber.value) else {
                        return nil
                    }
                    found.append(day)
                    consumed = yearIndex
                }
            case .number:
                continue
            }
        }
        return found
    }

    /// Exactly one date, as a `Day` or `TimePeriod` cell holds it; the hot ISO form is read directly.
    static func day(_ bytes: UnsafeBufferPointer<UInt8>) -> CalendarDay? {
        if bytes.count == 10, bytes[4] == .dash, bytes[7] == .dash,
            let year = digits(bytes, 0..<4), let month = digits(bytes, 5..<7), let day = digits(bytes, 8..<10)
        {
            return CalendarDay(year: year, month: month, day: day)
        }
        guard let all = dates(in: bytes), all.count == 1 else { return nil }
        return all[0]
    }

    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var value = 0
        for index in range {
            let byte = bytes[index]
            guard byte >= .zero, byte <= .nine else { return nil }
            value = value * 10 + Int(byte &- .zero)
        }
        return value
    }

    private struct Number {
        var value: Int
        var digits: Int
    }

    private enum Token {
        case word(String)
        case number(Number)
        /// Three numbers joined by the same `-`, `/` or `.`.
        case numeric(Number, Number, Number, UInt8)
    }

    /// Words that may stand between a month and its day or year (`1 de mayo de 2026`).
    private static let fillers: Set<String> = ["de", "del", "of", "the", "le"]

    /// The unconsumed number just before a month name, skipping one filler word.
    private static func number(before index: Int, after consumed: Int, in tokens: [Token]) -> Number? {
        var candidate = index - 1
        if candidate > consumed, case .word(let word) = tokens[candidate], fillers.contains(word) { candidate -= 1 }
        guard candidate > consumed, candidate >= 0, case .number(let number) = tokens[candidate] else { return nil }
        return number
    }

    private static func number(after index: Int, in tokens: [Token]) -> (Int, Number)? {
        var candidate = index + 1
        if candidate < tokens.count, case .word(let word) = tokens[candidate], fillers.contains(word) {
            candidate += 1
        }
        guard candidate < tokens.count, case .number(let number) = tokens[candidate] else { return nil }
        return (candidate, number)
    }

    private static func numericDate(_ first: Number, _ second: Number, _ third: Number, separator: UInt8)
        -> CalendarDay?
    {
        if first.digits == 4 { return CalendarDay(year: first.value, month: second.value, day: third.value) }
        guard third.digits == 4, first.digits <= 2, second.digits <= 2 else { return nil }
        return separator == UInt8(ascii: "/")
            ? CalendarDay(year: third.value, month: first.value, day: second.value)
            : CalendarDay(year: third.value, month: second.value, day: first.value)
    }

    private static func tokenize(_ text: some Collection<UInt8>) -> [Token] {
        let bytes = Array(text)
        var tokens: [Token] = []
        var index = 0
        func isLetter(_ byte: UInt8) -> Bool {
            (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || byte >= 0x80
        }
        func readNumber() -> Number? {
            var value = 0
            var count = 0
            while index < bytes.count, bytes[index] >= .zero, bytes[index] <= .nine {
                if count < 9 { value = value * 10 + Int(bytes[index] &- .zero) }
                count += 1
                index += 1
            }
            return count > 0 ? Number(value: value, digits: count) : nil
        }
        func isDigit(at position: Int) -> Bool {
            position < bytes.count && bytes[position] >= .zero && bytes[position] <= .nine
        }
        while index < bytes.count {
            let byte = bytes[index]
            if let first = readNumber() {
                let separator = index < bytes.count ? bytes[index] : 0
                let joins = separator == .dash || separator == UInt8(ascii: "/") || separator == .dot
                let mark = index
                if joins, isDigit(at: index + 1) {
                    index += 1
                    if let second = readNumber(), index < bytes.count, bytes[index] == separator,
                        isDigit(at: index + 1)
                    {
                        index += 1
                        if let third = readNumber() {
                            tokens.append(.numeric(first, second, third, separator))
                            continue
                        }
                    }
                    index = mark
                }
                tokens.append(.number(first))
            } else if isLetter(byte) {
                var word: [UInt8] = []
                while index < bytes.count, isLetter(bytes[index]) {
                    word.append(FieldValues.lowercased(bytes[index]))
                    index += 1
                }
                tokens.append(.word(String(decoding: word, as: UTF8.self)))
            } else {
                index += 1
            }
        }
        return tokens
    }

    private static let monthNumbers: [String: Int] = {
        let names: [[String]] = [
            ["january", "jan", "januar", "jän", "janvier", "janv", "enero", "ene", "gennaio", "gen", "januari"],
            ["february", "feb", "februar", "février", "févr", "fevrier", "fevr", "febrero", "febbraio", "februari"],
            ["march", "mar", "märz", "mär", "maerz", "mars", "marzo", "maart", "mrt"],
            ["april", "apr", "avril", "avr", "abril", "abr", "aprile"],
            ["may", "mai", "mayo", "maggio", "mag", "mei"],
            ["june", "jun", "juni", "juin", "junio", "giugno", "giu"],
            ["july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug"],
            ["august", "aug", "août", "aout", "agosto", "ago", "augustus"],
            ["september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre", "set"],
            ["october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott"],
            ["november", "nov", "novembre", "noviembre"],
            ["december", "dec", "dezember", "dez", "décembre", "déc", "decembre", "diciembre", "dic", "dicembre"],
        ]
        var table: [String: Int] = [:]
        for (offset, spellings) in names.enumerated() {
            for spelling in spellings { table[spelling] = offset + 1 }
        }
        return table
    }()
}
