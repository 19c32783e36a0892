#!/usr/bin/env bash
# Wall time of `gavel generate --keywords 1000000 --days 90` into a fresh store (goal: under 2 minutes
# on 2 cores).
#
# Usage: Benchmarks/store/generate.sh [KEYWORDS] [DAYS]
set -euo pipefail
cd "$(dirname "$0")/../.."
keywords="${1:-1000000}"
days="${2:-90}"
work="${TMPDIR:-/tmp}/gavel-generate-bench"
mkdir -p "$work"
rm -f "$work/gen.db"*
[ -n "${SKIP_BUILD:-}" ] || swift build -c release --product gavel >/dev/null
start=$(date +%s.%N)
.build/release/gavel generate --db "$work/gen.db" --keywords "$keywords" --days "$days" --seed 1
end=$(date +%s.%N)
rows=$(sqlite3 "$work/gen.db" "SELECT count(*) FROM facts")
python3 -c "print(f'generate {$keywords:,} keywords x {$days} days: {$end - $start:.1f} s wall, {$rows:,} fact rows, {$rows / ($end - $start):,.0f} rows/s')"
