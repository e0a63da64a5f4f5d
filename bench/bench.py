#!/usr/bin/env python3
"""mapidump's speed and memory against tshark's, on captures of MAPI/HTTP over TLS made by gen_bench.py.

For each size: writes the capture and its key log (kept between runs in the work directory), then runs
`mapidump -V` and `tshark -V` (with the mapihttp plugin once it exists; until then plain tshark) on the same
capture and keys, output to /dev/null, one after the other in this run, and prints for each the time,
throughput (capture MB per second), peak RSS (the child's ru_maxrss), and the throughput ratio. Also the
peak RSS of mapidump's other modes, to show memory does not grow with the capture.

Usage: bench.py [--sizes 100,400] [--tls 1.3] [--work DIR] [--mapidump PATH] [--no-tshark SIZE,...]
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def measure(argv):
    """Wall time and peak RSS (MiB) of one command, its output discarded."""
    with open(os.devnull, "wb") as null:
        t0 = time.monotonic()
        p = subprocess.Popen(argv, stdout=null, stderr=subprocess.PIPE)
        _, status, ru = os.wait4(p.pid, 0)
        dt = time.monotonic() - t0
        err = p.stderr.read().decode(errors="replace")
        p.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    return dt, ru.ru_maxrss / 1024.0, code, err


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", default="100,400")
    p.add_argument("--tls", default="1.3")
    p.add_argument("--work", default="/tmp/mapidump-bench")
    p.add_argument("--mapidump", default=os.path.join(ROOT, "build", "offline", "mapidump"))
    p.add_argument("--no-tshark", default="", help="sizes to run without tshark (comma-separated)")
    a = p.parse_args()
    os.makedirs(a.work, exist_ok=True)
    tshark = shutil.which("tshark")
    skip = {s for s in a.no_tshark.split(",") if s}
    plugin = os.path.exists(os.path.join(ROOT, "build", "dissector", "wireshark"))
    print("mapidump: %s" % a.mapidump)
    print("tshark:   %s%s" % (tshark or "not found", " (with the mapihttp plugin)" if plugin else
                              " (without a mapihttp plugin: it does not exist yet)"))
    print()
    rows = []
    for size in a.sizes.split(","):
        cap = os.path.join(a.work, "bench-%s-tls%s.pcap" % (size, a.tls))
        keys = cap[:-5] + ".keys"
        if not os.path.exists(cap) or not os.path.exists(keys):
            print("generating %s ..." % cap, flush=True)
            subprocess.run([sys.executable, os.path.join(HERE, "gen_bench.py"), cap, keys, "--mb", size, "--tls",
                            a.tls], check=True)
        mb = os.path.getsize(cap) / 1e6
        runs = [("mapidump -V", [a.mapidump, "-V", "-q", "-k", keys, cap]),
                ("mapidump", [a.mapidump, "-q", "-k", keys, cap]),
                ("mapidump -T json", [a.mapidump, "-T", "json", "-q", "-k", keys, cap]),
                ("mapidump --sessions", [a.mapidump, "--sessions", "-q", "-k", keys, cap])]
        if tshark and size not in skip:
            runs.append(("tshark -V", [tshark, "-n", "-r", cap, "-o", "tls.keylog_file:" + keys, "-V"]))
        res = {}
        for name, argv in runs:
            dt, rss, code, err = measure(argv)
            if code not in (0,) and name.startswith("mapidump"):
                print("%s exited %d: %s" % (name, code, err.strip()[-300:]))
            res[name] = (dt, rss)
            rows.append((size, mb, name, dt, mb / dt, rss))
            print("%6.1f MB  %-20s %8.2f s  %8.1f MB/s  peak RSS %8.1f MiB" % (mb, name, dt, mb / dt, rss),
                  flush=True)
        if "tshark -V" in res:
            ratio = res["tshark -V"][0] / res["mapidump -V"][0]
            print("%6.1f MB  throughput ratio mapidump -V / tshark -V: %.1fx (target >= 20x); peak RSS %.1f vs %.1f MiB"
                  % (mb, ratio, res["mapidump -V"][1], res["tshark -V"][1]))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
