#!/usr/bin/env bash
# Two portal instances with Redis and a streaming replica, in one run: the cached report page's requests per second
# on one instance vs two (and the CPU split), a publication visible on both (≤ 1 s), and the replica's lag during
# 1,000 publications. See bench/README.md.
#   bash bench/instances/run.sh [seconds per load run, 15]
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
cd "$REPO_ROOT"
ensure_postgres
ensure_redis
ensure_fonts
command -v wrk >/dev/null 2>&1 || apt_install wrk
dotnet build src/DisclosurePortal.Web -c Release -v quiet -nologo -clp:NoSummary
dotnet run -c Release --project bench/instances -- "$REPO_ROOT" "$@"
