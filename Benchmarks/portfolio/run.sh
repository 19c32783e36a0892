#!/usr/bin/env bash
# Portfolio optimisation of 1,000,000 keywords (release): budget and overall target CPA, one bisection each,
# and the landscape fit of the same portfolio. Needs the PortfolioSpeed target (GAVEL_BENCHMARKS=1).
#
# Usage: Benchmarks/portfolio/run.sh [keywords]
set -euo pipefail
cd "$(dirname "$0")/../.."
GAVEL_BENCHMARKS=1 swift build -c release --product PortfolioSpeed >/dev/null
GAVEL_BENCHMARKS=1 .build/release/PortfolioSpeed "${1:-1000000}"
