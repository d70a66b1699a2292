-- wrk script for bench/public/run.sh.
--   wrk … -s wrk.lua http://127.0.0.1:PORT/first/path -- [encoding=VALUE] [path …]
-- Paths after "--" are requested in turn (the URL's own path when none is given). "encoding=VALUE" sets
-- Accept-Encoding on every request, as a browser sends it; wrk does not decompress, it counts the bytes received.
-- done() prints one RESULT line: requests/s, latency percentiles in ms, and error counts.
function init(args)
  paths = {}
  n = 0
  headers = { ["X-Forwarded-Proto"] = "https" }
  for _, a in ipairs(args) do
    if string.sub(a, 1, 9) == "encoding=" then headers["Accept-Encoding"] = string.sub(a, 10)
    else table.insert(paths, a) end
  end
  if #paths == 0 then paths = { wrk.path } end
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1], headers)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f p50=%.2f p95=%.2f p99=%.2f errors=%d non2xx=%d requests=%d bytes=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, e.status, summary.requests, summary.bytes))
end
