/// A logistic regression over hashed binary features: the click (or conversion) predictor.
///
/// `p = 1 / (1 + exp(-(bias + Σ weight[bucket(feature)])))`, where each feature present in the
/// request adds the weight of its bucket. Hashing (the "hashing trick") keeps the model a flat
/// array of `2^hashBits` weights whatever the number of distinct domains or apps, and makes a
/// prediction a handful of additions with no string allocation.
///
/// ## File format
/// JSON, e.g. `Fixtures/models/example-ctr.json`:
/// ```json
/// {"bias": -5.2, "hash_bits": 16,
///  "weights": {"country=USA": 0.4, "devicetype=4": 0.3, "size=300x250": 0.2},
///  "buckets": {"12345": -0.1}}
/// ```
/// - `bias`: the intercept (log-odds with no feature).
/// - `hash_bits`: 1…24; the model has `2^hash_bits` buckets.
/// - `weights`: weights by feature, written `name=value` as ``FeatureHasher`` names them; each is
///   added to its feature's bucket (features that collide share a bucket, as in training).
/// - `buckets` (optional): weights by bucket index, as a trainer that only knows buckets writes them.
///
/// A feature's bucket is the 64-bit FNV-1a hash of the UTF-8 bytes of `name=value`, masked to
/// the low `hash_bits` bits.
public struct LogisticModel: Hashable, Sendable {
    public let bias: Double
    public let hashBits: Int
    private let weights: [Double]

    public init(bias: Double, hashBits: Int, weights: [String: Double] = [:], buckets: [Int: Double] = [:]) {
        precondition((1...24).contains(hashBits), "hash_bits must be within 1...24")
        self.bias = bias
        self.hashBits = hashBits
        var table = [Double](repeating: 0, count: 1 << hashBits)
        let mask = UInt64(table.count - 1)
        for (feature, weight) in weights {
            table[Int(FeatureHasher.hash(feature) & mask)] += weight
        }
        for (bucket, weight) in buckets where table.indices.contains(bucket) {
            table[bucket] += weight
        }
        self.weights = table
    }

    /// Reads the JSON format above.
    /// - Throws: ``ModelFileError`` naming the offending member.
    public init(json bytes: [UInt8]) throws(ModelFileError) {
        let document: JSONValue
        do throws(OpenRTBDecodingError) {
            document = try JSONValue(parsing: bytes)
        } catch {
            throw ModelFileError(message: "not JSON: \(error)")
        }
        guard case .object(let members) = document else { throw ModelFileError(message: "expected an object") }
        guard case .number(let bias)? = members["bias"] else {
            throw ModelFileError(message: "\"bias\" must be a number")
        }
        guard case .number(let bits)? = members["hash_bits"], let hashBits = Int(exactly: bits),
            (1...24).contains(hashBits)
        else { throw ModelFileError(message: "\"hash_bits\" must be an integer within 1...24") }
        var weights: [String: Double] = [:]
        if let value = members["weights"] {
            guard case .object(let entries) = value else {
                throw ModelFileError(message: "\"weights\" must be an object")
            }
            for (feature, weight) in entries {
                guard case .number(let number) = weight else {
                    throw ModelFileError(message: "weight of \"\(feature)\" must be a number")
                }
                weights[feature] = number
            }
        }
        var buckets: [Int: Double] = [:]
        if let value = members["buckets"] {
            guard case .object(let entries) = value else {
                throw ModelFileError(message: "\"buckets\" must be an object")
            }
            for (key, weight) in entries {
                guard let bucket = Int(key), (0..<(1 << hashBits)).contains(bucket), case .number(let number) = weight
                else {
                    throw ModelFileError(message: "bucket \"\(key)\" must be an index below 2^hash_bits with a number")
                }
                buckets[bucket] = number
            }
        }
        self.init(bias: bias, hashBits: hashBits, weights: weights, buckets: buckets)
    }

    /// The predicted probability for a set of feature hashes (from ``FeatureHasher``).
    public func probability(_ features: some Sequence<UInt64>) -> Double {
        probability(score: score(features))
    }

    /// The sum of the features' weights, without the bias: additive, so a part shared by many
    /// predictions (the impression's features) is summed once.
    func score(_ features: some Sequence<UInt64>) -> Double {
        let mask = UInt64(weights.count - 1)
        var sum = 0.0
        for feature in features { sum += weights[Int(feature & mask)] }
        return sum
    }

    func probability(score: Double) -> Double {
        1 / (1 + Self.exp(-(bias + score)))
    }

    /// `exp` without Foundation, accurate to a few ulps over the range logits take.
    private static func exp(_ x: Double) -> Double {
        if x > 709 { return .infinity }
        if x < -745 { return 0 }
        // exp(x) = 2^k · exp(r), |r| ≤ ln2/2, with a Taylor series for exp(r).
        let ln2 = 0.693_147_180_559_945_3
        let k = (x / ln2).rounded()
        let r = x - k * ln2
        var term = 1.0
        var sum = 1.0
        for n in 1...18 {
            term *= r / Double(n)
            sum += term
        }
        return sum * Double(sign: .plus, exponent: Int(k), significand: 1)
    }
}

public struct ModelFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { "model file: \(message)" }
}
