#!/usr/bin/env bash
# Rerunnable benchmarks. Foundation: rules and storage. Results are printed; see bench/README.md for the
# numbers measured on the project's 2-core machine.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$REPO_ROOT"
ensure_postgres
dotnet run -c Release --project bench/DisclosurePortal.Bench
