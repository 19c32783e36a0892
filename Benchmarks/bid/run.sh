#!/usr/bin/env bash
# A nightly bid run over a generated market (default 1,000,000 keywords × 90 days) against the raw
# aggregation it cannot avoid — `SELECT … GROUP BY keyword_id` over the same facts in the sqlite3
# shell — in the same invocation, as a ratio (goal: ≤ 2×).
#
# Usage: Benchmarks/bid/run.sh [DB]   (default: generates $TMPDIR/gavel-bid-bench/market.db first)
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -n "${SKIP_BUILD:-}" ] || swift build -c release --product gavel >/dev/null
gavel=.build/release/gavel
work="${TMPDIR:-/tmp}/gavel-bid-bench"
mkdir -p "$work"
db="${1:-$work/market.db}"
if [ ! -s "$db" ]; then
  "$gavel" generate --db "$db" --keywords 1000000 --days 90 --seed 1 --as-of 2026-11-24
fi

now() { date +%s.%N; }
# Both sides read a warm page cache (a cold first read would flatter the second); the load average says how
# shared the two cores were.
cat "$db" "$db-wal" >/dev/null 2>&1 || true
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(now)
sqlite3 "$db" "SELECT count(*) FROM (SELECT keyword_id, sum(impressions), sum(clicks), sum(cost_micros),
  sum(conversions), sum(conversion_value_micros) FROM facts WHERE last_day >= 20692 GROUP BY keyword_id);" >/dev/null
t1=$(now)
"$gavel" bid --db "$db" --rules Benchmarks/bid/all-accounts-target-cpa.yaml --as-of 2026-11-24 --force \
  --out "$work/out" --show 0 >"$work/bid.log" 2>&1
t2=$(now)
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E "^Keywords:|^Run #" "$work/bid.log" || true
python3 -c "
raw, bid = $t1 - $t0, $t2 - $t1
print(f'raw sqlite3 GROUP BY keyword_id: {raw:.1f} s')
print(f'gavel bid (load, estimate, decide, store run, write files): {bid:.1f} s')
print(f'ratio: {bid / raw:.2f}x   (goal <= 2x)')"
