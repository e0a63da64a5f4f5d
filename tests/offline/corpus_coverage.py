#!/usr/bin/env python3
"""Checks that the capture corpus covers everything the decoders know (issue 7): across all captures, decoded
by mapidump -T json with their key logs, each ROP request and each ROP response of [MS-OXCROPS] 2.2.2 (the
RopIds of dissector/generated/rop_ids.c, read as scripts/gen-rop-table.py reads them), each X-RequestType of
[MS-OXCMAPIHTTP] 2.2.3.3.1 (dissector/envelope/request_type.c) in a request and a response, and each
auxiliary block of [MS-OXCRPC] 2.2.2.2 (Version and Type, dissector/generated/aux_types.c) appears at least
once, decoded without problems; a ROP response counts when it succeeded (ReturnValue 0) or has no
ReturnValue (RopNotify, RopPending, RopBackoff, RopBufferTooSmall). Prints what is missing and fails; also
fails when the corpus (every file under the captures directory) is 10 MB or more.

Usage: corpus_coverage.py --mapidump PATH --dir CAPTURES [--expected LISTS.json] [--limit BYTES]
  --expected: a JSON object with any of "rop_requests", "rop_responses", "request_types" (names) and "aux"
              ([version, type] pairs) in place of the lists read from the sources (to check the check).
"""
import argparse
import importlib.util
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests", "gen"))
import corpus_readme  # noqa: E402  (the corpus's size and its limit, as captures/README.md states them)
import make_corpus  # noqa: E402  (which base capture, and so which key log, a derived capture comes from)


def rop_lists():
    spec = importlib.util.spec_from_file_location("gen_rop_table", os.path.join(ROOT, "scripts", "gen-rop-table.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    ids = mod.rop_ids()
    return {n for _, n, _, req, _ in ids if req}, {n for _, n, _, _, resp in ids if resp}


def request_types():
    with open(os.path.join(ROOT, "dissector", "envelope", "request_type.c")) as f:
        return set(re.findall(r'\[MH_RT_\w+\] = \{ "([^"]+)"', f.read()))


def aux_types():
    """(Version, Type) -> the Type's name, from both tables of the generated file."""
    out = {}
    with open(os.path.join(ROOT, "dissector", "generated", "aux_types.c")) as f:
        version = None
        for line in f:
            m = re.search(r"mh_aux_types_v(\d)\[\]", line)
            if m:
                version = int(m.group(1))
            m = re.search(r'\{ 0x([0-9A-F]{2}), "(\w+)", "(\w+)"', line)
            if m and version:
                out[(version, int(m.group(1), 16))] = m.group(2)
    return out


def key_for(d, capture):
    """The capture's own key log, else its base capture's (make_corpus.py DERIVED), else the first one
    captures/MANIFEST gives it."""
    name = capture.rsplit(".", 1)[0]
    base = make_corpus.DERIVED.get(name, (name,))[0]
    for n in (name, base):
        if os.path.exists(os.path.join(d, n + ".keys")):
            return n + ".keys"
    try:
        with open(os.path.join(d, "MANIFEST")) as f:
            for line in f:
                fields = line.rstrip("\n").split("\t")
                if len(fields) == 4 and fields[0].lstrip("<") == capture and fields[1] != "-":
                    return fields[1]
    except OSError:
        pass
    return None


# ROP requests shown inside a response (RopBufferTooSmall's RequestBuffers) count neither as requests
# nor as responses: the request itself carried them
NOT_RESPONSES = "mapihttp.rop.buffer_too_small.request_buffers"


def nodes(tree):
    stack = [tree] if isinstance(tree, dict) else list(tree or [])
    while stack:
        n = stack.pop()
        yield n
        if n.get("field") != NOT_RESPONSES:
            stack.extend(n.get("children") or [])


def has_problem(node):
    return any(c.get("field") == "mapihttp.problem" for c in nodes(node))


def scan(mapidump, d, capture, seen):
    keys = key_for(d, capture)
    argv = [mapidump, "-T", "json", "-q"] + (["-k", keys] if keys else []) + [capture]
    r = subprocess.run(argv, cwd=d, capture_output=True, text=True, timeout=300)
    n = 0
    for line in r.stdout.splitlines():
        m = json.loads(line)
        n += 1
        direction = m.get("mapidump.direction")
        if m.get("mapidump.request_type") and m.get("mapidump.problems") == 0:
            seen["types"].setdefault(m["mapidump.request_type"], set()).add(direction)
        for node in nodes(m.get("mapihttp")):
            f = node.get("field")
            if f == "mapihttp.rop" and not has_problem(node):
                name = (node.get("show") or "").split(" (")[0]
                if direction == "request":
                    seen["req"].add(name)
                else:
                    rv = [c.get("value") for c in node.get("children", []) if c.get("field") == "mapihttp.rop.return_value"]
                    seen["resp" if not rv or rv[0] == 0 else "resp_failed"].add(name)
            elif f == "mapihttp.aux.header":
                v = {c.get("field"): c.get("value") for c in node.get("children", [])}
                if "mapihttp.aux.version" in v and "mapihttp.aux.type" in v:
                    seen["aux"].add((v["mapihttp.aux.version"], v["mapihttp.aux.type"]))
    return keys, n


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--mapidump", required=True)
    p.add_argument("--dir", required=True)
    p.add_argument("--expected")
    p.add_argument("--limit", type=int, default=corpus_readme.LIMIT)
    a = p.parse_args()
    mapidump, d = os.path.abspath(a.mapidump), a.dir
    want_req, want_resp = rop_lists()
    want_types = request_types()
    aux_names = aux_types()
    want_aux = set(aux_names)
    if a.expected:
        e = json.load(open(a.expected))
        want_req = set(e.get("rop_requests", want_req))
        want_resp = set(e.get("rop_responses", want_resp))
        want_types = set(e.get("request_types", want_types))
        want_aux = {tuple(x) for x in e.get("aux", want_aux)}
    seen = {"req": set(), "resp": set(), "resp_failed": set(), "types": {}, "aux": set()}
    captures = sorted(f for f in os.listdir(d) if f.endswith((".pcap", ".pcapng")))
    for c in captures:
        keys, n = scan(mapidump, d, c, seen)
        print("%-40s %-34s %4d messages" % (c, keys or "-", n))
    missing = []
    miss_req = sorted(want_req - seen["req"])
    miss_resp = sorted(want_resp - seen["resp"])
    types_ok = {t for t, dirs in seen["types"].items() if dirs >= {"request", "response"}}
    miss_types = sorted(want_types - types_ok)
    miss_aux = sorted(want_aux - seen["aux"])
    print("ROP requests: %d of %d" % (len(want_req) - len(miss_req), len(want_req)))
    print("ROP responses: %d of %d" % (len(want_resp) - len(miss_resp), len(want_resp)))
    print("request types (request and response): %d of %d" % (len(want_types) - len(miss_types), len(want_types)))
    print("AUX blocks (Version, Type): %d of %d" % (len(want_aux) - len(miss_aux), len(want_aux)))
    if miss_req:
        missing.append("ROP requests missing (%d): %s" % (len(miss_req), ", ".join(miss_req)))
    if miss_resp:
        failed = [r + (" (failed only)" if r in seen["resp_failed"] else "") for r in miss_resp]
        missing.append("ROP responses missing (%d): %s" % (len(miss_resp), ", ".join(failed)))
    if miss_types:
        missing.append("request types missing (%d): %s" % (len(miss_types), ", ".join(
            t + (" (%s only)" % next(iter(seen["types"][t])) if t in seen["types"] else "") for t in miss_types)))
    if miss_aux:
        missing.append("AUX blocks missing (%d): %s" % (len(miss_aux), ", ".join(
            "%s (0x%02X) in AUX_VERSION_%d" % (aux_names.get(x, "?"), x[1], x[0]) for x in miss_aux)))
    total = corpus_readme.corpus_size(d)[0]
    readme = os.path.join(d, "README.md")
    total += os.path.getsize(readme) if os.path.exists(readme) else 0
    print("corpus size: %d bytes (limit: under %d)" % (total, a.limit))
    if total >= a.limit:
        missing.append("the corpus is %d bytes: it must stay under %d" % (total, a.limit))
    for m in missing:
        print("FAIL " + m)
    if not captures:
        print("FAIL no captures in " + d)
        return 1
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
