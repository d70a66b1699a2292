#!/usr/bin/env bash
# The clerk's save: 16 clerks saving the full form at once (server time from Server-Timing; budget p95 ≤ 100 ms),
# and the entry page's first-load weight. Builds the portal in Release, starts it in its own process on a
# throwaway PostgreSQL cluster with default durability, and stops both at the end.
#   bash bench/clerk/run.sh [--clerks 16] [--rounds 40] [--warmup 60] [--page]
# Saves are posted as the form's script makes them (answered in place); --page as without the script (post, redirect,
# whole form again).
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
cd "$REPO_ROOT"
ensure_postgres
dotnet build src/DisclosurePortal.Web -c Release -v quiet -nologo -clp:NoSummary
dotnet run -c Release --project bench/clerk -- "$@"
