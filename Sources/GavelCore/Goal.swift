/// What a campaign or portfolio is run for, in the four goals the brief names.
public enum Goal: Hashable, Sendable, Codable {
    /// Leads: as many conversions as possible at this cost per acquisition.
    case targetCPA(Micros)
    /// Sales: conversion value ÷ cost at least this ratio (4.0 = 400 %).
    case targetROAS(Double)
    /// Traffic: as many clicks as possible without paying more than this per click.
    case maxCPC(Micros)
    /// Branding: as many impressions as possible without paying more than this per thousand.
    case maxCPM(Micros)
}
