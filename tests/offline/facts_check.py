#!/usr/bin/env python3
"""Checks mapidump's JSON output against what the generator put on the wire (captures/*.facts.json, written
by tests/gen/run_scenario.py from the scenario itself, not from mapidump): every request of every session is
there with its X-RequestType, X-RequestId and ROP names, every response with its HTTP status, decoded
without problems. An independent check of the expected files.

Usage: facts_check.py --mapidump PATH --dir CAPTURES
"""
import argparse
import glob
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import wrapper  # noqa: E402


def messages(mapidump, directory, capture, keys):
    argv = [mapidump, "-T", "json", "-q"] + (["-k", keys] if keys else []) + [capture]
    r = subprocess.run(wrapper.command(argv), cwd=directory, capture_output=True, text=True,
                       timeout=wrapper.timeout(60))
    return [json.loads(l) for l in r.stdout.splitlines()], r.returncode


def check(mapidump, directory, facts_path):
    base = os.path.basename(facts_path)[:-len(".facts.json")]
    capture = base + ".pcap"
    keys = base + ".keys" if os.path.exists(os.path.join(directory, base + ".keys")) else None
    facts = json.load(open(facts_path))
    msgs, status = messages(mapidump, directory, capture, keys)
    errors = []
    if status != 0:
        errors.append("exit status %d, expected 0" % status)
    reqs = {(m.get("mapidump.request_id"), m.get("mapidump.request_type")): m for m in msgs
            if m["mapidump.direction"] == "request"}
    resps = {}
    for m in msgs:
        if m["mapidump.direction"] == "response":
            resps.setdefault(m.get("mapidump.request_id"), []).append(m)
    count = 0
    for session in facts["sessions"]:
        for rtype, rid, rops, http_status in session:
            count += 1
            q = reqs.get((rid, rtype))
            if not q:
                errors.append("%s request %s not in the output" % (rtype, rid))
                continue
            if q.get("mapidump.rops", []) != rops:
                errors.append("%s request %s: ROPs %s, expected %s" % (rtype, rid, q.get("mapidump.rops"), rops))
            if q.get("mapidump.problems") != 0 or not q.get("mapidump.complete"):
                errors.append("%s request %s: problems or incomplete" % (rtype, rid))
            rs = [r for r in resps.get(rid, []) if r.get("http.response.code") == http_status]
            if len(rs) != 1:
                errors.append("%s response %s with HTTP %d: found %d" % (rtype, rid, http_status, len(rs)))
            elif http_status == 200 and (rs[0].get("mapidump.problems") != 0 or
                                         rs[0].get("mapidump.request_type") != rtype):
                errors.append("%s response %s: problems or request type %s" % (rtype, rid,
                                                                             rs[0].get("mapidump.request_type")))
    expected_msgs = 2 * count
    if len(msgs) != expected_msgs:
        errors.append("%d messages in the output, the scenario sent %d" % (len(msgs), expected_msgs))
    for user in facts.get("users", []):
        if user and not any(user in (m.get("mapidump.auth") or "") for m in msgs):
            errors.append("the user %s is not shown" % user)
    return base, count, errors


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--mapidump", required=True)
    p.add_argument("--dir", required=True)
    a = p.parse_args()
    a.mapidump = os.path.abspath(a.mapidump)
    failed = 0
    files = sorted(glob.glob(os.path.join(a.dir, "*.facts.json")))
    for f in files:
        base, n, errors = check(a.mapidump, a.dir, f)
        if errors:
            failed += 1
            print("FAIL %s:" % base)
            for e in errors:
                print("     " + e)
        else:
            print("ok   %s (%d requests and their responses)" % (base, n))
    if not files:
        print("no facts files found")
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
