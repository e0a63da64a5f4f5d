#!/usr/bin/env python3
"""Each auxiliary block encoder of auxenc.py ([MS-OXCRPC] 2.2.2.2), decoded by mapidump: the client's blocks
in the AuxiliaryBuffer of an Execute request, the server's in that of an Execute response
([MS-OXCMAPIHTTP] 2.2.4.2), in JSON. For every block the test checks the structure mapidump names, the
AUX_HEADER (Size, Version, Type and the Type's name in the AUX_HEADER table of 2.2.2.2), and every field
against the value given to the encoder or, for sizes and offsets, the value the structure's layout in the
specification gives (worked out by hand below, not by the encoder).

Usage: test_auxenc.py MAPIDUMP
"""
import json
import os
import subprocess
import sys
import tempfile
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import auxenc as A  # noqa: E402
import mapienc as M  # noqa: E402

G1 = uuid.UUID("{0E1D2C3B-4A59-6877-8695-A4B3C2D1E0F1}")
G2 = uuid.UUID("{11223344-5566-7788-99AA-BBCCDDEEFF00}")
F = "mapihttp.aux."


def utf16_len(s):
    return 2 * len(s) + 2


def perf_cases():
    """The performance blocks of 2.2.2.2.7-.14 under each of their three Types (plain, BG, FG)."""
    out = []
    for variant, prefix in (("", "AUX_TYPE_PERF_"), ("BG", "AUX_TYPE_PERF_BG_"), ("FG", "AUX_TYPE_PERF_FG_")):
        # 2.2.2.2.7: 4 + 4 + 2 + 2 = 12 bytes after the header
        out.append((A.aux_perf_defmdb_success(300, 25, 7, variant=variant), "AUX_PERF_DEFMDB_SUCCESS", 16, 1,
                    prefix + "DEFMDB_SUCCESS",
                    [("time_since_request", 300), ("time_to_complete_request", 25), ("request_id", 7),
                     ("reserved", 0)]))
        # 2.2.2.2.8: 2 + 2 + 4 + 4 + 1 + 3 = 16
        out.append((A.aux_perf_defgc_success(3, 9, 410, 12, 0x0C, variant=variant), "AUX_PERF_DEFGC_SUCCESS", 20, 1,
                    prefix + "DEFGC_SUCCESS",
                    [("server_id", 3), ("session_id", 9), ("time_since_request", 410), ("time_to_complete_request", 12),
                     ("request_operation", 0x0C), ("reserved_bytes", "000000")]))
        # 2.2.2.2.9: 4 x 2 + 4 + 4 = 16
        out.append((A.aux_perf_mdb_success(2, 3, 4, 5, 600, 70, variant=variant), "AUX_PERF_MDB_SUCCESS", 20, 1,
                    prefix + "MDB_SUCCESS",
                    [("client_id", 2), ("server_id", 3), ("session_id", 4), ("request_id", 5),
                     ("time_since_request", 600), ("time_to_complete_request", 70)]))
        # 2.2.2.2.10: 6 x 2 + 4 + 4 = 20
        out.append((A.aux_perf_mdb_success_v2(11, 2, 3, 4, 5, 601, 71, variant=variant), "AUX_PERF_MDB_SUCCESS_V2",
                    24, 2, prefix + "MDB_SUCCESS",
                    [("process_id", 11), ("client_id", 2), ("server_id", 3), ("session_id", 4), ("request_id", 5),
                     ("reserved", 0), ("time_since_request", 601), ("time_to_complete_request", 71)]))
        # 2.2.2.2.11: 4 x 2 + 4 + 4 + 1 + 3 = 20
        out.append((A.aux_perf_gc_success(2, 6, 8, 720, 33, 0x08, variant=variant), "AUX_PERF_GC_SUCCESS", 24, 1,
                    prefix + "GC_SUCCESS",
                    [("client_id", 2), ("server_id", 6), ("session_id", 8), ("reserved_1", 0),
                     ("time_since_request", 720), ("time_to_complete_request", 33), ("request_operation", 0x08),
                     ("reserved_2_bytes", "000000")]))
        # 2.2.2.2.12: 4 x 2 + 4 + 4 + 1 + 3 = 20
        out.append((A.aux_perf_gc_success_v2(11, 2, 6, 8, 721, 34, 0x02, variant=variant), "AUX_PERF_GC_SUCCESS_V2",
                    24, 2, prefix + "GC_SUCCESS",
                    [("process_id", 11), ("client_id", 2), ("server_id", 6), ("session_id", 8),
                     ("time_since_request", 721), ("time_to_complete_request", 34), ("request_operation", 0x02),
                     ("reserved_bytes", "000000")]))
        # 2.2.2.2.13: 4 x 2 + 4 + 4 + 4 + 1 + 3 = 24
        out.append((A.aux_perf_failure(2, 3, 4, 5, 800, 90, 0x000004B9, 0x0A, variant=variant), "AUX_PERF_FAILURE",
                    28, 1, prefix + "FAILURE",
                    [("client_id", 2), ("server_id", 3), ("session_id", 4), ("request_id", 5),
                     ("time_since_request", 800), ("time_to_fail_request", 90), ("result_code", 0x000004B9),
                     ("request_operation", 0x0A), ("reserved_bytes", "000000")]))
        # 2.2.2.2.14: 6 x 2 + 4 + 4 + 4 + 1 + 3 = 28
        out.append((A.aux_perf_failure_v2(11, 2, 3, 4, 5, 801, 91, 0x80040115, 0x0A, variant=variant),
                    "AUX_PERF_FAILURE_V2", 32, 2, prefix + "FAILURE",
                    [("process_id", 11), ("client_id", 2), ("server_id", 3), ("session_id", 4), ("request_id", 5),
                     ("reserved_1", 0), ("time_since_request", 801), ("time_to_fail_request", 91),
                     ("result_code", 0x80040115), ("request_operation", 0x0A), ("reserved_2_bytes", "000000")]))
    return out


def client_cases():
    """(block, structure, AUX_HEADER Size, Version, Type name, [(field, value)]) of the client's blocks."""
    dn, server = "/o=Contoso/ou=Exchange Administrative Group/cn=Servers/cn=EXCH01", "EXCH01.contoso.com"
    machine, user, adapter = "WS-ALICE", "CONTOSO\\alice", "Ethernet 2"
    ip, mask, mac = bytes([10, 1, 20, 37]), bytes([255, 255, 255, 0]), bytes([0, 0x1B, 0x21, 0x3C, 0x4D, 0x5E])
    ci_fixed = 4 + 28  # AUX_HEADER + AdapterSpeed (4) and twelve 2-byte fields
    ci_user = ci_fixed + utf16_len(machine)
    ci_ip = ci_user + utf16_len(user)
    ci_adapter = ci_ip + 4 + 4
    ci_mac = ci_adapter + utf16_len(adapter)
    dev = ["Contoso Networks", "CN-GW 3100", "0042-7781", "3.1.0", "3.1.0.2214"]
    dev_off = [4 + 10]  # AUX_HEADER + five 2-byte offsets
    for s in dev[:-1]:
        dev_off.append(dev_off[-1] + utf16_len(s))
    return [
        # 2.2.2.2.1: SessionID, RequestID
        (A.aux_perf_requestid(1, 0x00A3), "AUX_PERF_REQUESTID", 8, 1, "AUX_TYPE_PERF_REQUESTID",
         [("session_id", 1), ("request_id", 0xA3)]),
        # 2.2.2.2.2: SessionID, Reserved, SessionGuid (16)
        (A.aux_perf_sessioninfo(4, G1), "AUX_PERF_SESSIONINFO", 24, 1, "AUX_TYPE_PERF_SESSIONINFO",
         [("session_id", 4), ("reserved", 0), ("session_guid", "{%s}" % str(G1).upper())]),
        # 2.2.2.2.3: the same and ConnectionID (4)
        (A.aux_perf_sessioninfo_v2(4, G1, 77), "AUX_PERF_SESSIONINFO_V2", 28, 2, "AUX_TYPE_PERF_SESSIONINFO",
         [("session_id", 4), ("reserved", 0), ("session_guid", "{%s}" % str(G1).upper()), ("connection_id", 77)]),
        # 2.2.2.2.4: the strings follow the fixed part in the order MachineName, UserName, ClientIP,
        # ClientIPMask, AdapterName, MacAddress
        (A.aux_perf_clientinfo(100000000, 9, machine, user, ip, mask, adapter, mac, A.CLIENTMODE_CLASSIC),
         "AUX_PERF_CLIENTINFO", ci_mac + 6, 1, "AUX_TYPE_PERF_CLIENTINFO",
         [("adapter_speed", 100000000), ("client_id", 9), ("machine_name_offset", ci_fixed),
          ("user_name_offset", ci_user), ("client_ip_size", 4), ("client_ip_offset", ci_ip),
          ("client_ip_mask_size", 4), ("client_ip_mask_offset", ci_ip + 4), ("adapter_name_offset", ci_adapter),
          ("mac_address_size", 6), ("mac_address_offset", ci_mac), ("client_mode", 1), ("reserved", 0),
          ("machine_name", machine), ("user_name", user), ("client_ip", ip.hex()), ("client_ip_mask", mask.hex()),
          ("adapter_name", adapter), ("mac_address", mac.hex())]),
        # 2.2.2.2.5: ServerID, ServerType, ServerDNOffset, ServerNameOffset (8 bytes), ServerDN, ServerName
        (A.aux_perf_serverinfo(5, A.SERVERTYPE_PUBLIC, dn, server), "AUX_PERF_SERVERINFO",
         12 + utf16_len(dn) + utf16_len(server), 1, "AUX_TYPE_PERF_SERVERINFO",
         [("server_id", 5), ("server_type", 2), ("server_dn_offset", 12), ("server_name_offset", 12 + utf16_len(dn)),
          ("server_dn", dn), ("server_name", server)]),
        # ServerDN absent: offset 0 ("null or empty"), ServerName right after the fixed part
        (A.aux_perf_serverinfo(6, A.SERVERTYPE_DIRECTORY, None, server), "AUX_PERF_SERVERINFO",
         12 + utf16_len(server), 1, "AUX_TYPE_PERF_SERVERINFO",
         [("server_id", 6), ("server_type", 3), ("server_dn_offset", 0), ("server_name_offset", 12),
          ("server_name", server)]),
        # 2.2.2.2.6 under both Versions: ProcessID, Reserved_1, ProcessGuid, ProcessNameOffset, Reserved_2
        # (24 bytes), ProcessName
        (A.aux_perf_processinfo(42, G2, "OUTLOOK.EXE"), "AUX_PERF_PROCESSINFO", 28 + utf16_len("OUTLOOK.EXE"), 1,
         "AUX_TYPE_PERF_PROCESSINFO",
         [("process_id", 42), ("reserved_1", 0), ("process_guid", "{%s}" % str(G2).upper()),
          ("process_name_offset", 28), ("reserved_2", 0), ("process_name", "OUTLOOK.EXE")]),
        (A.aux_perf_processinfo(43, G2, "lync.exe", version=2), "AUX_PERF_PROCESSINFO", 28 + utf16_len("lync.exe"),
         2, "AUX_TYPE_PERF_PROCESSINFO",
         [("process_id", 43), ("reserved_1", 0), ("process_guid", "{%s}" % str(G2).upper()),
          ("process_name_offset", 28), ("reserved_2", 0), ("process_name", "lync.exe")]),
        # 2.2.2.2.18: ClientID, Reserved, Account (a GUID)
        (A.aux_perf_accountinfo(9, G1), "AUX_PERF_ACCOUNTINFO", 24, 1, "AUX_TYPE_PERF_ACCOUNTINFO",
         [("client_id", 9), ("reserved", 0), ("account", "{%s}" % str(G1).upper())]),
        # 2.2.2.2.21: ConnectionGUID, OffsetConnectionContextInfo, Reserved, ConnectionAttempts, ConnectionFlags
        # (28 bytes), ConnectionContextInfo
        (A.aux_client_connection_info(G2, 3, 0x00000001, "Attempt=3"), "AUX_CLIENT_CONNECTION_INFO",
         32 + utf16_len("Attempt=3"), 1, "AUX_CLIENT_CONNECTION_INFO",
         [("connection_guid", "{%s}" % str(G2).upper()), ("offset_connection_context_info", 32), ("reserved", 0),
          ("connection_attempts", 3), ("connection_flags", 1), ("connection_context_info", "Attempt=3")]),
        # 2.2.2.2.23: five offsets, then the five strings in that order
        (A.aux_protocol_device_identification(*dev), "AUX_PROTOCOL_DEVICE_IDENTIFICATION",
         dev_off[-1] + utf16_len(dev[-1]), 1, "AUX_PROTOCOL_DEVICE_IDENTIFICATION",
         [("device_manufacturer_offset", dev_off[0]), ("device_model_offset", dev_off[1]),
          ("device_serial_number_offset", dev_off[2]), ("device_version_offset", dev_off[3]),
          ("device_firmware_version_offset", dev_off[4]), ("device_manufacturer", dev[0]), ("device_model", dev[1]),
          ("device_serial_number", dev[2]), ("device_version", dev[3]), ("device_firmware_version", dev[4])]),
    ] + perf_cases()


def server_cases():
    info = "Server=EXCH01;Database=DB01"
    return [
        # 2.2.2.2.15: EnableFlags, ExpiryTime
        (A.aux_client_control(A.ENABLE_PERF_SENDTOSERVER | A.ENABLE_PERF_SENDGCDATA, 600000), "AUX_CLIENT_CONTROL",
         12, 1, "AUX_TYPE_CLIENT_CONTROL", [("enable_flags", 0x11), ("expiry_time", 600000)]),
        # 2.2.2.2.16: OSVersionInfoSize is the structure's own size: 4 x 4 + 132 + 2 + 2 + 4 = 156
        (A.aux_osversioninfo(6, 3, 9600, 1, 0), "AUX_OSVERSIONINFO", 160, 1, "AUX_TYPE_OSVERSIONINFO",
         [("os_version_info_size", 156), ("major_version", 6), ("minor_version", 3), ("build_number", 9600),
          ("reserved1", "00" * 132), ("service_pack_major", 1), ("service_pack_minor", 0), ("reserved2", 0)]),
        # 2.2.2.2.17: OrgFlags
        (A.aux_exorginfo(A.PUBLIC_FOLDERS_ENABLED), "AUX_EXORGINFO", 8, 1, "AUX_TYPE_EXORGINFO", [("org_flags", 1)]),
        # 2.2.2.2.19: ServerCapabilityFlags
        (A.aux_server_capabilities(A.ULTRA_LARGE_PACKED_DOWNLOAD_BUFFERS), "AUX_SERVER_CAPABILITIES", 8, 1,
         "AUX_TYPE_SERVER_CAPABILITIES", [("server_capability_flags", 0x08)]),
        # 2.2.2.2.20: EndpointCapabilityFlag
        (A.aux_endpoint_capabilities(A.ENDPOINT_CAPABILITIES_SINGLE_ENDPOINT), "AUX_ENDPOINT_CAPABILITIES", 8, 1,
         "AUX_TYPE_ENDPOINT_CAPABILITIES", [("endpoint_capability_flag", 1)]),
        # 2.2.2.2.22: OffsetServerSessionContextInfo (2 bytes), ServerSessionContextInfo
        (A.aux_server_session_info(info), "AUX_SERVER_SESSION_INFO", 6 + utf16_len(info), 1, "AUX_SERVER_SESSION_INFO",
         [("offset_server_session_context_info", 6), ("server_session_context_info", info)]),
    ]


def aux_nodes(tree):
    out = []

    def walk(n):
        if n.get("field") == "mapihttp.aux":
            out.append(n)
        for c in n.get("children", []):
            walk(c)
    for t in tree:
        walk(t)
    return out


def check(nodes, cases, where):
    errors = []
    if len(nodes) != len(cases):
        return ["%s: %d auxiliary blocks decoded, %d encoded" % (where, len(nodes), len(cases))]
    for n, (_, structure, size, version, type_name, fields) in zip(nodes, cases):
        what = "%s %s" % (where, structure)
        if n.get("show") != structure:
            errors.append("%s: decoded as %s" % (what, n.get("show")))
        header = {c["field"]: c for c in n["children"][0]["children"]}
        if header[F + "size"]["value"] != size:
            errors.append("%s: Size %s, expected %d" % (what, header[F + "size"]["value"], size))
        if header[F + "version"]["value"] != version:
            errors.append("%s: Version %s, expected %d" % (what, header[F + "version"]["value"], version))
        if not header[F + "type"].get("show", "").startswith(type_name + " "):
            errors.append("%s: Type %s, expected %s" % (what, header[F + "type"].get("show"), type_name))
        got = [(c["field"][len(F):], c["value"]) for c in n["children"][1:]]
        if got != fields:
            errors.append("%s: fields\n      %s\n    expected\n      %s" % (what, got, fields))
    return errors


def main():
    mapidump = sys.argv[1]
    client, server = client_cases(), server_cases()
    release = [M.rop_release_request(0, 0)]
    with tempfile.TemporaryDirectory() as tmp:
        q, r = os.path.join(tmp, "request"), os.path.join(tmp, "response")
        with open(q, "wb") as f:
            f.write(M.execute_request(release, [0x00000045], aux=[c[0] for c in client]))
        with open(r, "wb") as f:
            f.write(M.execute_response([], [0x00000045], aux=[c[0] for c in server]))
        p = subprocess.run([mapidump, "-T", "json", "--raw-request", "Execute", q, "--raw-response", "Execute", r],
                           capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        print("mapidump exit status %d: %s" % (p.returncode, p.stderr.strip()))
        return 1
    tree = json.loads(p.stdout)
    errors = check(aux_nodes(tree[:1]), client, "request") + check(aux_nodes(tree[1:]), server, "response")
    for e in errors:
        print("FAIL " + e)
    types = {(c[3], c[0][3]) for c in client + server}
    print("%d auxiliary blocks (%d Version/Type pairs) checked, %d failures" % (len(client + server), len(types),
                                                                               len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
