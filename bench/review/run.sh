#!/usr/bin/env bash
# Review benchmarks: the reviewer's queue over a county of 2,000 bodies (target ≤ 100 ms server time)
# and the streamed zip of 500 published PDFs (target ≤ 50 MB memory growth). See bench/README.md.
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
cd "$REPO_ROOT"
ensure_postgres
ensure_fonts
export Pdf__FontDirectory="$REPO_ROOT/fonts"
dotnet run -c Release --project bench/DisclosurePortal.Bench.Review
