# Shared set-up steps for scripts/run.sh and scripts/test.sh. Every step checks first, so a second run
# does nothing that is already done. Works as root and as a normal user (with sudo for package installs).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo "$@"
  else die "needs root to run: $* — run it once as root (or with sudo), then rerun this script"
  fi
}

APT_UPDATED=0
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  if [ "$APT_UPDATED" -eq 0 ]; then as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

pg_bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

ensure_postgres() {
  if [ -z "$(pg_bindir)" ]; then
    # Debian's server package; its own "main" cluster is not used: we run our own under .data/.
    apt_install postgresql
  fi
  [ -n "$(pg_bindir)" ] || die "PostgreSQL server binaries not found after install"
  command -v runuser >/dev/null 2>&1 || apt_install util-linux
}

# redis-server for the tests of several instances sharing Redis (tests/DisclosurePortal.TestSupport/RedisFixture.cs):
# each test run starts its own on a free port; the package's own service is not used.
ensure_redis() {
  [ -x /usr/bin/redis-server ] || apt_install redis-server
  [ -x /usr/bin/redis-server ] || die "redis-server not found after install"
}

# Debian's Chromium, driven by Playwright in the browser tests and the PDF bench; Playwright never downloads its own.
ensure_chromium() {
  command -v chromium >/dev/null 2>&1 || (apt_install chromium) || log "chromium not installable here: what drives it will fail"
}

# The PDF font (docs/adr/0002-pdf-engine.md): Noto Serif SC from the npm registry, hash-checked, never committed.
FONT_PKG="@expo-google-fonts/noto-serif-sc@0.4.3"
FONT_DIR="$REPO_ROOT/fonts"
declare -A FONT_SHA=(
  [NotoSerifSC_400Regular.ttf]=c358a69de3df5f423a8946a7b03e3126fb6ba116f1130a463455b4e39e1f0742
  [NotoSerifSC_700Bold.ttf]=9c6a2ba736e4b499c84f65ce366bd3625c0401885fd3e585ace50fb738b96ff6
)

fonts_ok() {
  local f
  for f in "${!FONT_SHA[@]}"; do
    [ -f "$FONT_DIR/$f" ] || return 1
    echo "${FONT_SHA[$f]}  $FONT_DIR/$f" | sha256sum -c --status || return 1
  done
}

ensure_fonts() {
  fonts_ok && return 0
  command -v npm >/dev/null 2>&1 || apt_install npm
  log "fetching fonts ($FONT_PKG)"
  local tmp; tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "$FONT_PKG" >/dev/null && tar -xzf ./*.tgz)
  mkdir -p "$FONT_DIR"
  cp "$tmp/package/400Regular/NotoSerifSC_400Regular.ttf" "$tmp/package/700Bold/NotoSerifSC_700Bold.ttf" "$FONT_DIR/"
  rm -rf "$tmp"
  fonts_ok || die "font checksum mismatch in $FONT_DIR (expected the hashes in scripts/lib.sh)"
}

# axe-core for the accessibility scans of the browser tests: fetched from the npm registry at
# test set-up, hash-checked, git-ignored, never shipped (MPL-2.0, a test tool only). The tests inject the file
# into each page (tests/DisclosurePortal.Browser.Tests/AxeScan.cs).
AXE_PKG="axe-core@4.10.3"
AXE_FILE="$REPO_ROOT/tests/DisclosurePortal.Browser.Tests/axe/axe.min.js"
AXE_SHA=880970c081707360e64f34cea25ff91892f5bc95675b0776925b9709dd8a68bb

ensure_axe() {
  [ -f "$AXE_FILE" ] && echo "$AXE_SHA  $AXE_FILE" | sha256sum -c --status && return 0
  command -v npm >/dev/null 2>&1 || apt_install npm
  log "fetching $AXE_PKG"
  local tmp; tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "$AXE_PKG" >/dev/null && tar -xzf ./*.tgz)
  mkdir -p "$(dirname "$AXE_FILE")"
  cp "$tmp/package/axe.min.js" "$AXE_FILE"
  rm -rf "$tmp"
  echo "$AXE_SHA  $AXE_FILE" | sha256sum -c --status || die "axe-core checksum mismatch in $AXE_FILE (expected the hash in scripts/lib.sh)"
}

# The local development cluster. As root, PostgreSQL runs as the postgres user, which must be able to reach
# its data folder; when the checkout is not reachable by it (e.g. under /root), a folder under /var/tmp is used.
DEV_PG_PORT="${DP_PG_PORT:-55432}"
dev_pg_dir() {
  local dir="$REPO_ROOT/.data/pg"
  if [ "$(id -u)" -eq 0 ]; then
    mkdir -p "$REPO_ROOT/.data"
    if ! runuser -u postgres -- test -x "$REPO_ROOT/.data" 2>/dev/null; then
      dir="/var/tmp/disclosure-portal-$(echo -n "$REPO_ROOT" | sha256sum | cut -c1-12)/pg"
    fi
  fi
  echo "$dir"
}

pg_run() { # run a PostgreSQL server tool as the right user
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_dev_cluster() {
  local bin dir; bin=$(pg_bindir); dir=$(dev_pg_dir)
  if [ ! -f "$dir/PG_VERSION" ]; then
    log "creating the local PostgreSQL cluster in $dir"
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$(dirname "$dir")"
    chmod 700 "$dir"
    pg_run "$bin/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! pg_run "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    log "starting PostgreSQL on 127.0.0.1:$DEV_PG_PORT"
    pg_run "$bin/pg_ctl" -D "$dir" -l "$dir/../server.log" -w -t 60 \
      -o "-p $DEV_PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" start >/dev/null
  fi
  local db=disclosure_portal
  if ! PGPASSWORD= psql -h 127.0.0.1 -p "$DEV_PG_PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" postgres | grep -q 1; then
    psql -h 127.0.0.1 -p "$DEV_PG_PORT" -U postgres -qc "CREATE DATABASE $db" postgres
  fi
  echo "Host=127.0.0.1;Port=$DEV_PG_PORT;Username=postgres;Database=$db"
}

stop_dev_cluster() {
  local bin dir; bin=$(pg_bindir); dir=$(dev_pg_dir)
  [ -f "$dir/PG_VERSION" ] && pg_run "$bin/pg_ctl" -D "$dir" -m fast stop || true
}
