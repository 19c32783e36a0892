import Foundation

/// The OpenRTB documents under Fixtures/ (see Fixtures/SOURCES.md for origins and licences).
enum Fixtures {
    static func requestNames() -> [String] { names(in: "requests") }
    static func responseNames() -> [String] { names(in: "responses") }

    static func request(_ name: String) -> [UInt8] { load("requests", name) }
    static func response(_ name: String) -> [UInt8] { load("responses", name) }
    static func model(_ name: String) -> [UInt8] { load("models", name) }

    private static func directory(_ folder: String) -> URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(folder)
    }

    private static func names(in folder: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory(folder).path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.sorted()
    }

    private static func load(_ folder: String, _ name: String) -> [UInt8] {
        let url = directory(folder).appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            fatalError("missing fixture \(folder)/\(name)")
        }
        return [UInt8](data)
    }
}
