"""Encoder for the extended buffers of [MS-OXCRPC] 2.2.2, written from the specification: 2.2.2.1
RPC_HEADER_EXT (Version 0, Flags Compressed 0x1 / XorMagic 0x2 / Last 0x4, Size, SizeActual) and every
auxiliary block of 2.2.2.2, each behind its AUX_HEADER (Size counting the header, Version, Type):

  .1 AUX_PERF_REQUESTID          .2 AUX_PERF_SESSIONINFO       .3 AUX_PERF_SESSIONINFO_V2
  .4 AUX_PERF_CLIENTINFO         .5 AUX_PERF_SERVERINFO        .6 AUX_PERF_PROCESSINFO (Version 1 or 2)
  .7 AUX_PERF_DEFMDB_SUCCESS     .8 AUX_PERF_DEFGC_SUCCESS     .9 AUX_PERF_MDB_SUCCESS  .10 _V2
  .11 AUX_PERF_GC_SUCCESS  .12 _V2                             .13 AUX_PERF_FAILURE  .14 _V2
  .15 AUX_CLIENT_CONTROL         .16 AUX_OSVERSIONINFO         .17 AUX_EXORGINFO
  .18 AUX_PERF_ACCOUNTINFO       .19 AUX_SERVER_CAPABILITIES   .20 AUX_ENDPOINT_CAPABILITIES
  .21 AUX_CLIENT_CONNECTION_INFO .22 AUX_SERVER_SESSION_INFO   .23 AUX_PROTOCOL_DEVICE_IDENTIFICATION

The performance blocks of .7-.14 are sent under three Types each (plain, background "BG" and foreground
"FG"; the AUX_HEADER table of 2.2.2.2): `variant` chooses. Offsets in blocks with variable data count from
the start of the AUX_HEADER, and 0 means the field is absent; the data follows the fixed fields in the
order the structure lists it. Strings are NUL-terminated UTF-16LE. All integers are little-endian.

Used by mapienc.py (Connect/Execute/... bodies) and by the golden input scripts (tests/golden).
"""
import struct
import uuid

import lz77enc

RPC_COMPRESSED, RPC_XORMAGIC, RPC_LAST = 0x0001, 0x0002, 0x0004
AUX_VERSION_1, AUX_VERSION_2 = 0x01, 0x02

# AUX_HEADER Type values (2.2.2.2); the BG/FG Types of .7-.14 are (plain, BG, FG)
AUX_TYPE_PERF_REQUESTID = 0x01
AUX_TYPE_PERF_CLIENTINFO = 0x02
AUX_TYPE_PERF_SERVERINFO = 0x03
AUX_TYPE_PERF_SESSIONINFO = 0x04
AUX_TYPE_CLIENT_CONTROL = 0x0A
AUX_TYPE_PERF_PROCESSINFO = 0x0B
AUX_TYPE_OSVERSIONINFO = 0x16
AUX_TYPE_EXORGINFO = 0x17
AUX_TYPE_PERF_ACCOUNTINFO = 0x18
AUX_TYPE_SERVER_CAPABILITIES = 0x46
AUX_TYPE_ENDPOINT_CAPABILITIES = 0x48
AUX_CLIENT_CONNECTION_INFO = 0x4A
AUX_SERVER_SESSION_INFO = 0x4B
AUX_PROTOCOL_DEVICE_IDENTIFICATION = 0x4E
PERF_TYPES = {  # structure: {variant: Type}
    "DEFMDB_SUCCESS": {"": 0x05, "BG": 0x0C, "FG": 0x11},
    "DEFGC_SUCCESS": {"": 0x06, "BG": 0x0D, "FG": 0x12},
    "MDB_SUCCESS": {"": 0x07, "BG": 0x0E, "FG": 0x13},
    "GC_SUCCESS": {"": 0x08, "BG": 0x0F, "FG": 0x14},
    "FAILURE": {"": 0x09, "BG": 0x10, "FG": 0x15},
}

# AUX_PERF_CLIENTINFO ClientMode (2.2.2.2.4), AUX_PERF_SERVERINFO ServerType (2.2.2.2.5)
CLIENTMODE_UNKNOWN, CLIENTMODE_CLASSIC, CLIENTMODE_CACHED = 0x00, 0x01, 0x02
SERVERTYPE_UNKNOWN, SERVERTYPE_PRIVATE, SERVERTYPE_PUBLIC, SERVERTYPE_DIRECTORY, SERVERTYPE_REFERRAL = range(5)
# AUX_CLIENT_CONTROL EnableFlags (2.2.2.2.15)
ENABLE_PERF_SENDTOSERVER, ENABLE_COMPRESSION, ENABLE_HTTP_TUNNELING, ENABLE_PERF_SENDGCDATA = 0x01, 0x04, 0x08, 0x10
# AUX_EXORGINFO OrgFlags (2.2.2.2.17)
PUBLIC_FOLDERS_ENABLED, USE_AUTODISCOVER_FOR_PUBLIC_FOLDER_CONFIGURATION = 0x01, 0x02
# AUX_SERVER_CAPABILITIES ServerCapabilityFlags (2.2.2.2.19)
PACKED_FAST_TRANSFER_UPLOAD_BUFFERS, PACKED_WRITE_STREAM_UPLOAD_BUFFERS = 0x01, 0x02
ULTRA_LARGE_PACKED_DOWNLOAD_BUFFERS = 0x08
# AUX_ENDPOINT_CAPABILITIES EndpointCapabilityFlag (2.2.2.2.20)
ENDPOINT_CAPABILITIES_SINGLE_ENDPOINT = 0x01
OSVERSIONINFO_SIZE = 156  # 2.2.2.2.16: the structure's own size, OSVersionInfoSize through Reserved2


def _u8(v): return struct.pack("<B", v)
def _u16(v): return struct.pack("<H", v)
def _u32(v): return struct.pack("<I", v)


def _utf16z(s): return s.encode("utf-16-le") + b"\0\0"


def _guid(g):
    """A GUID's wire form ([MS-DTYP] 2.3.4.2: Data1..Data3 little-endian), from a uuid.UUID or its
    registry form "{...}"."""
    return (g if isinstance(g, uuid.UUID) else uuid.UUID(g.strip("{}"))).bytes_le


def xor_a5(b):
    return bytes(x ^ 0xA5 for x in b)


def rpc_header_ext(payload, xor=False, last=True, compress=False):
    """One RPC_HEADER_EXT and its payload (2.2.2.1). A sender compresses first, then obfuscates
    (3.1.4.11.1); Size counts the bytes on the wire, SizeActual the uncompressed ones."""
    flags = (RPC_XORMAGIC if xor else 0) | (RPC_LAST if last else 0) | (RPC_COMPRESSED if compress else 0)
    body = lz77enc.compress(payload) if compress else payload
    body = xor_a5(body) if xor else body
    return _u16(0) + _u16(flags) + _u16(len(body)) + _u16(len(payload)) + body


def aux_block(version, type_, block):
    """AUX_HEADER (Size = 4 + the block, Version, Type) and the block (2.2.2.2)."""
    return _u16(4 + len(block)) + _u8(version) + _u8(type_) + block


def aux_buffer(blocks, xor=False, compress=False):
    """AuxiliaryBufferSize + AuxiliaryBuffer (an RPC_HEADER_EXT and the blocks), or a zero size when
    there are no blocks ([MS-OXCMAPIHTTP] 2.2.4, [MS-OXCRPC] 3.1.4.1.1.1.1)."""
    if not blocks:
        return _u32(0)
    b = rpc_header_ext(b"".join(blocks), xor=xor, compress=compress)
    return _u32(len(b)) + b


def _variable(fixed_len, fields):
    """Offsets (from the AUX_HEADER) and bytes of the variable fields that follow a fixed part of
    `fixed_len` bytes, in order; None is an absent field, with offset 0."""
    offsets, data = [], b""
    for f in fields:
        if f is None:
            offsets.append(0)
        else:
            offsets.append(4 + fixed_len + len(data))
            data += f
    return offsets, data


def _perf_type(structure, variant):
    return PERF_TYPES[structure][variant]


# ---- 2.2.2.2.1 - 2.2.2.2.6: identification blocks, client to server ----

def aux_perf_requestid(session_id, request_id):  # 2.2.2.2.1
    return aux_block(AUX_VERSION_1, AUX_TYPE_PERF_REQUESTID, _u16(session_id) + _u16(request_id))


def aux_perf_sessioninfo(session_id, session_guid):  # 2.2.2.2.2: SessionID, Reserved, SessionGuid
    return aux_block(AUX_VERSION_1, AUX_TYPE_PERF_SESSIONINFO, _u16(session_id) + _u16(0) + _guid(session_guid))


def aux_perf_sessioninfo_v2(session_id, session_guid, connection_id):  # 2.2.2.2.3: ... ConnectionID
    return aux_block(AUX_VERSION_2, AUX_TYPE_PERF_SESSIONINFO,
                     _u16(session_id) + _u16(0) + _guid(session_guid) + _u32(connection_id))


def aux_perf_clientinfo(adapter_speed, client_id, machine_name=None, user_name=None, client_ip=None,
                        client_ip_mask=None, adapter_name=None, mac_address=None, client_mode=CLIENTMODE_CACHED):
    """2.2.2.2.4: AdapterSpeed, ClientID, MachineNameOffset, UserNameOffset, ClientIPSize, ClientIPOffset,
    ClientIPMaskSize, ClientIPMaskOffset, AdapterNameOffset, MacAddressSize, MacAddressOffset, ClientMode,
    Reserved, then MachineName, UserName, ClientIP, ClientIPMask, AdapterName, MacAddress. Names are str,
    the address fields bytes (e.g. 4 bytes of an IPv4 address, 6 of a MAC address)."""
    fixed_len = 4 + 2 * 12
    (o_machine, o_user, o_ip, o_mask, o_adapter, o_mac), data = _variable(fixed_len, [
        None if machine_name is None else _utf16z(machine_name), None if user_name is None else _utf16z(user_name),
        client_ip, client_ip_mask, None if adapter_name is None else _utf16z(adapter_name), mac_address])
    size = lambda b: len(b) if b is not None else 0  # noqa: E731
    fixed = (_u32(adapter_speed) + _u16(client_id) + _u16(o_machine) + _u16(o_user) +
             _u16(size(client_ip)) + _u16(o_ip) + _u16(size(client_ip_mask)) + _u16(o_mask) + _u16(o_adapter) +
             _u16(size(mac_address)) + _u16(o_mac) + _u16(client_mode) + _u16(0))
    return aux_block(AUX_VERSION_1, AUX_TYPE_PERF_CLIENTINFO, fixed + data)


def aux_perf_serverinfo(server_id, server_type, server_dn=None, server_name=None):
    """2.2.2.2.5: ServerID, ServerType, ServerDNOffset, ServerNameOffset, ServerDN, ServerName."""
    (o_dn, o_name), data = _variable(8, [None if server_dn is None else _utf16z(server_dn),
                                         None if server_name is None else _utf16z(server_name)])
    return aux_block(AUX_VERSION_1, AUX_TYPE_PERF_SERVERINFO,
                     _u16(server_id) + _u16(server_type) + _u16(o_dn) + _u16(o_name) + data)


def aux_perf_processinfo(process_id, process_guid, name, version=AUX_VERSION_1):
    """2.2.2.2.6 (the same structure under AUX_VERSION_1 and AUX_VERSION_2): ProcessID, Reserved_1,
    ProcessGuid, ProcessNameOffset, Reserved_2, ProcessName."""
    (o_name,), data = _variable(24, [None if name is None else _utf16z(name)])
    return aux_block(version, AUX_TYPE_PERF_PROCESSINFO,
                     _u16(process_id) + _u16(0) + _guid(process_guid) + _u16(o_name) + _u16(0) + data)


# ---- 2.2.2.2.7 - 2.2.2.2.14: statistics of earlier calls, client to server ----

def aux_perf_defmdb_success(time_since_request, time_to_complete_request, request_id, variant=""):
    """2.2.2.2.7: TimeSinceRequest, TimeToCompleteRequest, RequestID, Reserved."""
    return aux_block(AUX_VERSION_1, _perf_type("DEFMDB_SUCCESS", variant),
                     _u32(time_since_request) + _u32(time_to_complete_request) + _u16(request_id) + _u16(0))


def aux_perf_defgc_success(server_id, session_id, time_since_request, time_to_complete_request,
                           request_operation, variant=""):
    """2.2.2.2.8: ServerID, SessionID, TimeSinceRequest, TimeToCompleteRequest, RequestOperation,
    Reserved (3 bytes)."""
    return aux_block(AUX_VERSION_1, _perf_type("DEFGC_SUCCESS", variant),
                     _u16(server_id) + _u16(session_id) + _u32(time_since_request) +
                     _u32(time_to_complete_request) + _u8(request_operation) + bytes(3))


def aux_perf_mdb_success(client_id, server_id, session_id, request_id, time_since_request,
                         time_to_complete_request, variant=""):
    """2.2.2.2.9: ClientID, ServerID, SessionID, RequestID, TimeSinceRequest, TimeToCompleteRequest."""
    return aux_block(AUX_VERSION_1, _perf_type("MDB_SUCCESS", variant),
                     _u16(client_id) + _u16(server_id) + _u16(session_id) + _u16(request_id) +
                     _u32(time_since_request) + _u32(time_to_complete_request))


def aux_perf_mdb_success_v2(process_id, client_id, server_id, session_id, request_id, time_since_request,
                            time_to_complete_request, variant=""):
    """2.2.2.2.10: ProcessID, ClientID, ServerID, SessionID, RequestID, Reserved, TimeSinceRequest,
    TimeToCompleteRequest."""
    return aux_block(AUX_VERSION_2, _perf_type("MDB_SUCCESS", variant),
                     _u16(process_id) + _u16(client_id) + _u16(server_id) + _u16(session_id) + _u16(request_id) +
                     _u16(0) + _u32(time_since_request) + _u32(time_to_complete_request))


def aux_perf_gc_success(client_id, server_id, session_id, time_since_request, time_to_complete_request,
                        request_operation, variant=""):
    """2.2.2.2.11: ClientID, ServerID, SessionID, Reserved_1, TimeSinceRequest, TimeToCompleteRequest,
    RequestOperation, Reserved_2 (3 bytes)."""
    return aux_block(AUX_VERSION_1, _perf_type("GC_SUCCESS", variant),
                     _u16(client_id) + _u16(server_id) + _u16(session_id) + _u16(0) + _u32(time_since_request) +
                     _u32(time_to_complete_request) + _u8(request_operation) + bytes(3))


def aux_perf_gc_success_v2(process_id, client_id, server_id, session_id, time_since_request,
                           time_to_complete_request, request_operation, variant=""):
    """2.2.2.2.12: ProcessID, ClientID, ServerID, SessionID, TimeSinceRequest, TimeToCompleteRequest,
    RequestOperation, Reserved (3 bytes)."""
    return aux_block(AUX_VERSION_2, _perf_type("GC_SUCCESS", variant),
                     _u16(process_id) + _u16(client_id) + _u16(server_id) + _u16(session_id) +
                     _u32(time_since_request) + _u32(time_to_complete_request) + _u8(request_operation) + bytes(3))


def aux_perf_failure(client_id, server_id, session_id, request_id, time_since_request, time_to_fail_request,
                     result_code, request_operation, variant=""):
    """2.2.2.2.13: ClientID, ServerID, SessionID, RequestID, TimeSinceRequest, TimeToFailRequest,
    ResultCode, RequestOperation, Reserved (3 bytes)."""
    return aux_block(AUX_VERSION_1, _perf_type("FAILURE", variant),
                     _u16(client_id) + _u16(server_id) + _u16(session_id) + _u16(request_id) +
                     _u32(time_since_request) + _u32(time_to_fail_request) + _u32(result_code) +
                     _u8(request_operation) + bytes(3))


def aux_perf_failure_v2(process_id, client_id, server_id, session_id, request_id, time_since_request,
                        time_to_fail_request, result_code, request_operation, variant=""):
    """2.2.2.2.14: ProcessID, ClientID, ServerID, SessionID, RequestID, Reserved_1, TimeSinceRequest,
    TimeToFailRequest, ResultCode, RequestOperation, Reserved_2 (3 bytes)."""
    return aux_block(AUX_VERSION_2, _perf_type("FAILURE", variant),
                     _u16(process_id) + _u16(client_id) + _u16(server_id) + _u16(session_id) + _u16(request_id) +
                     _u16(0) + _u32(time_since_request) + _u32(time_to_fail_request) + _u32(result_code) +
                     _u8(request_operation) + bytes(3))


# ---- 2.2.2.2.15 - 2.2.2.2.23 ----

def aux_client_control(enable_flags, expiry_time):  # 2.2.2.2.15, server to client
    return aux_block(AUX_VERSION_1, AUX_TYPE_CLIENT_CONTROL, _u32(enable_flags) + _u32(expiry_time))


def aux_osversioninfo(major_version, minor_version, build_number, service_pack_major=0, service_pack_minor=0):
    """2.2.2.2.16, server to client: OSVersionInfoSize, MajorVersion, MinorVersion, BuildNumber,
    Reserved1 (132 bytes), ServicePackMajor, ServicePackMinor, Reserved2 (4 bytes)."""
    return aux_block(AUX_VERSION_1, AUX_TYPE_OSVERSIONINFO,
                     _u32(OSVERSIONINFO_SIZE) + _u32(major_version) + _u32(minor_version) + _u32(build_number) +
                     bytes(132) + _u16(service_pack_major) + _u16(service_pack_minor) + _u32(0))


def aux_exorginfo(org_flags):  # 2.2.2.2.17, server to client
    return aux_block(AUX_VERSION_1, AUX_TYPE_EXORGINFO, _u32(org_flags))


def aux_perf_accountinfo(client_id, account):  # 2.2.2.2.18: ClientID, Reserved, Account (a GUID)
    return aux_block(AUX_VERSION_1, AUX_TYPE_PERF_ACCOUNTINFO, _u16(client_id) + _u16(0) + _guid(account))


def aux_server_capabilities(server_capability_flags):  # 2.2.2.2.19, server to client
    return aux_block(AUX_VERSION_1, AUX_TYPE_SERVER_CAPABILITIES, _u32(server_capability_flags))


def aux_endpoint_capabilities(endpoint_capability_flag):  # 2.2.2.2.20, server to client
    return aux_block(AUX_VERSION_1, AUX_TYPE_ENDPOINT_CAPABILITIES, _u32(endpoint_capability_flag))


def aux_client_connection_info(connection_guid, connection_attempts, connection_flags, context_info=None):
    """2.2.2.2.21, client to server: ConnectionGUID, OffsetConnectionContextInfo, Reserved,
    ConnectionAttempts, ConnectionFlags, ConnectionContextInfo."""
    (o_info,), data = _variable(28, [None if context_info is None else _utf16z(context_info)])
    return aux_block(AUX_VERSION_1, AUX_CLIENT_CONNECTION_INFO,
                     _guid(connection_guid) + _u16(o_info) + _u16(0) + _u32(connection_attempts) +
                     _u32(connection_flags) + data)


def aux_server_session_info(context_info=None):
    """2.2.2.2.22, server to client: OffsetServerSessionContextInfo, ServerSessionContextInfo."""
    (o_info,), data = _variable(2, [None if context_info is None else _utf16z(context_info)])
    return aux_block(AUX_VERSION_1, AUX_SERVER_SESSION_INFO, _u16(o_info) + data)


def aux_protocol_device_identification(manufacturer=None, model=None, serial_number=None, version=None,
                                       firmware_version=None):
    """2.2.2.2.23: DeviceManufacturerOffset, DeviceModelOffset, DeviceSerialNumberOffset,
    DeviceVersionOffset, DeviceFirmwareVersionOffset, then the five strings."""
    offsets, data = _variable(10, [None if s is None else _utf16z(s)
                                   for s in (manufacturer, model, serial_number, version, firmware_version)])
    return aux_block(AUX_VERSION_1, AUX_PROTOCOL_DEVICE_IDENTIFICATION, b"".join(_u16(o) for o in offsets) + data)
