public import GavelCore

/// Exchange rates for comparing floors and bids quoted in different currencies.
///
/// Rates are "units of the currency per one unit of `base`" (with base USD, `EUR: 0.92`
/// means $1 = €0.92), as rate feeds publish them. Conversion goes through the base currency
/// and rounds to the micro once.
public struct CurrencyTable: Hashable, Sendable {
    public let base: String
    private let perBase: [String: Double]

    public init(base: String = "USD", perBase: [String: Double] = [:]) {
        self.base = base.uppercased()
        var rates = Dictionary(uniqueKeysWithValues: perBase.map { ($0.key.uppercased(), $0.value) })
        rates[self.base] = 1
        self.perBase = rates
    }

    /// `amount` in `currency` expressed in `target`, or `nil` when either currency is unknown or the
    /// result is beyond what micros hold.
    public func convert(_ amount: Micros, from currency: String, to target: String) -> Micros? {
        if currency == target { return amount }
        let from = currency.uppercased()
        let to = target.uppercased()
        if from == to { return amount }
        guard let fromRate = perBase[from], let toRate = perBase[to], fromRate > 0 else { return nil }
        // Checked: a floor near the limit of micros (a bid request can send one) can convert past it.
        return Micros(checkedRounding: Double(amount.rawValue) * (toRate / fromRate) / 1_000_000)
    }

    public func knows(_ currency: String) -> Bool { perBase[currency.uppercased()] != nil }

    /// The currencies the table converts between, the base among them, in alphabetical order.
    public var currencies: [String] { perBase.keys.sorted() }
}
