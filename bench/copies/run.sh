#!/usr/bin/env bash
# TEXT-COPIED against every published report of the portal: 150,000 published reports with generated prose on a
# throwaway PostgreSQL; the rules' context (last year + fingerprint candidates) and the rules, for drafts that copy
# a published report and drafts written independently. Budget: ≤ 200 ms per check (p95).
#   bash bench/copies/run.sh [--reports 150000] [--drafts 100]
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
cd "$REPO_ROOT"
ensure_postgres
dotnet run -c Release --project bench/copies -- "$@"
