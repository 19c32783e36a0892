import GavelAuction
import GavelCore
import Testing

@Suite("Position auctions: GSP and VCG")
struct PositionAuctionTests {
    /// Edelman–Ostrovsky–Schwarz example: values 10, 4, 2; slots with 200 and 100 clicks.
    let clicks = [200.0, 100.0]
    let values = [10.0, 4.0, 2.0]

    func revenue(_ awards: [SlotAward], entries: [AuctionEntry]) -> Double {
        awards.enumerated().reduce(0) { total, slot in
            total + slot.element.pricePerClick * clicks[slot.offset] * entries[slot.element.bidder].quality
        }
    }

    @Test("truthful bids: GSP earns 1000, VCG 800")
    func truthfulRevenues() {
        let entries = values.map { AuctionEntry(bid: $0) }
        let gsp = runPositions(
            PositionAuction(clickRates: clicks, pricing: .generalizedSecondPrice(increment: 0)),
            entries
        )
        let vcg = runPositions(PositionAuction(clickRates: clicks, pricing: .vcg), entries)
        #expect(gsp.map(\.bidder) == [0, 1])
        #expect(gsp.map(\.pricePerClick) == [4, 2])
        #expect(revenue(gsp, entries: entries) == 1000)
        #expect(vcg.map(\.pricePerClick) == [3, 2])
        #expect(revenue(vcg, entries: entries) == 800)
    }

    @Test("GSP at the lowest envy-free equilibrium has the VCG outcome")
    func envyFreeEquilibrium() {
        let bids = PositionEquilibrium.lowestEnvyFreeBids(values: values, clickRates: clicks)
        #expect(bids == [10, 3, 2])
        let entries = bids.map { AuctionEntry(bid: $0) }
        let gsp = runPositions(
            PositionAuction(clickRates: clicks, pricing: .generalizedSecondPrice(increment: 0)),
            entries
        )
        #expect(gsp.map(\.bidder) == [0, 1])
        #expect(revenue(gsp, entries: entries) == 800)
        // Locally envy-free: no bidder prefers the slot above at that slot's price.
        for rank in 1..<gsp.count {
            let value = values[gsp[rank].bidder]
            let own = (value - gsp[rank].pricePerClick) * clicks[rank]
            let above = (value - gsp[rank - 1].pricePerClick) * clicks[rank - 1]
            #expect(own >= above)
        }
    }

    @Test("quality scores: rank by bid × quality, pay next score ÷ own quality plus the increment")
    func qualityScores() {
        let entries = [
            AuctionEntry(bid: 2, quality: 0.5), AuctionEntry(bid: 1.5, quality: 1), AuctionEntry(bid: 1, quality: 0.8),
        ]
        let auction = PositionAuction(clickRates: [0.1, 0.05], pricing: .generalizedSecondPrice(increment: 0.01))
        let awards = runPositions(auction, entries)
        // Scores 1.0, 1.5, 0.8: bidder 1 first (pays 1.0/1 + 0.01), bidder 0 second (pays 0.8/0.5 + 0.01).
        #expect(awards.map(\.bidder) == [1, 0])
        #expect(abs(awards[0].pricePerClick - 1.01) < 1e-12)
        #expect(abs(awards[1].pricePerClick - 1.61) < 1e-12)
    }

    @Test("GSP never charges more than the bid, even with the increment")
    func incrementCapped() {
        let auction = PositionAuction(clickRates: [0.1], pricing: .generalizedSecondPrice(increment: 0.05))
        let awards = runPositions(auction, [AuctionEntry(bid: 1.0), AuctionEntry(bid: 0.98)])
        #expect(awards.first?.pricePerClick == 1.0)
    }

    @Test("reserves: per click and on score exclude bids and floor prices")
    func reserves() {
        let perClick = PositionAuction(
            clickRates: [0.2, 0.1],
            pricing: .generalizedSecondPrice(increment: 0),
            reserve: ReservePrice(perClick: 0.5)
        )
        let awards = runPositions(perClick, [AuctionEntry(bid: 1), AuctionEntry(bid: 0.4)])
        #expect(awards.map(\.bidder) == [0])
        #expect(awards[0].pricePerClick == 0.5)

        let onScore = PositionAuction(
            clickRates: [0.2],
            pricing: .generalizedSecondPrice(increment: 0),
            reserve: ReservePrice(score: 0.6)
        )
        let scored = runPositions(onScore, [AuctionEntry(bid: 1, quality: 0.5), AuctionEntry(bid: 1, quality: 0.8)])
        #expect(scored.map(\.bidder) == [1])
        #expect(abs(scored[0].pricePerClick - 0.75) < 1e-12)
    }

    @Test("VCG with a reserve: a lone bidder pays the reserve per click in any slot count")
    func vcgReserve() {
        let auction = PositionAuction(clickRates: [0.2, 0.1], pricing: .vcg, reserve: ReservePrice(perClick: 0.5))
        let awards = runPositions(auction, [AuctionEntry(bid: 2)])
        #expect(awards.count == 1)
        #expect(abs(awards[0].pricePerClick - 0.5) < 1e-12)
    }

    @Test("fewer bidders than slots fill the top slots only")
    func fewBidders() {
        let auction = PositionAuction(clickRates: [0.3, 0.2, 0.1], pricing: .vcg)
        let awards = runPositions(auction, [AuctionEntry(bid: 1), AuctionEntry(bid: 3)])
        #expect(awards.map(\.bidder) == [1, 0])
        // Bidder 1 takes (0.3 − 0.2)·1 clicks of value from bidder 0: 0.1/0.3 per click.
        #expect(abs(awards[0].pricePerClick - 0.1 / 0.3) < 1e-12)
        #expect(awards[1].pricePerClick == 0)
    }

    @Test("tied scores are ranked by the seeded order, each order equally often")
    func tiedScores() {
        let auction = PositionAuction(clickRates: [0.2, 0.1], pricing: .generalizedSecondPrice(increment: 0))
        let entries = [AuctionEntry(bid: 1), AuctionEntry(bid: 1), AuctionEntry(bid: 0.5)]
        var firsts = 0
        let rounds = 10_000
        for salt in 0..<UInt64(rounds) {
            let awards = runPositions(auction, entries, salt: salt &* 0x2545_F491_4F6C_DD1D)
            #expect(Set(awards.map(\.bidder)) == [0, 1])
            #expect(awards.map(\.pricePerClick) == [1, 0.5])
            firsts += awards[0].bidder == 0 ? 1 : 0
        }
        #expect(abs(Double(firsts) - Double(rounds) / 2) < 4 * (Double(rounds) / 4).squareRoot())
    }

    @Test("random auctions with ties agree with a sort-and-definition reference")
    func againstReference() {
        var random = SeededRandom(seed: 99)
        let rates = [0.3, 0.2, 0.1]
        let gsp = PositionAuction(clickRates: rates, pricing: .generalizedSecondPrice(increment: 0))
        let vcg = PositionAuction(clickRates: rates, pricing: .vcg)
        for round in 0..<500 {
            let count = 1 + Int(random.next() % 7)
            let entries = (0..<count).map { _ in
                AuctionEntry(bid: [0.5, 1, 1.5, 2][Int(random.next() % 4)], quality: [0.5, 1][Int(random.next() % 2)])
            }
            let order = TieOrder(salt: UInt64(round))
            let ranked = entries.indices.sorted { order.ranks($0, entries[$0].score, above: $1, entries[$1].score) }
            let gspAwards = runPositions(gsp, entries, salt: UInt64(round))
            let vcgAwards = runPositions(vcg, entries, salt: UInt64(round))
            #expect(gspAwards.map(\.bidder) == Array(ranked.prefix(3)))
            #expect(vcgAwards.map(\.bidder) == Array(ranked.prefix(3)))
            /// Welfare (value-weighted clicks) of the given bidders placed in rank order.
            func welfare(_ bidders: [Int]) -> Double {
                zip(rates, bidders).reduce(0) { $0 + $1.0 * entries[$1.1].score }
            }
            for (slot, award) in gspAwards.enumerated() {
                let next = slot + 1 < ranked.count ? entries[ranked[slot + 1]].score : 0
                #expect(abs(award.pricePerClick - next / entries[award.bidder].quality) < 1e-12)
            }
            for (slot, award) in vcgAwards.enumerated() {
                // Clarke pivot: the others' welfare without this bidder minus their welfare with it.
                let others = ranked.filter { $0 != award.bidder }
                let withBidder = welfare(ranked) - rates[slot] * entries[award.bidder].score
                let payment = welfare(others) - withBidder
                #expect(abs(award.pricePerClick - payment / (rates[slot] * entries[award.bidder].quality)) < 1e-12)
            }
        }
    }
}
