#!/usr/bin/env python3
"""Rewrites the expected output of one captures/MANIFEST case, on purpose: review the diff (git diff
captures/expected/NAME.out) against the capture's facts and the specifications before committing.

Usage: regen-expected.py [--mapidump PATH] NAME...   (NAME: the expected file without .out)
"""
import argparse
import os
import sys

import manifest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--mapidump", default=os.path.join(ROOT, "build", "offline", "mapidump"))
    p.add_argument("--dir", default=os.path.join(ROOT, "captures"))
    p.add_argument("names", nargs="+")
    a = p.parse_args()
    a.mapidump = os.path.abspath(a.mapidump)
    cases = {c.name: c for c in manifest.read(a.dir)}
    for n in a.names:
        if n not in cases:
            sys.exit("regen-expected: no case %s in %s/MANIFEST" % (n, a.dir))
        os.makedirs(os.path.join(a.dir, "expected"), exist_ok=True)
        path = os.path.join(a.dir, "expected", cases[n].expected)
        text = cases[n].run(a.mapidump, a.dir)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        print("wrote %s (%d lines)" % (os.path.relpath(path, ROOT), text.count("\n")))


if __name__ == "__main__":
    main()
