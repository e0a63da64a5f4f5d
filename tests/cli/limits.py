#!/usr/bin/env python3
"""mapidump's limits on the command line (docs/limits.md): --limit NAME=VALUE and its errors (exit 2 with
a one-line message), --limit help, the older --max-* options setting the same values, and limits hit end
to end (the problem names the limit; the exit status is 1; within the limit the decode is clean).

Usage: limits.py --mapidump PATH --root SOURCE_DIR
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, error_case, finish, run  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mapidump", required=True)
    ap.add_argument("--root", required=True)
    o = ap.parse_args()
    md = o.mapidump
    # an Execute request whose one RPC_HEADER_EXT is Compressed with SizeActual 191 (README.md shows it)
    execute = os.path.join(o.root, "captures", "raw", "execute_request.hex")
    plain = os.path.join(o.root, "captures", "plain-http.pcap")

    raw = ["--hex", "--raw-request", "Execute", execute]
    error_case(md, "unknown limit", ["--limit", "depth=3"] + raw,
               ["--limit", "no limit is named 'depth'", "--limit help"])
    error_case(md, "no value", ["--limit", "restriction_depth"] + raw, ["--limit", "not NAME=VALUE"])
    error_case(md, "not a number", ["--limit", "restriction_depth=deep"] + raw,
               ["restriction_depth: 'deep' is not a number from 1 to 1000"])
    error_case(md, "zero", ["--limit", "rows_per_table=0"] + raw, ["rows_per_table: '0' is not a number from 1"])
    error_case(md, "above the maximum", ["--limit", "restriction_depth=1001"] + raw, ["from 1 to 1000"])
    error_case(md, "bad size suffix", ["--limit", "decompressed_bytes=4T"] + raw,
               ["decompressed_bytes: '4T' is not a size in bytes", "k, M, G"])
    error_case(md, "--limit without argument", ["--limit"], ["--limit needs an argument"])
    error_case(md, "capture limit in raw mode", ["--limit", "flows=2"] + raw, ["--limit flows is for captures"])
    error_case(md, "--max-flows still checked", ["--max-flows", "0", plain], ["--max-flows: '0' is not a count"])
    error_case(md, "--max-body still checked", ["--max-body", "1T", plain], ["--max-body: '1T' is not a size"])

    p = run(md, ["--limit", "help"])
    out = p.stdout.decode()
    names = {"decompressed_bytes": "16M", "restriction_depth": "32", "nodes_per_message": "1000000",
             "rows_per_table": "100000", "fx_partial_bytes": "8M", "flow_buffer": "4M", "body": "16M",
             "flows": "16384", "sessions": "4096", "timeline": "100000"}
    check("--limit help lists every limit with its default", p.returncode == 0 and all(
        any(l.split()[:3] == [n, "default", d] for l in out.splitlines()) for n, d in names.items()), out)
    p = run(md, ["--help"])
    check("--help names --limit", p.returncode == 0 and b"--limit NAME=VALUE" in p.stdout)

    # decompressed_bytes end to end: SizeActual 191 fits 191 bytes, not 190
    p = run(md, ["--limit", "decompressed_bytes=191"] + raw)
    check("within decompressed_bytes: clean", p.returncode == 0 and b"RopLogon" in p.stdout, repr(p))
    p = run(md, ["--limit", "decompressed_bytes=190"] + raw)
    out = p.stdout.decode()
    check("past decompressed_bytes: reported, not decompressed",
          p.returncode == 1 and "[unsupported]" in out and "decoder limit decompressed_bytes = 190 bytes" in out
          and "SizeActual 191" in out and "RopLogon" not in out
          and "raise it with --limit decompressed_bytes=N" in out, out)
    p = run(md, ["-T", "json", "--limit", "decompressed_bytes=190"] + raw)
    check("past decompressed_bytes in JSON", p.returncode == 1 and b'"unsupported"' in p.stdout
          and b"decompressed_bytes = 190" in p.stdout, repr(p))

    # nodes_per_message on a capture: every message stops with the problem, and the run goes on to the end
    full = run(md, ["-V", plain])
    p = run(md, ["-V", "--limit", "nodes_per_message=3", plain])
    out = p.stdout.decode()
    messages = full.stdout.decode().count("\n\n") if full.returncode == 0 else -1
    check("nodes_per_message on a capture", full.returncode == 0 and p.returncode == 1
          and out.count("decoder limit nodes_per_message = 3 nodes") >= 10
          and out.count("\n\n") == messages, "exit %d/%d" % (full.returncode, p.returncode))

    # --limit flows=N is --max-flows N: the same output and report
    a = run(md, ["--max-flows", "2", plain])
    b = run(md, ["--limit", "flows=2", plain])
    check("--limit flows=2 is --max-flows 2", a.returncode == 1 and (a.stdout, a.stderr) == (b.stdout, b.stderr)
          and b"ended early to stay within --max-flows" in b.stderr and b"limit flows = 2 connections" in b.stderr,
          repr(b.stderr))
    # the last of --max-flows and --limit flows wins
    c = run(md, ["--limit", "flows=100", "--max-flows", "2", plain])
    check("the last setting wins", (c.stdout, c.stderr) == (a.stdout, a.stderr))

    finish()


if __name__ == "__main__":
    main()
