import GavelCore
import GavelRTB
import Foundation
import Synchronization
import Testing

@testable import GavelServer

@Suite struct EventLoopThreadsTests {
    /// Records the name of the thread each bid is answered on, then bids like the stub.
    private final class ThreadRecorder: BidResponder {
        let names = Mutex<Set<String>>([])
        let stub = StubResponder(behaviour: .bid(price: Micros(1_250_000)))

        func respond(
            to request: OpenRTB.BidRequest,
            personalData: PersonalDataPermission,
            deadline: ContinuousClock.Instant
        ) -> OpenRTB.BidResponse {
            // Linux: the calling thread's name, as NIO set it.
            let name = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? "?"
            names.withLock { _ = $0.insert(name) }
            return stub.respond(to: request, personalData: personalData, deadline: deadline)
        }
    }

    /// `eventLoopThreads` gives the server a group of its own (NIO names its threads `NIO-ELT-…`,
    /// the shared singleton's `NIO-SGLTN-…`), and bids are still answered on it.
    @Test func configuredThreadsAnswerTheBids() async throws {
        var configuration = testConfiguration()
        configuration.eventLoopThreads = 1
        let recorder = ThreadRecorder()
        let statuses = try await withTestServer(configuration: configuration, responder: recorder) { client in
            var statuses: [Int] = []
            for _ in 0..<3 {
                statuses.append(try await client.post("/openrtb2/bid", body: try fixture("iab26-simple-banner")).status)
            }
            return statuses
        }
        #expect(statuses == [200, 200, 200])
        let names = recorder.names.withLock { $0 }
        #expect(names.count == 1)
        #expect(names.allSatisfy { $0.hasPrefix("NIO-ELT-") })
    }
}
