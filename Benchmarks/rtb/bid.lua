-- wrk script for Benchmarks/rtb/run.sh.
--
-- MODE=bid     POSTs the OpenRTB 2.x requests listed in CORPUS_FILES (space separated), rotating
--              through them, to /openrtb2/bid.
-- MODE=healthz GETs /healthz: the same server's plaintext ceiling.
-- PACE_MS=n    waits n ms after each response before the next request on that connection, so
--              C connections offer about C * 1000 / (n + latency) requests/s (wrk has no fixed-rate
--              mode; wrk2 is not available here).
--
-- Counts every status code and prints one summary line that run.sh parses.

local mode = os.getenv("MODE") or "bid"
local pace = tonumber(os.getenv("PACE_MS") or "0")
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    statuses = {}
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

if pace > 0 then
    function delay()
        return pace
    end
end

function done(summary, latency, _)
    local counts = {}
    for _, thread in ipairs(threads) do
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
        "RESULT rps=%.0f p50_us=%d p99_us=%d p999_us=%d statuses=%s socket_errors=%d timeouts=%d\n",
        summary.requests / (summary.duration / 1e6),
        latency:percentile(50), latency:percentile(99), latency:percentile(99.9),
        table.concat(parts, ","),
        errors.connect + errors.read + errors.write, errors.timeout))
end
