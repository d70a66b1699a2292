#!/usr/bin/env bash
# Issue 6 figures, one command: bash bench/public/run.sh
# 1. Report page: a trivial endpoint (/healthz), the cached report page and the uncached one (a unique query
#    string per request, so the output cache never answers: database + render every time), wrk at 64
#    connections on the app built in Release. Targets: cached ≥ 80 % and uncached ≥ 40 % of the trivial
#    endpoint's requests/s, uncached p99 ≤ 50 ms.
# 2. 500,000+ published reports generated in SQL (generate.sql), then one client at a time: a county aggregate
#    ≤ 100 ms, body search ≤ 50 ms p95, a region's list ≤ 30 ms p95 (through the API, cache-busted), and the
#    same queries' SQL time from EXPLAIN ANALYZE.
# Everything runs on 127.0.0.1 on a throwaway PostgreSQL cluster; every wrk run is bounded (BENCH_SECONDS, 10 s
# by default); the app and the cluster are stopped and removed on exit, also on Ctrl-C or failure.
# BENCH_PHASES=pages stops after part 1 (no 500,000 reports).
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
cd "$REPO_ROOT"

SECONDS_PER_RUN="${BENCH_SECONDS:-10}"
# Every run sends what a browser sends (the trivial endpoint too, so the three runs differ only in the address);
# BENCH_ACCEPT_ENCODING=identity measures the uncompressed pages.
ACCEPT_ENCODING="${BENCH_ACCEPT_ENCODING:-gzip, deflate, br}"
PG_PORT="${BENCH_PG_PORT:-55497}"
APP_PORT="${BENCH_APP_PORT:-5097}"
BASE="http://127.0.0.1:$APP_PORT"
HERE="$REPO_ROOT/bench/public"

ensure_postgres
ensure_fonts
command -v wrk >/dev/null 2>&1 || apt_install wrk
command -v psql >/dev/null 2>&1 || apt_install postgresql-client

WORK=$(mktemp -d /var/tmp/dp-bench-public.XXXXXX)
chmod 755 "$WORK"
APP_PID=""
BIN=$(pg_bindir)
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
  pg_run "$BIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

log "throwaway PostgreSQL cluster on 127.0.0.1:$PG_PORT ($WORK)"
mkdir -p "$WORK/pg"
[ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$WORK"
chmod 700 "$WORK/pg"
pg_run "$BIN/initdb" -D "$WORK/pg" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
# Default durability; a little more memory than Debian's defaults, as any production server would have.
pg_run "$BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w -t 60 \
  -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c shared_buffers=512MB -c work_mem=32MB -c max_connections=200" start >/dev/null
PSQL=(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
"${PSQL[@]}" -c "CREATE DATABASE bench" postgres
export ConnectionStrings__Portal="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=bench;Maximum Pool Size=100"

log "building the app (Release)"
dotnet build src/DisclosurePortal.Web -c Release -v quiet -nologo -clp:NoSummary
log "starting the app on $BASE (migrate, demo data)"
# Request logging to the console would cost more than the trivial endpoint itself; warnings still show.
# PublicCache__BenchmarkBypass: the output cache lets wrk's "bust" requests (header X-Bench-Bypass-Cache) past it.
Serilog__MinimumLevel__Default=Warning Pdf__FontDirectory="$REPO_ROOT/fonts" PublicCache__BenchmarkBypass=true \
ASPNETCORE_ENVIRONMENT="${BENCH_ENVIRONMENT:-Production}" \
  dotnet src/DisclosurePortal.Web/bin/Release/net10.0/DisclosurePortal.Web.dll --migrate --seed-demo --urls "$BASE" \
  >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
  curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log"; die "the app did not start"; }
  sleep 1
done
curl -fsS "$BASE/healthz" >/dev/null || die "the app did not answer on $BASE/healthz within 120 s"

REPORT=$("${PSQL[@]}" -d bench -c "SELECT '/reports/' || b.code || '/' || a.year FROM report_revisions v
  JOIN annual_reports a ON a.id = v.report_id JOIN bodies b ON b.id = a.body_id
  WHERE v.status = 'Published' ORDER BY a.year DESC, b.code LIMIT 1")
[ -n "$REPORT" ] || die "no published demo report"
STATUS=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$REPORT")
[ "$STATUS" = 200 ] || die "$REPORT answered $STATUS"

# CPU time (ms) used so far by the app, and by the cluster (postmaster and its backends, living or reaped): the
# machine is shared, so CPU per request is the figure that compares two builds; wall-clock rps swings with load.
CLK_TCK=$(getconf CLK_TCK)
cpu_ms() { # PID… → utime+stime+cutime+cstime in ms
  local total=0 p
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] || continue
    total=$((total + $(sed 's/^.*) //' "/proc/$p/stat" | awk '{print $12+$13+$14+$15}')))
  done
  echo $((total * 1000 / CLK_TCK))
}
pg_pids() { local m; m=$(head -n 1 "$WORK/pg/postmaster.pid"); echo "$m"; pgrep -P "$m" || true; }

# run NAME CONNECTIONS URL [wrk.lua args…] → prints the RESULT line with CPU per request, keeps it in $WORK/NAME
run() {
  local name=$1 conns=$2 url=$3; shift 3
  local threads=2; [ "$conns" -lt 2 ] && threads=1
  local app0 pg0 app1 pg1 line n
  app0=$(cpu_ms "$APP_PID"); pg0=$(cpu_ms $(pg_pids))
  line=$(wrk -t"$threads" -c"$conns" -d"${SECONDS_PER_RUN}s" --timeout 5s -s "$HERE/wrk.lua" "$url" -- \
    "encoding=$ACCEPT_ENCODING" "$@" | grep '^RESULT')
  app1=$(cpu_ms "$APP_PID"); pg1=$(cpu_ms $(pg_pids))
  n=$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<<"$line")
  line="$line $(awk -v a=$((app1 - app0)) -v p=$((pg1 - pg0)) -v n="${n:-0}" 'BEGIN {
    if (n > 0) printf "cpu_app=%.3fms cpu_pg=%.3fms", a / n, p / n }')"
  echo "$line" | tee "$WORK/$name" | sed "s/^RESULT/  $(printf '%-28s' "$name")/"
  grep -q 'non2xx=0' "$WORK/$name" || echo "  WARNING: $name had non-2xx answers: the figure is not valid"
}
field() { sed -n "s/.*$2=\([0-9.]*\).*/\1/p" "$WORK/$1"; }

# CPU time (ms) of the runtime's tiered-compilation worker, per thread id ("TID MS" lines): the runtime ends an idle
# worker and starts another when needed.
tiering_ms() {
  local t
  echo "none 0" # never empty: awk below tells its two inputs apart by the first one having lines
  for t in /proc/"$APP_PID"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in
      ".NET Tiered"*) echo "${t##*/} $(cpu_ms "$APP_PID/task/${t##*/}")" ;;
    esac
  done
}
# Warm-up: the three runs, 3 s each, again and again until the portal's tiered compilation has settled (its worker
# used under 20 ms of CPU over a whole round; at most BENCH_SETTLE_ROUNDS rounds, 20 by default). A fresh portal runs
# precompiled (ReadyToRun) and quickly compiled code until the worker has replaced it with optimised code, which on
# two cores takes a while, and each endpoint reaches its steady state at its own pace: a fixed 3 s warm-up measured
# /healthz speeding up through the pairs while the cached page did not (bench/README.md, run 8).
log "warm-up (JIT, connection pool, caches) until tiered compilation settles"
settle=0; settled=no
before=$(tiering_ms)
while [ "$settle" -lt "${BENCH_SETTLE_ROUNDS:-20}" ]; do
  SECONDS_PER_RUN=3 run warm-trivial 64 "$BASE/healthz" >/dev/null
  SECONDS_PER_RUN=3 run warm-cached 64 "$BASE$REPORT" >/dev/null
  SECONDS_PER_RUN=3 run warm-uncached 64 "$BASE$REPORT" bust >/dev/null
  settle=$((settle + 1))
  after=$(tiering_ms)
  spent=$(awk 'NR == FNR { b[$1] = $2; next } { s += $2 - b[$1] } END { print s + 0 }' <(echo "$before") <(echo "$after"))
  before=$after
  [ "$spent" -lt 20 ] && { settled=yes; break; }
done
echo "  warm-up: $settle rounds of the three runs; tiered compilation settled: $settled (last round: ${spent} ms of its CPU)"

# The trivial and the cached runs alternate, BENCH_PAIRS times (3 by default): on this shared two-core machine two
# back-to-back runs of the same endpoint differ by 10–20 %, so one pair decides little. Every pair's ratio is
# printed, and the verdict is on their median.
PAIRS="${BENCH_PAIRS:-3}"
log "report page, 64 connections, ${SECONDS_PER_RUN} s each ($REPORT): $PAIRS pairs of trivial and cached, then uncached"
ratios=()
for i in $(seq 1 "$PAIRS"); do
  run "trivial-$i" 64 "$BASE/healthz"
  run "cached-$i" 64 "$BASE$REPORT"
  ratios+=("$(awk -v t="$(field "trivial-$i" rps)" -v c="$(field "cached-$i" rps)" 'BEGIN { printf "%.1f", 100*c/t }')")
  cp "$WORK/trivial-$i" "$WORK/trivial"
done
run uncached 64 "$BASE$REPORT" bust
median=$(printf '%s\n' "${ratios[@]}" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2 }')
awk -v r="${ratios[*]}" -v m="$median" -v t="$(field trivial rps)" -v u="$(field uncached rps)" -v p="$(field uncached p99)" 'BEGIN {
  printf "  cached   / trivial = %5.1f %%  median of the pairs (%s %%) (target ≥ 80 %%)  %s\n", m, r, (m >= 80 ? "met" : "NOT MET");
  printf "  uncached / trivial = %5.1f %%  (the last trivial run; target ≥ 40 %%)  %s\n", 100*u/t, (u >= 0.4*t ? "met" : "NOT MET");
  printf "  uncached p99       = %5.1f ms (target ≤ 50 ms) %s\n", p, (p <= 50 ? "met" : "NOT MET") }'

# The uncached figure is only valid when the bypass header really misses the output cache (no Age header); and a
# new query string alone must not: the report page keeps one entry whatever the query string.
if curl -s -D - -o /dev/null -H 'X-Bench-Bypass-Cache: 1' "$BASE$REPORT?nocache=check-$$" | grep -qi '^age:'; then
  echo "  WARNING: the report page answered the bypass header from the output cache: 'uncached' is not valid"
fi
curl -s -o /dev/null "$BASE$REPORT"
if ! curl -s -D - -o /dev/null "$BASE$REPORT?nocache=check-$$" | grep -qi '^age:'; then
  echo "  WARNING: a new query string missed the report page's output cache entry"
fi
# Every cache miss compresses the page: what each compressor makes of it, and at what CPU cost (PublicCompression.cs).
curl -s -H 'Accept-Encoding: identity' -o "$WORK/page.html" "$BASE$REPORT"
log "compressing the report page as served ($REPORT), one thread"
dotnet run -c Release --project "$HERE/compression" -v quiet -- "$WORK/page.html"

if [ -n "${BENCH_HOLD_SECONDS:-}" ]; then
  log "holding the app on $BASE for $BENCH_HOLD_SECONDS s (BENCH_HOLD_SECONDS: to look or profile by hand)"
  sleep "$BENCH_HOLD_SECONDS"
fi
[ "${BENCH_PHASES:-all}" = pages ] && exit 0

log "generating 500,000+ published reports in SQL (bench/public/generate.sql)"
"${PSQL[@]}" -d bench -f "$HERE/generate.sql" | tail -n 1

COUNTY=$("${PSQL[@]}" -d bench -c "SELECT code FROM regions WHERE level = 'County' AND code LIKE '71%' ORDER BY code LIMIT 1")
CITY=$("${PSQL[@]}" -d bench -c "SELECT code FROM regions WHERE level = 'City' AND code LIKE '71%' ORDER BY code LIMIT 1")
TERMS=(教育局 东湖 青川县财政 人民政府 街道办事处 d710101-01 平安镇 市场监督)
SEARCH_PATHS=()
for t in "${TERMS[@]}"; do
  SEARCH_PATHS+=("/api/v1/bodies?q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$t")")
done

log "with $("${PSQL[@]}" -d bench -c "SELECT count(*) FROM annual_reports") reports: one client, cache-busted, ${SECONDS_PER_RUN} s each"
run county-aggregate 1 "$BASE/api/v1/regions/$COUNTY/aggregates/2024" bust
run body-search 1 "$BASE${SEARCH_PATHS[0]}" bust "${SEARCH_PATHS[@]}"
run county-list 1 "$BASE/api/v1/regions/$COUNTY/reports/2024" bust
run city-list 1 "$BASE/api/v1/regions/$CITY/reports/2024" bust
run city-aggregate 1 "$BASE/api/v1/regions/$CITY/aggregates/2024" bust
if [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/regions/$COUNTY")" = 200 ]; then
  run county-page 1 "$BASE/regions/$COUNTY" bust
fi
awk -v a="$(field county-aggregate p95)" -v s="$(field body-search p95)" -v l="$(field county-list p95)" 'BEGIN {
  printf "  county aggregate p95 = %6.1f ms (target ≤ 100 ms) %s\n", a, (a <= 100 ? "met" : "NOT MET");
  printf "  body search p95      = %6.1f ms (target ≤ 50 ms)  %s\n", s, (s <= 50 ? "met" : "NOT MET");
  printf "  region list p95      = %6.1f ms (target ≤ 30 ms)  %s\n", l, (l <= 30 ? "met" : "NOT MET") }'

log "the same queries in SQL alone (EXPLAIN ANALYZE execution time)"
sql_time() { # LABEL SQL
  local ms
  ms=$("${PSQL[@]}" -d bench -c "EXPLAIN (ANALYZE, FORMAT JSON) $2" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Execution Time"])')
  printf '  %-28s %8.1f ms\n' "$1" "$ms"
}
for t in 教育局 东湖 人民政府; do
  sql_time "search $t" "SELECT * FROM (SELECT * FROM bodies WHERE portal_bigrams(name) @> portal_bigrams('$t') AND strpos(name, '$t') > 0
    UNION ALL SELECT * FROM bodies WHERE code = '$t' AND strpos(name, '$t') = 0) b ORDER BY code LIMIT 51"
done
