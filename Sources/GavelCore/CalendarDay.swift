/// A calendar date without a time zone: the unit of every report row.
///
/// Reports are per day in the account's time zone, so a day is a date, not an instant.
/// Stored as days since 1970-01-01 so that windows, lags and weekdays are integer
/// arithmetic and the store can index it as a plain integer.
public struct CalendarDay: RawRepresentable, Hashable, Comparable, Sendable, Codable, Strideable,
    CustomStringConvertible
{
    /// Days since 1970-01-01.
    public var rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// A proleptic Gregorian date; returns `nil` for impossible dates such as 2026-02-30.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...CalendarDay.daysIn(month: month, year: year)).contains(day) else {
            return nil
        }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        self.rawValue = Int32(era * 146_097 + dayOfEra - 719_468)
    }

    /// Parses ISO `YYYY-MM-DD`.
    public init?(iso text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Year, month (1–12) and day (1–31).
    public var components: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = Int(rawValue) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int {
        let days = Int(rawValue)
        return ((days + 3) % 7 + 7) % 7 + 1
    }

    /// 1-based day of the year.
    public var dayOfYear: Int {
        let year = components.year
        return Int(rawValue - CalendarDay(year: year, month: 1, day: 1)!.rawValue) + 1
    }

    public var description: String {
        let (year, month, day) = components
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool { lhs.rawValue < rhs.rawValue }
    public func distance(to other: CalendarDay) -> Int { Int(other.rawValue - rawValue) }
    public func advanced(by n: Int) -> CalendarDay { CalendarDay(rawValue: rawValue + Int32(n)) }
}

/// An inclusive range of days: one report row covers either a single day (a report with a
/// `Day` column) or the report's whole date range (a report without one).
public struct DayRange: Hashable, Sendable, Codable, CustomStringConvertible {
    public var first: CalendarDay
    public var last: CalendarDay

    public init(first: CalendarDay, last: CalendarDay) {
        precondition(first <= last, "a day range must not end before it starts")
        self.first = first
        self.last = last
    }

    public init(day: CalendarDay) { self.init(first: day, last: day) }

    public var dayCount: Int { first.distance(to: last) + 1 }
    public var isSingleDay: Bool { first == last }
    public func contains(_ day: CalendarDay) -> Bool { first <= day && day <= last }

    public var description: String { isSingleDay ? first.description : "\(first)..\(last)" }
}
