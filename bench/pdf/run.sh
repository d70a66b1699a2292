#!/usr/bin/env bash
# The official PDF of a full report against Chromium printing the same report's public page (Debian's chromium,
# driven by Playwright), both warm, in one run. Starts a throwaway PostgreSQL cluster and the portal (Release,
# demo data) for the page and the report's JSON, and stops both on exit.
#   bash bench/pdf/run.sh [iterations]      (20 Chromium prints, 10× as many official renders; about a minute)
#   BENCH_PDF_OUT=DIR keeps both PDFs for a look.
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
source "$REPO_ROOT/bench/lib-app.sh"
cd "$REPO_ROOT"

ensure_postgres
ensure_fonts
ensure_chromium
trap 'stop_bench_app; stop_bench_cluster' EXIT
build_bench_app
dotnet build bench/DisclosurePortal.Bench.Pdf -c Release -v quiet -nologo -clp:NoSummary >/dev/null
start_bench_cluster
start_bench_app
# The published report with the most figures entered: the fullest page and PDF of the demo data.
REPORT=$(bench_psql -c "SELECT '/reports/' || b.code || '/' || a.year FROM current_published_revisions v
  JOIN annual_reports a ON a.id = v.report_id JOIN bodies b ON b.id = a.body_id
  ORDER BY length(v::text) DESC, b.code LIMIT 1")
[ -n "$REPORT" ] || die "no published demo report"
Pdf__FontDirectory="$REPO_ROOT/fonts" dotnet run -c Release --no-build --project bench/DisclosurePortal.Bench.Pdf -- \
  "$BENCH_URL" "$REPORT" "${1:-20}"
