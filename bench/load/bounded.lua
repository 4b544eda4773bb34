-- wrk script: prints one summary line in done():
--   RESULT <requests> <req/s> <p50 ms> <p99 ms> <socket errors> <non-2xx answers>
-- (Debian's wrk 4.1 keeps running until -d even after wrk.thread:stop(), so runs are bounded
-- by duration: run.sh sets -d.)
function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.timeout
  io.write(string.format("RESULT %d %.1f %.2f %.2f %d %d\n", summary.requests, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors, e.status))
end
