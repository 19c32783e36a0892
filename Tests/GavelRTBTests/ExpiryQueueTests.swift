import GavelCore
import GavelRTB
import Testing

@Suite struct ExpiryQueueTests {
    @Test func takesOnlyWhatExpiredOldestFirst() {
        var queue = ExpiryQueue()
        queue.append(1, createdAt: 100)
        queue.append(2, createdAt: 100)
        queue.append(3, createdAt: 101)
        queue.append(4, createdAt: 105)
        #expect(queue.takeExpired(before: 100, limit: 10) == [])
        #expect(queue.takeExpired(before: 102, limit: 10) == [1, 2, 3])
        #expect(queue.count == 1)
        #expect(queue.takeExpired(before: 106, limit: 10) == [4])
        #expect(queue.count == 0)
    }

    @Test func limitSplitsABucketWithoutLosingIds() {
        var queue = ExpiryQueue()
        for id in UInt64(1)...5 { queue.append(id, createdAt: 7) }
        queue.append(6, createdAt: 8)
        #expect(queue.takeExpired(before: 9, limit: 2) == [1, 2])
        #expect(queue.takeExpired(before: 9, limit: 3) == [3, 4, 5])
        #expect(queue.takeExpired(before: 9, limit: 3) == [6])
        #expect(queue.takeExpired(before: 9, limit: 3) == [])
    }

    /// After the clock steps back an id joins the newest second: it expires late, never early.
    @Test func clockSteppingBackNeverExpiresEarly() {
        var queue = ExpiryQueue()
        queue.append(1, createdAt: 200)
        queue.append(2, createdAt: 150)
        #expect(queue.takeExpired(before: 151, limit: 10) == [])
        #expect(queue.takeExpired(before: 201, limit: 10) == [1, 2])
    }
}

@Suite struct BudgetLedgerExpiryTests {
    private let monday = CalendarDay(year: 2026, month: 11, day: 23)!

    /// More expired reservations than one batch: all are released, the young one and the
    /// committed one are left alone, and the money adds up.
    @Test func releasesAcrossBatchesAndSkipsSettled() throws {
        let ledger = BudgetLedger(budgets: ["c": Budget(daily: Micros(10_000))])
        let count = 3 * 256 + 17
        var reservations: [Reservation] = []
        for index in 0..<count {
            reservations.append(try ledger.reserve(Micros(2), for: "c", on: monday, at: 1_000 + Int64(index % 3)).get())
        }
        #expect(ledger.commit(reservations[5], clearingPrice: Micros(1)) == Micros(1))
        let young = try ledger.reserve(Micros(7), for: "c", on: monday, at: 5_000).get()
        #expect(ledger.releaseExpired(before: 2_000) == count - 1)
        let status = try #require(ledger.status(of: "c", on: monday))
        #expect(status.reservedToday == Micros(7) && status.spentToday == Micros(1))
        #expect(ledger.releaseExpired(before: 2_000) == 0)
        #expect(ledger.release(young))
    }
}
