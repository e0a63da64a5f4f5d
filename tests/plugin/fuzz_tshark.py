#!/usr/bin/env python3
"""The plugin on the fuzzers' inputs: tshark with the plugin over the capture make_fuzz_capture.py wraps them
in (seeds, crash regressions, golden pairs and seeded mutations of them, the HTTP parser's streams).

  - tshark -V and tshark -2 (two passes, as the GUI) finish with exit status 0, with no dissector bug,
    assertion, sanitizer report or crash (run.Tshark checks standard error and the exit status);
  - no frame carries Wireshark's own "Malformed Packet" expert info (_ws.malformed: an exception thrown
    while dissecting, "Exception occurred", or a dissector bug): the plugin reports what is wrong with a
    body through its own expert infos (mapihttp.expert.*), never by throwing;
  - every body exchange that mapidump's raw mode (--raw-request/--raw-response, the same bytes, a fresh
    session) finds a problem in (exit 1) shows one of the plugin's problem expert infos
    (mapihttp.expert.truncated/malformed/unsupported/missing_context) in its connection, and every clean
    one shows none; the mutated inputs must include many of the former.

Usage: fuzz_tshark.py --plugin mapihttp.so --mapidump PATH [--tshark tshark] [--preload LIB] [--keep]
       [--mutations N] [--seed S]
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import run  # noqa: E402  (the plugin tests' tshark runner)
from make_fuzz_capture import CHAINS  # noqa: E402  (connections after the body exchanges, sharing sessions)

PROBLEMS = " || ".join("mapihttp.expert." + k for k in sorted(run.PROBLEM_KINDS))
MIN_FLAGGED = 500  # of the default 3000 mutations, far more than this are damaged beyond decoding


def internal_errors(ts, pcap):
    """(frame, tcp.stream, protocol) of the frames with Wireshark's internal-error expert infos: an exception
    thrown while dissecting ("Malformed Packet (Exception occurred)", naming the protocol that was being
    dissected), a dissector bug, a reassembly error. The problems a dissector reports itself are of the same
    Malformed group (_ws.malformed matches them, and the plugin's truncated/malformed ones) but are none of
    these."""
    text = ts.run("-r", pcap, "-2", "-V", "-Y",
                  "_ws.malformed.expert || _ws.malformed.dissector_bug || _ws.malformed.reassembly")
    found, frame, stream = [], None, None
    for line in text.splitlines():
        m = re.match(r"Frame (\d+):", line)
        if m:
            frame = int(m.group(1))
        m = re.match(r"    \[Stream index: (\d+)\]", line)  # TCP's, one level down
        if m:
            stream = int(m.group(1))
        m = re.search(r"\[(?:Malformed Packet|Dissector bug, protocol) ?:? ?([^:\]]*)", line)
        if m and "Exception occurred" not in line:
            found.append((frame, stream, m.group(1).strip()))
    return found


def streams_matching(ts, pcap, dfilter):
    out = ts.run("-r", pcap, "-2", "-Y", dfilter, "-T", "fields", "-e", "tcp.stream")
    return {int(x) for line in out.splitlines() for x in line.split(",") if x}


def read_rows(path):
    """fuzz.tsv: (tcp.stream, request type, request body file, response body file or -, origin)."""
    with open(path) as f:
        rows = [line.rstrip("\n").split("\t") for line in f if not line.startswith("#")]
    return [(int(r[0]),) + tuple(r[1:]) for r in rows]


def mapidump_problems(mapidump, work, rows):
    """tcp.stream -> mapidump's raw-mode exit status for that exchange."""
    status = {}
    for stream, rtype, req, resp, origin in rows:
        argv = [mapidump, "--raw-request", rtype, os.path.join(work, req)]
        if resp != "-":
            argv += ["--raw-response", rtype, os.path.join(work, resp)]
        p = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if p.returncode not in (0, 1):
            raise run.Failure("mapidump %s: exit %d: %s" % (" ".join(argv[1:]), p.returncode, p.stderr.decode()[-500:]))
        status[stream] = p.returncode
    return status


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--tshark", default="tshark")
    ap.add_argument("--mapidump", required=True)
    ap.add_argument("--preload")
    ap.add_argument("--mutations", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = ap.parse_args()
    if not shutil.which(args.tshark):
        print("SKIPPED: tshark not found")
        return run.SKIP
    work = tempfile.mkdtemp(prefix="mapihttp-fuzz-")
    try:
        caps = os.path.join(work, "captures")
        subprocess.run([sys.executable, os.path.join(HERE, "make_fuzz_capture.py"), caps, "--mutations",
                        str(args.mutations), "--seed", str(args.seed)], check=True, stdout=subprocess.DEVNULL)
        ts = run.Tshark(args, work)
        pcap = os.path.join(caps, "fuzz.pcap")
        # every label built (-V, one pass); the runs below take both passes, as the GUI does
        text = ts.run("-r", pcap, "-V")
        shown = text.count("\nMAPI over HTTP")
        del text
        rows = read_rows(os.path.join(caps, "fuzz.tsv"))
        internal = internal_errors(ts, pcap)
        # the body exchanges are sent whole and well framed: no dissector may throw on them; the HTTP
        # streams carry damaged Authorization headers, which Wireshark's own NTLMSSP, SPNEGO and Kerberos
        # dissectors may throw on, but the plugin never
        ours = [(f, s, p) for f, s, p in internal if p.upper() == "MAPIHTTP" or s < len(rows) + CHAINS]
        if ours:
            raise run.Failure("Malformed Packet (an exception while dissecting) in frame, tcp.stream, protocol: %s"
                              % ours[:20])
        shown_in = streams_matching(ts, pcap, "mapihttp")
        unseen = sorted(r[0] for r in rows if r[0] not in shown_in)
        if unseen:
            raise run.Failure("%d exchanges not dissected as MAPI/HTTP, e.g. tcp.stream %s"
                              % (len(unseen), unseen[:10]))
        flagged = streams_matching(ts, pcap, PROBLEMS)
        status = mapidump_problems(args.mapidump, caps, rows)
        origin = {r[0]: r[4] for r in rows}
        missing = sorted(s for s, st in status.items() if st == 1 and s not in flagged)
        extra = sorted(s for s, st in status.items() if st == 0 and s in flagged)
        for what, streams in (("mapidump finds a problem, the plugin shows no expert info", missing),
                              ("the plugin shows a problem, mapidump finds none", extra)):
            if streams:
                raise run.Failure("%d exchanges: %s, e.g. tcp.stream %s"
                                  % (len(streams), what, ", ".join("%d (%s)" % (s, origin[s]) for s in streams[:8])))
        bad = sum(1 for st in status.values() if st == 1)
        if bad < MIN_FLAGGED * args.mutations // 3000:
            raise run.Failure("only %d exchanges with problems: the mutations are too mild to test anything" % bad)
        print("fuzz: %d MAPI/HTTP messages shown in %d exchanges (+ shared sessions and HTTP streams); "
              "%d with problems, all shown as expert infos as mapidump reports them; no exception, no dissector bug"
              % (shown, len(rows), bad))
        return 0
    except run.Failure as e:
        print("FAIL: %s" % e)
        return 1
    finally:
        if args.keep:
            print("kept " + work)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
