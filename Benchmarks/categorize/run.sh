#!/usr/bin/env bash
# Wall time of `gavel categorize` over a generated store of 1,000,000 keywords x 90 days (goal: a few
# seconds on 2 cores), against the sqlite3 shell's per-keyword GROUP BY over the same window of the
# same database, in the same run (the machines are shared and noisy, so compare the ratio between runs).
#
# Usage: Benchmarks/categorize/run.sh [KEYWORDS] [DAYS]     (default 1000000 90)
# Environment: SCRATCH=path for the release build folder (default .build), WORK=folder for the database.
set -euo pipefail
cd "$(dirname "$0")/../.."
keywords="${1:-1000000}"
days="${2:-90}"
scratch="${SCRATCH:-.build}"
work="${WORK:-${TMPDIR:-/tmp}/gavel-categorize-bench}"
mkdir -p "$work"
swift build -c release --product gavel --scratch-path "$scratch" >/dev/null
gavel="$scratch/release/gavel"

db="$work/categorize-$keywords-$days.db"
if [ ! -s "$db" ]; then
  "$gavel" generate --db "$db" --keywords "$keywords" --days "$days" --seed 1 --as-of 2026-11-24 >/dev/null
fi
last=$(sqlite3 "$db" "SELECT max(first_day) FROM facts")
first=$((last - 29))
rows=$(sqlite3 "$db" "SELECT count(*) FROM facts WHERE first_day >= $first AND last_day <= $last")

now() { date +%s.%N; }
t0=$(now)
sqlite3 "$db" "SELECT keyword_id, sum(impressions), sum(clicks), sum(cost_micros), sum(conversions),
    sum(conversion_value_micros), sum(top_impression_rate * impressions), sum(absolute_top_impression_rate * impressions)
    FROM facts WHERE first_day >= $first AND last_day <= $last GROUP BY keyword_id" >/dev/null
t1=$(now)
"$gavel" categorize --db "$db" --window-days 30 >"$work/table.txt" 2>/dev/null
t2=$(now)
"$gavel" categorize --db "$db" --window-days 30 --format csv >"$work/labels.csv" 2>/dev/null
t3=$(now)

python3 - <<PY
raw, table, csv = $t1 - $t0, $t2 - $t1, $t3 - $t2
print(f"{$keywords:,} keywords, {$rows:,} fact rows in the 30-day window")
print(f"sqlite3 GROUP BY keyword_id (window):   {raw:6.2f} s")
print(f"gavel categorize (table):               {table:6.2f} s   ratio {table / raw:.2f}x")
print(f"gavel categorize --format csv:          {csv:6.2f} s   ratio {csv / raw:.2f}x")
PY
