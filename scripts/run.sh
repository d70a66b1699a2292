#!/usr/bin/env bash
# The README's first command: set up what is missing (PostgreSQL, fonts, NuGet packages), start a local
# PostgreSQL cluster (or use ConnectionStrings__Portal when given), apply the migrations, load the demo data
# into an empty database, and serve the portal on http://127.0.0.1:5000.
#   bash scripts/run.sh          start (Ctrl-C stops the portal; the database keeps running)
#   bash scripts/run.sh --stop   stop the local PostgreSQL cluster
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

if [ "${1:-}" = "--stop" ]; then stop_dev_cluster; exit 0; fi

ensure_postgres
ensure_fonts
if [ -n "${ConnectionStrings__Portal:-}" ]; then
  log "using the database in ConnectionStrings__Portal"
else
  ConnectionStrings__Portal=$(ensure_dev_cluster)
  export ConnectionStrings__Portal
fi
export Pdf__FontDirectory="$REPO_ROOT/fonts"
URLS="${DP_URLS:-http://127.0.0.1:5000}"
# The local portal is served over plain HTTP; outside Development the session cookie is Secure-only
# (src/DisclosurePortal.Web/Accounts/AccountsSetup.cs) and a browser would never send it back.
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

log "building"
dotnet build src/DisclosurePortal.Web -c Release -v quiet -nologo -clp:NoSummary
log "starting the portal on $URLS (demo accounts and data are printed below)"
exec dotnet run --project src/DisclosurePortal.Web -c Release --no-build -- --migrate --seed-demo --urls "$URLS"
