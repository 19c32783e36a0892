#!/usr/bin/env bash
# Import rate of `gavel import` on a generated generic CSV, against the sqlite3 shell's `.import`
# of the same file into a plain table, in the same run (the machines are shared and noisy, so
# only the ratio is comparable between runs).
#
# Usage: Benchmarks/store/import-vs-sqlite3.sh [ROWS]      (default 1,000,000 rows)
set -euo pipefail
cd "$(dirname "$0")/../.."
rows="${1:-1000000}"
work="${TMPDIR:-/tmp}/gavel-import-bench"
mkdir -p "$work"
[ -n "${SKIP_BUILD:-}" ] || swift build -c release --product gavel >/dev/null
gavel=.build/release/gavel

csv="$work/facts-$rows.csv"
if [ ! -s "$csv" ]; then
  "$gavel" generate --keywords $((rows / 7 + 1)) --days 30 --seed 1 --csv "$csv" --max-rows "$rows" >/dev/null
fi
lines=$(($(wc -l <"$csv") - 1))

now() { date +%s.%N; }
rate() { python3 -c "print(f'{$1 / ($3 - $2):,.0f}')"; }

rm -f "$work/raw.db" "$work/gavel.db"*
t0=$(now)
sqlite3 "$work/raw.db" ".mode csv" ".import $csv facts"
t1=$(now)
"$gavel" import --db "$work/gavel.db" "$csv" 2>/dev/null >/dev/null
t2=$(now)

raw_rate=$(python3 -c "print($lines / ($t1 - $t0))")
gavel_rate=$(python3 -c "print($lines / ($t2 - $t1))")
python3 - <<PY
raw, gavel = $raw_rate, $gavel_rate
print(f"rows: {$lines:,}")
print(f"sqlite3 .import (plain table, no parsing): {raw:,.0f} rows/s  ({$t1 - $t0:.2f} s)")
print(f"gavel import (parse, validate, upsert):    {gavel:,.0f} rows/s  ({$t2 - $t1:.2f} s)")
print(f"ratio gavel / sqlite3: {gavel / raw:.2f}x   (goal >= 0.5x)")
PY
