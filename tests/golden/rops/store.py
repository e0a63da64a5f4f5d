#!/usr/bin/env python3
"""Golden cases for [MS-OXCROPS] 2.2.3 logon and store ROPs (fields per [MS-OXCSTOR] 2.2.1)."""
from ropgen import *

ESSDN = "/o=Contoso/ou=Exchange Administrative Group/cn=Recipients/cn=alice"


def logon_request(flags, open_flags, essdn=ESSDN):
    """2.2.3.1.1: RopId, LogonId, OutputHandleIndex, LogonFlags, OpenFlags, StoreState, EssdnSize, Essdn."""
    dn = asciiz(essdn) if essdn is not None else b""
    return u8(0xFE) + u8(0) + u8(0) + u8(flags) + u32(open_flags) + u32(0) + u16(len(dn)) + dn


FIDS = b"".join(fid(1, 0xA1 + i) for i in range(13))

# private mailbox: 2.2.3.1.2 (166 bytes)
private = u8(0xFE) + u8(0) + u32(0) + u8(0x01) + FIDS + u8(0x01) + guid("{11111111-2222-3333-4444-555555555555}") + \
    u16(1) + guid("{66666666-7777-8888-9999-AAAAAAAAAAAA}") + bytes([56, 34, 12, 2, 4, 2]) + u16(2014) + \
    u64((1391517296 + 11644473600) * 10**7) + u32(0)
assert len(private) == 166
write_case("rop-RopLogon-request", logon_request(0x01, 0x01000000))
write_case("rop-RopLogon-response", logon_request(0x01, 0x01000000), private,
           req_handles=(0xFFFFFFFF,), resp_handles=(0x00000051,))
# public folders: 2.2.3.1.3 (145 bytes), decided by the request's LogonFlags (Private clear)
public = u8(0xFE) + u8(0) + u32(0) + u8(0x00) + FIDS + u16(2) + guid("{66666666-7777-8888-9999-AAAAAAAAAAAA}") + \
    guid("{00000000-0000-0000-0000-000000000000}")
assert len(public) == 145
write_case("rop-RopLogon-response-public", logon_request(0x00, 0x01000002, None), public,
           req_handles=(0xFFFFFFFF,), resp_handles=(0x00000052,))
# redirect: 2.2.3.1.4 ecWrongServer with ServerNameSize (counting the NUL) and ServerName
write_case("rop-RopLogon-response-redirect", logon_request(0x01, 0x01000000),
           u8(0xFE) + u8(0) + u32(0x00000478) + u8(0x01) + u8(11) + asciiz("mbx2.local"),
           req_handles=(0xFFFFFFFF,), resp_handles=(0xFFFFFFFF,))
# failure: 2.2.3.1.5, nothing after ReturnValue
write_case("rop-RopLogon-response-failure", logon_request(0x01, 0x01000000),
           u8(0xFE) + u8(0) + u32(0x000003EB), req_handles=(0xFFFFFFFF,), resp_handles=(0xFFFFFFFF,))
write_manifest("store")
