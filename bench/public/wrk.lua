-- wrk script for bench/public/run.sh.
--   wrk … -s wrk.lua http://127.0.0.1:PORT/first/path -- [bust] [path …]
-- Paths after "--" are requested in turn (the URL's own path when none is given); "bust" adds a unique query
-- parameter to every request so that the output cache never answers (the uncached measurement).
-- done() prints one RESULT line that run.sh reads: requests/s, latency percentiles in ms, and error counts.
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end

function init(args)
  bust = false
  paths = {}
  n = 0
  for _, a in ipairs(args) do
    if a == "bust" then bust = true else table.insert(paths, a) end
  end
  if #paths == 0 then paths = { wrk.path } end
end

function request()
  n = n + 1
  local p = paths[(n % #paths) + 1]
  if bust then
    local sep = string.find(p, "?", 1, true) and "&" or "?"
    p = p .. sep .. "nocache=" .. tid .. "-" .. n
  end
  return wrk.format("GET", p)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f p50=%.2f p95=%.2f p99=%.2f errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
