#!/usr/bin/env python3
"""mapidump's speed and memory against tshark's, on captures of MAPI/HTTP over TLS made by gen_bench.py.

For each size: writes the capture and its key log (kept between runs in the work directory), then runs
`mapidump -V` and `tshark -V` with the mapihttp plugin (--plugin; tshark runs as an unprivileged user
when this runs as root, since tshark ignores personal plugins as root) on the same capture and keys,
output to /dev/null, one after the other in this run, and prints for each the time, throughput (capture MB per second), peak RSS (the child's ru_maxrss), and the throughput ratio. Also the
peak RSS of mapidump's other modes, to show memory does not grow with the capture.

Usage: bench.py [--sizes 100,400] [--tls 1.3] [--work DIR] [--mapidump PATH] [--plugin mapihttp.so]
                [--no-tshark SIZE,...] [--repeat N]

Each command runs --repeat times (default 3) after the capture has been read once into the page cache;
the median time and the largest peak RSS are shown.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def measure(argv, env=None):
    """Wall time and peak RSS (MiB) of one command, its output discarded."""
    with open(os.devnull, "wb") as null:
        t0 = time.monotonic()
        p = subprocess.Popen(argv, stdout=null, stderr=subprocess.PIPE, env=env)
        _, status, ru = os.wait4(p.pid, 0)
        dt = time.monotonic() - t0
        err = p.stderr.read().decode(errors="replace")
        p.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    return dt, ru.ru_maxrss / 1024.0, code, err


def tshark_with_plugin(a):
    """The command prefix and environment that make tshark load the plugin: a plugin directory of our own
    (WIRESHARK_PLUGIN_DIR), as an unprivileged user when we are root. (prefix, None) when it does not load."""
    if not a.plugin or not shutil.which("tshark"):
        return [], None
    plugdir = os.path.join(a.work, "plugins")
    epan = os.path.join(plugdir, "4.0", "epan")
    home = os.path.join(a.work, "home")
    os.makedirs(epan, exist_ok=True)
    os.makedirs(home, exist_ok=True)
    shutil.copy(a.plugin, epan)
    prefix = []
    if os.geteuid() == 0:
        prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        for d in (a.work, plugdir, os.path.join(plugdir, "4.0"), epan, home):
            os.chown(d, 65534, 65534)
            os.chmod(d, 0o755)
        os.chmod(os.path.join(epan, "mapihttp.so"), 0o755)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "WIRESHARK_PLUGIN_DIR": plugdir}
    probe = subprocess.run(prefix + ["tshark", "-G", "plugins"], env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL)
    if b"mapihttp" not in probe.stdout:
        return [], None
    return prefix, env


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", default="100,400")
    p.add_argument("--tls", default="1.3")
    p.add_argument("--work", default="/tmp/mapidump-bench")
    p.add_argument("--mapidump", default=os.path.join(ROOT, "build", "offline", "mapidump"))
    p.add_argument("--plugin", help="mapihttp.so for tshark")
    p.add_argument("--no-tshark", default="", help="sizes to run without tshark (comma-separated)")
    p.add_argument("--repeat", type=int, default=3, help="runs of each command; the median time is shown")
    a = p.parse_args()
    os.makedirs(a.work, exist_ok=True)
    os.chmod(a.work, 0o755)
    tshark = shutil.which("tshark")
    skip = {s for s in a.no_tshark.split(",") if s}
    prefix, env = tshark_with_plugin(a)
    print("mapidump: %s" % a.mapidump)
    print("tshark:   %s%s" % (tshark or "not found", " (with the mapihttp plugin %s)" % a.plugin if env else
                              " (WITHOUT the mapihttp plugin: none given or it does not load)"))
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
            runs.append(("tshark -V", prefix + [tshark, "-n", "-r", cap, "-o", "tls.keylog_file:" + keys, "-V"]))
        for f in (cap, keys):
            os.chmod(f, 0o644)
        # read the capture once first so that no command pays for the disk alone
        with open(cap, "rb") as fh:
            while fh.read(1 << 22):
                pass
        res = {}
        for name, argv in runs:
            times, rss = [], 0.0
            for _ in range(max(1, a.repeat)):
                dt, r, code, err = measure(argv, env if name.startswith("tshark") else None)
                if code not in (0,) and name.startswith("mapidump"):
                    print("%s exited %d: %s" % (name, code, err.strip()[-300:]))
                times.append(dt)
                rss = max(rss, r)
            dt = sorted(times)[len(times) // 2]
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
