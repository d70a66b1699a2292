#!/usr/bin/env bash
# Reading published reports: a real PDF and a real web page read and checked (≤ 200 ms each), and a county's
# 2,000 reports as files (≤ 5 min). See bench/README.md.
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
cd "$REPO_ROOT"
ensure_fonts
export Pdf__FontDirectory="$REPO_ROOT/fonts"
dotnet run -c Release --project bench/readers -- "$REPO_ROOT/tests/real-reports" "$@"
