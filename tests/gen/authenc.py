"""HTTP authentication tokens for the generator, written from the specifications: NTLM messages
([MS-NLMP] 2.2.1.1 NEGOTIATE, 2.2.1.2 CHALLENGE, 2.2.1.3 AUTHENTICATE; 2.2.2.1 AV_PAIR; 2.2.2.10 VERSION),
SPNEGO NegTokenInit (RFC 4178 4.2.1) and a Kerberos AP-REQ shape (RFC 4120 5.5.1, 5.3 Ticket, GSS-API
framing RFC 4121 4.1). The cryptographic parts (responses, keys, the ticket's enc-part) are random bytes:
mapidump only reads the names, and never prints credentials.
"""
import base64
import struct

NEGOTIATE_UNICODE = 0x00000001
REQUEST_TARGET = 0x00000004
NEGOTIATE_NTLM = 0x00000200
ALWAYS_SIGN = 0x00008000
EXTENDED_SESSIONSECURITY = 0x00080000
TARGET_INFO = 0x00800000
VERSION = 0x02000000
N128 = 0x20000000
KEY_EXCH = 0x40000000
N56 = 0x80000000
FLAGS = (NEGOTIATE_UNICODE | REQUEST_TARGET | NEGOTIATE_NTLM | ALWAYS_SIGN | EXTENDED_SESSIONSECURITY |
         VERSION | N128 | KEY_EXCH | N56)

SIG = b"NTLMSSP\0"
VERSION_BYTES = bytes([10, 0]) + struct.pack("<H", 19041) + b"\0\0\0" + bytes([15])  # 10.0.19041, NTLMSSP_REVISION_W2K3


def _fields(length, offset):
    return struct.pack("<HHI", length, length, offset)


def negotiate():
    return SIG + struct.pack("<I", 1) + struct.pack("<I", FLAGS) + _fields(0, 0) + _fields(0, 0) + VERSION_BYTES


def challenge(rng, target):
    name = target.encode("utf-16-le")
    av = struct.pack("<HH", 2, len(name)) + name + struct.pack("<HH", 0, 0)  # MsvAvNbDomainName, MsvAvEOL
    head_len = 56
    msg = SIG + struct.pack("<I", 2) + _fields(len(name), head_len) + struct.pack("<I", FLAGS | TARGET_INFO)
    msg += bytes(rng.getrandbits(8) for _ in range(8)) + b"\0" * 8
    msg += _fields(len(av), head_len + len(name)) + VERSION_BYTES
    return msg + name + av


def authenticate(rng, domain, user, workstation):
    d, u, w = (s.encode("utf-16-le") for s in (domain, user, workstation))
    lm = b"\0" * 24
    nt = bytes(rng.getrandbits(8) for _ in range(48))
    key = bytes(rng.getrandbits(8) for _ in range(16))
    off = 88  # fixed part with Version (8) and MIC (16)
    parts, fields = b"", []
    for p in (lm, nt, d, u, w, key):
        fields.append(_fields(len(p), off + len(parts)))
        parts += p
    msg = SIG + struct.pack("<I", 3) + b"".join(fields) + struct.pack("<I", FLAGS) + VERSION_BYTES + b"\0" * 16
    assert len(msg) == off
    return msg + parts


# ---- DER ----

def der(tag, content):
    n = len(content)
    if n < 0x80:
        ln = bytes([n])
    elif n < 0x100:
        ln = bytes([0x81, n])
    else:
        ln = bytes([0x82, n >> 8, n & 0xFF])
    return bytes([tag]) + ln + content


def der_int(v):
    return der(0x02, bytes([v]))


def der_gs(s):
    return der(0x1B, s.encode("ascii"))  # GeneralString


OID_SPNEGO = bytes.fromhex("2b0601050502")
OID_KRB5 = bytes.fromhex("2a864886f712010202")
OID_MSKRB5 = bytes.fromhex("2a864882f712010202")
OID_NTLM = bytes.fromhex("2b06010401823702020a")


def kerberos_ap_req(rng, realm, service):
    """A GSS-API Kerberos token with an AP-REQ whose Ticket names realm and sname."""
    names = der(0x30, b"".join(der_gs(p) for p in service.split("/")))
    sname = der(0x30, der(0xA0, der_int(2)) + der(0xA1, names))  # KRB_NT_SRV_INST
    enc = der(0x30, der(0xA0, der_int(18)) + der(0xA1, der_int(3)) +
              der(0xA2, der(0x04, bytes(rng.getrandbits(8) for _ in range(64)))))
    ticket = der(0x61, der(0x30, der(0xA0, der_int(5)) + der(0xA1, der_gs(realm)) + der(0xA2, sname) +
                            der(0xA3, enc)))
    auth = der(0x30, der(0xA0, der_int(18)) + der(0xA2, der(0x04, bytes(rng.getrandbits(8) for _ in range(48)))))
    ap_req = der(0x6E, der(0x30, der(0xA0, der_int(5)) + der(0xA1, der_int(14)) +
                            der(0xA2, der(0x03, b"\0\x20\0\0\0")) + der(0xA3, ticket) + der(0xA4, auth)))
    return der(0x60, der(0x06, OID_KRB5) + b"\x01\x00" + ap_req)


def spnego_init(mech_oids, mech_token):
    types = der(0x30, b"".join(der(0x06, o) for o in mech_oids))
    init = der(0x30, der(0xA0, types) + der(0xA2, der(0x04, mech_token)))
    return der(0x60, der(0x06, OID_SPNEGO) + der(0xA0, init))


def header_value(scheme, token):
    return "%s %s" % (scheme, base64.b64encode(token).decode("ascii"))


def basic(user, password):
    return "Basic " + base64.b64encode(("%s:%s" % (user, password)).encode("utf-8")).decode("ascii")
