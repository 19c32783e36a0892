#!/usr/bin/env bash
# Throughput and latency of the bidder's POST /openrtb2/bid, against the same server's plaintext
# GET /healthz as the ceiling and a payload baseline, in one run on loopback.
#
#   Benchmarks/rtb/run.sh                      # release builds of gavel and PayloadBaseline, demo campaigns
#   SCRATCH=/path/to/.build Benchmarks/rtb/run.sh   # another build folder
#   ROUNDS=9 SLICE=5s CONNECTIONS=128 Benchmarks/rtb/run.sh
#   BASELINE=0 BUILD=0 Benchmarks/rtb/run.sh   # no payload baseline; binaries already built
#   PIN=1 Benchmarks/rtb/run.sh                # servers on the last core, wrk on the others
#
# The payload baseline (Benchmarks/rtb/PayloadBaseline, a second server on PORT + 1) is the same HTTP
# stack reading the same bid requests, answering each with the status and body `gavel serve` gave it,
# recorded before the run, and doing nothing else: the best bid/ceiling ratio any bidder logic could
# reach here.
#
# Phases: record the answers; warm-up; ROUNDS × (/healthz at full load, the ceiling; the payload
# baseline at full load; /openrtb2/bid at full load), each SLICE long; then /openrtb2/bid at a
# fixed rate of half the median rate it reached, for DURATION
# (bid.lua keeps the schedule, since wrk has no fixed-rate mode). Prints requests/s, p50/p99/p99.9
# latency, every status code and the server's CPU per request of each run, the ratios of the
# medians (bid/ceiling, baseline/ceiling, bid/baseline), the server's own latency histogram over
# the half-rate run, and checks the goals: bid/ceiling >= 0.7,
# p99 <= 2 ms at half rate, no socket errors or timeouts, no 5xx.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/Benchmarks/rtb"
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-5}
SLICE=${SLICE:-4s}
WARMUP=${WARMUP:-3s}
THREADS=${THREADS:-1}
CONNECTIONS=${CONNECTIONS:-64}
PORT=${PORT:-18080}
BUILD=${BUILD:-1}
BASELINE=${BASELINE:-1}
CAMPAIGNS=${CAMPAIGNS:-$root/Rules/rtb}
SCRATCH=${SCRATCH:-$root/.build}
# No win or loss notices arrive during the run, so reservations are released after 1 s instead of
# the default 120 s: otherwise budgets fill with bids that will never settle and the later rounds
# measure the no-bid path.
SERVE_ARGS=${SERVE_ARGS:---reservation-timeout 1}
CORPUS=${CORPUS:-/work/shared/corpus/openrtb}
# PIN=1: the servers run on one event loop on the last core and wrk on the others (taskset), so the
# load generator never waits for a core an event loop holds, as when the exchange is another machine;
# requests/s is then one core's.
PIN=${PIN:-0}
last_core=$(( $(nproc) - 1 ))
pin_server=() pin_client=() loops=()
if [ "$PIN" = 1 ]; then
    (( last_core > 0 )) || { echo "PIN=1 needs two cores or more" >&2; exit 1; }
    pin_server=(taskset -c "$last_core") pin_client=(taskset -c "0-$(( last_core - 1 ))") loops=(--event-loops 1)
fi
work=$(mktemp -d)

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

# The benchmark executables exist only with GAVEL_BENCHMARKS=1; `gavel` is built in the same package
# configuration so the two builds share their modules.
if [ "$BUILD" = 1 ]; then
    (cd "$root" && GAVEL_BENCHMARKS=$BASELINE swift build -c release --scratch-path "$SCRATCH" --product gavel)
    if [ "$BASELINE" = 1 ]; then
        (cd "$root" && GAVEL_BENCHMARKS=1 swift build -c release --scratch-path "$SCRATCH" --product PayloadBaseline)
    fi
fi
serve="$SCRATCH/release/gavel serve --port $PORT --campaigns $CAMPAIGNS --ledger $work/ledger.sqlite $SERVE_ARGS ${loops[*]}"
baseline_port=$(( PORT + 1 ))

# OpenRTB 2.x requests only: the 3.0 envelope is refused by design and would measure the 400 path.
corpus_files=$(ls "$CORPUS"/*.json | grep -v ortb30 | tr '\n' ' ')

servers=()
trap 'kill "${servers[@]}" 2>/dev/null; wait "${servers[@]}" 2>/dev/null; rm -rf "$work"' EXIT
# start NAME PORT COMMAND... → runs the server, waits for its /healthz, leaves its pid in `started`
start() {
    local name=$1 port=$2
    shift 2
    "${pin_server[@]}" "$@" >"$work/$name.log" 2>&1 &
    started=$!
    servers+=("$started")
    for _ in $(seq 100); do
        curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return
        sleep 0.1
    done
    cat "$work/$name.log" >&2
    exit 1
}
start gavel "$PORT" $serve
server=$started

if [ "$BASELINE" = 1 ]; then
    # What `gavel serve` answers to each corpus request, as the baseline's canned answers.
    mkdir "$work/answers"
    for file in $corpus_files; do
        status=$(curl -s -o "$work/answer" -w '%{http_code}' -H 'Content-Type: application/json' \
            -H 'x-openrtb-version: 2.6' --data-binary "@$file" "http://127.0.0.1:$PORT/openrtb2/bid")
        mv "$work/answer" "$work/answers/$(stat -c %s "$file").$status"
    done
    start baseline "$baseline_port" "$SCRATCH/release/PayloadBaseline" --port "$baseline_port" --answers "$work/answers" \
        "${loops[@]}"
    baseline=$started
fi

# A server's CPU time so far, in clock ticks: CPU per request does not depend on how much of
# the machine other processes take, requests/s does.
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
tick_us=$(( 1000000 / $(getconf CLK_TCK) ))

# run MODE CONNECTIONS DURATION [RATE] → prints the RESULT line, prefixed with the mode and
# followed by the server's CPU microseconds per request. MODE payload posts the bid requests to
# the payload baseline.
run() {
    local mode=$1 connections=$2 duration=$3 rate=${4:-0} before line pid=$server port=$PORT script_mode=$1
    if [ "$mode" = payload ]; then pid=$baseline port=$baseline_port script_mode=bid; fi
    before=$(ticks "$pid")
    line=$(MODE=$script_mode RATE=$rate WRK_THREADS=$THREADS CORPUS_FILES=$corpus_files \
        "${pin_client[@]}" wrk -t"$THREADS" -c"$connections" -d"$duration" --timeout 2s -s "$here/bid.lua" "http://127.0.0.1:$port" \
        | sed -n "s/^RESULT /$mode c=$connections /p")
    local requests
    requests=$(sed -E 's/.* statuses=([^ ]*).*/\1/' <<<"$line" | tr ',' '\n' | awk -F: '{ n += $2 } END { print n + 0 }')
    echo "$line server_cpu_us=$(( ( $(ticks "$pid") - before ) * tick_us / (requests > 0 ? requests : 1) ))"
}
field() { sed -E "s/.*[ ]$2=([^ ]*).*/\1/" <<<"$1"; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

echo "machine: $(nproc) cores, $(uname -sr), load average $(cut -d" " -f1-3 /proc/loadavg); PIN=$PIN"
echo "server: $serve${pin_server:+ (pinned: ${pin_server[*]}; wrk: ${pin_client[*]})}"
run bid "$CONNECTIONS" "$WARMUP" >/dev/null
if [ "$BASELINE" = 1 ]; then
    echo "payload baseline answers (request bytes.status, response bytes): $(cd "$work/answers" && stat -c '%n:%s' * | tr '\n' ' ')"
    run payload "$CONNECTIONS" "$WARMUP" >/dev/null
fi

# Ceiling, baseline and bid alternate in short rounds, so load from other processes on a shared
# machine falls on all alike; the ratios are taken of the medians.
results=$work/results
for round in $(seq "$ROUNDS"); do
    run healthz "$CONNECTIONS" "$SLICE" | tee -a "$results"
    if [ "$BASELINE" = 1 ]; then run payload "$CONNECTIONS" "$SLICE" | tee -a "$results"; fi
    run bid "$CONNECTIONS" "$SLICE" | tee -a "$results"
done
# medians MODE → the median requests/s and server CPU per request of MODE's full-load runs
rps_median() { grep "^$1 " "$results" | sed -E 's/.* rps=([0-9]+).*/\1/' | median; }
cpu_median() { grep "^$1 " "$results" | sed -E 's/.* server_cpu_us=([0-9]+).*/\1/' | median; }
divide() { awk "BEGIN { printf \"%.2f\", $1 / ($2 > 0 ? $2 : 1) }"; }
healthz_rps=$(rps_median healthz)
bid_rps=$(rps_median bid)
ratio=$(divide "$bid_rps" "$healthz_rps")
healthz_cpu=$(cpu_median healthz)
bid_cpu=$(cpu_median bid)

# Half the bid rate, on a fixed schedule. Connections: enough for 10 ms of requests in flight,
# so a free one is always there for the next slot while latency stays under 10 ms (the earlier
# think-time pacing offered C / (10 ms + latency) and fell short of the target as latency grew).
half=$(( bid_rps / 2 ))
paced_connections=$(( (half * 10 + 999) / 1000 ))
# The server's own latency histogram (head read → response written) around the paced run, to tell
# the bidder's tail from the loopback round trip's, which includes waiting for a core that wrk and
# the two event loops share.
histogram() {
    curl -s "http://127.0.0.1:$PORT/metrics" | awk '/^gavel_bid_duration_seconds_bucket/ {
        match($0, /le="[^"]+"/); print substr($0, RSTART + 4, RLENGTH - 5), $NF }'
}
histogram_before=$(histogram)
half_rate=$(run bid "$paced_connections" "$DURATION" "$half" | tee -a "$results")
echo "paced:  $half_rate"
server_tail=$(paste <(echo "$histogram_before") <(histogram) | awk '
    { bound[NR] = $1; count[NR] = $4 - $2 }
    END {
        total = count[NR]
        for (i = 1; i <= NR; i++) {
            if (p99 == "" && count[i] >= 0.99 * total) p99 = bound[i]
            if (bound[i] == "0.002") within = count[i]
        }
        printf "p99 within %s s (histogram bucket), %d of %d answers over 2 ms", p99, total - within, total
    }')

echo
echo "median requests/s: healthz $healthz_rps, bid $bid_rps; bid/healthz ratio $ratio (goal >= 0.70)"
echo "median server CPU per request: healthz $healthz_cpu us, bid $bid_cpu us (ratio $(divide "$healthz_cpu" "$bid_cpu"))"
if [ "$BASELINE" = 1 ]; then
    payload_rps=$(rps_median payload)
    payload_cpu=$(cpu_median payload)
    echo "payload baseline: $payload_rps req/s, $payload_cpu us CPU per request; baseline/healthz" \
        "$(divide "$payload_rps" "$healthz_rps") (the best ratio a bidder could reach), bid/baseline" \
        "$(divide "$bid_rps" "$payload_rps") by requests/s, $(divide "$payload_cpu" "$bid_cpu") by CPU"
fi
echo "half rate: target $half req/s, got $(field "$half_rate" rps); p50 $(field "$half_rate" p50_us) us," \
    "p99 $(field "$half_rate" p99_us) us (goal <= 2000), p99.9 $(field "$half_rate" p999_us) us," \
    "slots missed $(field "$half_rate" late)"
echo "half rate, server side (head read → response written): $server_tail"
echo "status codes over all bid runs: $(grep '^bid' "$results" | sed -E 's/.* statuses=([^ ]*).*/\1/' | tr ',' '\n' \
    | awk -F: '{ n[$1] += $2 } END { for (s in n) printf "%s:%d ", s, n[s] }')"

failed=0
awk "BEGIN { exit !($ratio >= 0.7) }" || { echo "GOAL MISSED: ratio $ratio < 0.70"; failed=1; }
(( $(field "$half_rate" p99_us) <= 2000 )) || { echo "GOAL MISSED: half-rate p99 > 2 ms"; failed=1; }
if grep -vE ' socket_errors=0 timeouts=0 ' "$results" || grep -E 'statuses=([^ ]*,)?5[0-9][0-9]:' "$results"; then
    echo "GOAL MISSED: the lines above had socket errors, timeouts or 5xx answers"
    failed=1
fi
exit $failed
