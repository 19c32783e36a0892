import Dispatch
import Foundation
import GavelRTB
public import Logging
public import ServiceLifecycle
import Synchronization

/// Reloads campaigns, audiences and exchange rates without a restart: when a file's size or
/// modification time changes (checked every `pollInterval`) or on SIGHUP. A load that fails logs
/// `file:line:column: reason` and keeps the campaigns being served.
public struct CampaignReloader: Service {
    public let source: CampaignSource
    public let bidder: CampaignBidder
    public let pollInterval: Duration
    public let logger: Logger

    public init(source: CampaignSource, bidder: CampaignBidder, pollInterval: Duration = .seconds(2), logger: Logger) {
        self.source = source
        self.bidder = bidder
        self.pollInterval = pollInterval
        self.logger = logger
    }

    /// Reads the files now. Returns whether the new campaigns are being served.
    @discardableResult
    public func reload() -> Bool {
        do {
            let campaigns = try source.loadCampaigns()
            let audiences = try source.loadAudiences()
            let currencies = try source.loadCurrencies()
            bidder.replaceAudiences(audiences)
            bidder.replaceCampaigns(campaigns, currencies: currencies)
            logger.info(
                "campaigns loaded",
                metadata: ["campaigns": "\(campaigns.count)", "audience-users": "\(audiences.userCount)"]
            )
            return true
        } catch {
            logger.error("campaign files not reloaded, keeping the current campaigns: \(error)")
            return false
        }
    }

    public func run() async throws {
        let hangUp = Atomic<Bool>(false)
        signal(SIGHUP, SIG_IGN)
        let signalSource = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        signalSource.setEventHandler { hangUp.store(true, ordering: .relaxed) }
        signalSource.resume()
        defer { signalSource.cancel() }
        let tick: Duration = .milliseconds(250)
        await cancelWhenGracefulShutdown {
            var seen = source.fingerprint()
            var sinceCheck: Duration = .zero
            while !Task.isCancelled {
                do { try await Task.sleep(for: tick) } catch { return }
                sinceCheck += tick
                let forced = hangUp.exchange(false, ordering: .relaxed)
                guard forced || sinceCheck >= pollInterval else { continue }
                sinceCheck = .zero
                let now = source.fingerprint()
                guard forced || now != seen else { continue }
                seen = now
                if forced { logger.info("SIGHUP: reloading campaigns") }
                reload()
            }
        }
    }
}

/// Releases reservations whose notices never came, takes pacing steps and prunes frequency
/// counters, every `interval`.
public struct BidderMaintenance: Service {
    public let bidder: CampaignBidder
    public let interval: Duration
    /// Seconds a bid's reservation waits for a win or loss notice before its money goes back.
    public let reservationTimeout: Int64

    public init(bidder: CampaignBidder, interval: Duration = .seconds(1), reservationTimeout: Int64) {
        self.bidder = bidder
        self.interval = interval
        self.reservationTimeout = reservationTimeout
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                bidder.housekeeping(reservationTimeout: reservationTimeout)
                do { try await Task.sleep(for: interval) } catch { return }
            }
        }
    }
}
