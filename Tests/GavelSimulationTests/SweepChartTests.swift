import Foundation
import GavelSimulation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Sweep SVG chart")
struct SweepChartTests {
    /// Collects the elements an SVG chart is checked for.
    final class Collector: NSObject, XMLParserDelegate {
        var points: [String] = []
        var labels: [String] = []
        var circles = 0
        var texts: [String] = []
        private var inLabel = false
        private var pointDepth = 0
        private var current = ""

        func parser(
            _ parser: XMLParser,
            didStartElement name: String,
            namespaceURI: String?,
            qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if name == "g", attributes["class"] == "point" { points.append(attributes["data-point"] ?? "") }
            if name == "circle" { circles += 1 }
            if name == "text" {
                inLabel = attributes["class"] == "label"
                current = ""
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" {
                if inLabel { labels.append(current) }
                texts.append(current)
                inLabel = false
            }
        }
    }

    func parse(_ svg: String) throws -> Collector {
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "SVG is not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
        return collector
    }

    @Test("well-formed, one labelled point per grid point, title and axis titles")
    func points() throws {
        let sweep = try GavelSimulationTests.sweep(
            searchScenario(
                grid: """
                      target_cpa: [10, 20, 30]
                      aggressiveness: [0.8, 1.25]
                    """,
                queries: 500,
                repetitions: 2
            )
                + "\nchart: {title: \"Costs & <conversions>\"}"
        )
        let result = SweepRunner(workers: 2).run(sweep)
        let chart = try parse(SweepChart.render(result))
        #expect(chart.points.sorted() == (0..<6).map(String.init).sorted())
        #expect(chart.circles == 6)
        #expect(chart.labels.sorted() == ["10", "10", "20", "20", "30", "30"])
        #expect(chart.texts.contains("Costs & <conversions>"))
        #expect(chart.texts.contains("Cost (currency units)"))
        #expect(chart.texts.contains("Conversions"))
        #expect(chart.texts.contains("aggressiveness = 0.8"))
    }

    @Test("ticks are round numbers covering the data from zero")
    func ticks() throws {
        let result = SweepRunner(workers: 1).run(try Sweep(contentsOf: fixturesDirectory + "/tiny-display.yaml"))
        let chart = try parse(SweepChart.render(result))
        // Cost runs 0…1 and conversions 0…1000 on the tiny grid.
        #expect(chart.texts.contains("0.2"))
        #expect(chart.texts.contains("1.0"))
        #expect(chart.texts.contains("1,000"))
        #expect(chart.points.count == 4)
    }
}
