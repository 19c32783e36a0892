import GavelCore
import GavelRTB
import PropertyBased
import Testing

@Suite struct BudgetLedgerTests {
    private let monday = CalendarDay(year: 2026, month: 11, day: 23)!

    @Test func reservationsCountAgainstTheDailyBudget() throws {
        let ledger = BudgetLedger(budgets: ["c": Budget(daily: Micros(1_000))])
        let first = try ledger.reserve(Micros(600), for: "c", on: monday, at: 0).get()
        #expect(
            ledger.reserve(Micros(500), for: "c", on: monday, at: 0)
                == .failure(.dailyBudgetExhausted(remaining: Micros(400)))
        )
        #expect(ledger.commit(first, clearingPrice: Micros(450)) == Micros(450))
        let status = try #require(ledger.status(of: "c", on: monday))
        #expect(status.spentToday == Micros(450) && status.reservedToday == .zero && status.isWithinBudget)
        #expect(throws: Never.self) { try ledger.reserve(Micros(550), for: "c", on: monday, at: 0).get() }
        #expect(
            ledger.reserve(Micros(1), for: "c", on: monday, at: 0) == .failure(.dailyBudgetExhausted(remaining: .zero))
        )
        #expect(throws: Never.self) {
            try ledger.reserve(Micros(1_000), for: "c", on: monday.advanced(by: 1), at: 0).get()
        }
    }

    @Test func totalBudgetSpansDays() throws {
        let ledger = BudgetLedger(budgets: ["c": Budget(daily: Micros(700), total: Micros(1_000))])
        let first = try ledger.reserve(Micros(700), for: "c", on: monday, at: 0).get()
        ledger.commit(first, clearingPrice: Micros(700))
        #expect(
            ledger.reserve(Micros(400), for: "c", on: monday.advanced(by: 1), at: 0)
                == .failure(.totalBudgetExhausted(remaining: Micros(300)))
        )
        let status = try #require(ledger.status(of: "c", on: monday.advanced(by: 1)))
        #expect(status.spentToday == .zero && status.spentTotal == Micros(700))
    }

    @Test func settlingIsIdempotentAndCapped() throws {
        let ledger = BudgetLedger(budgets: ["c": Budget(total: Micros(1_000))])
        let won = try ledger.reserve(Micros(300), for: "c", on: monday, at: 0).get()
        #expect(ledger.commit(won, clearingPrice: Micros(900)) == Micros(300), "never more than the bid")
        #expect(ledger.commit(won, clearingPrice: Micros(300)) == nil, "a repeated win notice")
        #expect(ledger.release(won) == false)
        let lost = try ledger.reserve(Micros(200), for: "c", on: monday, at: 0).get()
        #expect(ledger.release(lost) == true)
        #expect(ledger.release(lost) == false)
        #expect(ledger.commit(lost, clearingPrice: Micros(200)) == nil, "a win after the loss was booked")
        #expect(ledger.status(of: "c", on: monday)?.spentTotal == Micros(300))
        #expect(ledger.status(of: "c", on: monday)?.reservedTotal == .zero)
    }

    @Test func refusals() {
        let ledger = BudgetLedger(budgets: ["c": Budget()])
        #expect(ledger.reserve(Micros(5), for: "x", on: monday, at: 0) == .failure(.unknownCampaign("x")))
        #expect(ledger.reserve(.zero, for: "c", on: monday, at: 0) == .failure(.nonPositiveAmount))
        #expect((try? ledger.reserve(Micros(1), for: "c", on: monday, at: 0).get()) != nil, "no limits: always granted")
    }

    @Test func expiredReservationsAreReleased() throws {
        let ledger = BudgetLedger(budgets: ["c": Budget(daily: Micros(100))])
        let old = try ledger.reserve(Micros(60), for: "c", on: monday, at: 1_000).get()
        _ = try ledger.reserve(Micros(40), for: "c", on: monday, at: 2_000).get()
        #expect(ledger.releaseExpired(before: 1_500) == 1)
        #expect(ledger.commit(old, clearingPrice: Micros(60)) == nil)
        #expect(ledger.status(of: "c", on: monday)?.reservedToday == Micros(40))
    }

    @Test func costPerImpressionRoundsUp() {
        #expect(OpenRTB.CPM(micros: Micros(2_500_000)).costPerImpression == Micros(2_500))
        #expect(OpenRTB.CPM(micros: Micros(1_234_567)).costPerImpression == Micros(1_235))
        #expect(OpenRTB.CPM(micros: Micros(1)).costPerImpression == Micros(1))
    }

    /// Many tasks bidding, winning and losing at once never push spend plus reservations over
    /// a budget, and every committed micro is accounted for.
    @Test func concurrentBiddingNeverOverspends() async {
        await propertyCheck(count: 12, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            let day = monday
            let budgets = ["a": Budget(daily: Micros(5_000), total: Micros(8_000)), "b": Budget(daily: Micros(3_000))]
            let ledger = BudgetLedger(budgets: budgets)
            let outcomes = await withTaskGroup(of: (committed: [String: Int64], refused: Int, violations: Int).self) {
                group in
                for worker in 0..<8 {
                    group.addTask {
                        var random = SeededRandom(seed: seed, stream: UInt64(worker))
                        var committed: [String: Int64] = [:]
                        var refused = 0
                        var violations = 0
                        var pending: [Reservation] = []
                        for _ in 0..<400 {
                            let campaign = random.next() % 2 == 0 ? "a" : "b"
                            switch random.next() % 3 {
                            case 0, 1:
                                let amount = Micros(Int64(1 + random.next() % 120))
                                switch ledger.reserve(amount, for: campaign, on: day, at: 0) {
                                case .success(let reservation): pending.append(reservation)
                                case .failure: refused += 1
                                }
                            default:
                                guard !pending.isEmpty else { continue }
                                let reservation = pending.remove(at: Int(random.next() % UInt64(pending.count)))
                                if random.next() % 2 == 0 {
                                    let price = Micros(Int64(random.next() % UInt64(reservation.amount.rawValue + 1)))
                                    committed[reservation.campaign, default: 0] +=
                                        ledger.commit(reservation, clearingPrice: price)?.rawValue ?? -1_000_000
                                } else {
                                    ledger.release(reservation)
                                }
                            }
                            if ledger.status(of: campaign, on: day)?.isWithinBudget != true { violations += 1 }
                            await Task.yield()
                        }
                        for reservation in pending { ledger.release(reservation) }
                        return (committed, refused, violations)
                    }
                }
                var all: [(committed: [String: Int64], refused: Int, violations: Int)] = []
                for await outcome in group { all.append(outcome) }
                return all
            }
            #expect(outcomes.map(\.violations).reduce(0, +) == 0)
            #expect(outcomes.map(\.refused).reduce(0, +) > 0, "the budgets must actually be reached")
            for campaign in ["a", "b"] {
                let committed = outcomes.compactMap { $0.committed[campaign] }.reduce(0, +)
                let status = ledger.status(of: campaign, on: day)
                #expect(status?.spentTotal.rawValue == committed)
                #expect(status?.reservedTotal == .zero)
                #expect(status?.isWithinBudget == true)
            }
        }
    }
}
