import Foundation
import GavelBidding
import GavelCore
import Testing

@Suite struct CategorizerSettingsTests {
    static let shippedPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Rules/filters.yaml")

    static func parse(_ yaml: String) throws(RuleFileError) -> CategorizerSettings {
        try CategorizerSettings.parse(yaml: yaml, fileName: "filters.yaml")
    }

    static func error(_ yaml: String) -> RuleFileError? {
        do {
            _ = try parse(yaml)
            return nil
        } catch {
            return error
        }
    }

    @Test func shippedFileParsesWithItsDocumentedDefaults() throws {
        let text = try String(contentsOf: Self.shippedPath, encoding: .utf8)
        let settings = try CategorizerSettings.parse(yaml: text, fileName: "Rules/filters.yaml")
        #expect(settings.labels.prefix == "Gavel: ")
        #expect(settings.targets == CategorizerTargets())
        #expect(settings.highVolume == HighVolumeSettings(topShare: 0.5))
        #expect(settings.inefficiency == InefficiencySettings(cpaAbove: 1.5, cpcAbove: 1.5, roasBelow: 0.7))
        #expect(settings.lowQualityScoreAtMost == 4)
        #expect(
            settings.lowPosition
                == LowPositionSettings(
                    topImpressionRateBelow: 0.3, absoluteTopImpressionRateBelow: 0.05, averagePositionAbove: 3))
        #expect(
            settings.savedFilters.map(\.name) == [
                "wasted-spend", "stars", "expensive-converters", "low-quality-spenders",
            ])
        #expect(settings.savedFilters[0].conditionText == "clicks_no_conversions and cost > 2 × target_cpa")
        #expect(settings.savedFilters[1].action == "raise the bid 15 %")
    }

    @Test func builtInCopyIsTheShippedFile() throws {
        #expect(CategorizerSettings.builtInYAML == (try String(contentsOf: Self.shippedPath, encoding: .utf8)))
        #expect(CategorizerSettings.builtIn.savedFilters.count == 4)
    }

    @Test func valuesTargetsAndOff() throws {
        let settings = try Self.parse(
            """
            label_prefix: "KW/"
            targets:
              cpa: €25.50
              roas: 400%
            high_volume:
              top_share: off
              min_clicks: 500
            inefficient:
              cpc_above: off
            low_quality_score:
              at_most: 3
            low_position:
              average_position_above: off
            """)
        #expect(settings.labels.label("wasted_spend") == "KW/wasted-spend")
        #expect(settings.targets == CategorizerTargets(cpa: Micros(25_500_000), roas: 4))
        #expect(settings.highVolume == HighVolumeSettings(topShare: nil, minClicks: 500))
        #expect(settings.inefficiency == InefficiencySettings(cpaAbove: 1.5, cpcAbove: nil, roasBelow: 0.7))
        #expect(settings.lowQualityScoreAtMost == 3)
        #expect(settings.lowPosition.averagePositionAbove == nil)
        #expect(settings.lowPosition.topImpressionRateBelow == 0.3)
        #expect(settings.savedFilters.isEmpty)
    }

    @Test func unknownNameInAFilterPointsAtItWithASuggestion() {
        let error = Self.error(
            """
            saved_filters:
              - name: wasted
                when: clicks_no_conversion and cost > 50
                action: pause
            """)
        #expect(error?.description
            == "filters.yaml:3:11: unknown name 'clicks_no_conversion' (did you mean 'clicks_no_conversions'?)")
        // Inside a quoted scalar, the column counts from the file's line, not from the quote.
        let quoted = Self.error(
            """
            saved_filters:
              - name: stars
                when: "converting and hihg_volume"
                action: raise
            """)
        #expect(quoted?.description == "filters.yaml:3:27: unknown name 'hihg_volume' (did you mean 'high_volume'?)")
    }

    @Test func otherMistakesAreLocated() {
        #expect(
            Self.error("high_volum:\n  top_share: 50%\n")?.description
                == "filters.yaml:1:1: unknown key 'high_volum' in the filters file (did you mean 'high_volume'?)")
        #expect(
            Self.error("high_volume:\n  top_share: 0.5\n")?.description
                == "filters.yaml:2:14: 'top_share' must be a percentage such as 20%, not '0.5'")
        #expect(
            Self.error("saved_filters:\n  - name: x\n    when: cost * 2\n    action: a\n")?.description
                == "filters.yaml:3:11: 'when' needs a condition such as 'clicks_no_conversions and cost > 50', "
                + "not a number")
        #expect(
            Self.error("saved_filters:\n  - name: converting\n    when: clicks > 1\n    action: a\n")?.description
                == "filters.yaml:2:11: 'converting' is a category or sub-category; name the filter differently")
        #expect(
            Self.error(
                "saved_filters:\n  - name: a\n    when: clicks > 1\n    action: x\n"
                    + "  - name: a\n    when: clicks > 2\n    action: y\n")?.description
                == "filters.yaml:5:5: saved filter 'a' is already declared at 2:5")
        #expect(
            Self.error("saved_filters:\n  - name: a\n    when: clicks > 1\n")?.description
                == "filters.yaml:2:5: saved filter 'a' needs 'action'")
        #expect(Self.error("label_prefix: \"a;b\"\n")?.location == SourceLocation(line: 1, column: 15))
        #expect(Self.error("targets: [\n")?.reason.hasPrefix("YAML:") == true)
    }
}
