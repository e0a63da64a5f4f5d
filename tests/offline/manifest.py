"""The regression manifest of captures/MANIFEST (its header describes the format) and how a case runs."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import wrapper  # noqa: E402


class Case:
    def __init__(self, capture, keys, options, expected):
        self.stdin = capture.startswith("<")
        self.capture = capture[1:] if self.stdin else capture
        self.keys = None if keys == "-" else keys
        self.options = [] if options == "-" else options.split(" ")
        self.expected = expected

    @property
    def name(self):
        return self.expected.rsplit(".out", 1)[0]

    def argv(self, mapidump):
        a = [mapidump] + self.options
        if self.keys:
            a += ["-k", self.keys]
        return a + ["-" if self.stdin else self.capture]

    def run(self, mapidump, directory):
        """The text the expected file holds: stdout, stderr and the exit status."""
        inp = open(os.path.join(directory, self.capture), "rb") if self.stdin else subprocess.DEVNULL
        try:
            r = subprocess.run(wrapper.command(self.argv(mapidump)), cwd=directory, stdin=inp, capture_output=True,
                               timeout=wrapper.timeout(60))
        finally:
            if self.stdin:
                inp.close()
        out = r.stdout.decode("utf-8", "replace")
        err = r.stderr.decode("utf-8", "replace")
        return "%s--- stderr ---\n%s--- exit %d ---\n" % (out, err, r.returncode)


def read(directory):
    cases = []
    with open(os.path.join(directory, "MANIFEST")) as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 4:
                raise SystemExit("MANIFEST:%d: expected 4 TAB-separated fields, got %d" % (n, len(fields)))
            cases.append(Case(*fields))
    return cases
