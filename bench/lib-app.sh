# Shared by the benches: a throwaway PostgreSQL cluster and the portal served from its Release build, both
# stopped on exit. Sourced after scripts/lib.sh.
#   start_bench_cluster             → BENCH_PG_DIR, BENCH_PG_PORT, BENCH_CONN (BENCH_PG_OPTIONS: more server settings)
#   start_bench_app                 → loads the demo data, then serve_bench_app
#   serve_bench_app                 → BENCH_APP_PID (the dotnet process itself, so its RSS is the portal's), BENCH_URL;
#                                     the caller's environment reaches the portal (e.g. PublicCache__Lifetime=0)
#   stop_bench_cluster / stop_bench_app
BENCH_TMP=""
BENCH_APP_PID=""
BENCH_PG_DIR=""

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

start_bench_cluster() {
  local bin; bin=$(pg_bindir)
  BENCH_TMP=$(mktemp -d /tmp/dp-bench-XXXXXX)
  chmod 755 "$BENCH_TMP"
  BENCH_PG_DIR="$BENCH_TMP/pg"
  BENCH_PG_PORT=$(free_port)
  mkdir -p "$BENCH_PG_DIR"
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$BENCH_TMP"
  chmod 700 "$BENCH_PG_DIR"
  pg_run "$bin/initdb" -D "$BENCH_PG_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  start_bench_pg
  pg_run "$bin/psql" -h 127.0.0.1 -p "$BENCH_PG_PORT" -U postgres -qc "CREATE DATABASE disclosure_portal" postgres
  BENCH_CONN="Host=127.0.0.1;Port=$BENCH_PG_PORT;Username=postgres;Database=disclosure_portal"
}

# Default durability (fsync, synchronous commit): the fault test's "no half-saved report" must hold on a real server.
start_bench_pg() {
  pg_run "$(pg_bindir)/pg_ctl" -D "$BENCH_PG_DIR" -l "$BENCH_TMP/pg.log" -w -t 60 \
    -o "-p $BENCH_PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300 ${BENCH_PG_OPTIONS:-}" start >/dev/null
}

stop_bench_pg() { pg_run "$(pg_bindir)/pg_ctl" -D "$BENCH_PG_DIR" -m "${1:-fast}" -w stop >/dev/null; }

bench_psql() { pg_run "$(pg_bindir)/psql" -h 127.0.0.1 -p "$BENCH_PG_PORT" -U postgres -d disclosure_portal -qAtX "$@"; }

stop_bench_cluster() {
  [ -n "$BENCH_PG_DIR" ] && [ -f "$BENCH_PG_DIR/postmaster.pid" ] && stop_bench_pg immediate || true
  [ -n "$BENCH_TMP" ] && rm -rf "$BENCH_TMP"
  BENCH_PG_DIR=""
}

build_bench_app() {
  log "building the portal (Release)"
  dotnet build "$REPO_ROOT/src/DisclosurePortal.Web" -c Release -v quiet -nologo -clp:NoSummary >/dev/null
}

# Migrates and loads the demo data in a first process, then serves from a second, fresh one: as deployed
# (docs/operations.md), where migrations run in their own step and the web process never seeds.
start_bench_app() {
  log "loading the demo data (a first process: --migrate --seed-demo)"
  serve_bench_app --migrate --seed-demo
  stop_bench_app
  serve_bench_app
}

# Production, as deployed (exception page, output cache, Secure cookies), on loopback only. As behind the TLS
# proxy of docs/operations.md: clients send X-Forwarded-Proto: https, trusted with ASPNETCORE_FORWARDEDHEADERS_ENABLED.
# Every load generator is one address (loopback): the per-address limits (RateLimits) are raised out of its way.
serve_bench_app() {
  local port; port=$(free_port)
  BENCH_URL="http://127.0.0.1:$port"
  local out="$REPO_ROOT/src/DisclosurePortal.Web/bin/Release/net10.0"
  [ -f "$out/DisclosurePortal.Web.dll" ] || die "build first: $out/DisclosurePortal.Web.dll is missing"
  # A copy, so that a build in the checkout during a long run cannot replace the files under the running portal.
  [ -d "$BENCH_TMP/app" ] || cp -r "$out" "$BENCH_TMP/app"
  ( cd "$REPO_ROOT/src/DisclosurePortal.Web" && \
    ASPNETCORE_ENVIRONMENT="${BENCH_ENVIRONMENT:-Production}" ASPNETCORE_FORWARDEDHEADERS_ENABLED=true \
    ConnectionStrings__Portal="$BENCH_CONN" \
    Pdf__FontDirectory="$REPO_ROOT/fonts" Serilog__MinimumLevel__Default=Warning \
    RateLimits__Search__PermitLimit=1000000 RateLimits__Downloads__PermitLimit=1000000 RateLimits__Api__PermitLimit=1000000 RateLimits__Check__PermitLimit=1000000 \
    exec dotnet "$BENCH_TMP/app/DisclosurePortal.Web.dll" "$@" --urls "$BENCH_URL" ) >>"$BENCH_TMP/app.log" 2>&1 &
  BENCH_APP_PID=$!
  local i
  for i in $(seq 1 120); do
    curl -fs -o /dev/null -H "X-Forwarded-Proto: https" "$BENCH_URL/" && { log "portal up at $BENCH_URL (pid $BENCH_APP_PID)"; return 0; }
    kill -0 "$BENCH_APP_PID" 2>/dev/null || { tail -n 40 "$BENCH_TMP/app.log" >&2; die "the portal exited"; }
    sleep 0.5
  done
  tail -n 40 "$BENCH_TMP/app.log" >&2
  die "the portal did not answer within 60 s"
}

stop_bench_app() {
  if [ -n "$BENCH_APP_PID" ] && kill -0 "$BENCH_APP_PID" 2>/dev/null; then
    kill "$BENCH_APP_PID"; wait "$BENCH_APP_PID" 2>/dev/null || true
  fi
  BENCH_APP_PID=""
}

# Public page paths of the running portal: the home page and every report it links to.
public_paths() {
  { echo "/"; curl -fs -H "X-Forwarded-Proto: https" "$BENCH_URL/" | grep -o 'href="/reports/[^"]*"' | sed 's/^href="//; s/"$//' | sort -u; }
}

rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
