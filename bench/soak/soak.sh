#!/usr/bin/env bash
# Soak: 256 connections on the public pages for ten minutes (no errors, web process memory ≤ 300 MB
# and flat). Starts a throwaway PostgreSQL cluster and the portal (Release, Production) with the demo data,
# loads it with wrk (Debian's package) on 127.0.0.1 only, samples the portal's RSS every 10 s, and judges:
#   errors: no socket error, no timeout, every answer 2xx;
#   memory: the peak ≤ 300 MB, and flat: the mean of the last third of the samples within 10 % of the first third's.
# A warm-up of a tenth of the duration (at most 30 s, same load) comes first, so JIT and the output cache's
# first fill are not mistaken for growth.
#   bash bench/soak/soak.sh                  ten minutes
#   bash bench/soak/soak.sh --duration 60    a quick check (seconds)
#   options: --connections N (256)  --limit-mb M (300)  --interval S (10)
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
source "$REPO_ROOT/bench/lib-app.sh"
cd "$REPO_ROOT"

DURATION=600 CONNECTIONS=256 LIMIT_MB=300 INTERVAL=10
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --limit-mb) LIMIT_MB=$2; shift 2 ;;
    --interval) INTERVAL=$2; shift 2 ;;
    *) die "unknown option $1 (see the header of $0)" ;;
  esac
done

ensure_postgres
ensure_fonts
command -v wrk >/dev/null 2>&1 || apt_install wrk
trap 'stop_bench_app; stop_bench_cluster' EXIT
build_bench_app
start_bench_cluster
start_bench_app

PATHS="$BENCH_TMP/paths.txt"
public_paths >"$PATHS"
export PATHS
log "$(wc -l <"$PATHS") public paths: $(head -n 4 "$PATHS" | tr '\n' ' ')…"
THREADS=$(( $(nproc) < 4 ? $(nproc) : 4 ))
WARMUP=$(( DURATION / 10 < 30 ? DURATION / 10 : 30 ))
[ "$WARMUP" -lt 1 ] && WARMUP=1
log "warm-up ${WARMUP}s"
wrk -t "$THREADS" -c "$CONNECTIONS" -d "${WARMUP}s" --timeout 10s -H "X-Forwarded-Proto: https" -s bench/soak/paths.lua "http://127.0.0.1:${BENCH_URL##*:}" >/dev/null

log "soak: ${DURATION}s at $CONNECTIONS connections, RSS every ${INTERVAL}s"
wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" --timeout 10s -H "X-Forwarded-Proto: https" --latency -s bench/soak/paths.lua \
  "http://127.0.0.1:${BENCH_URL##*:}" >"$BENCH_TMP/wrk.txt" 2>&1 &
WRK_PID=$!
SAMPLES=()
elapsed=0
while kill -0 "$WRK_PID" 2>/dev/null; do
  sleep "$INTERVAL"
  kill -0 "$WRK_PID" 2>/dev/null || break
  elapsed=$((elapsed + INTERVAL))
  kill -0 "$BENCH_APP_PID" 2>/dev/null || { wait "$WRK_PID" || true; die "the portal died during the soak"; }
  mb=$(rss_mb "$BENCH_APP_PID")
  SAMPLES+=("$mb")
  printf '  t=%4ss  rss=%s MB\n' "$elapsed" "$mb"
done
wait "$WRK_PID"
cat "$BENCH_TMP/wrk.txt"

STATUS=$(grep '^STATUS' "$BENCH_TMP/wrk.txt") ERRORS=$(grep '^ERRORS' "$BENCH_TMP/wrk.txt")
num() { echo "$1" | grep -o "$2=[0-9]*" | cut -d= -f2; }
non2xx=$(( $(num "$STATUS" 3xx) + $(num "$STATUS" 4xx) + $(num "$STATUS" 5xx) + $(num "$STATUS" other) ))
sockerr=$(( $(num "$ERRORS" connect) + $(num "$ERRORS" read) + $(num "$ERRORS" write) + $(num "$ERRORS" timeout) ))

verdict=$(printf '%s\n' "${SAMPLES[@]}" | python3 -c '
import sys
s = [float(x) for x in sys.stdin.read().split()]
limit = float(sys.argv[1])
if len(s) < 3:
    print("FAIL too few samples (%d); use a longer --duration" % len(s)); sys.exit()
n = len(s) // 3
first, last = sum(s[:n]) / n, sum(s[-n:]) / n
drift = (last - first) / first * 100
ok = max(s) <= limit and abs(drift) <= 10
print("%s samples=%d min=%.1f max=%.1f first-third=%.1f last-third=%.1f drift=%+.1f%% (limit %.0f MB, flat within 10%%)"
      % ("PASS" if ok else "FAIL", len(s), min(s), max(s), first, last, drift, limit))
' "$LIMIT_MB")

echo
echo "RSS series (MB, every ${INTERVAL}s): ${SAMPLES[*]}"
echo "requests: $(num "$STATUS" 2xx) 2xx, $non2xx non-2xx ($STATUS); socket errors: $sockerr ($ERRORS)"
echo "memory: $verdict"
if [ "$non2xx" -eq 0 ] && [ "$sockerr" -eq 0 ] && [[ "$verdict" == PASS* ]]; then
  echo "SOAK PASS"
else
  echo "SOAK FAIL"; exit 1
fi
