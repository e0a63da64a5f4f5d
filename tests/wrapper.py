"""The command the test drivers run mapidump through: MAPIHTTP_TEST_WRAPPER, split like a shell command
line and put before mapidump's own argv (scripts/test.sh's Valgrind step sets it to valgrind's memcheck);
nothing when unset. Timeouts grow with it, a wrapped run being tens of times slower.

Drivers below tests/ import it with: sys.path.insert(0, <tests directory>); import wrapper
"""
import os
import shlex

PREFIX = shlex.split(os.environ.get("MAPIHTTP_TEST_WRAPPER", ""))


def command(argv):
    """argv (mapidump first) with the wrapper before it."""
    return PREFIX + list(argv)


def timeout(seconds):
    """A driver's timeout for one mapidump run, longer under a wrapper."""
    return seconds * 20 if PREFIX else seconds
