"""What the command-line tests (tests/cli/*.py) share: a named check that prints ok or FAIL with its
detail, and the count of failures the test exits with."""
import sys

failures = 0


def check(name, cond, detail=""):
    global failures
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else "\n  " + detail))
    if not cond:
        failures += 1


def finish():
    print("%d failed" % failures)
    sys.exit(1 if failures else 0)
