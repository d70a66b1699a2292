-- wrk script for bench/public/run.sh.
--   wrk … -s wrk.lua http://127.0.0.1:PORT/first/path -- [bust] [path …]
-- Paths after "--" are requested in turn (the URL's own path when none is given); "bust" sends the header
-- X-Bench-Bypass-Cache, which the app honours when started with PublicCache__BenchmarkBypass=true (run.sh does):
-- the output cache neither answers nor stores (the uncached measurement). It also adds a unique query parameter:
-- the report page's cache entry ignores query strings (one entry per page), the API's still varies by them.
-- "encoding=VALUE" sets Accept-Encoding on every request (run.sh passes the same to all runs: "gzip, deflate, br"
-- as browsers send, or BENCH_ACCEPT_ENCODING); wrk does not decompress, it counts the bytes received.
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
  plain = {}
  for _, a in ipairs(args) do
    if a == "bust" then bust = true
    elseif string.sub(a, 1, 9) == "encoding=" then plain["Accept-Encoding"] = string.sub(a, 10)
    else table.insert(paths, a) end
  end
  busted = {}
  for k, v in pairs(plain) do busted[k] = v end
  busted["X-Bench-Bypass-Cache"] = "1"
  if #paths == 0 then paths = { wrk.path } end
end

function request()
  n = n + 1
  local p = paths[(n % #paths) + 1]
  if bust then
    local sep = string.find(p, "?", 1, true) and "&" or "?"
    p = p .. sep .. "nocache=" .. tid .. "-" .. n
  end
  return wrk.format("GET", p, bust and busted or plain)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f p50=%.2f p95=%.2f p99=%.2f errors=%d non2xx=%d requests=%d bytes=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, e.status, summary.requests, summary.bytes))
end
