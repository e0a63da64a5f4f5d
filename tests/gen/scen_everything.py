"""Scenario 5 of the capture corpus, mailbox side: one Outlook-like MAPI session that carries every ROP
request and response of [MS-OXCROPS] 2.2, every EMSMDB request type of [MS-OXCMAPIHTTP] 2.2.4 and 2.2.6
(Connect, Execute, NotificationWait, PING, Disconnect) and every auxiliary block type of [MS-OXCRPC] 2.2.2.2.

The ROPs are the golden cases of tests/golden/rops/*.py, read through ropgen.collect() rather than encoded
a second time: every case mapidump decodes cleanly on its own (status 0) is replayed, its request in an
Execute request and its response in that Execute's response. So that the session context of one case
([MS-OXCROPS] 1.3.1 server objects by handle, columns, FastTransfer state) cannot reach another, every case
gets server object handle values of its own; the cases whose RopNotify names its handle inside the ROP
(NotificationHandle) keep theirs, and come before the one case that creates that subscription. The named
property mappings and LogonFlags a session keeps per LogonId are ordered around: the private mailbox logon
comes first (as Outlook logs on), and the public folder, redirected and failed logons come last. Cases
that share one handle and open nothing are sent three to an Execute, as Outlook batches ROPs; the
server-only ROPs without a request of their own (RopNotify, RopPending, RopBackoff) ride on the response of
another case, and RopRelease (no response, 2.2.15.3) closes the table that RopQueryRows read.

Auxiliary blocks: the client's identification blocks on Connect, the server's (client control, OS version,
organization, capabilities, session info) on the Connect response, AUX_PERF_REQUESTID on every request and
the client's statistics of earlier calls (every _SUCCESS / FAILURE block, plain, BG and FG, Version 1 and 2)
spread over the Execute requests. Execute bodies cycle through plain, obfuscated, compressed, and both.

The facts (ROP names of each request) come from the golden cases' expected text (tests/golden/rops/expected),
which was checked against the specification when it was frozen.
"""
import contextlib
import importlib.util
import io
import os
import random
import re
import sys
import uuid

import auxenc as A
import mapienc as M
import scenarios as S
from httpsim import Connection

ROPS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "golden", "rops")
NO_HANDLE = 0xFFFFFFFF
# family files in the order an Outlook session would use their ROPs
FAMILIES = ["store", "folder", "table", "message", "property", "stream", "permission", "rule", "search",
            "transport", "fxics", "notify", "misc"]
LATE_LOGONS = ["rop-RopLogon-response-public", "rop-RopLogon-response-redirect", "rop-RopLogon-response-failure"]
BATCH = 3
# ROPs that leave per-handle or per-logon context for later ROPs (table columns, [MS-OXCROPS] 2.2.5; the
# recipient columns of RopModifyRecipients, 2.2.6.5; named property ids, 2.2.8.1-2.2.8.2) or read it: a case
# with one of these never shares an Execute (and so a handle) with another
CONTEXT_ROPS = {"RopSetColumns", "RopSortTable", "RopRestrict", "RopQueryRows", "RopFindRow", "RopExpandRow",
                "RopResetTable", "RopQueryColumnsAll", "RopModifyRecipients", "RopReadRecipients",
                "RopGetPropertyIdsFromNames", "RopGetNamesFromPropertyIds", "RopQueryNamedProperties"}
NAMING_ROPS = {"RopGetPropertyIdsFromNames", "RopGetNamesFromPropertyIds"}

_cases = None


def golden_cases():
    """Every case of the golden ROP family files, in FAMILIES order (each a dict, see ropgen.collect)."""
    global _cases
    if _cases is None:
        sys.path.insert(0, ROPS_DIR)
        import ropgen
        _cases = []
        ropgen.collect(_cases)
        try:
            for fam in FAMILIES:
                spec = importlib.util.spec_from_file_location("ropcases_" + fam, os.path.join(ROPS_DIR, fam + ".py"))
                with contextlib.redirect_stdout(io.StringIO()):
                    spec.loader.exec_module(importlib.util.module_from_spec(spec))
        finally:
            ropgen.collect(None)
        names = {f[:-3] for f in os.listdir(ROPS_DIR) if f.endswith(".py")} - {"ropgen"}
        if names != set(FAMILIES):
            raise SystemExit("scen_everything: ROP family files %s, expected %s" % (sorted(names), FAMILIES))
    return _cases


def request_rop_names(name):
    """The request ROPs of a golden case, from its frozen expected text (RopId lines before the response)."""
    names = []
    with open(os.path.join(ROPS_DIR, "expected", name + ".txt")) as f:
        for line in f:
            if line.startswith("Execute response"):
                break
            m = re.match(r"\s+RopId: (Rop\w+) \(0x[0-9A-F]{2}\)$", line)
            if m:
                names.append(m.group(1))
    return names


class Handles:
    """Fresh server object handle values, increasing like a server's handle table does."""

    def __init__(self, rng):
        self.rng = rng
        self.next = 0x00000100

    def remap(self, case):
        """The case's request and response handle tables with its own handle values."""
        if case["name"].startswith("rop-RopNotify-"):
            return list(case["req_handles"]), list(case["resp_handles"])
        m = {NO_HANDLE: NO_HANDLE}
        for h in case["req_handles"] + case["resp_handles"]:
            if h not in m:
                m[h] = self.next
                self.next += self.rng.randint(1, 6)
        return [m[h] for h in case["req_handles"]], [m[h] for h in case["resp_handles"]]


def plan(cases):
    """Groups the replayed cases into Execute exchanges: a list of units, each a dict with `cases` (the
    cases whose ROPs it carries, in order) and `kind` ("logon", "rops", "notify")."""
    by_name = {c["name"]: c for c in cases}
    replay = [c for c in cases if c["status"] == 0 and c["response"] is not None]
    riders = [c for c in replay if c["request"] is None]           # RopNotify, RopPending, RopBackoff
    release = by_name["rop-RopRelease-request"]
    first = by_name["rop-RopLogon-response"]
    late = [by_name[n] for n in LATE_LOGONS]
    new_mail = by_name["rop-RopNotify-response-new-mail"]
    rest = [c for c in replay if c["request"] is not None and c not in late and c is not first and c is not new_mail]

    units = [{"kind": "logon", "cases": [first]}]
    batch = []

    def flush():
        if batch:
            units.append({"kind": "rops", "cases": list(batch)})
            del batch[:]

    for c in rest:
        single = (len(c["req_handles"]) == 1 and c["req_handles"] == c["resp_handles"] and
                  not CONTEXT_ROPS & set(request_rop_names(c["name"])))
        if single and (not batch or len(batch) < BATCH):
            batch.append(c)
            if len(batch) == BATCH:
                flush()
            continue
        flush()
        units.append({"kind": "rops", "cases": [c]})
        if NAMING_ROPS & set(request_rop_names(c["name"])):
            # named property ids are kept per LogonId until a RopLogon replaces the logon ([MS-OXCROPS]
            # 2.2.3.1.1): log on again so that the names learnt here do not name another case's properties
            units.append({"kind": "logon", "cases": [first]})
    flush()
    # the table read by RopQueryRows is released after it, as Outlook does
    next(u for u in units if u["cases"][0]["name"] == "rop-RopQueryRows-response")["release"] = release
    # notifications: on a plain case's response after the NotificationWait, then the subscription case
    host = next(u for u in units[::-1] if u["kind"] == "rops" and len(u["cases"]) == 1
                and len(u["cases"][0]["req_handles"]) == 1 and "release" not in u)
    units.remove(host)
    backoff = [c for c in riders if c["name"] == "rop-RopBackoff-response"]
    notes = [c for c in riders if c not in backoff]
    units.append({"kind": "notify", "cases": host["cases"] + notes})
    units.append({"kind": "rops", "cases": [new_mail]})
    host2 = next(u for u in units if u["kind"] == "rops" and len(u["cases"]) == 1 and u is not units[-1]
                 and len(u["cases"][0]["req_handles"]) == 1 and "release" not in u)
    host2["cases"] = host2["cases"] + backoff
    units += [{"kind": "logon", "cases": [c]} for c in late]
    return units


def perf_blocks(rng, n):
    """The client's statistics of earlier calls ([MS-OXCRPC] 3.1.4.1.1.1.2): every _SUCCESS and FAILURE
    block, Versions 1 and 2, plain, BG and FG, one after another over the requests (n counts them)."""
    kinds = []
    for variant in ("", "BG", "FG"):
        kinds += [("defmdb", variant), ("defgc", variant), ("mdb", variant), ("gc", variant), ("failure", variant),
                  ("mdb2", variant), ("gc2", variant), ("failure2", variant)]
    kind, variant = kinds[n % len(kinds)]
    req = max(1, n - 1)
    since, took = rng.randint(20, 900), rng.randint(1, 120)
    if kind == "defmdb":
        return [A.aux_perf_defmdb_success(since, took, req, variant=variant)]
    if kind == "defgc":
        return [A.aux_perf_defgc_success(1, 2, since, took, 0x0C, variant=variant)]  # a ResolveNames, say
    if kind == "mdb":
        return [A.aux_perf_mdb_success(1, 1, 1, req, since, took, variant=variant)]
    if kind == "gc":
        return [A.aux_perf_gc_success(1, 2, 2, since, took, 0x08, variant=variant)]
    if kind == "failure":
        return [A.aux_perf_failure(1, 1, 1, req, since, took, 0x000004B9, 0x0A, variant=variant)]  # ecRpcFailed
    if kind == "mdb2":
        return [A.aux_perf_mdb_success_v2(1, 1, 1, 1, req, since, took, variant=variant)]
    if kind == "gc2":
        return [A.aux_perf_gc_success_v2(1, 1, 2, 2, since, took, 0x02, variant=variant)]
    return [A.aux_perf_failure_v2(1, 1, 1, 1, req, since, took, 0x80040115, 0x0A, variant=variant)]  # ecNetwork


def connect_aux(rng, session_guid):
    """Client to server on Connect ([MS-OXCRPC] 3.1.4.1.1.1.1): who is asking, from where."""
    return [A.aux_perf_requestid(1, 1),
            A.aux_perf_sessioninfo(1, session_guid),
            A.aux_perf_clientinfo(1000000000, 1, "WS-ALICE", "CONTOSO\\alice", bytes([10, 1, 20, 37]),
                                  bytes([255, 255, 255, 0]), "Intel(R) Ethernet Connection I219-LM",
                                  bytes([0x00, 0x1B, 0x21, 0x3C, 0x4D, 0x5E]), A.CLIENTMODE_CACHED),
            A.aux_perf_processinfo(1, uuid.UUID(int=rng.getrandbits(128), version=4), "OUTLOOK.EXE"),
            A.aux_perf_accountinfo(1, uuid.UUID(int=rng.getrandbits(128), version=4)),
            A.aux_client_connection_info(uuid.UUID(int=rng.getrandbits(128), version=4), 1, 0x00000000,
                                         "ConnectAttempt=1;Transport=MapiHttp"),
            A.aux_protocol_device_identification("Contoso Networks", "CN-GW 3100", "CN3100-0042-7781",
                                                 "3.1.0", "3.1.0.2214")]


def connect_response_aux():
    """Server to client on Connect ([MS-OXCRPC] 3.1.4.1.2.1): what the client should know of the server."""
    return [A.aux_client_control(A.ENABLE_PERF_SENDTOSERVER | A.ENABLE_COMPRESSION | A.ENABLE_HTTP_TUNNELING,
                                 3600000),
            A.aux_osversioninfo(10, 0, 17763, 0, 0),  # Windows Server 2019
            A.aux_exorginfo(A.PUBLIC_FOLDERS_ENABLED | A.USE_AUTODISCOVER_FOR_PUBLIC_FOLDER_CONFIGURATION),
            A.aux_server_capabilities(A.PACKED_FAST_TRANSFER_UPLOAD_BUFFERS | A.PACKED_WRITE_STREAM_UPLOAD_BUFFERS),
            A.aux_endpoint_capabilities(A.ENDPOINT_CAPABILITIES_SINGLE_ENDPOINT),
            A.aux_server_session_info("Server=EXCH01.contoso.com;Database=DB01;Version=15.2.1118.7")]


def execute(s, unit, handles, i, extra_aux=()):
    """One Execute exchange carrying a unit's cases; body i is plain, obfuscated, compressed or both."""
    req_rops, resp_rops, names = [], [], []
    req_handles = resp_handles = None
    for c in unit["cases"]:
        rq, rs = handles.remap(c)
        if req_handles is None:
            req_handles, resp_handles = rq, rs
        if c["request"] is not None:
            req_rops.append(c["request"])
            names += request_rop_names(c["name"])
        resp_rops.append(c["response"])
    if "release" in unit:
        req_rops.append(unit["release"]["request"])
        names += request_rop_names(unit["release"]["name"])
    xor, compress = bool(i & 1), bool(i & 2)
    aux = [A.aux_perf_requestid(1, s.n + 1)] + list(extra_aux) + perf_blocks(s.rng, i)
    req = M.execute_request(req_rops, req_handles, aux=aux, xor=xor, compress=compress)
    parts, delays = s.meta(M.execute_response(resp_rops, resp_handles, xor=xor, compress=compress))
    return s.request("Execute", req, resp_parts=parts, delays=delays, rops=names)


def everything(seed, tls=None):
    """Connect (NTLM), an Execute per unit of golden ROP cases, a NotificationWait on a second connection
    answered after PENDING keep-alives and followed by the Execute that fetches the notifications, PING,
    and Disconnect."""
    rng = random.Random(seed)
    s = S.Session(rng, "s")
    handles = Handles(rng)
    a = Connection("main", tls=tls)
    b = Connection("notify", tls=tls)
    session_guid = uuid.UUID(int=rng.getrandbits(128), version=4)
    for x in S.connect_exchanges(s, "ntlm", aux=connect_aux(rng, session_guid), resp_aux=connect_response_aux()):
        a.add("exchange", x)
    units = plan(golden_cases())
    for i, u in enumerate(units):
        if u["kind"] == "notify":
            a.add("signal", "waiting")
            b.add("wait", "waiting")
            parts, delays = s.meta(M.notification_wait_response(1), pending=2, pending_delay=0.2)
            b.add("exchange", s.request("NotificationWait",
                                        M.notification_wait_request(aux=[A.aux_perf_requestid(1, s.n + 1)]),
                                        resp_parts=parts, delays=delays))
            b.add("signal", "notified")
            a.add("wait", "notified")
        first = []
        if i == 0:  # the session's identity again, in Version 2 form, and the server it talks to
            first = [A.aux_perf_sessioninfo_v2(1, session_guid, 1),
                     A.aux_perf_processinfo(1, uuid.UUID(int=rng.getrandbits(128), version=4), "OUTLOOK.EXE",
                                            version=A.AUX_VERSION_2),
                     A.aux_perf_serverinfo(1, A.SERVERTYPE_PRIVATE, S.DN_PREFIX + "/cn=Configuration/cn=Servers/"
                                           "cn=EXCH01", "EXCH01.contoso.com")]
        a.add("exchange", execute(s, u, handles, i, first))
        if i == len(units) // 2:
            a.add("exchange", S.ping(s))
    parts, delays = s.meta(M.disconnect_response())
    a.add("exchange", s.request("Disconnect", M.disconnect_request(aux=[A.aux_perf_requestid(1, s.n + 1)]),
                                resp_parts=parts, delays=delays))
    return [a, b], {"sessions": [s.facts], "users": ["CONTOSO\\alice"]}


SCENARIOS = {"everything": everything}
