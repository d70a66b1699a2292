#!/usr/bin/env bash
# 报告体检 answered over HTTP, the portal on demo data: a real published 5-page PDF (tests/real-reports/02-hongze-qu-2023) posted to
# POST /api/v1/check one after another, as a person checks a report; prints p50/p95 of the whole answer time
# (budget: a 3-page PDF in ≤ 1 s). See bench/README.md.
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
source "$REPO_ROOT/bench/lib-app.sh"
cd "$REPO_ROOT"
ensure_postgres
ensure_fonts
N=${1:-40}
PDF="$REPO_ROOT/tests/real-reports/02-hongze-qu-2023/source.pdf"
trap 'stop_bench_app; stop_bench_cluster' EXIT
build_bench_app
start_bench_cluster
start_bench_app
post() { curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "X-Forwarded-Proto: https" -F "file=@$PDF" "$BENCH_URL/api/v1/check"; }
for _ in 1 2 3 4 5; do post >/dev/null; done   # warm: the first requests compile the readers' paths
times=$(for _ in $(seq 1 "$N"); do post; done)
bad=$(awk '$1 != 200' <<<"$times" | wc -l)
[ "$bad" -eq 0 ] || die "$bad of $N checks did not answer 200"
awk '{ print $2 * 1000 }' <<<"$times" | sort -n | awk -v n="$N" '
  { v[NR] = $1 }
  END {
    p50 = v[int((n + 1) * 0.50)]; p95 = v[int(n * 0.95 + 0.999)]
    printf "RESULT check of a 5-page real PDF over HTTP: p50 %.1f ms, p95 %.1f ms (budget 1000 ms) %s\n", p50, p95, (p95 <= 1000 ? "MET" : "NOT MET")
  }'
