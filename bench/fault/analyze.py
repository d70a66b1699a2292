#!/usr/bin/env python3
"""Reads load.py's log and the stored rows after a fault run and judges it (bench/fault/fault.sh):
  - while PostgreSQL was down, no answer was a 500 or a dropped connection (503 or a cached page is right);
  - after it came back, full service (every request answered 200/302) within --target seconds;
  - no half-saved report: each writer's report holds one whole save — the count cell and the prose part carry
    the same marker, the marker is one the writer sent and not older than the last save acknowledged to it,
    and the revision's updated_at equals the time of its last audit line (row and audit line in one transaction).
"""
import argparse
import collections
import json
import re
import sys

p = argparse.ArgumentParser()
p.add_argument("--log", required=True)
p.add_argument("--state", required=True)
p.add_argument("--rows", required=True, help="psql output: report_id|count|prose|updated_at = last event time")
p.add_argument("--t-stop", type=float, required=True)
p.add_argument("--t-down", type=float, required=True, help="when pg_ctl stop returned")
p.add_argument("--t-start", type=float, required=True, help="when pg_ctl start was run")
p.add_argument("--t-up", type=float, required=True, help="when pg_ctl start returned (accepting connections)")
p.add_argument("--target", type=float, default=5.0)
a = p.parse_args()

entries = [json.loads(line) for line in open(a.log, encoding="utf-8")]
state = {int(k): v for k, v in json.load(open(a.state, encoding="utf-8")).items()}
normal = lambda e: e["status"] in (200, 302)
failures = []

def phase(e):
    if e["t"] + e["dt"] < a.t_stop: return "before"
    if e["t"] < a.t_up: return "down"
    return "after"

table = collections.defaultdict(collections.Counter)
for e in entries:
    table[(phase(e), e["kind"])][str(e["status"])] += 1
print("answers by phase and kind (status: count):")
for ph in ("before", "down", "after"):
    for kind in ("read", "form", "save"):
        c = table.get((ph, kind))
        if c: print(f"  {ph:6} {kind:4} " + ", ".join(f"{s}: {n}" for s, n in sorted(c.items())))

before_bad = [e for e in entries if phase(e) == "before" and not normal(e)]
if before_bad: failures.append(f"{len(before_bad)} abnormal answers before the fault (first: {before_bad[0]})")
down = [e for e in entries if phase(e) == "down"]
down_500 = [e for e in down if e["status"] == 500 or str(e["status"]).startswith("error")]
down_503 = [e for e in down if e["status"] == 503]
if down_500: failures.append(f"{len(down_500)} answers while the database was down were 500 or a dropped connection "
                             f"(expected 503): {collections.Counter(str(e['status']) for e in down_500)}")
if not down_503: failures.append("no 503 while the database was down")
other = [e for e in down if e["status"] not in (200, 302, 503) and e not in down_500]
if other: failures.append(f"{len(other)} other answers while down: {collections.Counter(str(e['status']) for e in other)}")

after = sorted((e for e in entries if phase(e) == "after"), key=lambda e: e["t"])
bad_after = [e for e in after if not normal(e)]
recovery = max([e["t"] + e["dt"] - a.t_up for e in bad_after], default=0.0)
saves_after = [e for e in after if e["kind"] == "save" and e["status"] == 302]
first_save = min((e["t"] + e["dt"] - a.t_up for e in saves_after), default=None)
print(f"database down for {a.t_up - a.t_stop:.1f} s (pg_ctl stop took {a.t_down - a.t_stop:.2f} s); "
      f"503s while down: {len(down_503)}")
print(f"pg_ctl start took {a.t_up - a.t_start:.2f} s; full service {recovery:.2f} s after PostgreSQL accepted connections again "
      f"(last abnormal answer ended then; {len(bad_after)} abnormal after restart); "
      f"first acknowledged save after {first_save if first_save is None else round(first_save, 2)} s")
if recovery > a.target: failures.append(f"full service took {recovery:.2f} s (target ≤ {a.target} s)")
if len(saves_after) < 5: failures.append(f"only {len(saves_after)} saves succeeded after the restart")

rows = {}
for line in open(a.rows, encoding="utf-8"):
    if line.strip():
        rid, count, prose, consistent = line.rstrip("\n").split("|", 3)
        rows[int(rid)] = (count, prose, consistent)
for report, s in state.items():
    count, prose, consistent = rows.get(report, (None, None, None))
    m = re.search(r"第(\d+)次保存", prose or "")
    marker = int(count) if count and count.isdigit() else None
    desc = f"report {report} ({s['user']}): stored marker {marker}, prose marker {m and m.group(1)}, last acknowledged {s['acked']}, sent {len(s['attempted'])}"
    print("  " + desc)
    if marker is None or m is None or int(m.group(1)) != marker: failures.append("half-saved: " + desc)
    elif marker not in s["attempted"] or (s["acked"] is not None and marker < s["acked"]):
        failures.append("lost or foreign save: " + desc)
    if consistent != "t": failures.append(f"report {report}: updated_at differs from its last audit line")
if not state: failures.append("no writer got going")

print()
if failures:
    print("FAULT FAIL"); [print("  - " + f) for f in failures]; sys.exit(1)
print("FAULT PASS")
