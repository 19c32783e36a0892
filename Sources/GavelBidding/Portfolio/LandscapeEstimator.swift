public import GavelCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The max CPC a keyword had from `day` on (until the next change): reports carry it per day.
public struct DailyBid: Hashable, Sendable {
    public var day: CalendarDay
    public var bid: Micros

    public init(day: CalendarDay, bid: Micros) {
        self.day = day
        self.bid = bid
    }
}

/// All days one keyword spent at one bid: the unit a landscape is fitted on.
public struct BidLevel: Hashable, Sendable {
    /// Currency units.
    public var bid: Double
    /// Calendar days at this bid, including days without impressions (reports leave those out).
    public var days: Double
    public var clicks: Double
    /// Currency units.
    public var cost: Double
    /// Impressions on the rows that report a search impression share.
    public var impressions: Double
    /// The searches the keyword was eligible for on these days: impressions ÷ the reported share where the share
    /// is exact, the keyword's mean searches per such day where it is censored or the day has no row.
    public var searches: Double
    /// Impressions on the rows that report the top and absolute-top impression rates.
    public var positionImpressions: Double
    /// Σ impressions × the page strength of the rows that report both rates (``pageStrength``).
    public var pageStrengthImpressions: Double

    public init(
        bid: Double, days: Double, clicks: Double, cost: Double, impressions: Double = 0, searches: Double = 0,
        positionImpressions: Double = 0, pageStrengthImpressions: Double = 0
    ) {
        self.bid = bid
        self.days = days
        self.clicks = clicks
        self.cost = cost
        self.impressions = impressions
        self.searches = searches
        self.positionImpressions = positionImpressions
        self.pageStrengthImpressions = pageStrengthImpressions
    }

    /// Impressions ÷ searches at this bid, `nil` when no row reported a share.
    public var impressionShare: Double? { searches > 0 ? impressions / searches : nil }

    /// How high on the page the ad showed at this bid, from 0 (never in the top slots) to 1 (always first): the
    /// mean of the top and absolute-top impression rates, so on a page of three ads first, second and third
    /// read 1, ½ and 0. `nil` when no row reported both rates.
    public var pageStrength: Double? {
        positionImpressions > 0 ? pageStrengthImpressions / positionImpressions : nil
    }

    /// Folds a keyword's days into one level per distinct bid.
    ///
    /// The bid is piecewise constant: a day without a report row keeps the bid of the last day that had one, so
    /// quiet days count as days at that bid with no clicks. Days before the first known bid are left out: the
    /// history does not say the keyword ran then (a history shorter than the window would otherwise read as
    /// fewer clicks per day).
    ///
    /// Platforms censor the share at 10 % and 90 %, and days without impressions have no row: taking impressions ÷
    /// share on such days would pull every level's share toward the middle (a keyword shown on 3 % of searches
    /// reads as 10 %), flattening the fitted steepness and underestimating what high bids buy. Searches do not
    /// depend on the bid, so those days count the keyword's mean searches per day with an exact share instead.
    public static func levels(daily: [DailyPoint], bids: [DailyBid], window: DayRange) -> [BidLevel] {
        let sortedBids = bids.sorted { $0.day < $1.day }
        guard let firstBid = sortedBids.first, firstBid.day <= window.last else { return [] }
        var levels: [BidLevel] = []
        var current = firstBid.bid
        var next = 0
        var dayIndexOfLevel = [Int](repeating: -1, count: window.dayCount)
        for offset in 0..<window.dayCount {
            let day = window.first.advanced(by: offset)
            guard day >= firstBid.day else { continue }
            while next < sortedBids.count, sortedBids[next].day <= day {
                current = sortedBids[next].bid
                next += 1
            }
            let bid = current.units
            let level =
                levels.firstIndex { $0.bid == bid }
                ?? {
                    levels.append(BidLevel(bid: bid, days: 0, clicks: 0, cost: 0))
                    return levels.count - 1
                }()
            levels[level].days += 1
            dayIndexOfLevel[offset] = level
        }
        // Searches per day, known on days whose every share-reporting row is uncensored; `nil` marks a day whose
        // searches are unknown (a censored share, or no row: no impressions).
        var searchesOfDay = [Double?](repeating: nil, count: window.dayCount)
        var censoredDay = [Bool](repeating: false, count: window.dayCount)
        var reportsShare = false
        for point in daily where window.contains(point.day) {
            let offset = window.first.distance(to: point.day)
            let level = dayIndexOfLevel[offset]
            guard level >= 0 else { continue }
            levels[level].clicks += Double(point.clicks)
            levels[level].cost += point.cost.units
            if let top = point.topImpressionRate, let absoluteTop = point.absoluteTopImpressionRate,
                point.impressions > 0
            {
                levels[level].positionImpressions += Double(point.impressions)
                levels[level].pageStrengthImpressions += Double(point.impressions) * (top + absoluteTop) / 2
            }
            if let share = point.searchImpressionShare, share > 0, point.impressions > 0 {
                reportsShare = true
                levels[level].impressions += Double(point.impressions)
                if Self.isCensored(share) {
                    censoredDay[offset] = true
                } else {
                    searchesOfDay[offset] = (searchesOfDay[offset] ?? 0) + Double(point.impressions) / share
                }
            }
        }
        guard reportsShare else { return levels.filter { $0.bid > 0 } }
        // Searches do not depend on the bid: a day whose count is unknown gets the mean of the known days (or, when
        // no day is known, what its censored share implies).
        var knownSearches = 0.0
        var knownDays = 0.0
        for offset in searchesOfDay.indices where !censoredDay[offset] {
            guard let searches = searchesOfDay[offset] else { continue }
            knownSearches += searches
            knownDays += 1
        }
        if knownDays > 0 {
            for offset in 0..<window.dayCount where dayIndexOfLevel[offset] >= 0 {
                let known = censoredDay[offset] ? nil : searchesOfDay[offset]
                levels[dayIndexOfLevel[offset]].searches += known ?? knownSearches / knownDays
            }
        } else {
            for point in daily where window.contains(point.day) {
                let level = dayIndexOfLevel[window.first.distance(to: point.day)]
                guard level >= 0, let share = point.searchImpressionShare, share > 0, point.impressions > 0
                else { continue }
                levels[level].searches += Double(point.impressions) / share
            }
        }
        return levels.filter { $0.bid > 0 }
    }

    /// Platforms report shares below 10 % as "< 10 %" and above 90 % as "> 90 %" (stored just outside the bounds,
    /// ``GavelCore/ShareMetrics/below(_:)``): such a share says little about the day's searches.
    static func isCensored(_ share: Double) -> Bool { share < 0.1 || share > 0.9 }
}

/// A keyword's fitted landscape and the evidence behind it, for the trace.
public struct LandscapeFit: Hashable, Sendable {
    public var landscape: SaturatingLandscape
    /// The centre of the bids seen (day-weighted geometric mean), where the fit is best.
    public var referenceBid: Double
    /// Clicks per day at the reference bid.
    public var clicksPerDay: Double
    /// Clicks' elasticity to the bid at the reference bid, after pooling.
    public var elasticity: Double
    /// The keyword's own elasticity estimate, `nil` when its bids never varied (or it had no clicks).
    public var ownElasticity: Double?
    /// How much the pooled shape leans on the group: 0 = own data only, 1 = group only (the half-saturation bid
    /// when placed by elasticity, the steepness when placed by impression share).
    public var poolingWeight: Double
    /// What placed the keyword on its curve.
    public var placement: LandscapePlacement
    /// Distinct bids in the history.
    public var bidLevels: Int
    /// Clicks in the history.
    public var clicks: Double
    /// What ``ForecastCalibration`` multiplied the fitted level (clicks and cost) by; 1 without calibration.
    public var calibratedLevel = 1.0
    /// What ``ForecastCalibration`` multiplied the price share by; 1 without calibration.
    public var calibratedPrice = 1.0
}

/// What told the estimator where a keyword sits on its curve, best first.
public enum LandscapePlacement: String, Hashable, Sendable {
    /// Its impression share below the top: σ is the share of the searches it shows on.
    case impressionShare = "impression share"
    /// Shown on every search at every bid tried: σ is how high on the page it shows (top and absolute-top rates),
    /// and a click floor keeps the bottom slot's clicks at any bid.
    case pagePosition = "page position"
    /// Neither reported: the clicks' elasticity to the bids tried.
    case clickElasticity = "click elasticity"
}

/// Fits a ``SaturatingLandscape`` per keyword from the days its bid varied, borrowing from similar keywords where
/// the data is thin.
///
/// Keywords whose rows report a search impression share are placed on their curve by it (``strengthShapes(_:groupOf:placement:)``:
/// σ per bid level, own steepness pooled, `h` from the levels, a portfolio CTR shape and price share); it measures
/// σ directly and needs no bid variation, so it is far more accurate (Docs/portfolio.md). Keywords shown on every
/// search at every bid tried are placed the same way by their page strength (top and absolute-top rates), above
/// a portfolio click floor (``clickFloor(_:shapes:)``). The others follow steps 1–3 below.
///
/// 1. **Level and local elasticity.** Per keyword, a Poisson regression of clicks on log bid over its bid levels:
///    `clicks per day = exp(a + e · ln(bid ÷ reference))`, fitted by Newton's method (two parameters, exact
///    likelihood, days as exposure). `e` is the elasticity the history shows around the bids it tried; its
///    variance is the inverse Fisher information, scaled by the portfolio's overdispersion (Pearson χ² ÷ degrees
///    of freedom over all keywords: daily noise and the weekly cycle make clicks noisier than Poisson).
/// 2. **Saturation.** A Hill curve with steepness `k` has elasticity `k ÷ (1 + s)` with `s = (bid ÷ h)^k`, so
///    `e` places the reference bid on the curve and gives the half-saturation bid `h`: the competitive price
///    level, which keywords of one campaign share far more than they share elasticities (those depend on where
///    each keyword's own bid happens to sit).
/// 3. **Pooling.** `ln h` is shrunk toward its campaign's mean by normal–normal empirical Bayes: the variance of
///    each keyword's `ln h` follows from `e`'s by the delta method, the between-keyword variance τ² comes from the
///    DerSimonian–Laird moment estimator, and the posterior is `(x/v + x̄/τ²) ÷ (1/v + 1/τ²)`. A keyword whose
///    bid never moved takes the group's `h`; groups with fewer than three informative keywords use the
///    portfolio's. The level is then refitted at the pooled shape, and the maximum clicks follow from it. `k` is
///    the one shape parameter a ±30 % bid history cannot tell apart from the rest; it is a setting (see
///    Docs/portfolio.md for how it was chosen and what it costs).
/// 4. **Price.** The CPC discount is a least-squares fit of `1 − CPC ÷ bid = discount · σ(bid)` over the levels,
///    weighted by clicks and shrunk toward the portfolio's discount with ten clicks' worth of weight.
///
/// One pass per keyword plus one per group: linear in keywords × bid levels.
public struct LandscapeEstimator: Sendable {
    public var steepness: Double
    /// Elasticities are kept in `[minimumElasticity, maximumElasticityShare × steepness]`.
    public var minimumElasticity: Double
    public var maximumElasticityShare: Double
    /// Weight (clicks × σ²) of the portfolio's discount in each keyword's.
    public var discountPriorWeight: Double
    /// The impression share an unbounded bid would win (eligibility and thresholds keep it below 1): σ = share ÷
    /// this.
    public var maximumImpressionShare: Double
    /// Keywords with fewer impressions on rows reporting a share are placed by their click elasticity instead.
    public var minimumShareImpressions: Double
    /// Steepness fitted from impression share is kept within this range.
    public var steepnessRange: ClosedRange<Double>
    /// The click floor (bottom slot's CTR ÷ the top's) for keywords placed by page position when their CTRs do not
    /// tell it: about half, as on a page of three or four ads whose CTR falls as position^−0.7.
    public var defaultClickFloor: Double
    /// A keyword shown on every search is placed by page position only if it was also shown on every search at
    /// some bid where its page strength was at most this: low on the page and still on every search, it has fewer
    /// rivals than slots, so a lower bid keeps it on the page. Shown on every search only near the top, it may
    /// have more rivals than slots and lose impressions below; its click elasticity places it.
    public var floorEvidence: Double

    public init(
        steepness: Double = 2.5, minimumElasticity: Double = 0.05,
        maximumElasticityShare: Double = 0.95,
        discountPriorWeight: Double = 10,
        maximumImpressionShare: Double = 0.92,
        minimumShareImpressions: Double = 30,
        steepnessRange: ClosedRange<Double> = 1...5,
        defaultClickFloor: Double = 0.5,
        floorEvidence: Double = 0.25
    ) {
        self.floorEvidence = floorEvidence
        self.defaultClickFloor = defaultClickFloor
        self.steepness = steepness
        self.minimumElasticity = minimumElasticity
        self.maximumElasticityShare = maximumElasticityShare
        self.discountPriorWeight = discountPriorWeight
        self.maximumImpressionShare = maximumImpressionShare
        self.minimumShareImpressions = minimumShareImpressions
        self.steepnessRange = steepnessRange
    }

    /// - Parameters:
    ///   - levels: Each keyword's bid levels (``BidLevel/levels(daily:bids:window:)``); keywords without any
    ///     level get `nil`.
    ///   - groupOf: Each keyword's group (e.g. campaign) for pooling, any integers.
    public func fit(_ levels: [[BidLevel]], groupOf: [Int]) -> [LandscapeFit?] {
        precondition(levels.count == groupOf.count, "one group per keyword")
        let local = levels.map(LocalFit.init(levels:))
        let shares = levels.map { StrengthFit(impressionShareOf: $0, maximumShare: maximumImpressionShare) }
        let positions = levels.indices.map { index in
            shares[index] == nil && StrengthFit.isShownOnEverySearch(levels[index], maximumShare: maximumImpressionShare)
                ? StrengthFit(pageStrengthOf: levels[index], lowestStrength: floorEvidence) : nil
        }
        let byElasticity = elasticityShapes(local, groupOf: groupOf)
        let byShare = strengthShapes(shares, groupOf: groupOf, placement: .impressionShare)
        let byPosition = strengthShapes(positions, groupOf: groupOf, placement: .pagePosition)
        let clickThrough = Self.clickThroughShape(levels, shapes: byShare)
        let clickFloor = Self.clickFloor(levels, shapes: byPosition) ?? defaultClickFloor

        var shapes: [Shape?] = []
        // Per keyword Σ w σ, Σ w σ p and Σ w σ² (w = clicks above the floor, p = their CPC ÷ bid); per route the
        // sums of the regression p = a + b σ: keywords with a click floor pay for the top of the page with fewer
        // clicks, so their price share is their own.
        var priceSums: [SIMD3<Double>] = []
        var regressions = (share: PriceRegression(maximum: 1), floor: PriceRegression(maximum: 1 / (1 - clickFloor)))
        for (index, fit) in local.enumerated() {
            guard let fit, var shape = byShare[index] ?? byPosition[index] ?? byElasticity[index] else {
                shapes.append(nil)
                priceSums.append(.zero)
                continue
            }
            switch shape.placement {
            case .impressionShare:
                shape.clickThroughSlope = clickThrough.slope
                shape.clickThroughCurvature = clickThrough.curvature
            case .pagePosition: shape.clickFloor = clickFloor
            case .clickElasticity: break
            }
            // The maximum clicks for this shape (the Poisson MLE: clicks ÷ Σ days × clicks-shape(bid)).
            var exposure = 0.0
            var sums = SIMD3<Double>.zero
            for level in levels[index] {
                let sigma = shape.strength(atBid: level.bid)
                let variable = (1 - shape.clickFloor) * sigma * exp(shape.logLift(sigma))
                exposure += level.days * (shape.clickFloor + variable)
                // The floor's clicks are counted free: the cost is the clicks above it.
                let w =
                    shape.clickFloor > 0 ? level.clicks * variable / (shape.clickFloor + variable) : level.clicks
                guard w > 0 else { continue }
                let paid = level.cost / (w * level.bid)
                sums += SIMD3(w * sigma, w * sigma * paid, w * sigma * sigma)
                if shape.clickFloor > 0 {
                    regressions.floor.add(weight: w, sigma: sigma, paid: paid)
                } else {
                    regressions.share.add(weight: w, sigma: sigma, paid: paid)
                }
            }
            shape.maxClicks = exposure > 0 ? fit.clicks / exposure : 0
            shapes.append(shape)
            priceSums.append(sums)
        }
        // The price share a: the intercept of the route's clicks-weighted regression of CPC ÷ bid on σ, kept in
        // [0.5, its maximum]. Each keyword's discount is then the least-squares φ of 1 − CPC ÷ (a · bid) = φ σ,
        // shrunk toward its route's.
        let prices = (share: regressions.share.fitted, floor: regressions.floor.fitted)
        // The discount cap depends on the shape only: computed once per steepness (to 0.05) and CTR shape (one per
        // route).
        var caps: [SIMD3<Double>: Double] = [:]

        return levels.indices.map { index in
            guard let shape = shapes[index], let fit = local[index] else { return nil }
            let (priceShare, routeDiscount) = shape.clickFloor > 0 ? prices.floor : prices.share
            let sums = priceSums[index]
            let discount =
                (sums.x - sums.y / priceShare + discountPriorWeight * routeDiscount)
                / (sums.z + discountPriorWeight)
            let steepness = (shape.steepness * 20).rounded() / 20
            let key = SIMD3(steepness, shape.clickThroughSlope, shape.clickThroughCurvature)
            let cap =
                caps[key]
                ?? {
                    let cap = SaturatingLandscape.maximumDiscount(
                        steepness: steepness, clickThroughSlope: shape.clickThroughSlope,
                        clickThroughCurvature: shape.clickThroughCurvature)
                    caps[key] = cap
                    return cap
                }()
            let landscape = SaturatingLandscape(
                maxClicks: shape.maxClicks, halfSaturationBid: exp(shape.logHalf), steepness: steepness,
                discount: min(max(discount, 0), cap), clickThroughSlope: shape.clickThroughSlope,
                clickThroughCurvature: shape.clickThroughCurvature, priceShare: priceShare,
                clickFloor: shape.clickFloor)
            return LandscapeFit(
                landscape: landscape, referenceBid: fit.reference,
                clicksPerDay: landscape.clicks(atBid: fit.reference),
                elasticity: landscape.elasticity(atBid: fit.reference), ownElasticity: fit.elasticity,
                poolingWeight: shape.poolingWeight, placement: shape.placement,
                bidLevels: levels[index].count, clicks: fit.clicks
            )
        }
    }

    /// The sums of one route's clicks-weighted regression of CPC ÷ bid on σ.
    struct PriceRegression {
        /// The largest price share the route's landscapes allow.
        let maximum: Double
        private var w = 0.0
        private var sigma = 0.0
        private var sigma2 = 0.0
        private var paid = 0.0
        private var sigmaPaid = 0.0

        init(maximum: Double) { self.maximum = maximum }

        mutating func add(weight: Double, sigma: Double, paid: Double) {
            w += weight
            self.sigma += weight * sigma
            sigma2 += weight * sigma * sigma
            self.paid += weight * paid
            sigmaPaid += weight * sigma * paid
        }

        /// The intercept `a`, kept in [0.5, ``maximum``] (1 when σ never varied, or the maximum if lower); and the
        /// route's discount at it, the least-squares φ of 1 − CPC ÷ (a · bid) = φ σ over all its levels.
        var fitted: (priceShare: Double, discount: Double) {
            let spread = w * sigma2 - sigma * sigma
            let priceShare =
                spread > 1e-12 ? min(max((paid * sigma2 - sigma * sigmaPaid) / spread, 0.5), maximum) : min(1, maximum)
            return (priceShare, sigma2 > 0 ? (sigma - sigmaPaid / priceShare) / sigma2 : 0)
        }
    }

    /// A keyword's curve before its level and price are fitted.
    struct Shape {
        var logHalf: Double
        var steepness: Double
        var clickThroughSlope: Double
        var clickThroughCurvature = 0.0
        var clickFloor = 0.0
        var poolingWeight: Double
        var placement: LandscapePlacement
        var maxClicks = 0.0

        func strength(atBid bid: Double) -> Double {
            let s = exp(steepness * (log(bid) - logHalf))
            return s.isInfinite ? 1 : s / (1 + s)
        }

        func logLift(_ sigma: Double) -> Double {
            SaturatingLandscape.logLift(sigma: sigma, slope: clickThroughSlope, curvature: clickThroughCurvature)
        }
    }

    /// Places each keyword by its click elasticity (steepness fixed at ``steepness``, clicks following
    /// impressions): the own `ln h` from the local elasticity, shrunk toward the group's.
    func elasticityShapes(_ local: [LocalFit?], groupOf: [Int]) -> [Shape?] {
        let dispersion = Self.dispersion(local)
        let upper = maximumElasticityShare * steepness
        // Each keyword's own log half-saturation bid, from its elasticity (delta-method variance).
        let own: [(value: Double, variance: Double)?] = local.map { fit in
            guard let fit, let raw = fit.elasticity, let variance = fit.variance else { return nil }
            let elasticity = min(max(raw, minimumElasticity), upper)
            let slope = 1 / (elasticity * (steepness - elasticity))
            let logHalf = log(fit.reference) - log(steepness / elasticity - 1) / steepness
            return (logHalf, variance * dispersion * slope * slope)
        }
        let pooled = Self.pooled(own, groupOf: groupOf)
        return local.indices.map { index in
            guard let fit = local[index] else { return nil }
            let logHalf = pooled[index].value.isNaN ? log(fit.reference) : pooled[index].value
            // The reference bid's s kept within [1e-3, 1e3].
            let bound = log(1e3) / steepness
            return Shape(
                logHalf: min(max(logHalf, log(fit.reference) - bound), log(fit.reference) + bound),
                steepness: steepness, clickThroughSlope: 0, poolingWeight: pooled[index].groupWeight,
                placement: .clickElasticity)
        }
    }

    /// Places each keyword with enough impressions in `fits` by its strength σ at each bid level (impression share
    /// ÷ ``maximumImpressionShare``, or page strength), so `logit σ = n · (ln bid − ln h)`. The steepness `n` is
    /// the keyword's own slope across its levels shrunk toward its group's (as `ln h` is in the elasticity route);
    /// `ln h` then follows from the levels directly, which needs no bid variation at all.
    func strengthShapes(_ fits: [StrengthFit?], groupOf: [Int], placement: LandscapePlacement) -> [Shape?] {
        let own = fits.map { fit -> (value: Double, variance: Double)? in
            guard let fit, fit.impressions >= minimumShareImpressions else { return nil }
            return fit.steepness
        }
        let pooled = Self.pooled(own, groupOf: groupOf)
        return fits.indices.map { index in
            guard let fit = fits[index], fit.impressions >= minimumShareImpressions else { return nil }
            let raw = pooled[index].value.isNaN ? steepness : pooled[index].value
            let steepness = min(max(raw, steepnessRange.lowerBound), steepnessRange.upperBound)
            return Shape(
                logHalf: fit.logHalf(steepness: steepness), steepness: steepness, clickThroughSlope: 0,
                poolingWeight: pooled[index].groupWeight, placement: placement)
        }
    }

    /// The click floor `f` of keywords placed by page position, one for the portfolio: CTR ∝ `f + (1 − f) σ`, so
    /// for each `f` on a grid the clicks-weighted residual of ln CTR against ln(f + (1 − f) σ) around each
    /// keyword's own means (its CTR level cancels) is summed, and the `f` with the smallest is kept. `nil` when no
    /// keyword's page strength varied. (A CTR convex in σ, `f + (1 − f) σ exp(β (σ − 1))` with β fitted alongside,
    /// was tried: no better in the closed loop.)
    static func clickFloor(_ levels: [[BidLevel]], shapes: [Shape?]) -> Double? {
        let floors = stride(from: 0.05, through: 0.9, by: 0.05).map { $0 }
        var residuals = [Double](repeating: 0, count: floors.count)
        var x: [Double] = []
        var informative = false
        forEachClickThroughProfile(levels, shapes: shapes, placement: .pagePosition) { points, weights, meanY in
            informative = true
            for (grid, floor) in floors.enumerated() {
                x = points.map { log(floor + (1 - floor) * $0.sigma) }
                let meanX = zip(points, x).reduce(0) { $0 + $1.0.weight * $1.1 } / weights
                for (point, xj) in zip(points, x) {
                    let deviation = (point.y - meanY) - (xj - meanX)
                    residuals[grid] += point.weight * deviation * deviation
                }
            }
        }
        guard informative, let best = residuals.indices.min(by: { residuals[$0] < residuals[$1] }) else {
            return nil
        }
        return floors[best]
    }

    /// Calls `body` for each keyword placed by `placement` with a CTR at two or more bid levels: its (σ, ln CTR,
    /// clicks) per level, their total weight and weighted mean ln CTR — what the within-keyword regressions of the
    /// CTR shape need.
    private static func forEachClickThroughProfile(
        _ levels: [[BidLevel]], shapes: [Shape?], placement: LandscapePlacement,
        _ body: (_ points: [(sigma: Double, y: Double, weight: Double)], _ weights: Double, _ meanY: Double) -> Void
    ) {
        var points: [(sigma: Double, y: Double, weight: Double)] = []
        for index in levels.indices {
            guard let shape = shapes[index], shape.placement == placement else { continue }
            points.removeAll(keepingCapacity: true)
            for level in levels[index] where level.clicks > 0 && level.impressions > 0 {
                points.append(
                    (shape.strength(atBid: level.bid), log(level.clicks / level.impressions), level.clicks))
            }
            guard points.count > 1 else { continue }
            let weights = points.reduce(0) { $0 + $1.weight }
            body(points, weights, points.reduce(0) { $0 + $1.weight * $1.y } / weights)
        }
    }

    /// The CTR shape of ``SaturatingLandscape`` (`β`, `c`), one for the portfolio: how ln CTR (clicks ÷
    /// impressions) rises with σ within keywords. For each curvature `c` on a grid, a clicks-weighted regression of
    /// ln CTR on `ln lift(σ)` at `β = 1` around each keyword's own means (so every keyword's CTR level cancels)
    /// gives `β`; the `c` with the smallest residual is kept. The curvature is seen across keywords: those bid low
    /// on their curve show a flatter CTR than those near the top. `β` is kept within [0, 12].
    static func clickThroughShape(_ levels: [[BidLevel]], shapes: [Shape?]) -> (slope: Double, curvature: Double) {
        let curvatures: [Double] = [0, 0.5, 1, 1.5, 2, 3, 4, 6, 8, 12, 16]
        var covariance = [Double](repeating: 0, count: curvatures.count)
        var variance = [Double](repeating: 0, count: curvatures.count)
        var x = [Double]()
        forEachClickThroughProfile(levels, shapes: shapes, placement: .impressionShare) { points, weights, meanY in
            for (grid, c) in curvatures.enumerated() {
                x = points.map { SaturatingLandscape.logLift(sigma: $0.sigma, slope: 1, curvature: c) }
                let meanX = zip(points, x).reduce(0) { $0 + $1.0.weight * $1.1 } / weights
                for (point, xj) in zip(points, x) {
                    covariance[grid] += point.weight * (xj - meanX) * (point.y - meanY)
                    variance[grid] += point.weight * (xj - meanX) * (xj - meanX)
                }
            }
        }
        // The residual sum of squares is Σ w (y − ȳ)² − cov² ÷ var: the best c explains the most (β ≥ 0 only).
        var best: (slope: Double, curvature: Double, explained: Double) = (0, 0, -1)
        for grid in curvatures.indices where variance[grid] > 0 {
            let slope = min(max(covariance[grid] / variance[grid], 0), 12)
            let explained = slope * (2 * covariance[grid] - slope * variance[grid])
            if explained > best.explained { best = (slope, curvatures[grid], explained) }
        }
        return (best.slope, best.curvature)
    }

    /// Pearson χ² ÷ degrees of freedom over every keyword with more than two levels (at least 1).
    static func dispersion(_ fits: [LocalFit?]) -> Double {
        var chiSquare = 0.0
        var freedom = 0.0
        for fit in fits {
            guard let fit, fit.levels > 2, fit.elasticity != nil else { continue }
            chiSquare += fit.pearson
            freedom += Double(fit.levels - 2)
        }
        return freedom > 0 ? max(1, chiSquare / freedom) : 1
    }

    /// Normal–normal shrinkage of each keyword's estimate toward its group's mean (DerSimonian–Laird τ²); keywords
    /// without an estimate take the group mean, groups with fewer than three estimates the portfolio's (NaN when
    /// no keyword has one).
    static func pooled(
        _ estimates: [(value: Double, variance: Double)?], groupOf: [Int]
    )
        -> [(value: Double, groupWeight: Double)]
    {
        struct Pool {
            var estimates: [(value: Double, variance: Double)] = []

            /// The random-effects mean and the between-keyword variance.
            var summary: (mean: Double, tau2: Double)? {
                guard !estimates.isEmpty else { return nil }
                var weights = 0.0
                var weightedSum = 0.0
                var squaredWeights = 0.0
                for estimate in estimates {
                    let weight = 1 / estimate.variance
                    weights += weight
                    weightedSum += weight * estimate.value
                    squaredWeights += weight * weight
                }
                let fixedMean = weightedSum / weights
                var q = 0.0
                for estimate in estimates {
                    let deviation = estimate.value - fixedMean
                    q += deviation * deviation / estimate.variance
                }
                let denominator = weights - squaredWeights / weights
                let tau2 =
                    denominator > 0 ? max(0, (q - Double(estimates.count - 1)) / denominator) : 0
                var randomWeights = 0.0
                var randomSum = 0.0
                for estimate in estimates {
                    let weight = 1 / (estimate.variance + tau2)
                    randomWeights += weight
                    randomSum += weight * estimate.value
                }
                return (randomSum / randomWeights, tau2)
            }
        }
        var portfolio = Pool()
        var groups: [Int: Pool] = [:]
        for (index, estimate) in estimates.enumerated() {
            guard let estimate else { continue }
            portfolio.estimates.append(estimate)
            groups[groupOf[index], default: Pool()].estimates.append(estimate)
        }
        let fallback = portfolio.summary ?? (mean: .nan, tau2: 0)
        var summaries: [Int: (mean: Double, tau2: Double)] = [:]
        for (group, pool) in groups where pool.estimates.count >= 3 { summaries[group] = pool.summary }
        return estimates.indices.map { index in
            let prior = summaries[groupOf[index]] ?? fallback
            guard let estimate = estimates[index], prior.tau2 > 0 else { return (prior.mean, 1) }
            let groupWeight = estimate.variance / (estimate.variance + prior.tau2)
            return (groupWeight * prior.mean + (1 - groupWeight) * estimate.value, groupWeight)
        }
    }
}

/// One keyword's Poisson regression of clicks on log bid.
struct LocalFit {
    /// Day-weighted geometric mean of the bids.
    var reference: Double
    var clicks: Double
    var levels: Int
    /// `nil` when the bids never varied or there were no clicks.
    var elasticity: Double?
    /// Of ``elasticity``, under the Poisson model.
    var variance: Double?
    /// Σ (observed − expected)² ÷ expected over the levels.
    var pearson: Double

    init?(levels: [BidLevel]) {
        guard !levels.isEmpty else { return nil }
        var days = 0.0
        var logSum = 0.0
        var clicks = 0.0
        for level in levels {
            days += level.days
            logSum += level.days * log(level.bid)
            clicks += level.clicks
        }
        guard days > 0 else { return nil }
        reference = exp(logSum / days)
        self.clicks = clicks
        self.levels = levels.count
        pearson = 0
        let x = levels.map { log($0.bid) - logSum / days }
        let spread = zip(levels, x).reduce(0) { $0 + $1.0.days * $1.1 * $1.1 }
        guard clicks > 0, levels.count > 1, spread > 1e-6 else { return }

        // Newton on (a, e) for μ_j = days_j · exp(a + e·x_j).
        var a = log(clicks / days)
        var e = 0.0
        var information = (aa: 0.0, ae: 0.0, ee: 0.0)
        for _ in 0..<30 {
            var gradient = (a: 0.0, e: 0.0)
            information = (0, 0, 0)
            for (level, xj) in zip(levels, x) {
                let mu = level.days * exp(a + e * xj)
                gradient.a += level.clicks - mu
                gradient.e += xj * (level.clicks - mu)
                information.aa += mu
                information.ae += mu * xj
                information.ee += mu * xj * xj
            }
            let determinant = information.aa * information.ee - information.ae * information.ae
            guard determinant > 0 else { return }
            let stepA = (information.ee * gradient.a - information.ae * gradient.e) / determinant
            let stepE = (information.aa * gradient.e - information.ae * gradient.a) / determinant
            // Keep steps small enough that exp() stays finite when a keyword's clicks sit all at one end.
            a += max(-5, min(5, stepA))
            e += max(-5, min(5, stepE))
            if abs(stepA) < 1e-9 && abs(stepE) < 1e-9 { break }
        }
        let determinant = information.aa * information.ee - information.ae * information.ae
        guard e.isFinite, abs(e) < 50, determinant > 0 else { return }
        elasticity = e
        variance = information.aa / determinant
        for (level, xj) in zip(levels, x) {
            let mu = level.days * exp(a + e * xj)
            if mu > 0 { pearson += (level.clicks - mu) * (level.clicks - mu) / mu }
        }
    }
}

/// One keyword's strength σ by bid level as logits, for a Hill curve `logit σ = n (ln bid − ln h)`: σ is its
/// impression share ÷ the maximum share, or, for a keyword shown on every search, its page strength.
struct StrengthFit {
    /// (ln bid, logit σ, weight = trials · σ · (1 − σ), the inverse variance of a binomial logit).
    var points: [(logBid: Double, logit: Double, weight: Double)] = []
    /// Impressions on the rows that reported σ.
    var impressions = 0.0
    /// The slope of logit σ on ln bid and its variance; `nil` when the bids with a σ never varied.
    var steepness: (value: Double, variance: Double)?

    /// σ = impression share ÷ `maximumShare`; `nil` without a share, or when the keyword is shown on every search
    /// at every bid tried (fewer rivals than slots, or a "> 90 %" share): the share does not say where the curve
    /// bends then, only that the keyword is past it; its page strength has to.
    init?(impressionShareOf levels: [BidLevel], maximumShare: Double) {
        guard levels.contains(where: { $0.impressionShare != nil }),
            !Self.isShownOnEverySearch(levels, maximumShare: maximumShare)
        else { return nil }
        for level in levels {
            guard let share = level.impressionShare else { continue }
            let sigma = Self.bounded(share / maximumShare)
            let bounded = Self.bounded(share)
            points.append((log(level.bid), log(sigma / (1 - sigma)), level.searches * bounded * (1 - bounded)))
            impressions += level.impressions
        }
        fitSteepness()
    }

    /// σ = page strength (``BidLevel/pageStrength``); `nil` when no level reports one, or when none is at most
    /// `lowestStrength`.
    init?(pageStrengthOf levels: [BidLevel], lowestStrength: Double) {
        guard levels.contains(where: { $0.pageStrength.map { $0 <= lowestStrength } ?? false }) else { return nil }
        for level in levels {
            guard let strength = level.pageStrength else { continue }
            let sigma = Self.bounded(strength)
            points.append((log(level.bid), log(sigma / (1 - sigma)), level.positionImpressions * sigma * (1 - sigma)))
            impressions += level.positionImpressions
        }
        guard !points.isEmpty else { return nil }
        fitSteepness()
    }

    /// Whether some level reports an impression share and every such level is at the top (σ ≥ 0.99).
    static func isShownOnEverySearch(_ levels: [BidLevel], maximumShare: Double) -> Bool {
        let shares = levels.compactMap(\.impressionShare)
        return !shares.isEmpty && shares.allSatisfy { bounded($0 / maximumShare) >= top }
    }

    /// σ at or above this is the top of the curve; logits are taken within [0.01, 0.99].
    private static let top = 0.99

    private static func bounded(_ fraction: Double) -> Double { min(max(fraction, 0.01), top) }

    private mutating func fitSteepness() {
        let weights = points.reduce(0) { $0 + $1.weight }
        let meanX = points.reduce(0) { $0 + $1.weight * $1.logBid } / weights
        let meanY = points.reduce(0) { $0 + $1.weight * $1.logit } / weights
        var sxx = 0.0
        var sxy = 0.0
        for point in points {
            sxx += point.weight * (point.logBid - meanX) * (point.logBid - meanX)
            sxy += point.weight * (point.logBid - meanX) * (point.logit - meanY)
        }
        guard points.count > 1, sxx > 1e-9 else { return }
        steepness = (sxy / sxx, 1 / sxx)
    }

    /// `ln h` = the weighted mean of `ln bid − logit σ ÷ n` over the levels.
    func logHalf(steepness n: Double) -> Double {
        var sum = 0.0
        var weights = 0.0
        for point in points {
            sum += point.weight * (point.logBid - point.logit / n)
            weights += point.weight
        }
        return sum / weights
    }
}
