import GavelAuction
import RealModule
import Yams

/// A distribution as a scenario file states it: a number (constant), `{uniform: [low, high]}`,
/// `{lognormal: {median: m, sigma: s}}` or `{max_of_uniforms: {count: n, upper: u}}`.
///
/// Kept apart from GavelAuction's ``Distribution`` so it can be scaled per grid point (a more aggressive
/// market) and from CPM figures to per-impression prices.
enum DistributionSpec {
    case constant(Double)
    case uniform(lower: Double, upper: Double)
    case logNormal(median: Double, sigma: Double)
    case maxOfUniforms(count: Int, upper: Double)

    /// The distribution of `scale × X`.
    func distribution(scale: Double = 1) -> Distribution {
        switch self {
        case .constant(let value): .constant(value * scale)
        case .uniform(let lower, let upper): .uniform(lower: lower * scale, upper: upper * scale)
        case .logNormal(let median, let sigma): .logNormal(mu: Double.log(median * scale), sigma: sigma)
        case .maxOfUniforms(let count, let upper): .maxOfUniforms(count: count, upper: upper * scale)
        }
    }
}

enum DistributionReader {
    static let forms = ["uniform", "lognormal", "max_of_uniforms"]

    static func read(_ node: Node, key: String, file: String) throws(ScenarioFileError) -> DistributionSpec {
        if node.scalar != nil {
            return .constant(try YAMLMapping.scalar(node, key: key, file: file).number())
        }
        let block = try YAMLMapping(node, file: file, section: "'\(key)'", allowed: forms)
        guard block.keys.count == 1, let form = block.keys.first, let body = block.node(form) else {
            throw block.error("'\(key)' must be a number or one of \(forms.joined(separator: ", "))")
        }
        switch form {
        case "uniform":
            guard let bounds = body.sequence, bounds.count == 2 else {
                throw ScenarioFileError(
                    file: file,
                    location: YAMLMapping.location(of: body),
                    reason: "'uniform' takes [low, high]"
                )
            }
            let low = try YAMLMapping.scalar(bounds[0], key: "uniform", file: file).number()
            let high = try YAMLMapping.scalar(bounds[1], key: "uniform", file: file).number()
            guard high > low else {
                throw ScenarioFileError(
                    file: file,
                    location: YAMLMapping.location(of: body),
                    reason: "'uniform' needs low < high"
                )
            }
            return .uniform(lower: low, upper: high)
        case "lognormal":
            let fields = try YAMLMapping(body, file: file, section: "'lognormal'", allowed: ["median", "sigma"])
            let median = try fields.required("median").positiveNumber()
            return .logNormal(median: median, sigma: try fields.required("sigma").number(in: 0...5))
        default:
            let fields = try YAMLMapping(body, file: file, section: "'max_of_uniforms'", allowed: ["count", "upper"])
            return .maxOfUniforms(
                count: try fields.required("count").integer(in: 1...1_000),
                upper: try fields.required("upper").positiveNumber()
            )
        }
    }
}
