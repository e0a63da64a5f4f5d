#!/usr/bin/env python3
"""Writes the libFuzzer dictionaries of the fuzz harnesses (tests/fuzz/dict/HARNESS.dict): the protocol's
tokens each input format is made of. Ids and tags come from the project's own tables (generated from
the specifications: dissector/generated/*.c, dissector/mapi/fxstream.c), so the dictionaries follow them;
fixed tokens are written here with their sections. Run after those tables change; the output is
committed. Usage: make_dicts.py [OUT_DIR]
"""
import os
import re
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DISSECTOR = os.path.join(ROOT, "dissector")


def esc(b):
    return '"' + "".join(chr(c) if 0x20 <= c < 0x7F and chr(c) not in '"\\' else "\\x%02x" % c for c in b) + '"'


def table(path, pattern):
    return re.findall(pattern, open(os.path.join(DISSECTOR, path)).read())


REQUEST_TYPES = table("envelope/request_type.c", r'"([A-Za-z]+)"')
HEADERS = table("envelope/headers.c", r'\{ "([A-Za-z-]+)", H_')
ROP_IDS = [int(x, 16) for x in table("generated/rop_ids.c", r"\[0x([0-9A-F]{2})\] = \{ \"")]
FX_TAGS = [int(x, 16) for x in table("mapi/fxstream.c", r"\{ 0x(4[0-9A-F]{7}), \"")]
AUX_TYPES = [(v, int(t, 16)) for v, body in ((1, "v1"), (2, "v2"))
             for t in table("generated/aux_types.c", r"mh_aux_types_%s\[\] = \{([^;]*)" % body)[0:1]
             for t in re.findall(r"\{ 0x([0-9A-F]{2}),", t)]
# frequent property tags of ROP and address book bodies ([MS-OXPROPS])
COMMON_TAGS = ["PidTagDisplayName", "PidTagSubject", "PidTagMessageClass", "PidTagEntryId",
               "PidTagFolderId", "PidTagMid", "PidTagInstanceKey", "PidTagContentCount", "PidTagBody",
               "PidTagRecordKey", "PidTagObjectType", "PidTagEmailAddress", "PidTagAddressType",
               "PidTagSmtpAddress", "PidTagMessageFlags", "PidTagLastModificationTime", "PidTagChangeKey"]
TAGS = dict((n, int(v, 16)) for v, n in table("generated/prop_tags.c", r"\{ 0x([0-9A-F]{8}), \"(\w+)\" \}"))
# [MS-OXCDATA] 2.11.1 property types (PtypInteger16 ... PtypMultipleBinary, PtypUnspecified)
PROP_TYPES = [0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0007, 0x000A, 0x000B, 0x0014, 0x001E, 0x001F,
              0x0040, 0x0048, 0x00FB, 0x00FD, 0x00FE, 0x0102, 0x0000, 0x0001, 0x1002, 0x1003, 0x1014,
              0x101E, 0x101F, 0x1040, 0x1048, 0x1102]


def rpc_header_ext():
    # [MS-OXCRPC] 2.2.2.1: Version 0, Flags (Compressed 1, XorMagic 2, Last 4)
    return [struct.pack("<HH", 0, f) for f in (4, 5, 6, 7)]


def rops_tokens():
    t = [bytes([i]) for i in ROP_IDS] + [bytes([i, 0, 0]) for i in ROP_IDS]  # RopId, LogonId, handle index
    t += [b"\xff\xff\xff\xff", b"\x00\x00\x00\x00", b"\x02\x01\x04\x80", b"\x0f\x01\x04\x80"]  # handles, ReturnValue
    t += [struct.pack("<H", p) for p in PROP_TYPES]
    t += [struct.pack("<I", x) for x in FX_TAGS]
    t += [struct.pack("<I", TAGS[n]) for n in COMMON_TAGS if n in TAGS]
    # [MS-OXCDATA] 2.12 restriction types, 2.6.1 PropertyName Kind (LID, name, none)
    t += [bytes([r]) for r in range(0x00, 0x0C)] + [b"\x00\x00\x00\x00\x00\x00\x00\x00"]
    return t


def aux_tokens():
    return [struct.pack("<BB", v, ty) for v, ty in AUX_TYPES] + rpc_header_ext()


def meta_tokens():
    # [MS-OXCMAPIHTTP] 2.2.7 meta-tags and 2.2.2.2 additional headers
    return [b"PROCESSING\r\n", b"PENDING\r\n", b"DONE\r\n", b"X-ResponseCode: ", b"X-ElapsedTime: ",
            b"X-StartTime: ", b"\r\n\r\n"]


def http_tokens():
    t = [b"POST /mapi/emsmdb/?MailboxId=", b"POST /mapi/nspi/?MailboxId=", b"HTTP/1.1 200 OK\r\n",
         b"HTTP/1.1 100 Continue\r\n", b"HTTP/1.1 401 Unauthorized\r\n", b" HTTP/1.1\r\n", b"\r\n",
         b"\r\n\r\n", b"Content-Length: ", b"Transfer-Encoding: chunked\r\n", b"0\r\n\r\n",
         b"Content-Type: application/mapi-http\r\n", b"Connection: close\r\n", b"Expect: 100-continue\r\n",
         b"Authorization: NTLM ", b"WWW-Authenticate: Negotiate ", b"Cookie: MapiContext=", b"; sid=",
         b"Set-Cookie: ", b"Host: "]
    t += [(h + ": ").encode() for h in HEADERS]
    t += [("X-RequestType: %s\r\n" % r).encode() for r in REQUEST_TYPES]
    return t


def tls_tokens():
    # [RFC 8446] 5.1 record header, 4 handshake types, 4.2 extensions, B.4 and [RFC 5246] suites
    t = [b"\x16\x03\x01", b"\x16\x03\x03", b"\x17\x03\x03", b"\x15\x03\x03", b"\x14\x03\x03\x00\x01\x01"]
    t += [bytes([h, 0]) for h in (1, 2, 4, 8, 11, 12, 13, 14, 15, 16, 20, 24)]
    t += [b"\x13\x01", b"\x13\x02", b"\x13\x03", b"\x13\x04", b"\xc0\x2f", b"\xc0\x30", b"\xc0\x13",
          b"\xc0\x27", b"\xc0\x28", b"\xcc\xa8", b"\x00\x9c", b"\x00\x9d", b"\x00\x2f", b"\x00\x35"]
    t += [b"\x00\x2b\x00\x02\x03\x04", b"\x00\x2b\x00\x03\x02\x03\x04", b"\x00\x33", b"\x00\x29", b"\x00\x16\x00\x00",
          b"\x00\x17\x00\x00", b"\x00\x23", b"\x00\x00", b"\x00\x0a", b"\x00\x0d"]
    return t


def keylog_tokens():
    # the NSS key log labels the tls harness's key log may hold, and the line's separators
    return [b"CLIENT_RANDOM ", b"CLIENT_HANDSHAKE_TRAFFIC_SECRET ", b"SERVER_HANDSHAKE_TRAFFIC_SECRET ",
            b"CLIENT_TRAFFIC_SECRET_0 ", b"SERVER_TRAFFIC_SECRET_0 ", b"EXPORTER_SECRET ", b"RSA ", b"# ", b"\n"]


def capture_tokens():
    # pcap and pcapng headers, link types, EtherTypes, IP protocol TCP
    t = [b"\xd4\xc3\xb2\xa1\x02\x00\x04\x00", b"\xa1\xb2\xc3\xd4", b"\x4d\x3c\xb2\xa1", b"\x0a\x0d\x0d\x0a",
         b"\x4d\x3c\x2b\x1a", b"\x01\x00\x00\x00", b"\x71\x00\x00\x00", b"\x14\x01\x00\x00", b"\x08\x00",
         b"\x86\xdd", b"\x81\x00", b"\x88\xa8", b"\x45\x00", b"\x06", b"\x01\xbb", b"\x00\x50",
         b"\x0a\x00\x00\x00", b"\x05\x00\x00\x00"]
    return t + http_tokens()[:12] + tls_tokens()[:8]


DICTS = {
    "body": lambda: meta_tokens() + rpc_header_ext() + rops_tokens() + aux_tokens()[:20],
    "rops": rops_tokens,
    "lz77": lambda: rpc_header_ext() + [b"\x00\x00\x00\x00", b"\xff\xff\xff\xff", b"\x00\x00\x00\x80",
                                        b"\x07\x00", b"\xff\xff", b"\x0f", b"\xff", b"\x00\x00", b"\xff\x00\x00"],
    "aux": aux_tokens,
    "http": http_tokens,
    "tls": lambda: tls_tokens() + keylog_tokens(),
    "capture": capture_tokens,
}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "dict")
    os.makedirs(out, exist_ok=True)
    for name, tokens in DICTS.items():
        seen, lines = set(), ["# %s harness tokens: written by tests/fuzz/make_dicts.py, do not edit." % name]
        for t in tokens():
            if t not in seen:
                seen.add(t)
                lines.append(esc(t))
        with open(os.path.join(out, name + ".dict"), "w") as f:
            f.write("\n".join(lines) + "\n")
        print("%s: %d tokens" % (name, len(seen)))


if __name__ == "__main__":
    main()
