#!/usr/bin/env bash
# A county's 2,000 published reports as import batches of 500: unpacked, stored, read, checked and matched as the
# portal's background reader does it (≤ 5 min, ≤ 500 MB). See bench/README.md.
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
cd "$REPO_ROOT"
ensure_postgres
ensure_fonts
export Pdf__FontDirectory="$REPO_ROOT/fonts"
dotnet run -c Release --project bench/import -- "$REPO_ROOT/tests/real-reports" "$@"
