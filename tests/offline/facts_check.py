#!/usr/bin/env python3
"""Checks mapidump's JSON output against what the generator put on the wire (captures/*.facts.json, written
by tests/gen/run_scenario.py from the scenario itself, not from mapidump): every request of every session is
there with its X-RequestType, X-RequestId and ROP names, every response with its HTTP status, decoded
without problems, and each failure a scenario lists in facts["expect"] with the X-ResponseCode, StatusCode and
ROP ReturnValues it was sent with. An independent check of the expected files.

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


# ROP requests shown inside a response (RopBufferTooSmall's RequestBuffers) are not its ROP responses
NOT_RESPONSES = "mapihttp.rop.buffer_too_small.request_buffers"


def walk(node):
    yield node
    if node.get("field") == NOT_RESPONSES:
        return
    for c in node.get("children") or []:
        yield from walk(c)


def check_expect(expect, resps):
    """What a failure must decode as (facts["expect"], by X-RequestId): the response's X-ResponseCode, its
    StatusCode, and its ROP responses in order with their ReturnValues (None: a ROP without one)."""
    errors = []
    for rid, want in sorted(expect.items()):
        found = resps.get(rid, [])
        if len(found) != 1:
            errors.append("response %s: found %d, expected 1" % (rid, len(found)))
            continue
        nodes = list(walk(found[0].get("mapihttp") or {}))
        value = lambda f: next((n.get("value") for n in nodes if n.get("field") == f), None)
        if "x_response_code" in want and value("mapihttp.response_code") != want["x_response_code"]:
            errors.append("response %s: X-ResponseCode %s, expected %s" % (rid, value("mapihttp.response_code"),
                                                                       want["x_response_code"]))
        if "status_code" in want and value("mapihttp.status_code") != want["status_code"]:
            errors.append("response %s: StatusCode %s, expected %s" % (rid, value("mapihttp.status_code"),
                                                                   want["status_code"]))
        if "rops" in want:
            got = []
            for n in nodes:
                if n.get("field") == "mapihttp.rop":
                    rv = [c.get("value") for c in n.get("children", []) if c.get("field") == "mapihttp.rop.return_value"]
                    got.append([(n.get("show") or "").split(" (")[0], rv[0] if rv else None])
            if got != [list(r) for r in want["rops"]]:
                errors.append("response %s: ROPs %s, expected %s" % (rid, got, want["rops"]))
    return errors


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
    errors += check_expect(facts.get("expect", {}), resps)
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
