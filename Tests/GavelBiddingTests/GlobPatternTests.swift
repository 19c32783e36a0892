import GavelBidding
import Testing

@Suite struct GlobPatternTests {
    @Test func starsAloneMatchEverythingIncludingNothing() {
        for pattern in ["*", "**"] {
            #expect(GlobPattern(pattern).matches(""))
            #expect(GlobPattern(pattern).matches("Demo Shop › Brand"))
        }
    }

    @Test func wildcardsAndCaseFollowTheShellGlob() {
        let leads = GlobPattern("Leads *")
        #expect(leads.matches("leads - Brand"))
        #expect(leads.matches("LEADS x"))
        #expect(!leads.matches("Brand leads x"))
        #expect(!leads.matches("Leads"))
        #expect(GlobPattern("shoe?").matches("Shoes"))
        #expect(!GlobPattern("shoe?").matches("Shoe"))
        #expect(GlobPattern("*boots*").matches("Winter Boots Sale"))
        #expect(!GlobPattern("").matches("x"))
        #expect(GlobPattern("").matches(""))
    }
}
