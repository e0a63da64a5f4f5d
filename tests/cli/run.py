#!/usr/bin/env python3
"""mapidump's command line: usage and I/O errors (exit 2 with a one-line message naming the file and the
reason), --help/--version, standard input, binary and hex input, and the exit status of a clean decode
(0) and of one with a problem (1).

Usage: run.py --mapidump PATH --dir tests/golden
"""
import argparse
import os
import subprocess
import sys
import tempfile

failures = 0


def check(name, cond, detail=""):
    global failures
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else "\n  " + detail))
    if not cond:
        failures += 1


def run(md, args, stdin=None):
    return subprocess.run([md] + args, input=stdin, capture_output=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mapidump", required=True)
    ap.add_argument("--dir", required=True)
    o = ap.parse_args()
    md = o.mapidump
    ping_resp = os.path.join(o.dir, "inputs", "connect_request.hex")
    tmp = tempfile.mkdtemp()

    def error_case(name, args, words, stdin=None):
        p = run(md, args, stdin)
        err = p.stderr.decode()
        ok = p.returncode == 2 and err.count("\n") == 1 and err.startswith("mapidump: ") and all(w in err for w in words)
        check(name, ok, "exit %d, stderr %r" % (p.returncode, err))

    error_case("no arguments", [], ["nothing to decode"])
    error_case("missing file", ["--raw-request", "PING", os.path.join(tmp, "nope.bin")], ["nope.bin", "No such file"])
    error_case("directory", ["--raw-request", "PING", tmp], [tmp, "directory"])
    bad = os.path.join(tmp, "bad.hex")
    with open(bad, "w") as f:
        f.write("01 02 zz\n")
    error_case("not hex", ["--hex", "--raw-request", "Execute", bad], ["bad.hex", "not hex text", "offset 6"])
    odd = os.path.join(tmp, "odd.hex")
    with open(odd, "w") as f:
        f.write("01 0\n")
    error_case("odd hex digits", ["--hex", "--raw-request", "Execute", odd], ["odd.hex", "odd number"])
    error_case("unknown request type", ["--raw-request", "Frobnicate", bad], ["unknown request type 'Frobnicate'", "Execute"])
    error_case("unknown format", ["-T", "xml", "--raw-request", "PING", bad], ["unknown output format 'xml'"])
    error_case("request without file", ["--raw-request", "PING"], ["--raw-request needs TYPE and FILE"])
    error_case("unknown option", ["--frob"], ["unknown option"])
    error_case("stray argument", ["--raw-request", "PING", bad, "extra"], ["unexpected argument 'extra'"])
    error_case("option twice", ["--raw-request", "PING", bad, "--raw-request", "PING", bad], ["given twice"])

    p = run(md, ["--help"])
    check("--help", p.returncode == 0 and b"--raw-request TYPE FILE" in p.stdout and b"Exit status" in p.stdout)
    p = run(md, ["--version"])
    check("--version", p.returncode == 0 and p.stdout.startswith(b"mapidump "))

    # binary input, clean decode: a PING request has no body ([MS-OXCMAPIHTTP] 2.2.6)
    empty = os.path.join(tmp, "empty.bin")
    open(empty, "wb").close()
    p = run(md, ["--raw-request", "PING", empty])
    check("empty PING request exits 0", p.returncode == 0 and b"PING (no body)" in p.stdout, repr(p))
    # an empty Execute request is truncated: exit 1
    p = run(md, ["--raw-request", "Execute", empty])
    check("empty Execute request exits 1", p.returncode == 1 and b"[truncated]" in p.stdout, repr(p))
    # standard input, hex
    with open(ping_resp) as f:
        text = f.read().encode()
    p = run(md, ["--hex", "--raw-request", "Connect", "-"], stdin=text)
    check("stdin", p.returncode == 0 and b"UserDn: /o=Contoso" in p.stdout, repr(p))
    # binary file with the same bytes as the hex file
    binf = os.path.join(tmp, "connect.bin")
    with open(binf, "wb") as f:
        f.write(bytes.fromhex(text.decode()))
    q = run(md, ["--raw-request", "Connect", binf])
    check("binary equals hex", q.returncode == 0 and q.stdout == p.stdout)
    # write error on standard output
    if os.path.exists("/dev/full"):
        with open("/dev/full", "wb") as full:
            r = subprocess.run([md, "--raw-request", "Connect", binf], stdout=full, stderr=subprocess.PIPE)
        check("write error", r.returncode == 2 and b"write error" in r.stderr, repr(r))
    print("%d failed" % failures)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
