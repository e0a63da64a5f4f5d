#!/usr/bin/env python3
"""Tests of the Wireshark plugin with tshark (one test per invocation, named on the command line):

  registration   tshark -G plugins / protocols / fields / heuristic-decodes: the plugin is loaded, the
                 protocol is "MAPI over HTTP" (mapihttp), every field of the core's registry
                 (dissector/fields/*.def) is a field with the same filter name and the mapped type
  golden         session.pcap (plain HTTP, port 8765) and tls.pcap (TLS, port 443, key log): -T fields of
                 selected mapihttp.* fields, display filters, -z mapihttp,srt and -z mapihttp,tree,
                 compared with tests/plugin/expected/*.txt (--regen rewrites them on purpose)
  passes         a one-pass run and a two-pass run (-2, as the GUI: the tree comes from the frame's
                 record, not from the order of dissection) show the same MAPI/HTTP trees, apart from
                 "Response in", which a single pass cannot know yet
  consistency    every golden case (tests/golden manifests) sent as HTTP in cases.pcap: the mapihttp.*
                 fields and values of tshark -T json equal those of mapidump --raw-request/--raw-response
                 -T json for the same bodies (see normalise() for display differences)
  captures       once mapidump has its capture mode (issue 3): for each capture under captures/ (with
                 its key log) and the generated ones, tshark -T json and mapidump -T json CAPTURE give the
                 same messages with the same fields; skipped (exit 77) while mapidump has no capture mode
  robustness     robust.pcap (damaged bodies, odd headers): tshark -V and -2 -T json finish, with no
                 dissector bug, exception or sanitizer report

tshark ignores personal plugins when run as root, so as root tshark runs as nobody (setpriv); the
plugin is given through WIRESHARK_PLUGIN_DIR in a temporary directory (so that an installed copy in the
system directory cannot interfere), with a temporary HOME (no personal preferences). Nothing outside
the temporary directory is changed, and it is removed afterwards.
"""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
EXPECTED = os.path.join(HERE, "expected")
SKIP = 77

# Fields of the Wireshark front end itself: not in mapidump's output.
OWN_FIELDS = {"mapihttp.session_number", "mapihttp.request_in", "mapihttp.response_in", "mapihttp.time"}
PROBLEM_KINDS = {"truncated", "malformed", "unsupported", "missing_context"}
FT = {"NONE": "FT_NONE", "BOOLEAN": "FT_BOOLEAN", "UINT8": "FT_UINT8", "UINT16": "FT_UINT16",
      "UINT32": "FT_UINT32", "UINT64": "FT_UINT64", "INT32": "FT_INT32", "INT64": "FT_INT64",
      "DOUBLE": "FT_DOUBLE", "STRING": "FT_STRING", "BYTES": "FT_BYTES", "GUID": "FT_GUID",
      "FILETIME": "FT_ABSOLUTE_TIME"}


def core_fields():
    """filter name -> type, from the core's field registry."""
    out = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "dissector", "fields", "*.def"))):
        for m in re.finditer(r'MH_FIELD\(\s*\w+\s*,\s*"([^"]+)"\s*,\s*"(?:[^"\\]|\\.)*"\s*,\s*(\w+)', open(path).read()):
            out[m.group(1)] = m.group(2)
    return out


TYPES = core_fields()


class Failure(Exception):
    pass


class Tshark:
    """Runs tshark with the plugin under test, as an unprivileged user when we are root."""

    def __init__(self, args, work):
        self.args, self.work = args, work
        self.home = os.path.join(work, "home")
        plugdir = os.path.join(work, "plugins")
        epan = os.path.join(plugdir, "4.0", "epan")
        os.makedirs(epan)
        os.makedirs(self.home)
        # no extcap programs: tshark -G plugins would run each (and pass them the sanitizer preload)
        extcap = os.path.join(work, "extcap")
        os.makedirs(extcap)
        shutil.copy(args.plugin, epan)
        self.env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": self.home, "LANG": "C.UTF-8",
                    "TZ": "UTC", "XDG_CONFIG_HOME": os.path.join(self.home, ".config"),
                    "WIRESHARK_PLUGIN_DIR": plugdir, "WIRESHARK_EXTCAP_DIR": extcap}
        if args.preload:
            # the sanitizer build's plugin needs the ASan runtime first in a tshark that has none;
            # tshark's own allocations at exit are not ours to report, so leak detection is off
            self.env["LD_PRELOAD"] = args.preload
            self.env["ASAN_OPTIONS"] = "detect_leaks=0:abort_on_error=1:allocator_may_return_null=1"
            self.env["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
        self.prefix = []
        if os.geteuid() == 0:
            self.prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
            for d, dirs, files in os.walk(work):
                os.chown(d, 65534, 65534)
                for f in files:
                    os.chown(os.path.join(d, f), 65534, 65534)
        os.chmod(work, 0o755)

    def run(self, *argv, ok_codes=(0,), cut_short_ok=False):
        cmd = self.prefix + [self.args.tshark] + list(argv)
        p = subprocess.run(cmd, env=self.env, cwd=self.work, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out, err = p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
        if cut_short_ok and p.returncode == 2 and "cut short in the middle of a packet" in err:
            return out  # a capture truncated on purpose: tshark shows what it read, then says so
        bad = [l for l in err.splitlines() if re.search(r"Dissector bug|WARNING|CRITICAL|AddressSanitizer|"
                                                          r"runtime error|LeakSanitizer|Segmentation", l)]
        if p.returncode not in ok_codes or bad:
            raise Failure("tshark %s: exit %d\n%s" % (" ".join(argv), p.returncode, err[-4000:]))
        return out


def make_captures(work):
    caps = os.path.join(work, "captures")
    subprocess.run([sys.executable, os.path.join(HERE, "make_captures.py"), caps], check=True)
    for f in os.listdir(caps):
        os.chmod(os.path.join(caps, f), 0o644)
    os.chmod(caps, 0o755)
    return caps


def tls_opts(caps):
    return ["-o", "tls.keylog_file:" + os.path.join(caps, "tls.keys")]


# ---- registration ----

def test_registration(ts, caps):
    plugins = ts.run("-G", "plugins")
    if not re.search(r"^mapihttp\.so\s.*%s" % re.escape(ts.work), plugins, re.M):
        raise Failure("tshark -G plugins does not list the plugin under test:\n" + plugins)
    protocols = ts.run("-G", "protocols")
    if "MAPI over HTTP\tMAPIHTTP\tmapihttp" not in protocols.splitlines():
        raise Failure("tshark -G protocols has no 'MAPI over HTTP / MAPIHTTP / mapihttp'")
    heur = ts.run("-G", "heuristic-decodes")
    if not re.search(r"^http\tmapihttp\tT$", heur, re.M):
        raise Failure("the HTTP heuristic is not registered and enabled:\n" + heur)
    registered = {}
    for line in ts.run("-G", "fields").splitlines():
        f = line.split("\t")
        if f[0] == "F" and f[2].startswith("mapihttp"):
            registered.setdefault(f[2], set()).add(f[3])
    core = core_fields()
    missing = [n for n in core if n != "mapihttp" and n not in registered]
    wrong = ["%s: %s, expected %s" % (n, registered[n], FT[t]) for n, t in core.items()
             if n in registered and FT[t] not in registered[n]]
    if missing or wrong:
        raise Failure("fields missing: %s\nfields of the wrong type: %s" % (missing[:20], wrong[:20]))
    print("registration: plugin loaded, protocol registered, %d core fields and %d plugin fields present"
          % (len(core) - 1, len(OWN_FIELDS)))


# ---- golden output ----

FIELDS = ["frame.number", "_ws.col.Info", "mapihttp.session_number", "mapihttp.request_type",
          "mapihttp.request_id.counter", "mapihttp.request_in", "mapihttp.response_in", "mapihttp.time",
          "mapihttp.response_code", "mapihttp.status_code", "mapihttp.rop.id", "mapihttp.rop.return_value",
          "mapihttp.pending_count", "mapihttp.value.time", "mapihttp.problem"]

FILTERS = ['mapihttp.request_type == "Execute"', "mapihttp.rop.id == 0x07", "mapihttp.response_code != 0",
           "mapihttp.rop.return_value != 0", "mapihttp.expert.unsupported", "mapihttp.expert.truncated",
           "mapihttp.expert.rop_failure", "mapihttp.time > 0.1", "mapihttp.session_number == 1",
           'mapihttp.value.time == "2014-02-04 12:34:56"', "mapihttp.buffer", "mapihttp && !http"]


def golden_text(ts, pcap, extra):
    out = ["## tshark -2 -T fields (-Y mapihttp)"]
    args = ["-r", pcap, "-2", "-Y", "mapihttp", "-T", "fields", "-E", "header=y", "-E", "occurrence=a",
            "-E", "aggregator=,"]
    for f in FIELDS:
        args += ["-e", f]
    out += ts.run(*(args + extra)).rstrip("\n").splitlines()
    for flt in FILTERS:
        frames = ts.run("-r", pcap, "-2", "-Y", flt, "-T", "fields", "-e", "frame.number", *extra).split()
        out.append("## -Y '%s': %s" % (flt, " ".join(frames) or "(none)"))
    out.append("## -z mapihttp,srt -z mapihttp,tree")
    out += ts.run("-r", pcap, "-q", "-z", "mapihttp,srt", "-z", "mapihttp,tree", *extra).rstrip("\n").splitlines()
    return "\n".join(l.rstrip() for l in out) + "\n"


def test_golden(ts, caps, regen):
    failed = []
    for name, extra in (("session", []), ("tls", tls_opts(caps))):
        got = golden_text(ts, os.path.join(caps, name + ".pcap"), extra)
        path = os.path.join(EXPECTED, name + ".txt")
        if regen:
            os.makedirs(EXPECTED, exist_ok=True)
            with open(path, "w") as f:
                f.write(got)
            print("wrote " + os.path.relpath(path, ROOT))
            continue
        want = open(path).read() if os.path.exists(path) else ""
        if got != want:
            import difflib
            sys.stdout.writelines(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                                       "expected/" + name + ".txt", "tshark"))
            failed.append(name)
    if failed:
        raise Failure("output differs from the expected files: %s (tests/plugin/run.py --regen rewrites them)"
                      % ", ".join(failed))
    print("golden: session.pcap and tls.pcap as expected")


# ---- one pass and two passes ----

def mapi_sections(text):
    """The MAPI over HTTP trees of -V output, per frame, without the "Response in" line."""
    frames, cur, inside = [], None, False
    for line in text.splitlines():
        if line.startswith("Frame "):
            cur = [line.split(":")[0]]
            frames.append(cur)
            inside = False
        elif line.startswith("MAPI over HTTP"):
            inside = True
            cur.append(line)
        elif line and not line.startswith(" "):
            inside = False
        elif inside and "[Response in:" not in line:
            cur.append(line)
    return [f for f in frames if len(f) > 1]


def test_passes(ts, caps):
    for name, extra in (("session", []), ("tls", tls_opts(caps)), ("robust", [])):
        pcap = os.path.join(caps, name + ".pcap")
        one = mapi_sections(ts.run("-r", pcap, "-V", *extra))
        two = mapi_sections(ts.run("-r", pcap, "-2", "-V", *extra))
        if not one or one != two:
            for a, b in zip(one, two):
                if a != b:
                    raise Failure("%s: %s differs between one and two passes:\n%s\n---\n%s"
                                  % (name, a[0], "\n".join(a[:60]), "\n".join(b[:60])))
            raise Failure("%s: %d frames with MAPI/HTTP in one pass, %d in two" % (name, len(one), len(two)))
        print("passes: %s.pcap: %d frames, the same trees in one and two passes" % (name, len(one)))


# ---- consistency with mapidump ----

def pairs(text):
    return json.loads(text, object_pairs_hook=lambda p: p)


def get(ps, key, default=None):
    for k, v in ps:
        if k == key:
            return v
    return default


def flatten_tshark(ps, out, skip=(), sort_headers=False):
    """(field, value) in tree order from tshark -T json pairs. An item with children appears as
    "field": value then "field_tree": {...}, an item without value as "field": {...}; expert infos
    under "_ws.expert" (a problem's kind is its expert field mapihttp.expert.<kind>)."""
    for k, v in ps:
        if k.endswith("_tree") and isinstance(v, list):
            if k[:-5] not in skip:
                flatten_tshark(v, out, skip, sort_headers)
            continue
        if k == "_ws.expert":
            for ek, ev in v:
                kind = ek[len("mapihttp.expert."):] if ek.startswith("mapihttp.expert.") else None
                if kind in PROBLEM_KINDS:
                    out.append(("problem_kind", kind))
                if ek == "_ws.expert.message" and "Exception occurred" in str(ev):
                    out.append(("TSHARK:exception", ev))  # never from a working dissector
            continue
        if k.startswith("_ws."):
            continue  # _ws.malformed comes with every expert info of the Malformed group
        if k in skip or k in OWN_FIELDS:
            continue
        if isinstance(v, list):
            if sort_headers and k == "mapihttp.headers":
                out.extend(sorted_groups(v, flatten_tshark))
            else:
                flatten_tshark(v, out, skip, sort_headers)
            continue
        if k.startswith("mapihttp.") and TYPES.get(k) != "NONE":
            out.append((k, v))  # (a subtree without children is "field": "")


def sorted_groups(children, flatten):
    """The headers block in name order: Wireshark's header map has no order, mapidump keeps the
    message's."""
    groups = []
    for k, v in children:
        if k.endswith("_tree") and groups:
            flatten([(k, v)], groups[-1])
        else:
            groups.append([])
            flatten([(k, v)], groups[-1])
    groups = [g for g in groups if g]
    groups.sort(key=lambda g: [(a, str(b)) for a, b in g])
    return [x for g in groups for x in g]


def flatten_mapidump(node, out, skip=(), sort_headers=False):
    f = node.get("field")
    if f in skip:
        return
    if "problem" in node:
        out.append(("mapihttp.problem", node.get("value")))
        out.append(("problem_kind", node["problem"]))
    elif node.get("value") is not None:
        out.append((f, node["value"]))
    if sort_headers and f == "mapihttp.headers":
        groups = []
        for c in node.get("children", []):
            g = []
            flatten_mapidump(c, g, skip, sort_headers)
            if g:
                groups.append(g)
        groups.sort(key=lambda g: [(a, str(b)) for a, b in g])
        out.extend(x for g in groups for x in g)
        return
    for c in node.get("children", []):
        flatten_mapidump(c, out, skip, sort_headers)


MONTHS = {m: i + 1 for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split())}


def normalise(field, v, types):
    """One value as both tools mean it. Display differences only:
    - integers: tshark prints the field's base ("0x07" for hex fields), mapidump JSON the number;
    - booleans: tshark 1/0, mapidump true/false;
    - bytes: tshark may separate bytes with ':'; GUIDs: tshark lower case without braces;
    - FILETIME: tshark "Feb  4, 2014 12:34:56.000000000 UTC" (FT_ABSOLUTE_TIME), mapidump ISO 8601;
    - doubles: compared to 12 significant digits (tshark prints its own rounding);
    - strings: up to the first NUL (a Wireshark string value is a C string)."""
    t = types.get(field)
    if field == "problem_kind" or v is None:
        return v
    if t == "STRING" or field == "mapihttp.problem":
        # Wireshark's string values end at a NUL (the label shows the rest as \x00 escapes)
        return str(v).split("\x00")[0]
    s = v if isinstance(v, str) else json.dumps(v)
    try:
        if t in ("UINT8", "UINT16", "UINT32", "UINT64", "INT32", "INT64"):
            if isinstance(v, bool):
                return int(v)
            if isinstance(v, int):
                return v
            return int(s, 16) if s.lower().startswith("0x") else int(s)
        if t == "BOOLEAN":
            return v if isinstance(v, bool) else s.strip().lower() in ("1", "true")
        if t == "DOUBLE":
            return "%.12g" % float(v)
        if t == "BYTES":
            return s.replace(":", "").lower()
        if t == "GUID":
            return s.strip("{}").lower()
        if t == "FILETIME":
            m = re.match(r"(\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?Z$", s)
            if m:
                y, mo, d, h, mi, se, frac = m.groups()
            else:
                m = re.match(r"(\w{3})\s+(\d+), (-?\d+) (\d+):(\d+):(\d+)(?:\.(\d+))? UTC$", s)
                if not m:
                    return s
                mon, d, y, h, mi, se, frac = m.groups()
                mo = MONTHS.get(mon, 0)
            return (int(y), int(mo), int(d), int(h), int(mi), int(se), int((frac or "0").ljust(9, "0")[:9]))
    except ValueError:
        return s
    return s


def norm_list(items, types, raw_mode=False):
    """Normalised values. In raw mode a problem's kind "truncated" counts as "malformed": mapidump
    cannot know that a file holds a whole body, so running out of bytes is "truncated" to it, while
    the plugin has the HTTP framing (Content-Length, last chunk) and knows the body is whole, which
    makes the same shortfall a wrong size, "malformed" (the core's cursor: body_complete). The
    messages are the same."""
    out = [(f, normalise(f, v, types)) for f, v in items]
    if raw_mode:
        out = [(f, "malformed" if f == "problem_kind" and v == "truncated" else v) for f, v in out]
    return out


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def show_difference(name, a, b, what=("tshark", "mapidump")):
    i = first_difference(a, b)
    lines = ["%s: %s has %d fields, %s %d; first difference at #%d:" % (name, what[0], len(a), what[1], len(b), i)]
    for label, seq in zip(what, (a, b)):
        lines.append("  %s:" % label)
        lines += ["    %s%s" % ("> " if j == i else "  ", seq[j]) for j in range(max(0, i - 3), min(len(seq), i + 4))]
    return "\n".join(lines)


def tshark_messages(ts, pcap, extra):
    """Every MAPI/HTTP message of a capture: (tcp stream, mapihttp layer pairs), in frame order."""
    out = []
    for pkt in pairs(ts.run("-r", pcap, "-T", "json", "-J", "tcp mapihttp", *extra, cut_short_ok=True)):
        layers = get(get(pkt, "_source"), "layers")
        stream = get(get(layers, "tcp", []), "tcp.stream")
        for k, v in layers:
            if k == "mapihttp":
                out.append((stream, v))
    return out


def mapidump(args, *argv):
    p = subprocess.run([args.mapidump] + list(argv), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode not in (0, 1):
        raise Failure("mapidump %s: exit %d: %s" % (" ".join(argv), p.returncode, p.stderr.decode()[-2000:]))
    return p.stdout.decode("utf-8")


def test_consistency(ts, caps, args):
    types = core_fields()
    cases = [l.rstrip("\n").split("\t") for l in open(os.path.join(caps, "cases.tsv")) if not l.startswith("#")]
    by_case = {}
    for _, layer in tshark_messages(ts, os.path.join(caps, "cases.pcap"), []):
        # the case is the last 12 hex digits of its X-RequestId GUID (make_captures.py)
        guid = None
        for k, v in layer:
            if k == "mapihttp.headers":
                tree = get(v, "mapihttp.request_id_tree", [])
                guid = get(tree, "mapihttp.request_id.guid")
        n = int(guid.split("-")[-1], 16) - 1 if guid else -1
        by_case.setdefault(n, []).append(layer)
    failures = []
    compared = 0
    for n, (name, rtype, req, resp) in enumerate(cases):
        argv = ["--hex", "-T", "json", "--raw-request", rtype, req]
        if resp != "-":
            argv += ["--raw-response", rtype, resp]
        want = []
        for node in json.loads(mapidump(args, *argv)):
            items = []
            flatten_mapidump(node, items, skip=("mapihttp.headers",))
            want.append(norm_list(items, types, raw_mode=True))
        got = []
        for layer in by_case.get(n, []):
            items = []
            flatten_tshark(layer, items, skip=("mapihttp.headers",))
            got.append(norm_list(items, types, raw_mode=True))
        if len(got) != len(want):
            failures.append("%s: tshark shows %d messages, mapidump %d" % (name, len(got), len(want)))
            continue
        for i, (g, w) in enumerate(zip(got, want)):
            compared += len(w)
            if g != w:
                failures.append(show_difference("%s (%s)" % (name, "response" if i else "request"), g, w))
    if failures:
        raise Failure("%d of %d cases differ:\n%s" % (len(failures), len(cases), "\n".join(failures[:10])))
    if not compared:
        raise Failure("nothing was compared")
    print("consistency: %d cases, %d messages, %d fields: tshark's mapihttp.* fields equal mapidump's"
          % (len(cases), sum(len(v) for v in by_case.values()), compared))


def find_root(obj):
    """The message node of one mapidump JSON line: the line itself, or the "mapihttp" node inside an
    object that also carries other facts (time, connection)."""
    if isinstance(obj, dict):
        if obj.get("field") == "mapihttp":
            return obj
        children = list(obj.values())
    elif isinstance(obj, list):
        children = obj
    else:
        return None
    for c in children:
        r = find_root(c)
        if r is not None:
            return r
    return None


def manifest_keys():
    """capture file name -> key log named by captures/MANIFEST (rewritten captures share their original's)."""
    keys = {}
    try:
        with open(os.path.join(ROOT, "captures", "MANIFEST")) as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 2 and not line.startswith("#") and parts[1] not in ("", "-"):
                    keys.setdefault(parts[0], os.path.join(ROOT, "captures", parts[1]))
    except OSError:
        pass
    return keys


def key_log_for(capture, known=None):
    if known and os.path.basename(capture) in known:
        return known[os.path.basename(capture)]
    stem = os.path.splitext(capture)[0]
    for ext in (".keys", ".keylog", ".keylog.txt", ".keys.txt", ".sslkeys"):
        if os.path.exists(stem + ext):
            return stem + ext
    return None


def shown_path(p):
    return os.path.relpath(p, ROOT) if p.startswith(ROOT + os.sep) else os.path.basename(p)


def test_captures(ts, caps, args):
    probe = subprocess.run([args.mapidump, "-T", "json", os.path.join(caps, "session.pcap")], cwd=ROOT,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if probe.returncode == 2:
        print("captures: SKIPPED: this mapidump has no capture mode yet (issue 3): %s"
              % probe.stderr.decode().strip().splitlines()[-1:])
        return SKIP
    types = core_fields()
    found = sorted(glob.glob(os.path.join(ROOT, "captures", "**", "*.pcap*"), recursive=True))
    known = manifest_keys()
    todo = [(c, key_log_for(c, known)) for c in found] + [(os.path.join(caps, "session.pcap"), None),
                                                         (os.path.join(caps, "tls.pcap"), os.path.join(caps, "tls.keys"))]
    failures = []
    for capture, keys in todo:
        report = subprocess.run([args.mapidump] + (["-k", keys] if keys else []) + [capture], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        text = report.stdout.decode("utf-8", "replace") + report.stderr.decode("utf-8", "replace")
        if "unsupported cipher suite" in text:
            # mapidump decrypts the suites its issue lists; Wireshark also knows others (CCM)
            print("captures: %s: skipped: its cipher suite is not one mapidump decrypts" % shown_path(capture))
            continue
        # after a lost segment mapidump resumes at the next HTTP message, Wireshark's reassembly does not;
        # and of a message a capture ends inside, mapidump shows what was there, Wireshark nothing: every
        # message tshark shows must then agree, mapidump may show more
        lossy = "TCP gap" in text or "the capture is cut short" in text
        # tshark reassembles out-of-order segments only when asked (its default is off)
        extra = ["-o", "tcp.reassemble_out_of_order:TRUE"]
        extra += ["-o", "tls.keylog_file:" + keys] if keys else []
        got = []
        for _, layer in tshark_messages(ts, capture, extra):
            items = []
            flatten_tshark(layer, items, sort_headers=True)
            got.append(norm_list(items, types))
        argv = ["-T", "json"] + (["-k", keys] if keys else []) + [capture]
        want = []
        for line in mapidump(args, *argv).splitlines():
            root = find_root(json.loads(line)) if line.strip() else None
            if root is not None:
                items = []
                flatten_mapidump(root, items, sort_headers=True)
                want.append(norm_list(items, types))
        # mapidump writes messages as their connections deliver them, tshark by frame: compare as sets
        key = lambda m: json.dumps(m, default=str)
        got.sort(key=key)
        want.sort(key=key)
        if lossy:
            # messages next to the loss may lack their request in one decoder and not in the other: those
            # that tshark decoded with a problem are left out
            clean = [m for m in got if not any(k == "mapihttp.problem" for k, _ in m)]
            pool = list(want)
            missing = [m for m in clean if m not in pool or pool.remove(m)]
            if missing:
                failures.append(show_difference(shown_path(capture), [x for m in missing for x in m], []))
            else:
                print("captures: %s: the %d messages tshark shows without a problem agree (of %d; mapidump "
                      "shows %d; the capture lost a segment or ends inside a message)" % (shown_path(capture), len(clean), len(got), len(want)))
            continue
        if got != want:
            flat_g = [x for m in got for x in m]
            flat_w = [x for m in want for x in m]
            failures.append(show_difference(shown_path(capture), flat_g, flat_w))
        else:
            print("captures: %s: %d messages agree" % (shown_path(capture), len(got)))
    if failures:
        raise Failure("\n".join(failures))


# ---- hostile input ----

def test_robustness(ts, caps):
    pcap = os.path.join(caps, "robust.pcap")
    text = ts.run("-r", pcap, "-V")
    shown = text.count("\nMAPI over HTTP")
    js = ts.run("-r", pcap, "-2", "-T", "json", "-J", "mapihttp")
    # an exception in a dissector shows as "[Malformed Packet: PROTO]" and "Exception occurred"
    # (expert infos of the Malformed group, which truncated/malformed problems are, say neither)
    if "[Malformed Packet" in text or "Exception occurred" in js:
        raise Failure("an exception was thrown while dissecting robust.pcap")
    if shown < 400:
        raise Failure("only %d MAPI/HTTP messages shown in robust.pcap" % shown)
    print("robustness: %d damaged messages shown, no dissector bug, exception or sanitizer report" % shown)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("test", choices=["registration", "golden", "passes", "consistency", "captures", "robustness"])
    ap.add_argument("--plugin", required=True, help="mapihttp.so to test")
    ap.add_argument("--tshark", default="tshark")
    ap.add_argument("--mapidump", help="mapidump (consistency, captures)")
    ap.add_argument("--preload", help="library to preload into tshark (the ASan runtime for a sanitizer build)")
    ap.add_argument("--regen", action="store_true", help="golden: rewrite the expected files")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = ap.parse_args()
    if not shutil.which(args.tshark):
        print("SKIPPED: tshark not found")
        return SKIP
    work = tempfile.mkdtemp(prefix="mapihttp-plugin-")
    try:
        caps = make_captures(work)
        ts = Tshark(args, work)
        if args.test == "registration":
            rc = test_registration(ts, caps)
        elif args.test == "golden":
            rc = test_golden(ts, caps, args.regen)
        elif args.test == "passes":
            rc = test_passes(ts, caps)
        elif args.test == "consistency":
            rc = test_consistency(ts, caps, args)
        elif args.test == "captures":
            rc = test_captures(ts, caps, args)
        else:
            rc = test_robustness(ts, caps)
        return rc or 0
    except Failure as e:
        print("FAIL: %s" % e)
        return 1
    finally:
        if args.keep:
            print("kept " + work)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
