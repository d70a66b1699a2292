#!/usr/bin/env bash
# Public figures, each side of a comparison measured in the same run, on the portal's Release build (Production)
# and a throwaway PostgreSQL cluster, all on 127.0.0.1, stopped and removed on exit:
#   1. cached report page   vs the site's CSS (a static file of the same portal)      budget ≥ 50 %
#   2. uncached report page vs /api/v1/regions (one trivial query), PublicCache__Lifetime=0   budget ≥ 50 %
#   3. 500,000+ published reports (generate.sql), one client: county aggregate p95 ≤ 100 ms, body search
#      p95 ≤ 50 ms, region list p95 ≤ 30 ms (the output cache off, so every request reaches PostgreSQL).
#   bash bench/public/run.sh                 a few minutes, most of it generating the reports
#   BENCH_SECONDS=10 (each wrk run)  BENCH_CONNECTIONS=64  BENCH_PHASES=pages (1 and 2 only)
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
source "$REPO_ROOT/bench/lib-app.sh"
cd "$REPO_ROOT"

SECS="${BENCH_SECONDS:-10}"
CONNS="${BENCH_CONNECTIONS:-64}"
ENCODING="gzip, deflate, br"
HERE="$REPO_ROOT/bench/public"

ensure_postgres
ensure_fonts
command -v wrk >/dev/null 2>&1 || apt_install wrk
trap 'stop_bench_app; stop_bench_cluster' EXIT
build_bench_app
BENCH_PG_OPTIONS="-c shared_buffers=512MB -c work_mem=32MB" start_bench_cluster
start_bench_app

REPORT=$(bench_psql -c "SELECT '/reports/' || b.code || '/' || a.year FROM current_published_revisions v
  JOIN annual_reports a ON a.id = v.report_id JOIN bodies b ON b.id = a.body_id ORDER BY a.year DESC, b.code LIMIT 1")
[ -n "$REPORT" ] || die "no published demo report"
CSS=/css/site.css

# run NAME CONNECTIONS SECONDS PATH… → keeps wrk's RESULT line in $BENCH_TMP/NAME
run() {
  local name=$1 conns=$2 secs=$3; shift 3
  local threads=2; [ "$conns" -lt 2 ] && threads=1
  wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 5s -s "$HERE/wrk.lua" "$BENCH_URL$1" -- "encoding=$ENCODING" "$@" \
    | grep '^RESULT' >"$BENCH_TMP/$name"
  grep -q 'errors=0 non2xx=0' "$BENCH_TMP/$name" || echo "WARNING: $name had errors or non-2xx answers: $(cat "$BENCH_TMP/$name")"
}
# The output cache answers with an Age header; asked twice as wrk asks, the second answer must (or must not) have one.
served_from_cache() {
  local h=(-H "X-Forwarded-Proto: https" -H "Accept-Encoding: $ENCODING")
  curl -s -o /dev/null "${h[@]}" "$BENCH_URL$REPORT"
  curl -s -D - -o /dev/null "${h[@]}" "$BENCH_URL$REPORT" | grep -qi '^age:'
}
field() { sed -n "s/.*$2=\([0-9.]*\).*/\1/p" "$BENCH_TMP/$1"; }
# compare FIGURE NAME BASELINE → one result line: req/s of each, the ratio, the verdict against ≥ 50 %
compare() {
  awk -v f="$1" -v a="$(field "$2" rps)" -v b="$(field "$3" rps)" -v an="$2" -v bn="$3" 'BEGIN {
    r = 100 * a / b
    printf "RESULT %-22s %s %.0f req/s, %s %.0f req/s: %.0f %% (budget ≥ 50 %%) %s\n", f, an, a, bn, b, r, (r >= 50 ? "MET" : "NOT MET") }'
}

log "1. cached report page ($REPORT) vs static file ($CSS): $CONNS connections, warm-up 5 s each, then ${SECS} s each"
run warm 16 5 "$CSS"; run warm 16 5 "$REPORT"
run static "$CONNS" "$SECS" "$CSS"
run cached "$CONNS" "$SECS" "$REPORT"
served_from_cache || echo "WARNING: the report page was not answered from the output cache"
compare "cached-page" cached static

log "2. the portal again with PublicCache__Lifetime=0: uncached report page vs /api/v1/regions"
stop_bench_app
PublicCache__Lifetime=0 serve_bench_app
run warm 16 5 /api/v1/regions; run warm 16 5 "$REPORT"
run trivial-query "$CONNS" "$SECS" /api/v1/regions
run uncached "$CONNS" "$SECS" "$REPORT"
served_from_cache && echo "WARNING: the report page came from the output cache: 'uncached' is not valid"
compare "uncached-page" uncached trivial-query

[ "${BENCH_PHASES:-all}" = pages ] && exit 0

log "3. generating 500,000+ published reports in SQL (bench/public/generate.sql)"
bench_psql -v ON_ERROR_STOP=1 <"$HERE/generate.sql" | grep -v '^Time:' | tail -n 1
COUNTY=$(bench_psql -c "SELECT code FROM regions WHERE level = 'County' AND code LIKE '71%' ORDER BY code LIMIT 1")
TERMS=(教育局 东湖 青川县财政 人民政府 街道办事处 d710101-01 平安镇 市场监督)
SEARCH=()
for t in "${TERMS[@]}"; do
  SEARCH+=("/api/v1/bodies?q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$t")")
done
log "$(bench_psql -c "SELECT count(*) FROM annual_reports") reports: one client, ${SECS} s each"
run warm 1 3 "/api/v1/regions/$COUNTY/aggregates/2024" "/api/v1/regions/$COUNTY/reports/2024" "${SEARCH[@]}"
run county-aggregate 1 "$SECS" "/api/v1/regions/$COUNTY/aggregates/2024"
run body-search 1 "$SECS" "${SEARCH[@]}"
run region-list 1 "$SECS" "/api/v1/regions/$COUNTY/reports/2024"
latency() { # FIGURE NAME BUDGET_MS
  awk -v f="$1" -v p="$(field "$2" p95)" -v b="$3" 'BEGIN {
    printf "RESULT %-22s p95 %.1f ms (budget ≤ %d ms) %s\n", f, p, b, (p <= b ? "MET" : "NOT MET") }'
}
latency county-aggregate county-aggregate 100
latency body-search body-search 50
latency region-list region-list 30
