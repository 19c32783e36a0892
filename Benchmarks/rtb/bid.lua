-- wrk script for Benchmarks/rtb/run.sh.
--
-- MODE=bid     POSTs the OpenRTB 2.x requests listed in CORPUS_FILES (space separated), rotating
--              through them, to /openrtb2/bid.
-- MODE=healthz GETs /healthz: the same server's plaintext ceiling.
-- RATE=r       offers r requests/s in total (r / WRK_THREADS per wrk thread) on a fixed schedule:
--              each request takes the next slot 1/r s after the previous one, whatever the
--              latency, and a connection that is free early waits for its slot. wrk has no
--              fixed-rate mode (wrk2 is not packaged here), so the schedule lives in delay();
--              give it enough connections that one is always free (rate x a few ms).
--              Slots missed by more than 10 ms are dropped rather than sent in a burst, and
--              counted: the summary's `late` says how many.
--
-- Counts every status code and prints one summary line that run.sh parses.

local mode = os.getenv("MODE") or "bid"
local rate = tonumber(os.getenv("RATE") or "0")
local thread_count = tonumber(os.getenv("WRK_THREADS") or "1")
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

-- Monotonic milliseconds, through LuaJIT's FFI (wrk's Lua has no sub-second clock).
local now_ms
if rate > 0 then
    local ffi = require("ffi")
    ffi.cdef [[
        typedef struct { long tv_sec; long tv_nsec; } gavel_timespec;
        int clock_gettime(int clock, gavel_timespec *time);
    ]]
    local time = ffi.new("gavel_timespec")
    now_ms = function()
        ffi.C.clock_gettime(1, time) -- CLOCK_MONOTONIC
        return tonumber(time.tv_sec) * 1000 + tonumber(time.tv_nsec) / 1e6
    end
end

function init(args)
    statuses = {}
    late = 0
    if rate > 0 then
        interval = 1000 * thread_count / rate
        next_slot = now_ms()
    end
    requests = {}
    if mode == "healthz" then
        requests[1] = wrk.format("GET", "/healthz")
        return
    end
    local headers = { ["Content-Type"] = "application/json", ["x-openrtb-version"] = "2.6" }
    for path in string.gmatch(os.getenv("CORPUS_FILES") or "", "%S+") do
        local file = assert(io.open(path, "rb"))
        local body = file:read("*a")
        file:close()
        table.insert(requests, wrk.format("POST", "/openrtb2/bid", headers, body))
    end
    assert(#requests > 0, "CORPUS_FILES lists no request bodies")
    -- Threads start at different points of the rotation.
    next_index = math.random(#requests)
end

function request()
    if mode == "healthz" then
        return requests[1]
    end
    next_index = next_index % #requests + 1
    return requests[next_index]
end

function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
end

if rate > 0 then
    function delay()
        local now = now_ms()
        next_slot = next_slot + interval
        if next_slot < now - 10 then
            late = late + math.floor((now - next_slot) / interval)
            next_slot = now
        end
        -- wrk takes whole milliseconds: a request leaves within 1 ms before its slot.
        return math.max(0, next_slot - now)
    end
end

function done(summary, latency, _)
    local counts = {}
    local missed = 0
    for _, thread in ipairs(threads) do
        missed = missed + (thread:get("late") or 0)
        for status, count in pairs(thread:get("statuses")) do
            counts[status] = (counts[status] or 0) + count
        end
    end
    local parts = {}
    for status, count in pairs(counts) do
        table.insert(parts, status .. ":" .. count)
    end
    table.sort(parts)
    local errors = summary.errors
    io.write(string.format(
        "RESULT rps=%.0f p50_us=%d p99_us=%d p999_us=%d statuses=%s socket_errors=%d timeouts=%d late=%d\n",
        summary.requests / (summary.duration / 1e6),
        latency:percentile(50), latency:percentile(99), latency:percentile(99.9),
        table.concat(parts, ","),
        errors.connect + errors.read + errors.write, errors.timeout, missed))
end
