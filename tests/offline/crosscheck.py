#!/usr/bin/env python3
"""Independent cross-check of mapidump's TCP reassembly, TLS decryption and HTTP parsing: the HTTP bodies
mapidump hands to the decoding core (--export-bodies) must equal, byte for byte, the bodies tshark's own
reassembly, decryption and HTTP dissector export for the same capture and key log (http.file_data in
tshark -T json -x; de-chunked by tshark). Messages are matched by TCP stream, direction and X-RequestId.

Usage: crosscheck.py --mapidump PATH --dir CAPTURES   (exit 77, skipped, without tshark)
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import wrapper  # noqa: E402


class Multi(list):
    """Repeated JSON keys (tshark repeats "http" for several messages in one frame)."""


def keep_duplicates(pairs):
    d = {}
    for k, v in pairs:
        if k in d:
            if not isinstance(d[k], Multi):
                d[k] = Multi([d[k]])
            d[k].append(v)
        else:
            d[k] = v
    return d


def all_of(v):
    return list(v) if isinstance(v, Multi) else [v]


def tshark_json(capture, keys):
    argv = ["tshark", "-n", "-r", capture, "-T", "json", "-x", "-Y", "http"]
    if keys:
        argv[1:1] = ["-o", "tls.keylog_file:" + keys]
    r = subprocess.run(argv, capture_output=True, timeout=120)
    if r.returncode != 0:
        # tshark may refuse to run as root on some systems: run it as nobody then
        r = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + argv,
                           capture_output=True, timeout=120, env=dict(os.environ, HOME="/tmp"))
    if r.returncode != 0:
        raise SystemExit("tshark failed: " + r.stderr.decode(errors="replace")[:300])
    return json.loads(r.stdout.decode(), object_pairs_hook=keep_duplicates)


def request_id(layer):
    for k, v in layer.items():
        for x in all_of(v):
            for s in (k, x if isinstance(x, str) else ""):
                if s.lower().startswith("x-requestid:"):
                    return s.split(":", 1)[1].strip().replace("\\r\\n", "").strip()
    return None


def tshark_bodies(capture, keys):
    out = {}
    for pkt in tshark_json(capture, keys):
        layers = pkt["_source"]["layers"]
        stream = int(all_of(layers["tcp"])[0]["tcp.stream"])
        for h in all_of(layers.get("http", [])):
            if not isinstance(h, dict):
                continue
            rid = request_id(h)
            if rid is None:
                continue
            direction = "request" if "http.request" in h else "response"
            raw = h.get("http.file_data_raw")
            body = all_of(raw)[0][0] if raw else ""
            out.setdefault((stream, direction, rid), []).append(body.lower())
    return out


def mapidump_bodies(mapidump, capture, keys, tmp):
    path = os.path.join(tmp, "bodies.txt")
    argv = [mapidump, "-q", "--export-bodies", path] + (["-k", keys] if keys else []) + [capture]
    r = subprocess.run(wrapper.command(argv), capture_output=True, timeout=wrapper.timeout(60))
    if r.returncode not in (0, 1):
        raise SystemExit("mapidump failed on %s (exit %d): %s"
                         % (capture, r.returncode, r.stderr.decode(errors="replace")[:300]))
    out = {}
    for line in open(path):
        stream, direction, rid, complete, body = line.rstrip("\n").split("\t")
        out.setdefault((int(stream), direction, rid), []).append(body)
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--mapidump", required=True)
    p.add_argument("--dir", required=True)
    a = p.parse_args()
    if not shutil.which("tshark"):
        print("tshark not found: cross-check skipped")
        return 77
    mapidump = os.path.abspath(a.mapidump)
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for facts in sorted(glob.glob(os.path.join(a.dir, "*.facts.json"))):
            base = facts[:-len(".facts.json")]
            capture = base + ".pcap"
            keys = base + ".keys" if os.path.exists(base + ".keys") else None
            if keys and "resume" in base:
                continue  # their key logs leave the resumed session to mapidump's cache, which tshark has not
            mine = mapidump_bodies(mapidump, capture, keys, tmp)
            theirs = tshark_bodies(capture, keys)
            errors = []
            for k, bodies in sorted(mine.items()):
                if theirs.get(k) != bodies:
                    errors.append("%s %s %s: mapidump %s, tshark %s" % (k[0], k[1], k[2],
                                  [b[:32] + "..." for b in bodies], [b[:32] + "..." for b in theirs.get(k, [])]))
            n = sum(len(v) for v in mine.values())
            if n == 0:
                errors.append("no bodies exported")
            ok = not errors
            failed += not ok
            print("%s %s: %d bodies compared" % ("ok  " if ok else "FAIL", os.path.basename(capture), n))
            for e in errors[:10]:
                print("     " + e)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
