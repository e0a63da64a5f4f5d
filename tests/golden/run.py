#!/usr/bin/env python3
"""Golden tests: runs mapidump on the cases listed in MANIFEST files and compares its output and exit
status with the expected ones.

A manifest (tests/golden/MANIFEST, or any *.manifest file below tests/golden) has one case per line:

    NAME <TAB> EXIT <TAB> ARGS...

NAME names the expected output file expected/NAME.txt or expected/NAME.json (relative to the
manifest's directory); EXIT is the expected exit status; ARGS are mapidump's arguments, where paths are
relative to the manifest's directory. Lines starting with '#' are comments. JSON output is also
checked to parse as JSON.

Usage: run.py --mapidump PATH --dir tests/golden [--regen NAME]
"""
import argparse
import concurrent.futures
import difflib
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import wrapper  # noqa: E402


def manifests(root):
    for dirpath, _, files in os.walk(root):
        for f in sorted(files):
            if f == "MANIFEST" or f.endswith(".manifest"):
                yield os.path.join(dirpath, f)


def cases(path):
    base = os.path.dirname(path)
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) < 3:
                sys.exit("%s:%d: expected NAME<TAB>EXIT<TAB>ARGS" % (path, lineno))
            name, status, args = parts[0], int(parts[1]), parts[2].split()
            yield base, name, status, args


def resolve(base, args):
    out = []
    for a in args:
        p = os.path.join(base, a)
        out.append(p if not a.startswith("-") and os.path.exists(p) else a)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mapidump", required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--regen", help="rewrite the expected output of this case")
    opts = ap.parse_args()
    failures, count = 0, 0
    todo = [c for m in manifests(opts.dir) for c in cases(m) if not opts.regen or c[1] == opts.regen]

    def run(case):
        return subprocess.run(wrapper.command([opts.mapidump] + resolve(case[0], case[3])), capture_output=True,
                              text=True)

    # the runs go side by side (under the Valgrind step each takes a second); their results are read in order
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        for (base, name, status, args), p in zip(todo, pool.map(run, todo)):
            count += 1
            is_json = "json" in args
            expected_path = os.path.join(base, "expected", name + (".json" if is_json else ".txt"))
            if opts.regen:
                os.makedirs(os.path.dirname(expected_path), exist_ok=True)
                with open(expected_path, "w", encoding="utf-8") as f:
                    f.write(p.stdout)
                print("rewrote %s (exit %d%s)" % (expected_path, p.returncode,
                                                  "" if p.returncode == status else ", MANIFEST says %d" % status))
                continue
            problems = []
            if p.returncode != status:
                problems.append("exit status %d, expected %d; stderr: %s" % (p.returncode, status, p.stderr.strip()))
            if is_json:
                try:
                    json.loads(p.stdout)
                except ValueError as e:
                    problems.append("output is not JSON: %s" % e)
            try:
                with open(expected_path, encoding="utf-8") as f:
                    expected = f.read()
            except OSError:
                problems.append("missing expected output %s" % expected_path)
                expected = None
            if expected is not None and expected != p.stdout:
                diff = difflib.unified_diff(expected.splitlines(True), p.stdout.splitlines(True),
                                            "expected/" + name, "mapidump")
                problems.append("output differs:\n" + "".join(list(diff)[:80]))
            if problems:
                failures += 1
                print("FAIL %s\n  %s" % (name, "\n  ".join(problems)))
            else:
                print("ok   %s" % name)
    if opts.regen and count == 0:
        sys.exit("no case named %s" % opts.regen)
    print("%d golden cases, %d failed" % (count, failures))
    if count == 0:
        sys.exit("no golden cases found")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
