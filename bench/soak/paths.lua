-- Rotates through the public pages listed in the file named by the PATHS environment variable and counts
-- answers by status class per thread; done() prints the totals for soak.sh to read.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(os.getenv("PATHS")) do
    if #line > 0 then table.insert(paths, line) end
  end
  i = math.random(#paths)
  counts = { s2 = 0, s3 = 0, s4 = 0, s5 = 0, other = 0 }
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

function response(status, headers, body)
  if status >= 200 and status < 300 then counts.s2 = counts.s2 + 1
  elseif status < 400 and status >= 300 then counts.s3 = counts.s3 + 1
  elseif status < 500 and status >= 400 then counts.s4 = counts.s4 + 1
  elseif status < 600 and status >= 500 then counts.s5 = counts.s5 + 1
  else counts.other = counts.other + 1 end
end

function done(summary, latency, requests)
  local t = { s2 = 0, s3 = 0, s4 = 0, s5 = 0, other = 0 }
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for k, v in pairs(c) do t[k] = t[k] + v end
  end
  local e = summary.errors
  io.write(string.format("STATUS 2xx=%d 3xx=%d 4xx=%d 5xx=%d other=%d\n", t.s2, t.s3, t.s4, t.s5, t.other))
  io.write(string.format("ERRORS connect=%d read=%d write=%d status=%d timeout=%d\n",
    e.connect, e.read, e.write, e.status, e.timeout))
  io.write(string.format("LATENCY p50=%.1fms p99=%.1fms max=%.1fms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
