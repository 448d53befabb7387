-- S7, S8: POST /bulk with a large JSON array. run.mjs writes the body once per invocation
-- (fixtures/bulk.mjs) and passes its file after `--`: wrk -s post-bulk.lua <url> -- <body file>.
-- Every connection sends the byte-identical body read here.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

function init(args)
  local path = args[1]
  if path == nil then error("post-bulk.lua: pass the body file after --") end
  local file = assert(io.open(path, "rb"))
  wrk.body = file:read("*a")
  file:close()
end

-- Print one JSON line the harness parses: totals, errors and latency percentiles (microseconds).
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH_JSON {\"requests\":%d,\"duration_us\":%d,\"bytes\":%d,\"status_errors\":%d,\"connect\":%d,\"read\":%d,\"write\":%d,\"timeout\":%d,\"p50_us\":%d,\"p90_us\":%d,\"p99_us\":%d,\"max_us\":%d}\n",
    summary.requests, summary.duration, summary.bytes, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
