-- wrk script: POST /api/queries with the bodies the load generator wrote (bench/api/LoadGen: bodies).
-- args: <bodies.tsv> <api-key> <run-id>. Each thread starts at its own place in the mix.
local threads = {}
local bodies, keys = {}, {}
local counter = 0

function setup(thread)
  table.insert(threads, thread)
  thread:set("number", #threads)
end

function init(args)
  for line in io.lines(args[1]) do
    local key, json = line:match("^(%a+)\t(.*)$")
    keys[#keys + 1] = key
    bodies[#bodies + 1] = json
  end
  apikey, run = args[2], args[3]
  counter = number * 997
end

function request()
  counter = counter + 1
  local i = counter % #bodies + 1
  local headers = { ["Content-Type"] = "application/json", ["X-Api-Key"] = apikey }
  if keys[i] == "fresh" then
    headers["Idempotency-Key"] = run .. "-wrk-" .. number .. "-" .. counter
  elseif keys[i] == "retry" then
    headers["Idempotency-Key"] = run .. "-retry-" .. i
  end
  return wrk.format("POST", "/api/queries", headers, bodies[i])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end
