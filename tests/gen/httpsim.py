"""HTTP/1.1 messages for the generator (RFC 9112), and the scripted steps a client and a server take to
exchange them. Both sides follow the same script, so each knows exactly how many bytes to read: no HTTP
parsing is needed here, and what goes on the wire is exactly what was built.
"""


def head_bytes(start, headers):
    return (start + "\r\n" + "".join("%s: %s\r\n" % (k, v) for k, v in headers) + "\r\n").encode("latin-1")


def chunk(data, ext=None):
    return ("%x%s\r\n" % (len(data), (";" + ext) if ext else "")).encode("ascii") + data + b"\r\n"


class Exchange:
    """One request and its response. `response_parts` are (bytes, delay before sending) pairs."""

    def __init__(self, method, target, headers, body=b"", status=200, reason="OK", resp_headers=(),
                 resp_body_parts=(b"",), chunked=True, chunk_ext=None, trailers=(), expect_continue=False,
                 head_response_length=None, delays=None):
        self.expect_continue = expect_continue
        hdrs = list(headers)
        if expect_continue:
            hdrs.append(("Expect", "100-continue"))
        if method not in ("GET", "HEAD") or body:
            hdrs.append(("Content-Length", str(len(body))))
        self.req_head = head_bytes("%s %s HTTP/1.1" % (method, target), hdrs)
        self.req_body = body
        rh = list(resp_headers)
        parts = list(resp_body_parts)
        delays = list(delays) if delays else [0.0] * len(parts)
        self.resp = []
        if method == "HEAD":
            rh.append(("Content-Length", str(head_response_length or 0)))
            self.resp.append((head_bytes("HTTP/1.1 %d %s" % (status, reason), rh), 0.0))
        elif chunked:
            rh.append(("Transfer-Encoding", "chunked"))
            first = head_bytes("HTTP/1.1 %d %s" % (status, reason), rh)
            for i, (p, d) in enumerate(zip(parts, delays)):
                c = chunk(p, chunk_ext if i == 0 else None) if p else b""
                if i == 0:
                    self.resp.append((first + c, d))
                else:
                    self.resp.append((c, d))
            tail = b"0\r\n" + b"".join(("%s: %s\r\n" % kv).encode("ascii") for kv in trailers) + b"\r\n"
            self.resp.append((tail, 0.0))
        else:
            body = b"".join(parts)
            rh.append(("Content-Length", str(len(body))))
            self.resp.append((head_bytes("HTTP/1.1 %d %s" % (status, reason), rh) + body, 0.0))
        self.continue_bytes = b"HTTP/1.1 100 Continue\r\n\r\n"

    def client_steps(self):
        s = [("send", self.req_head)]
        if self.expect_continue:
            s.append(("recv", self.continue_bytes))
        if self.req_body:
            s.append(("send", self.req_body))
        s.append(("recv", b"".join(p for p, _ in self.resp)))
        return s

    def server_steps(self):
        s = [("recv", self.req_head)]
        if self.expect_continue:
            s.append(("send", self.continue_bytes))
        if self.req_body:
            s.append(("recv", self.req_body))
        for p, d in self.resp:
            if d:
                s.append(("sleep", d))
            s.append(("send", p))
        return s


class Connection:
    """A client connection: a list of steps ("exchange", Exchange), ("wait", event), ("signal", event),
    ("keyupdate", requested), ("sleep", seconds), run in order."""

    def __init__(self, name, tls=None, resume_from=None, bind_port=None, after_close=None):
        self.name = name
        self.tls = tls
        self.resume_from = resume_from
        self.bind_port = bind_port      # the client's own port (port reuse)
        self.after_close = after_close  # connect only once that connection is closed on both sides
        self.items = []

    def add(self, *item):
        self.items.append(item)
        return self

    def client_steps(self):
        out = []
        for it in self.items:
            if it[0] == "exchange":
                out += it[1].client_steps()
            else:
                out.append(it)
        return out

    def server_steps(self):
        out = []
        for it in self.items:
            if it[0] == "exchange":
                out += it[1].server_steps()
            elif it[0] == "server_keyupdate":
                out.append(("keyupdate", it[1]))
        return out
