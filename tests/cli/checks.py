"""What the command-line tests (tests/cli/*.py) share: running mapidump (through tests/wrapper.py, so that
the Valgrind step covers it), a named check that prints ok or FAIL with its detail, the usage-error check
(exit 2, one line "mapidump: ..." holding the words given), and the count of failures the test exits with."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import wrapper  # noqa: E402

failures = 0


def check(name, cond, detail=""):
    global failures
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else "\n  " + detail))
    if not cond:
        failures += 1


def run(md, args, stdin=None):
    return subprocess.run(wrapper.command([md] + args), input=stdin, capture_output=True)


def error_case(md, name, args, words, stdin=None):
    p = run(md, args, stdin)
    err = p.stderr.decode()
    ok = p.returncode == 2 and err.count("\n") == 1 and err.startswith("mapidump: ") and all(w in err for w in words)
    check(name, ok, "exit %d, stderr %r" % (p.returncode, err))


def finish():
    print("%d failed" % failures)
    sys.exit(1 if failures else 0)
