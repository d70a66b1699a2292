#!/usr/bin/env bash
# A county's 2,000 published reports uploaded by a reviewer as 4 zips of 500 to a portal in its own process, which
# reads, checks and matches every file (≤ 5 min, portal memory ≤ 500 MB). See bench/README.md.
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
cd "$REPO_ROOT"
ensure_postgres
ensure_fonts
dotnet build src/DisclosurePortal.Web -c Release -v quiet -nologo -clp:NoSummary
dotnet run -c Release --project bench/import -- "$REPO_ROOT/tests/real-reports" "$@"
