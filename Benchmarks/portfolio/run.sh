#!/usr/bin/env bash
# Portfolio optimisation of 1,000,000 keywords (release): budget and overall target CPA, one bisection each,
# and the landscape fit of the same portfolio. Needs the PortfolioSpeed target (GAVEL_BENCHMARKS=1).
#
# Usage: [SCRATCH=path] Benchmarks/portfolio/run.sh [keywords]   (SCRATCH: the build directory, default .build)
set -euo pipefail
cd "$(dirname "$0")/../.."
scratch="${SCRATCH:-.build}"
GAVEL_BENCHMARKS=1 swift build -c release --scratch-path "$scratch" --product PortfolioSpeed >/dev/null
GAVEL_BENCHMARKS=1 "$scratch/release/PortfolioSpeed" "${1:-1000000}"
