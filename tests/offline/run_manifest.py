#!/usr/bin/env python3
"""Runs every case of captures/MANIFEST and compares mapidump's output with the expected file.

Usage: run_manifest.py --mapidump PATH --dir CAPTURES [NAME...]
"""
import argparse
import difflib
import os
import sys

import manifest


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--mapidump", required=True)
    p.add_argument("--dir", required=True)
    p.add_argument("names", nargs="*")
    a = p.parse_args()
    a.mapidump = os.path.abspath(a.mapidump)
    cases = manifest.read(a.dir)
    failed = 0
    ran = 0
    for c in cases:
        if a.names and c.name not in a.names:
            continue
        ran += 1
        exp_path = os.path.join(a.dir, "expected", c.expected)
        if not os.path.exists(exp_path):
            print("FAIL %s: %s is missing (tests/offline/regen-expected.py %s writes it)" % (c.name, exp_path, c.name))
            failed += 1
            continue
        want = open(exp_path, encoding="utf-8").read()
        got = c.run(a.mapidump, a.dir)
        if got == want:
            print("ok   %s" % c.name)
            continue
        failed += 1
        print("FAIL %s: %s" % (c.name, " ".join(c.argv("mapidump"))))
        diff = list(difflib.unified_diff(want.splitlines(), got.splitlines(), "expected/" + c.expected, "actual",
                                         lineterm="", n=2))
        for line in diff[:60]:
            print("     " + (line if len(line) <= 240 else line[:240] + "..."))
        if len(diff) > 60:
            print("     ... (%d more diff lines)" % (len(diff) - 60))
    if not ran:
        print("no case ran")
        return 1
    print("%d of %d cases passed" % (ran - failed, ran))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
