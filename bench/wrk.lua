-- wrk.lua: bench/run's wrk script: requests cycle through the paths of BENCH_PATHS (one per line), with
-- BENCH_METHOD and BENCH_BODY when set; prints one BENCH line with req/s, p50, p99 and errors (non-2xx + socket).
local paths, n, i = {}, 0, 0
errors = 0 -- global: done() reads it from each thread
local method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY")
local threads = {}

function setup(thread)
    thread:set("id", #threads)
    table.insert(threads, thread)
end

function init(args)
    for line in io.lines(os.getenv("BENCH_PATHS")) do
        if #line > 0 then
            n = n + 1
            paths[n] = line
        end
    end
    i = (id * 7919) % n -- threads start at different places in the list
end

function request()
    i = i % n + 1
    return wrk.format(method, paths[i], nil, body)
end

function response(status, headers, b)
    if status < 200 or status > 299 then
        errors = errors + 1
    end
end

function done(summary, latency, requests)
    local e = summary.errors
    local bad = e.connect + e.read + e.write + e.timeout
    for _, t in ipairs(threads) do
        bad = bad + t:get("errors")
    end
    io.write(string.format("BENCH rps=%.1f p50_us=%d p99_us=%d errors=%d requests=%d\n",
        summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99), bad,
        summary.requests))
end
