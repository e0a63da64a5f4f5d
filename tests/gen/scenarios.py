"""The conversations the generator records: Outlook-like MAPI/HTTP sessions ([MS-OXCMAPIHTTP] 3.2.4 message
sequencing: Connect first, then Execute / NotificationWait / PING, Disconnect last; the session cookies of
the Connect response on every later request, 2.2.3.2.3-2.2.3.2.4), using only what the decoding core decodes
today: Connect, Execute with RopLogon / RopGetPropertiesSpecific / RopSetColumns / RopRelease, Disconnect,
NotificationWait (answered after PENDING keep-alives), PING.

Everything is derived from a seeded random.Random, so the same seed gives the same HTTP bytes. The facts
each scenario puts on the wire are returned too (request types, X-RequestIds, ROPs, users): tests check
mapidump's output against them.
"""
import random
import uuid

import authenc
import auxenc as A
import mapienc as M
from httpsim import Connection, Exchange

HOST = "mail.contoso.com"
USER_DN = "/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=alice"
DN_PREFIX = "/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)"
CLIENT_APP = "Outlook/16.0.17126.20132"
SERVER_APP = "Exchange/15.02.1118.007"
START_TIME = "Wed, 01 May 2024 10:00:00 GMT"

# property tags ([MS-OXPROPS]): PidTagDisplayName_W, PidTagMessageSize, PidTagMailboxOwnerName_W,
# PidTagRecordKey, PidTagSubject_W, PidTagMessageDeliveryTime, PidTagHasAttachments
TAG_DISPLAY_NAME = 0x3001001F
TAG_MESSAGE_SIZE = 0x0E080003
TAG_OWNER_NAME = 0x661A001F
TAG_RECORD_KEY = 0x0FF90102
TAG_SUBJECT = 0x0037001F
TAG_DELIVERY_TIME = 0x0E060040
TAG_HAS_ATTACH = 0x0E1B000B


class Session:
    """Builds the requests of one MAPI session: ids, cookies, facts."""

    def __init__(self, rng, name, path="/mapi/emsmdb/?MailboxId=alice@contoso.com"):
        self.rng = rng
        self.name = name
        self.path = path
        self.cookie_path = path.split("?")[0].rstrip("/")  # the endpoint's cookies: /mapi/emsmdb, /mapi/nspi
        self.client_guid = uuid.UUID(int=rng.getrandbits(128), version=4)
        self.n = 0
        self.context = "%032X" % rng.getrandbits(128)
        self.sid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        self.seq = 0
        self.facts = []  # (request type, X-RequestId, [ROP names], response status)
        self.cookie_ok = False

    def _ids(self):
        self.n += 1
        return M.request_id(self.client_guid, self.n)

    def _cookie(self):
        return "MapiContext=%s; MapiSequence=%d; sid=%s" % (self.context, self.seq, self.sid)

    def request(self, rtype, body, status=200, reason="OK", resp_parts=(b"",), delays=None, auth=None,
                extra_resp_headers=(), rops=(), set_cookie=False, content_length_response=False,
                expect_continue=False, chunk_ext=None, trailers=(), resp_headers_override=None):
        rid = self._ids()
        h = [("Host", HOST), ("Content-Type", "application/mapi-http"), ("X-RequestType", rtype),
             ("X-RequestId", rid), ("X-ClientInfo", M.request_id(self.client_guid, 1)),
             ("X-ClientApplication", CLIENT_APP), ("User-Agent", "Microsoft Office/16.0")]
        if self.cookie_ok:
            h.append(("Cookie", self._cookie()))
        if auth:
            h.append(("Authorization", auth))
        if resp_headers_override is not None:
            rh = list(resp_headers_override)
        else:
            rh = [("Content-Type", "application/mapi-http"), ("X-RequestType", rtype), ("X-RequestId", rid),
                  ("X-ResponseCode", "0"), ("X-ServerApplication", SERVER_APP), ("X-PendingPeriod", "15000"),
                  ("X-ExpirationInfo", "1800000")]
            if set_cookie or self.cookie_ok:
                self.seq += 1
                if set_cookie:
                    rh.append(("Set-Cookie", "MapiContext=%s; path=%s; secure; HttpOnly" % (self.context,
                                                                                              self.cookie_path)))
                    rh.append(("Set-Cookie", "sid=%s; path=%s; secure; HttpOnly" % (self.sid, self.cookie_path)))
                rh.append(("Set-Cookie", "MapiSequence=%d; path=%s; secure; HttpOnly" % (self.seq, self.cookie_path)))
        rh += list(extra_resp_headers)
        self.facts.append((rtype, rid, list(rops), status))
        return Exchange("POST", self.path, h, body, status=status, reason=reason, resp_headers=rh,
                        resp_body_parts=resp_parts, delays=delays, chunked=not content_length_response,
                        expect_continue=expect_continue, chunk_ext=chunk_ext, trailers=trailers)

    def meta(self, body, pending=0, pending_delay=0.0):
        """Response body parts as Exchange streams them: PROCESSING, PENDING..., DONE + headers + body."""
        parts = [b"PROCESSING\r\n"] + [b"PENDING\r\n"] * pending
        last = M.meta_prefix(0, elapsed=5 + pending * 15, start_time=START_TIME)[len(b"PROCESSING\r\n"):] + body
        parts.append(last)
        delays = [0.0] + [pending_delay] * pending + [pending_delay if pending else 0.0]
        return parts, delays


def first_request_aux(rng):
    """The auxiliary blocks Outlook sends with a session's first request (Connect or Bind): its request id,
    session and process ([MS-OXCRPC] 2.2.2.2.1, 2.2.2.2.2, 2.2.2.2.6)."""
    return [A.aux_perf_requestid(1, 1), A.aux_perf_sessioninfo(1, uuid.UUID(int=rng.getrandbits(128), version=4)),
            A.aux_perf_processinfo(4242, uuid.UUID(int=rng.getrandbits(128), version=4), "OUTLOOK.EXE")]


def connect_exchanges(s, auth, aux=None, resp_aux=()):
    """The Connect request, with the authentication legs before it; `aux` and `resp_aux` replace the
    auxiliary blocks of the request (by default: request id, session and process) and of the response."""
    if aux is None:
        aux = first_request_aux(s.rng)
    body = M.connect_request(USER_DN, aux=aux)
    resp, delays = s.meta(M.connect_response(DN_PREFIX, "Alice Wonder", aux=resp_aux))
    out, a = auth_exchanges(s, auth, "Connect", body)
    out.append(s.request("Connect", body, resp_parts=resp, delays=delays, auth=a, set_cookie=True))
    s.cookie_ok = True
    return out


def auth_exchanges(s, auth, rtype, body):
    """The authentication legs before a session's first request (Connect, or Bind on the address book
    endpoint) and the Authorization value that request then carries."""
    rng = s.rng
    out = []
    page = b"<html><body>401 - Unauthorized</body></html>"
    if auth == "ntlm":
        out.append(s.request(rtype, body, status=401, reason="Unauthorized", resp_parts=[page],
                             content_length_response=True,
                             resp_headers_override=[("Content-Type", "text/html"),
                                                    ("WWW-Authenticate", "Negotiate"),
                                                    ("WWW-Authenticate", "NTLM"),
                                                    ("WWW-Authenticate", 'Basic realm="%s"' % HOST)]))
        out.append(s.request(rtype, body, status=401, reason="Unauthorized", resp_parts=[b""],
                             content_length_response=True, auth=authenc.header_value("NTLM", authenc.negotiate()),
                             resp_headers_override=[("WWW-Authenticate", authenc.header_value(
                                 "NTLM", authenc.challenge(rng, "CONTOSO")))]))
        a = authenc.header_value("NTLM", authenc.authenticate(rng, "CONTOSO", "alice", "WS-ALICE"))
    elif auth == "basic":
        a = authenc.basic("bob@contoso.com", "Secret-Pa55word!")
    elif auth == "bearer":
        a = "Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJzdWIiOiJjYXJvbCJ9.c2VjcmV0LXNpZ25hdHVyZQ"
    elif auth == "kerberos":
        tok = authenc.kerberos_ap_req(rng, "CONTOSO.COM", "HTTP/" + HOST)
        a = authenc.header_value("Negotiate", authenc.spnego_init([authenc.OID_MSKRB5, authenc.OID_KRB5], tok))
    else:
        a = None
    return out, a


def execute_logon(s):
    rops = [M.rop_logon_request(0, 0, USER_DN)]
    req = M.execute_request(rops, [0xFFFFFFFF], aux=[A.aux_perf_requestid(1, s.n + 1)])
    rng = s.rng
    folders = [(rng.getrandbits(48) << 16) | 0x0001 for _ in range(13)]
    s.folder_ids = folders  # FolderIds of the logon response, for the ROPs that follow (Inbox is [4])
    resp_rops = [M.rop_logon_response_private(0, folders, uuid.UUID(int=rng.getrandbits(128), version=4),
                                              uuid.UUID(int=rng.getrandbits(128), version=4),
                                              (30, 0, 10, 3, 1, 5, 2024))]
    parts, delays = s.meta(M.execute_response(resp_rops, [0x00000041]))
    return s.request("Execute", req, resp_parts=parts, delays=delays, rops=["RopLogon"])


def execute_properties(s, xor=True, **kw):
    tags = [TAG_DISPLAY_NAME, TAG_MESSAGE_SIZE, TAG_RECORD_KEY, TAG_DELIVERY_TIME, TAG_HAS_ATTACH]
    cols = [TAG_SUBJECT, TAG_MESSAGE_SIZE, TAG_DELIVERY_TIME]
    rops = [M.rop_get_properties_specific_request(0, 0, tags), M.rop_set_columns_request(0, 1, cols),
            M.rop_release_request(0, 2)]
    req = M.execute_request(rops, [0x00000041, 0x00000052, 0x00000063], xor=xor,
                            aux=[A.aux_perf_requestid(1, s.n + 1)])
    rk = bytes(s.rng.getrandbits(8) for _ in range(16))
    values = ["Alice Wonder", 123456, rk, 0x01DA9BB2A4F0C000, True]
    resp_rops = [M.rop_get_properties_specific_response(0, tags, values), M.rop_set_columns_response(1)]
    parts, delays = s.meta(M.execute_response(resp_rops, [0x00000041, 0x00000052], xor=xor))
    return s.request("Execute", req, resp_parts=parts, delays=delays,
                     rops=["RopGetPropertiesSpecific", "RopSetColumns", "RopRelease"], **kw)


def ping(s):
    parts, delays = s.meta(b"")
    return s.request("PING", b"", resp_parts=parts, delays=delays)


def notification_wait(s, pending=3, delay=0.3):
    parts, delays = s.meta(M.notification_wait_response(1), pending=pending, pending_delay=delay)
    return s.request("NotificationWait", M.notification_wait_request(), resp_parts=parts, delays=delays)


def disconnect(s):
    parts, delays = s.meta(M.disconnect_response())
    return s.request("Disconnect", M.disconnect_request(), resp_parts=parts, delays=delays)


def standard(seed, tls=None, keyupdate=False, auth="ntlm"):
    """One session over two connections: Connect (with NTLM), Execute (RopLogon), Execute (properties,
    columns, release), PING, Disconnect on the first; a NotificationWait with PENDING keep-alives on the
    second, while the first goes on."""
    rng = random.Random(seed)
    s = Session(rng, "s")
    a = Connection("main", tls=tls)
    b = Connection("notify", tls=tls)
    for x in connect_exchanges(s, auth):
        a.add("exchange", x)
    a.add("exchange", execute_logon(s))
    a.add("signal", "logged-on")
    b.add("wait", "logged-on")
    b.add("exchange", notification_wait(s))
    b.add("signal", "notified")
    if keyupdate:
        a.add("keyupdate", 1)
    a.add("exchange", execute_properties(s))
    a.add("exchange", ping(s))
    a.add("wait", "notified")
    a.add("exchange", disconnect(s))
    return [a, b], {"sessions": [s.facts], "users": ["CONTOSO\\alice"]}


def plain_features(seed, tls=None):
    """Plain HTTP on port 8080 with the HTTP features the parser must get right: 100-continue, chunk
    extensions and trailers, a HEAD (no body though Content-Length says otherwise), a request mapidump does
    not show, and the other authentication schemes (Basic, Bearer, Negotiate/Kerberos) on other sessions."""
    rng = random.Random(seed)
    conns, facts = [], []
    s = Session(rng, "ntlm")
    a = Connection("main")
    for x in connect_exchanges(s, "ntlm"):
        a.add("exchange", x)
    a.add("exchange", Exchange("GET", "/owa/", [("Host", HOST)], status=302, reason="Found",
                               resp_headers=[("Location", "/owa/auth/logon.aspx")], resp_body_parts=[b"moved"],
                               chunked=False))
    a.add("exchange", Exchange("HEAD", "/mapi/emsmdb/", [("Host", HOST)], head_response_length=1234))
    a.add("exchange", execute_logon(s))
    a.add("exchange", execute_properties(s, xor=False, expect_continue=True, chunk_ext='ext="a;b"',
                                         trailers=[("X-Trailer", "done")]))
    a.add("exchange", notification_wait(s, pending=2, delay=0.2))
    a.add("exchange", disconnect(s))
    conns.append(a)
    facts.append(s.facts)
    for auth in ("basic", "bearer", "kerberos"):
        t = Session(rng, auth)
        c = Connection(auth)
        for x in connect_exchanges(t, auth):
            c.add("exchange", x)
        c.add("exchange", ping(t))
        c.add("exchange", disconnect(t))
        conns.append(c)
        facts.append(t.facts)
    return conns, {"sessions": facts, "users": ["CONTOSO\\alice", "bob@contoso.com", None, None]}


def resumption(seed, tls):
    """Two connections, the second resuming the first's TLS session (TLS 1.2 ticket or session ID)."""
    rng = random.Random(seed)
    s = Session(rng, "s")
    a = Connection("first", tls=tls)
    for x in connect_exchanges(s, "basic"):
        a.add("exchange", x)
    a.add("exchange", execute_logon(s))
    a.add("signal", "first-done")
    b = Connection("resumed", tls=tls, resume_from="first")
    b.add("wait", "first-done")
    b.add("exchange", execute_properties(s))
    b.add("exchange", disconnect(s))
    return [a, b], {"sessions": [s.facts], "users": ["bob@contoso.com"]}


def port_reuse(seed, tls=None):
    """Two plain HTTP connections one after the other from the same client port to the same server port:
    the second starts when the first has ended (a new SYN, a new initial sequence number)."""
    rng = random.Random(seed)
    s = Session(rng, "s")
    a = Connection("first", bind_port=40000)
    for x in connect_exchanges(s, "basic"):
        a.add("exchange", x)
    a.add("exchange", execute_logon(s))
    b = Connection("second", bind_port=40000, after_close="first")
    b.add("exchange", execute_properties(s, xor=False))
    b.add("exchange", disconnect(s))
    return [a, b], {"sessions": [s.facts], "users": ["bob@contoso.com"]}


SCENARIOS = {"standard": standard, "plain": plain_features, "resumption": resumption, "reuse": port_reuse}
