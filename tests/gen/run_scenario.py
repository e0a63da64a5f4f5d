"""Plays a scenario (scenarios.py) between a simulated MAPI/HTTP client and server over real sockets, with
real TLS (Python's ssl, i.e. OpenSSL) when the scenario asks for it. The client's TLS secrets go to an NSS
key log through SSLContext.keylog_filename. Run by gencap.py inside a private network namespace while
tcpdump records the loopback interface; the TLS 1.3 cipher suite is chosen through OPENSSL_CONF, which
gencap.py sets before this process starts (Python's ssl cannot choose TLS 1.3 suites itself).

Usage: run_scenario.py SCENARIO SEED ADDRESS PORT KEYLOG TLSJSON FACTSJSON
"""
import _ssl
import ctypes
import json
import socket
import ssl
import sys
import threading
import time

import scenarios

HERE = __file__.rsplit("/", 1)[0]
SSL_OP_NO_ENCRYPT_THEN_MAC = 1 << 19  # OpenSSL's SSL_OP_BIT(19); Python's ssl does not name it

_lib = ctypes.CDLL(_ssl.__file__)  # resolves libssl's symbols through the _ssl module's own dependency
_lib.SSL_get_fd.argtypes = [ctypes.c_void_p]
_lib.SSL_get_fd.restype = ctypes.c_int
_lib.SSL_key_update.argtypes = [ctypes.c_void_p, ctypes.c_int]
_lib.SSL_key_update.restype = ctypes.c_int


def ssl_pointer(sock):
    """The SSL* inside a Python SSLSocket: CPython's PySSLSocket keeps it right after PyObject_HEAD and a
    weak reference to the socket (Modules/_ssl.c). Checked against SSL_get_fd before it is used."""
    obj = sock._sslobj
    p = ctypes.c_void_p.from_address(id(obj) + 3 * ctypes.sizeof(ctypes.c_void_p)).value
    if not p or _lib.SSL_get_fd(p) != sock.fileno():
        raise RuntimeError("cannot find the SSL object for SSL_key_update")
    return p


def all_scenarios():
    """scenarios.py's SCENARIOS, and those of every scen_*.py module next to it (one module per group of
    scenarios, each with a SCENARIOS dict of name: builder(seed, tls, ...))."""
    import glob
    import importlib
    import os
    out = dict(scenarios.SCENARIOS)
    for path in sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "scen_*.py"))):
        mod = importlib.import_module(os.path.basename(path)[:-3])
        for name, build in mod.SCENARIOS.items():
            if name in out:
                raise SystemExit("run_scenario: scenario %s is defined twice" % name)
            out[name] = build
    return out


def key_update(sock, requested):
    if _lib.SSL_key_update(ssl_pointer(sock), 1 if requested else 0) != 1:
        raise RuntimeError("SSL_key_update failed")


def contexts(tls, keylog):
    sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    sctx.load_cert_chain(HERE + "/server-cert.pem", HERE + "/server-key.pem")
    cctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    cctx.check_hostname = False
    cctx.verify_mode = ssl.CERT_NONE
    cctx.keylog_filename = keylog
    for c in (sctx, cctx):
        if tls["version"] == "1.2":
            c.minimum_version = c.maximum_version = ssl.TLSVersion.TLSv1_2
            # RSA key exchange suites sit below Debian's default security level 2
            c.set_ciphers(tls["cipher"] + ":@SECLEVEL=0")
            if not tls.get("etm", True):
                c.options |= SSL_OP_NO_ENCRYPT_THEN_MAC
            if not tls.get("tickets", True):
                c.options |= ssl.OP_NO_TICKET
        else:
            c.minimum_version = c.maximum_version = ssl.TLSVersion.TLSv1_3
    return sctx, cctx


def recv_exact(sock, n):
    buf = b""
    while len(buf) < n:
        d = sock.recv(n - len(buf))
        if not d:
            raise RuntimeError("connection closed with %d of %d bytes read" % (len(buf), n))
        buf += d
    return buf


def run_steps(sock, steps, events, side):
    for st in steps:
        kind = st[0]
        if kind == "send":
            sock.sendall(st[1])
        elif kind == "recv":
            got = recv_exact(sock, len(st[1]))
            if got != st[1]:
                raise RuntimeError("%s: unexpected bytes: %r" % (side, got[:80]))
        elif kind == "sleep":
            time.sleep(st[1])
        elif kind == "wait":
            if not events.setdefault(st[1], threading.Event()).wait(30):
                raise RuntimeError("timeout waiting for " + st[1])
        elif kind == "signal":
            events.setdefault(st[1], threading.Event()).set()
        elif kind == "keyupdate":
            key_update(sock, st[1])


def main():
    name, seed, addr, port, keylog, tlsjson, factsjson = sys.argv[1:8]
    tls = json.loads(tlsjson) if tlsjson != "-" else None
    base, _, variant = name.partition("+")
    build = all_scenarios()[base]
    conns, facts = build(int(seed), tls, keyupdate=True) if variant == "keyupdate" else build(int(seed), tls)
    fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
    ls = socket.socket(fam, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((addr, int(port)))
    ls.listen(16)
    sctx, cctx = contexts(tls, keylog) if tls else (None, None)
    events, errors, sessions, closed = {}, [], {}, {}
    connected = [threading.Event() for _ in conns]

    def serve():
        threads = []
        for c in conns:
            s, _ = ls.accept()
            t = threading.Thread(target=server_conn, args=(s, c))
            t.start()
            threads.append(t)
        for t in threads:
            t.join()

    def server_conn(s, c):
        try:
            if sctx:
                s = sctx.wrap_socket(s, server_side=True)
            run_steps(s, c.server_steps(), events, "server " + c.name)
            s.settimeout(5)
            try:
                s.recv(1)  # until the client closes
            except (OSError, ssl.SSLError):
                pass
            s.close()
        except Exception as e:  # noqa: BLE001 - reported and failed below
            errors.append("server %s: %s" % (c.name, e))

    def client_conn(i, c):
        try:
            if i:
                connected[i - 1].wait(30)
            first = next((it for it in c.items if it[0] == "wait"), None)
            if first and c.items[0] is first:
                events.setdefault(first[1], threading.Event()).wait(30)
            if c.after_close:
                closed.setdefault(c.after_close, threading.Event()).wait(30)
                time.sleep(1.5)  # TIME_WAIT reuse needs a newer TCP timestamp (tcp_tw_reuse)
            if c.bind_port:
                s = socket.socket(fam, socket.SOCK_STREAM)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.bind((addr, c.bind_port))
                s.connect((addr, int(port)))
            else:
                s = socket.create_connection((addr, int(port)))
            connected[i].set()
            if cctx:
                s = cctx.wrap_socket(s, server_hostname=scenarios.HOST,
                                     session=sessions.get(c.resume_from) if c.resume_from else None)
                sessions[c.name] = s.session
                if c.resume_from and not s.session_reused:
                    raise RuntimeError("the TLS session was not resumed")
            run_steps(s, c.client_steps(), events, "client " + c.name)
            time.sleep(0.05)
            s.close()
            time.sleep(0.2)  # the server closes its side after ours
            closed.setdefault(c.name, threading.Event()).set()
        except Exception as e:  # noqa: BLE001
            connected[i].set()
            errors.append("client %s: %s" % (c.name, e))

    st = threading.Thread(target=serve)
    st.start()
    cts = [threading.Thread(target=client_conn, args=(i, c)) for i, c in enumerate(conns)]
    for t in cts:
        t.start()
    for t in cts:
        t.join()
    st.join()
    if errors:
        sys.exit("run_scenario: " + "; ".join(errors))
    with open(factsjson, "w") as f:
        json.dump(facts, f, indent=1)


if __name__ == "__main__":
    main()
