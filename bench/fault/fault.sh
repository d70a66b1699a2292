#!/usr/bin/env bash
# Fault: PostgreSQL stopped under load and started again (503 while down, full service within 5 s
# after, no half-saved report). Starts a throwaway PostgreSQL cluster (default durability) and the portal
# (Release, Production, demo data); load.py puts a bounded load on it — readers on the public pages, one writer
# per demo clerk saving a draft over and over — then PostgreSQL is stopped with `pg_ctl stop -m fast`, kept
# down, started again, and analyze.py judges the log and the stored rows.
#   bash bench/fault/fault.sh                     10 s load, 10 s down, 15 s after
#   options: --before S  --down S  --after S  --readers N  --target S (5)
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
source "$REPO_ROOT/bench/lib-app.sh"
cd "$REPO_ROOT"

BEFORE=10 DOWN=10 AFTER=15 READERS=8 TARGET=5
while [ $# -gt 0 ]; do
  case "$1" in
    --before) BEFORE=$2; shift 2 ;;
    --down) DOWN=$2; shift 2 ;;
    --after) AFTER=$2; shift 2 ;;
    --readers) READERS=$2; shift 2 ;;
    --target) TARGET=$2; shift 2 ;;
    *) die "unknown option $1 (see the header of $0)" ;;
  esac
done

ensure_postgres
ensure_fonts
LOAD_PID=""
cleanup() {
  [ -n "$BENCH_TMP" ] && touch "$BENCH_TMP/stop"
  [ -n "$LOAD_PID" ] && { wait "$LOAD_PID" 2>/dev/null || true; }
  stop_bench_app; stop_bench_cluster
}
trap cleanup EXIT
build_bench_app
start_bench_cluster
start_bench_app
public_paths >"$BENCH_TMP/paths.txt"
now() { date +%s.%N; }

log "load: $READERS readers on $(wc -l <"$BENCH_TMP/paths.txt") public paths, writers clerk-qiandian and clerk-donghu-jyj"
python3 bench/fault/load.py --url "$BENCH_URL" --paths "$BENCH_TMP/paths.txt" --stop "$BENCH_TMP/stop" \
  --log "$BENCH_TMP/load.jsonl" --state "$BENCH_TMP/state.json" --readers "$READERS" &
LOAD_PID=$!
sleep "$BEFORE"
log "stopping PostgreSQL (pg_ctl stop -m fast)"
T_STOP=$(now); stop_bench_pg fast; T_DOWN=$(now)
sleep "$DOWN"
log "starting PostgreSQL"
T_START=$(now); start_bench_pg; T_UP=$(now)
sleep "$AFTER"
touch "$BENCH_TMP/stop"
wait "$LOAD_PID"; LOAD_PID=""

# The current revision of each report a writer saved: its marker cell, its prose, and whether updated_at is
# the time of its last audit line.
REPORTS=$(python3 -c 'import json,sys; print(",".join(json.load(open(sys.argv[1])).keys()) or "0")' "$BENCH_TMP/state.json")
bench_psql -c "SELECT r.report_id, r.counts->>'t3/1/natural', coalesce(r.prose->>'s1.1', ''),
  r.updated_at = (SELECT max(e.at) FROM revision_events e WHERE e.revision_id = r.id)
  FROM report_revisions r
  WHERE r.report_id IN ($REPORTS) AND r.number = (SELECT max(number) FROM report_revisions x WHERE x.report_id = r.report_id)" \
  >"$BENCH_TMP/rows.txt"
grep -c . "$BENCH_TMP/load.jsonl" | xargs printf 'requests logged: %s\n'
grep -iE '"Level":"(Error|Fatal)"|\[ERR\]|fail:' "$BENCH_TMP/app.log" | head -n 3 | cut -c1-300 || true
python3 bench/fault/analyze.py --log "$BENCH_TMP/load.jsonl" --state "$BENCH_TMP/state.json" --rows "$BENCH_TMP/rows.txt" \
  --t-stop "$T_STOP" --t-down "$T_DOWN" --t-start "$T_START" --t-up "$T_UP" --target "$TARGET"
