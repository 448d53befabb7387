-- S7, S8: POST /bulk with a large JSON array; S11: POST /upload with a multipart body. run.mjs
-- writes the body once per invocation (fixtures/bulk.mjs, fixtures/multipart.mjs) and passes its
-- file after `--`, then optionally its Content-Type (default application/json; the multipart one
-- carries the boundary, so it cannot be fixed here):
--   wrk -s post-bulk.lua <url> -- <body file> [<content type>]
-- Every connection sends the byte-identical body read here.
wrk.method = "POST"

function init(args)
  local path = args[1]
  if path == nil then error("post-bulk.lua: pass the body file after --") end
  -- Set here, not at load time, because the arguments only reach init().
  wrk.headers["Content-Type"] = args[2] or "application/json"
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
