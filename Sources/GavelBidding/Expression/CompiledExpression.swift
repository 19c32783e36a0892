/// An expression turned into a flat register program over a schema's slots.
///
/// Each instruction writes one register from constants, slots or earlier registers, so evaluation is one forward
/// loop over a stack-allocated register file: no recursion, no dictionary, no heap allocation per keyword.
///
/// Semantics (documented in Docs/rules.md): values are `Double`; booleans are 1 and 0; a missing value is NaN
/// (a CPA without conversions, a quality score the report did not give); any comparison with NaN is false;
/// `x / 0` is NaN. Both sides of `and`/`or` are evaluated (there are no side effects, so the result is the same).
public struct CompiledExpression: Sendable {
    enum Opcode: UInt8, Sendable {
        case constant, load, negate, not
        case add, subtract, multiply, divide
        case less, lessEqual, greater, greaterEqual, equal, notEqual
        case and, or
    }

    struct Instruction: Sendable {
        var opcode: Opcode
        var a: Int32
        var b: Int32
        var constant: Double
    }

    private let program: [Instruction]
    /// What the whole expression yields: a condition for rules and filters, a number for formulas.
    public let resultType: ExpressionSchema.ValueType
    /// The schema it was compiled against; `evaluate` expects a buffer of at least `schema.count` values.
    public let schema: ExpressionSchema

    /// Resolves names to slots and checks types.
    /// - Throws: ``ExpressionError`` for an unknown name (with the nearest known one) or a type mismatch.
    public init(_ expression: Expression, schema: ExpressionSchema) throws(ExpressionError) {
        var builder = Builder(schema: schema)
        let (_, type) = try builder.emit(expression)
        self.program = builder.program
        self.resultType = type
        self.schema = schema
    }

    /// Evaluates as a condition. `values[slot]` holds each name's value (booleans as 1 or 0).
    public func isTrue(_ values: UnsafeBufferPointer<Double>) -> Bool {
        let result = value(values)
        return result != 0 && !result.isNaN
    }

    /// Convenience over an array; the hot path should reuse one buffer and call the pointer variant.
    public func isTrue(_ values: [Double]) -> Bool { values.withUnsafeBufferPointer { isTrue($0) } }

    public func value(_ values: [Double]) -> Double { values.withUnsafeBufferPointer { value($0) } }

    /// Evaluates the program and returns the last register.
    public func value(_ values: UnsafeBufferPointer<Double>) -> Double {
        precondition(values.count >= schema.count, "the value buffer must hold every slot of the schema")
        return program.withUnsafeBufferPointer { code in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: code.count) { registers in
                for index in 0..<code.count {
                    let instruction = code[index]
                    let a = Int(instruction.a)
                    let b = Int(instruction.b)
                    let result: Double
                    switch instruction.opcode {
                    case .constant: result = instruction.constant
                    case .load: result = values[a]
                    case .negate: result = -registers[a]
                    case .not: result = registers[a] != 0 ? 0 : 1
                    case .add: result = registers[a] + registers[b]
                    case .subtract: result = registers[a] - registers[b]
                    case .multiply: result = registers[a] * registers[b]
                    case .divide: result = registers[b] == 0 ? .nan : registers[a] / registers[b]
                    case .less: result = registers[a] < registers[b] ? 1 : 0
                    case .lessEqual: result = registers[a] <= registers[b] ? 1 : 0
                    case .greater: result = registers[a] > registers[b] ? 1 : 0
                    case .greaterEqual: result = registers[a] >= registers[b] ? 1 : 0
                    case .equal: result = registers[a] == registers[b] ? 1 : 0
                    case .notEqual:
                        result = registers[a].isNaN || registers[b].isNaN || registers[a] == registers[b] ? 0 : 1
                    case .and: result = registers[a] != 0 && registers[b] != 0 ? 1 : 0
                    case .or: result = registers[a] != 0 || registers[b] != 0 ? 1 : 0
                    }
                    registers.initializeElement(at: index, to: result)
                }
                return registers[code.count - 1]
            }
        }
    }

    /// Emits instructions in post-order, so every operand's register precedes its user's.
    private struct Builder {
        let schema: ExpressionSchema
        var program: [Instruction] = []

        mutating func append(_ opcode: Opcode, _ a: Int = 0, _ b: Int = 0, constant: Double = 0) -> Int {
            program.append(Instruction(opcode: opcode, a: Int32(a), b: Int32(b), constant: constant))
            return program.count - 1
        }

        mutating func emit(_ expression: Expression) throws(ExpressionError) -> (Int, ExpressionSchema.ValueType) {
            switch expression {
            case .number(let value, _):
                return (append(.constant, constant: value), .number)
            case .boolean(let value, _):
                return (append(.constant, constant: value ? 1 : 0), .boolean)
            case .identifier(let name, let at):
                guard let slot = schema.slot(of: name) else {
                    throw ExpressionError(.unknownIdentifier(name, suggestion: schema.suggestion(for: name)), at: at)
                }
                return (append(.load, slot), schema.types[slot])
            case .unary(let op, let operand, let at):
                let (register, type) = try emit(operand)
                let wanted: ExpressionSchema.ValueType = op == .not ? .boolean : .number
                try require(type, wanted, at: at, what: op == .not ? "'not'" : "'-'")
                return (append(op == .not ? .not : .negate, register), wanted)
            case .binary(let op, let lhs, let rhs, let at):
                let (left, leftType) = try emit(lhs)
                let (right, rightType) = try emit(rhs)
                let resultType: ExpressionSchema.ValueType
                if op.isLogical {
                    try require(leftType, .boolean, at: lhs.location, what: "'\(op.rawValue)'")
                    try require(rightType, .boolean, at: rhs.location, what: "'\(op.rawValue)'")
                    resultType = .boolean
                } else if op == .equal || op == .notEqual {
                    guard leftType == rightType else {
                        throw ExpressionError(
                            .typeMismatch("'\(op.rawValue)' compares a condition with a number"), at: at)
                    }
                    resultType = .boolean
                } else {
                    try require(leftType, .number, at: lhs.location, what: "'\(op.rawValue)'")
                    try require(rightType, .number, at: rhs.location, what: "'\(op.rawValue)'")
                    resultType = op.isComparison ? .boolean : .number
                }
                return (append(Self.opcode(op), left, right), resultType)
            }
        }

        private func require(
            _ type: ExpressionSchema.ValueType, _ wanted: ExpressionSchema.ValueType, at: SourceLocation, what: String
        ) throws(ExpressionError) {
            guard type != wanted else { return }
            let message =
                wanted == .boolean
                ? "\(what) needs a condition here, not a number (compare it, e.g. 'clicks > 0')"
                : "\(what) needs a number here, not a condition"
            throw ExpressionError(.typeMismatch(message), at: at)
        }

        private static func opcode(_ op: Expression.BinaryOperator) -> Opcode {
            switch op {
            case .add: .add
            case .subtract: .subtract
            case .multiply: .multiply
            case .divide: .divide
            case .less: .less
            case .lessEqual: .lessEqual
            case .greater: .greater
            case .greaterEqual: .greaterEqual
            case .equal: .equal
            case .notEqual: .notEqual
            case .and: .and
            case .or: .or
            }
        }
    }
}

extension Expression {
    /// Compiles against `schema`; see ``CompiledExpression/init(_:schema:)``.
    public func compile(against schema: ExpressionSchema) throws(ExpressionError) -> CompiledExpression {
        try CompiledExpression(self, schema: schema)
    }
}
