#!/usr/bin/env bash
# The README's second command (and what CI runs): set up what the tests need (PostgreSQL server binaries and redis-server for
# the throwaway clusters the fixtures start, the fonts) and run the whole suite.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

ensure_postgres
ensure_redis
ensure_fonts
ensure_axe
ensure_chromium
# pdftoppm turns the test PDFs into PNG pages under tests/*/bin/*/artifacts/ for a person to look at.
command -v pdftoppm >/dev/null 2>&1 || (apt_install poppler-utils) || log "poppler-utils not installable here: PDF pages are not turned into PNG artifacts"
export Pdf__FontDirectory="$REPO_ROOT/fonts"
# The suite starts a few hundred in-process hosts; each would watch appsettings.json and wwwroot through inotify,
# and Linux allows 128 inotify instances per user by default. Tests never change those files, so none watch them.
export DOTNET_hostBuilder__reloadConfigOnChange=false
export DOTNET_USE_POLLING_FILE_WATCHER=true

log "building (warnings are errors)"
dotnet build DisclosurePortal.sln -c Release -v quiet -nologo -clp:NoSummary

log "running the tests"
out=$(mktemp)
set +e
dotnet test DisclosurePortal.sln -c Release --no-build -v quiet -nologo --logger "console;verbosity=minimal" 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}
set -e
# One closing line over all test assemblies, in the plain form CI reads.
awk '/(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { gsub(",", "", p); printf "Total: %d passed, %d failed, %d skipped\n", p, f, s }' "$out"
rm -f "$out"
exit "$rc"
