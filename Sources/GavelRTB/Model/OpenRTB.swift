public import GavelCore

/// Namespace for the OpenRTB 2.6 wire model, so `OpenRTB.Device` never collides with
/// GavelCore's `Device` (a search-ads device class) in code that imports both.
///
/// Field names follow the specification in lowerCamelCase (`bidfloorcur` → `bidFloorCur`) so a
/// reader can look each one up in /work/shared/specs/openrtb-2.6.md. Members the specification
/// marks optional are Swift optionals: an absent value and a default differ for a bidder
/// (no `tmax` means "use your own deadline"). Members the bidder never reads (`metric`, `qty`,
/// `refresh`, content producers and networks, hashed device ids) and every `ext` are skipped.
public enum OpenRTB {}

extension OpenRTB {
    /// An optional member kept on the heap, for large members most requests lack: the struct
    /// holding it shrinks to a pointer's worth for them, so decoding, moving and freeing it costs
    /// less. Reading the member copies it out; setting it allocates a new box (boxes are immutable,
    /// so copies of the parent share one safely). Compares and hashes by value.
    @propertyWrapper
    public struct Indirect<Value: Hashable & Sendable>: Hashable, Sendable {
        private final class Box: Sendable {
            let value: Value
            init(_ value: Value) { self.value = value }
        }

        private var box: Box?

        public init(wrappedValue: Value?) { box = wrappedValue.map(Box.init) }

        public var wrappedValue: Value? {
            get { box?.value }
            set { box = newValue.map(Box.init) }
        }

        public static func == (lhs: Self, rhs: Self) -> Bool { lhs.wrappedValue == rhs.wrappedValue }

        public func hash(into hasher: inout Hasher) { hasher.combine(wrappedValue) }
    }
}

extension OpenRTB.Indirect: Decodable where Value: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(wrappedValue: container.decodeNil() ? nil : try container.decode(Value.self))
    }
}

extension KeyedDecodingContainer {
    /// A boxed member read like the optional it wraps: synthesized `Decodable` asks a wrapped
    /// property for `decode(_:forKey:)`, which would refuse an absent member.
    func decode<Value: Decodable>(
        _ type: OpenRTB.Indirect<Value>.Type,
        forKey key: Key
    ) throws -> OpenRTB.Indirect<Value> {
        OpenRTB.Indirect(wrappedValue: try decodeIfPresent(Value.self, forKey: key))
    }
}

extension OpenRTB {
    /// A price on the wire: a CPM in currency units, held as exact micros.
    ///
    /// OpenRTB sends floors and bids as JSON floats (`"bidfloor": 0.03`); Gavel keeps money as
    /// integer ``Micros`` so that a floor check or a budget sum is exact. The conversion rounds
    /// the parsed `Double` to the nearest micro once, at decode time.
    public struct CPM: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
        public var micros: Micros

        public init(micros: Micros) { self.micros = micros }

        /// A CPM from a wire value in currency units (e.g. `0.03`).
        public init(units: Double) { self.micros = Micros(rounding: units) }

        public static let zero = CPM(micros: .zero)

        public static func < (lhs: CPM, rhs: CPM) -> Bool { lhs.micros < rhs.micros }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            let units = try container.decode(Double.self)
            guard Micros.representableUnits.contains(units) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "CPM beyond what micros hold")
            }
            self.init(units: units)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(micros.units)
        }

        public var description: String { micros.formatted(decimals: 6) }
    }

    /// `native.request`: the Native Ads request as the specification sends it (a JSON document
    /// escaped into a string, or any opaque text), or as a JSON object, which some exchanges send.
    public enum NativeRequest: Hashable, Sendable, Decodable {
        case string(String)
        case object([String: JSONValue])

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .string(text)
            } else {
                self = .object(try container.decode([String: JSONValue].self))
            }
        }
    }

    /// `video.companionad` / `audio.companionad`: the 2.6 array of banners, also read from the
    /// pre-2.3 form `{"banner": [...]}` that older exchanges still send.
    public struct CompanionAds: Hashable, Sendable, Decodable {
        public var banners: [Banner]

        public init(banners: [Banner]) { self.banners = banners }

        private enum CodingKeys: String, CodingKey { case banners = "banner" }

        public init(from decoder: any Decoder) throws {
            if var list = try? decoder.unkeyedContainer() {
                var banners: [Banner] = []
                while !list.isAtEnd { banners.append(try list.decode(Banner.self)) }
                self.banners = banners
            } else {
                let object = try decoder.container(keyedBy: CodingKeys.self)
                self.banners = try object.decodeIfPresent([Banner].self, forKey: .banners) ?? []
            }
        }
    }
}

/// Any JSON value, for the few places where OpenRTB carries free-form JSON.
public enum JSONValue: Hashable, Sendable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses a complete JSON document with the same strict scanner as the bid request decoder
    /// (the native request object, exchange `ext` passed through to logs).
    /// - Throws: ``OpenRTBDecodingError`` with the line and column of the first problem.
    public init(parsing bytes: [UInt8]) throws(OpenRTBDecodingError) {
        let result: Result<JSONValue, OpenRTBDecodingError> = bytes.withUnsafeBytes { buffer in
            var scanner = JSONScanner(buffer)
            do throws(JSONSyntaxError) {
                let value = try scanner.readValue()
                try scanner.expectEnd()
                return .success(value)
            } catch {
                return .failure(OpenRTBDecodingError(error, in: buffer))
            }
        }
        self = try result.get()
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }
}
