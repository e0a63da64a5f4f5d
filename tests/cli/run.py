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

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import wrapper  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, error_case, finish, run  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mapidump", required=True)
    ap.add_argument("--dir", required=True)
    o = ap.parse_args()
    md = o.mapidump
    ping_resp = os.path.join(o.dir, "inputs", "connect_request.hex")
    tmp = tempfile.mkdtemp()

    error_case(md, "no arguments", [], ["nothing to decode"])
    error_case(md, "missing file", ["--raw-request", "PING", os.path.join(tmp, "nope.bin")],
               ["nope.bin", "No such file"])
    error_case(md, "directory", ["--raw-request", "PING", tmp], [tmp, "directory"])
    bad = os.path.join(tmp, "bad.hex")
    with open(bad, "w") as f:
        f.write("01 02 zz\n")
    error_case(md, "not hex", ["--hex", "--raw-request", "Execute", bad], ["bad.hex", "not hex text", "offset 6"])
    odd = os.path.join(tmp, "odd.hex")
    with open(odd, "w") as f:
        f.write("01 0\n")
    error_case(md, "odd hex digits", ["--hex", "--raw-request", "Execute", odd], ["odd.hex", "odd number"])
    error_case(md, "unknown request type", ["--raw-request", "Frobnicate", bad],
               ["unknown request type 'Frobnicate'", "Execute"])
    error_case(md, "unknown format", ["-T", "xml", "--raw-request", "PING", bad], ["unknown output format 'xml'"])
    error_case(md, "request without file", ["--raw-request", "PING"], ["--raw-request needs TYPE and FILE"])
    error_case(md, "unknown option", ["--frob"], ["unknown option"])
    error_case(md, "stray argument", ["--raw-request", "PING", bad, "extra"], ["unexpected argument 'extra'"])
    error_case(md, "option twice", ["--raw-request", "PING", bad, "--raw-request", "PING", bad], ["given twice"])

    # Bad input in capture mode (issue 8): each message names the file, says what is wrong and what to do.
    # The expected lines are written here from what the message must say; captures/MANIFEST has the cases
    # that need no file made on the fly.
    def exact_case(name, args, line, status=2):
        p = run(md, args)
        err = p.stderr.decode()
        check(name, p.returncode == status and err == "mapidump: " + line + "\n",
              "exit %d, stderr %r, expected %r" % (p.returncode, err, "mapidump: " + line + "\n"))

    def write(name, data):
        path = os.path.join(tmp, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    capture = os.path.join(o.dir, "..", "..", "captures", "plain-http.pcap")
    with open(capture, "rb") as f:
        plain = f.read()
    empty_cap = write("empty.pcap", b"")
    exact_case("empty capture", [empty_cap], empty_cap + ": not a capture (the file is empty)")
    # a pcap file header ([libpcap] 24 bytes) cut after its magic number and version
    cut = write("cut-header.pcap", plain[:10])
    exact_case("capture cut inside its file header", [cut], cut + ": the capture is cut short inside its file "
               "header, before any packet (truncated dump file; tried to read 24 file header bytes, only got 6); "
               "nothing to decode")
    exact_case("capture missing", [os.path.join(tmp, "nope.pcap")],
               os.path.join(tmp, "nope.pcap") + ": cannot open the capture: No such file or directory")
    notcap = write("notes.txt", b"not a capture at all\n")
    exact_case("not a capture", [notcap], notcap + ": not a pcap or pcapng capture (unknown file format)")
    # key logs: one bad line each, after a good one, named by file and line ([NSS key log format]:
    # LABEL <64 hex digits of client random> <secret in hex>)
    good = "CLIENT_RANDOM " + "11" * 32 + " " + "22" * 48 + "\n"
    for what, line, why in (
            ("two fields", "CLIENT_RANDOM " + "11" * 32, "expected three fields: LABEL CLIENT_RANDOM SECRET (an NSS "
                                                          "key log, as SSLKEYLOGFILE writes)"),
            ("lower-case label", "client_random " + "11" * 32 + " " + "22" * 48,
             "the label is not an upper-case word (like CLIENT_RANDOM)"),
            ("short client random", "CLIENT_RANDOM " + "11" * 31 + " " + "22" * 48,
             "the client random must be 64 hex digits"),
            ("secret not hex", "CLIENT_HANDSHAKE_TRAFFIC_SECRET " + "11" * 32 + " " + "zz" * 32,
             "the secret must be hex digits (at most 128)"),
            ("master secret length", "CLIENT_RANDOM " + "11" * 32 + " " + "22" * 32,
             "a CLIENT_RANDOM master secret must be 48 bytes (96 hex digits)")):
        keys = write("bad.keys", (good + line + "\n").encode())
        exact_case("key log: " + what, ["-k", keys, capture], keys + ":2: malformed key-log line: " + why)
    keys = write("good.keys", good.encode())
    # an empty key log, or one of comments only, is no error, but is said at once (and not with -q)
    for what, text in (("empty key log", b""), ("key log of comments", b"# SSL/TLS secrets log file\n\n")):
        nokeys = write("none.keys", text)
        p = run(md, ["-k", nokeys, capture])
        err = p.stderr.decode()
        line = ("mapidump: %s: the key log holds no secrets (it is empty or only comments); was SSLKEYLOGFILE set "
                "for the client that made this capture?\n" % nokeys)
        check(what, p.returncode == 0 and err.startswith(line) and err.count(line) == 1, repr(p))
        p = run(md, ["-q", "-k", nokeys, capture])
        check(what + " with -q", p.returncode == 0 and p.stderr == b"", repr(p))
    p = run(md, ["-k", keys, capture])
    check("a key log with secrets is not called empty", b"holds no secrets" not in p.stderr, repr(p))
    # conflicting options
    bin_file = write("ping.bin", b"")
    exact_case("-T twice", ["-T", "text", "-T", "json", capture], "-T given twice, as 'text' and as 'json': choose one")
    exact_case("-V with -T json", ["-T", "json", "-V", capture],
               "-V is for text output; -T json already carries every field: drop one of them")
    exact_case("raw mode and a capture", ["--raw-request", "PING", bin_file, capture],
               "unexpected argument '%s': --raw-request/--raw-response decode single bodies, not a CAPTURE "
               "(see --help)" % capture)
    exact_case("raw mode and --sessions", ["--sessions", "--raw-request", "PING", bin_file],
               "--sessions is for captures, not for --raw-request/--raw-response")
    exact_case("raw mode and -k", ["-k", keys, "--raw-request", "PING", bin_file],
               "-k is for captures, not for --raw-request/--raw-response")
    exact_case("request and response of two types", ["--raw-request", "Execute", bin_file, "--raw-response", "Connect",
                                                      bin_file],
               "--raw-request Execute with --raw-response Connect: a response is decoded with its own request, of "
               "the same type")
    exact_case("--hex with a capture", ["--hex", capture],
               "--hex is for --raw-request/--raw-response, not for captures")
    exact_case("--progress and --no-progress", ["--progress", "--no-progress", capture],
               "--progress and --no-progress contradict each other: choose one")
    for opt, a, b in (("--session", "s1", "s2"), ("--request-type", "Execute", "PING"), ("--rop", "RopLogon", "0x01")):
        exact_case(opt + " twice", [opt, a, opt, b, capture],
                   opt + " given twice: it filters on one value; run mapidump once per value")
    exact_case("--export-bodies over the capture", ["--export-bodies", capture, capture],
               capture + ": the --export-bodies file is the capture; give another file name")
    exact_case("--tls-debug over a key log", ["-k", keys, "--tls-debug", keys, capture],
               keys + ": the --tls-debug file is a key log (-k); give another file name")
    exact_case("--export-bodies in a missing directory", ["--export-bodies", os.path.join(tmp, "no", "b.txt"), capture],
               os.path.join(tmp, "no", "b.txt") + ": cannot write the --export-bodies file: No such file or directory")
    # the same value twice is no conflict
    p = run(md, ["-q", "-T", "json", "-T", "json", "--request-type", "PING", "--request-type", "ping", "--rop",
                 "RopLogon", "--rop", "0xFE", capture])
    check("same value twice", p.returncode == 0 and p.stderr == b"", repr(p))

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
            r = subprocess.run(wrapper.command([md, "--raw-request", "Connect", binf]), stdout=full,
                               stderr=subprocess.PIPE)
        check("write error", r.returncode == 2 and b"write error" in r.stderr, repr(r))
    finish()


if __name__ == "__main__":
    main()
