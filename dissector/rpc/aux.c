/*
 * [MS-OXCRPC] 2.2.2.2 auxiliary blocks, carried in MAPI/HTTP AuxiliaryBuffer fields (3.1.4.1.1.1.x,
 * 3.1.4.1.2): a sequence of AUX_HEADER (Size, Version, Type) + block, where Size covers the header and
 * the block, so a block of an unknown Version/Type is skipped by its Size. Offsets inside blocks
 * (MachineNameOffset, ...) count from the start of the AUX_HEADER; 0 means absent. Strings they point
 * to are NUL-terminated UTF-16LE.
 *
 * Structures: 2.2.2.2.1 AUX_PERF_REQUESTID, .2 SESSIONINFO, .3 SESSIONINFO_V2, .4 CLIENTINFO,
 * .5 SERVERINFO, .6 PROCESSINFO, .7 DEFMDB_SUCCESS, .8 DEFGC_SUCCESS, .9 MDB_SUCCESS, .10 MDB_SUCCESS_V2,
 * .11 GC_SUCCESS, .12 GC_SUCCESS_V2, .13 FAILURE, .14 FAILURE_V2, .15 CLIENT_CONTROL, .16 OSVERSIONINFO,
 * .17 EXORGINFO, .18 PERF_ACCOUNTINFO, .19 SERVER_CAPABILITIES, .20 ENDPOINT_CAPABILITIES,
 * .21 CLIENT_CONNECTION_INFO, .22 SERVER_SESSION_INFO, .23 PROTOCOL_DEVICE_IDENTIFICATION.
 */
#include "aux.h"

#include <stdio.h>

#include "../generated/tables.h"

static const mh_vs aux_version_vs[] = { { 1, "AUX_VERSION_1" }, { 2, "AUX_VERSION_2" } };
const mh_names mh_names_aux_version = MH_NAMES(aux_version_vs);

/* Type names are the same for both versions (only the structure differs), so one table serves. */
static const char *aux_type_lookup(const mh_names *n, uint64_t v)
{
    (void)n;
    for (size_t i = 0; i < mh_aux_types_v1_count; i++)
        if (mh_aux_types_v1[i].type == v)
            return mh_aux_types_v1[i].name;
    return NULL;
}
const mh_names mh_names_aux_type = { NULL, 0, 0, 0, aux_type_lookup };

static const mh_vs client_mode_vs[] = {
    { 0x00, "CLIENTMODE_UNKNOWN" }, { 0x01, "CLIENTMODE_CLASSIC" }, { 0x02, "CLIENTMODE_CACHED" } };
const mh_names mh_names_aux_client_mode = MH_NAMES(client_mode_vs);

static const mh_vs server_type_vs[] = { { 0x00, "SERVERTYPE_UNKNOWN" }, { 0x01, "SERVERTYPE_PRIVATE" },
                                        { 0x02, "SERVERTYPE_PUBLIC" }, { 0x03, "SERVERTYPE_DIRECTORY" },
                                        { 0x04, "SERVERTYPE_REFERRAL" } };
const mh_names mh_names_aux_server_type = MH_NAMES(server_type_vs);

static const mh_vs enable_flags_vs[] = { { 0x00000001, "ENABLE_PERF_SENDTOSERVER" },
                                         { 0x00000004, "ENABLE_COMPRESSION" },
                                         { 0x00000008, "ENABLE_HTTP_TUNNELING" },
                                         { 0x00000010, "ENABLE_PERF_SENDGCDATA" } };
const mh_names mh_names_aux_enable_flags = MH_BITS(enable_flags_vs);

static const mh_vs org_flags_vs[] = { { 0x00000001, "PUBLIC_FOLDERS_ENABLED" },
                                      { 0x00000002, "USE_AUTODISCOVER_FOR_PUBLIC_FOLDER_CONFIGURATION" } };
const mh_names mh_names_aux_org_flags = MH_BITS(org_flags_vs);

static const mh_vs server_cap_vs[] = { { 0x00000001, "PACKED_FAST_TRANSFER_UPLOAD_BUFFERS" },
                                       { 0x00000002, "PACKED_WRITE_STREAM_UPLOAD_BUFFERS" },
                                       { 0x00000008, "ULTRA_LARGE_PACKED_DOWNLOAD_BUFFERS" } };
const mh_names mh_names_aux_server_capability_flags = MH_BITS(server_cap_vs);

static const mh_vs endpoint_cap_vs[] = { { 0x00000001, "ENDPOINT_CAPABILITIES_SINGLE_ENDPOINT" } };
const mh_names mh_names_aux_endpoint_capability_flags = MH_BITS(endpoint_cap_vs);

/* A string addressed by an offset from the AUX_HEADER, inside the block. */
static void offset_string(mh_dec *d, size_t header_at, uint16_t offset, mh_field_id f, const char *block)
{
    if (offset == 0)
        return; /* absent */
    mh_dec s = *d;
    size_t at = header_at + offset;
    if (offset < 4 || at >= d->c.end) {
        mh_problem(d, MH_PROB_MALFORMED, header_at, 0, "%s: %s offset %u lies outside the block", block,
                   mh_fields[f].label, offset);
        return;
    }
    s.c.pos = at;
    mh_utf16z(&s, f);
    if (!mh_cur_ok(&s.c))
        mh_check(&s, block);
}

/* Raw bytes addressed by an offset and a size. */
static void offset_bytes(mh_dec *d, size_t header_at, uint16_t offset, uint16_t size, mh_field_id f,
                         const char *block)
{
    if (offset == 0 || size == 0)
        return;
    size_t at = header_at + offset;
    if (offset < 4 || at > d->c.end || size > d->c.end - at) {
        mh_problem(d, MH_PROB_MALFORMED, header_at, 0, "%s: %s (offset %u, size %u) lies outside the block", block,
                   mh_fields[f].label, offset, size);
        return;
    }
    mh_dec s = *d;
    s.c.pos = at;
    mh_bytes(&s, f, size);
}

static void reserved3(mh_dec *d, mh_field_id f) { mh_bytes(d, f, 3); }

/* Each decoder reads the block after the AUX_HEADER; `h` is the header's offset. */
static void perf_requestid(mh_dec *d, size_t h)
{
    (void)h;
    mh_u16(d, MH_F_AUX_SESSION_ID);
    mh_u16(d, MH_F_AUX_REQUEST_ID);
}

static void perf_sessioninfo(mh_dec *d, size_t h)
{
    uint8_t g[16];
    (void)h;
    mh_u16(d, MH_F_AUX_SESSION_ID);
    mh_u16(d, MH_F_AUX_RESERVED);
    mh_guid(d, MH_F_AUX_SESSION_GUID, g);
}

static void perf_sessioninfo_v2(mh_dec *d, size_t h)
{
    perf_sessioninfo(d, h);
    mh_u32(d, MH_F_AUX_CONNECTION_ID);
}

static void perf_clientinfo(mh_dec *d, size_t h)
{
    mh_u32(d, MH_F_AUX_ADAPTER_SPEED);
    mh_u16(d, MH_F_AUX_CLIENT_ID);
    uint16_t machine = mh_u16(d, MH_F_AUX_MACHINE_NAME_OFFSET);
    uint16_t user = mh_u16(d, MH_F_AUX_USER_NAME_OFFSET);
    uint16_t ip_size = mh_u16(d, MH_F_AUX_CLIENT_IP_SIZE);
    uint16_t ip = mh_u16(d, MH_F_AUX_CLIENT_IP_OFFSET);
    uint16_t mask_size = mh_u16(d, MH_F_AUX_CLIENT_IP_MASK_SIZE);
    uint16_t mask = mh_u16(d, MH_F_AUX_CLIENT_IP_MASK_OFFSET);
    uint16_t adapter = mh_u16(d, MH_F_AUX_ADAPTER_NAME_OFFSET);
    uint16_t mac_size = mh_u16(d, MH_F_AUX_MAC_ADDRESS_SIZE);
    uint16_t mac = mh_u16(d, MH_F_AUX_MAC_ADDRESS_OFFSET);
    mh_u16(d, MH_F_AUX_CLIENT_MODE);
    mh_u16(d, MH_F_AUX_RESERVED);
    if (!mh_cur_ok(&d->c))
        return;
    offset_string(d, h, machine, MH_F_AUX_MACHINE_NAME, "AUX_PERF_CLIENTINFO");
    offset_string(d, h, user, MH_F_AUX_USER_NAME, "AUX_PERF_CLIENTINFO");
    offset_bytes(d, h, ip, ip_size, MH_F_AUX_CLIENT_IP, "AUX_PERF_CLIENTINFO");
    offset_bytes(d, h, mask, mask_size, MH_F_AUX_CLIENT_IP_MASK, "AUX_PERF_CLIENTINFO");
    offset_string(d, h, adapter, MH_F_AUX_ADAPTER_NAME, "AUX_PERF_CLIENTINFO");
    offset_bytes(d, h, mac, mac_size, MH_F_AUX_MAC_ADDRESS, "AUX_PERF_CLIENTINFO");
}

static void perf_serverinfo(mh_dec *d, size_t h)
{
    mh_u16(d, MH_F_AUX_SERVER_ID);
    mh_u16(d, MH_F_AUX_SERVER_TYPE);
    uint16_t dn = mh_u16(d, MH_F_AUX_SERVER_DN_OFFSET);
    uint16_t name = mh_u16(d, MH_F_AUX_SERVER_NAME_OFFSET);
    if (!mh_cur_ok(&d->c))
        return;
    offset_string(d, h, dn, MH_F_AUX_SERVER_DN, "AUX_PERF_SERVERINFO");
    offset_string(d, h, name, MH_F_AUX_SERVER_NAME, "AUX_PERF_SERVERINFO");
}

static void perf_processinfo(mh_dec *d, size_t h)
{
    uint8_t g[16];
    mh_u16(d, MH_F_AUX_PROCESS_ID);
    mh_u16(d, MH_F_AUX_RESERVED_1);
    mh_guid(d, MH_F_AUX_PROCESS_GUID, g);
    uint16_t name = mh_u16(d, MH_F_AUX_PROCESS_NAME_OFFSET);
    mh_u16(d, MH_F_AUX_RESERVED_2);
    if (mh_cur_ok(&d->c))
        offset_string(d, h, name, MH_F_AUX_PROCESS_NAME, "AUX_PERF_PROCESSINFO");
}

static void perf_defmdb_success(mh_dec *d, size_t h)
{
    (void)h;
    mh_u32(d, MH_F_AUX_TIME_SINCE_REQUEST);
    mh_u32(d, MH_F_AUX_TIME_TO_COMPLETE_REQUEST);
    mh_u16(d, MH_F_AUX_REQUEST_ID);
    mh_u16(d, MH_F_AUX_RESERVED);
}

static void perf_defgc_success(mh_dec *d, size_t h)
{
    (void)h;
    mh_u16(d, MH_F_AUX_SERVER_ID);
    mh_u16(d, MH_F_AUX_SESSION_ID);
    mh_u32(d, MH_F_AUX_TIME_SINCE_REQUEST);
    mh_u32(d, MH_F_AUX_TIME_TO_COMPLETE_REQUEST);
    mh_u8(d, MH_F_AUX_REQUEST_OPERATION);
    reserved3(d, MH_F_AUX_RESERVED_BYTES);
}

static void perf_mdb_success(mh_dec *d, size_t h)
{
    (void)h;
    mh_u16(d, MH_F_AUX_CLIENT_ID);
    mh_u16(d, MH_F_AUX_SERVER_ID);
    mh_u16(d, MH_F_AUX_SESSION_ID);
    mh_u16(d, MH_F_AUX_REQUEST_ID);
    mh_u32(d, MH_F_AUX_TIME_SINCE_REQUEST);
    mh_u32(d, MH_F_AUX_TIME_TO_COMPLETE_REQUEST);
}

static void perf_mdb_success_v2(mh_dec *d, size_t h)
{
    (void)h;
    mh_u16(d, MH_F_AUX_PROCESS_ID);
    mh_u16(d, MH_F_AUX_CLIENT_ID);
    mh_u16(d, MH_F_AUX_SERVER_ID);
    mh_u16(d, MH_F_AUX_SESSION_ID);
    mh_u16(d, MH_F_AUX_REQUEST_ID);
    mh_u16(d, MH_F_AUX_RESERVED);
    mh_u32(d, MH_F_AUX_TIME_SINCE_REQUEST);
    mh_u32(d, MH_F_AUX_TIME_TO_COMPLETE_REQUEST);
}

static void perf_gc_success(mh_dec *d, size_t h)
{
    (void)h;
    mh_u16(d, MH_F_AUX_CLIENT_ID);
    mh_u16(d, MH_F_AUX_SERVER_ID);
    mh_u16(d, MH_F_AUX_SESSION_ID);
    mh_u16(d, MH_F_AUX_RESERVED_1);
    mh_u32(d, MH_F_AUX_TIME_SINCE_REQUEST);
    mh_u32(d, MH_F_AUX_TIME_TO_COMPLETE_REQUEST);
    mh_u8(d, MH_F_AUX_REQUEST_OPERATION);
    reserved3(d, MH_F_AUX_RESERVED_2_BYTES);
}

static void perf_gc_success_v2(mh_dec *d, size_t h)
{
    (void)h;
    mh_u16(d, MH_F_AUX_PROCESS_ID);
    mh_u16(d, MH_F_AUX_CLIENT_ID);
    mh_u16(d, MH_F_AUX_SERVER_ID);
    mh_u16(d, MH_F_AUX_SESSION_ID);
    mh_u32(d, MH_F_AUX_TIME_SINCE_REQUEST);
    mh_u32(d, MH_F_AUX_TIME_TO_COMPLETE_REQUEST);
    mh_u8(d, MH_F_AUX_REQUEST_OPERATION);
    reserved3(d, MH_F_AUX_RESERVED_BYTES);
}

static void perf_failure(mh_dec *d, size_t h)
{
    (void)h;
    mh_u16(d, MH_F_AUX_CLIENT_ID);
    mh_u16(d, MH_F_AUX_SERVER_ID);
    mh_u16(d, MH_F_AUX_SESSION_ID);
    mh_u16(d, MH_F_AUX_REQUEST_ID);
    mh_u32(d, MH_F_AUX_TIME_SINCE_REQUEST);
    mh_u32(d, MH_F_AUX_TIME_TO_FAIL_REQUEST);
    mh_u32(d, MH_F_AUX_RESULT_CODE);
    mh_u8(d, MH_F_AUX_REQUEST_OPERATION);
    reserved3(d, MH_F_AUX_RESERVED_BYTES);
}

static void perf_failure_v2(mh_dec *d, size_t h)
{
    (void)h;
    mh_u16(d, MH_F_AUX_PROCESS_ID);
    mh_u16(d, MH_F_AUX_CLIENT_ID);
    mh_u16(d, MH_F_AUX_SERVER_ID);
    mh_u16(d, MH_F_AUX_SESSION_ID);
    mh_u16(d, MH_F_AUX_REQUEST_ID);
    mh_u16(d, MH_F_AUX_RESERVED_1);
    mh_u32(d, MH_F_AUX_TIME_SINCE_REQUEST);
    mh_u32(d, MH_F_AUX_TIME_TO_FAIL_REQUEST);
    mh_u32(d, MH_F_AUX_RESULT_CODE);
    mh_u8(d, MH_F_AUX_REQUEST_OPERATION);
    reserved3(d, MH_F_AUX_RESERVED_2_BYTES);
}

static void client_control(mh_dec *d, size_t h)
{
    (void)h;
    mh_u32(d, MH_F_AUX_ENABLE_FLAGS);
    mh_u32(d, MH_F_AUX_EXPIRY_TIME);
}

static void osversioninfo(mh_dec *d, size_t h)
{
    (void)h;
    mh_u32(d, MH_F_AUX_OS_VERSION_INFO_SIZE);
    mh_u32(d, MH_F_AUX_MAJOR_VERSION);
    mh_u32(d, MH_F_AUX_MINOR_VERSION);
    mh_u32(d, MH_F_AUX_BUILD_NUMBER);
    mh_bytes(d, MH_F_AUX_RESERVED1_BYTES, 132);
    mh_u16(d, MH_F_AUX_SERVICE_PACK_MAJOR);
    mh_u16(d, MH_F_AUX_SERVICE_PACK_MINOR);
    mh_u32(d, MH_F_AUX_RESERVED2_U32);
}

static void exorginfo(mh_dec *d, size_t h)
{
    (void)h;
    mh_u32(d, MH_F_AUX_ORG_FLAGS);
}

static void perf_accountinfo(mh_dec *d, size_t h)
{
    uint8_t g[16];
    (void)h;
    mh_u16(d, MH_F_AUX_CLIENT_ID);
    mh_u16(d, MH_F_AUX_RESERVED);
    mh_guid(d, MH_F_AUX_ACCOUNT, g);
}

static void server_capabilities(mh_dec *d, size_t h)
{
    (void)h;
    mh_u32(d, MH_F_AUX_SERVER_CAPABILITY_FLAGS);
}

static void endpoint_capabilities(mh_dec *d, size_t h)
{
    (void)h;
    mh_u32(d, MH_F_AUX_ENDPOINT_CAPABILITY_FLAG);
}

static void client_connection_info(mh_dec *d, size_t h)
{
    uint8_t g[16];
    mh_guid(d, MH_F_AUX_CONNECTION_GUID, g);
    uint16_t off = mh_u16(d, MH_F_AUX_OFFSET_CONNECTION_CONTEXT_INFO);
    mh_u16(d, MH_F_AUX_RESERVED);
    mh_u32(d, MH_F_AUX_CONNECTION_ATTEMPTS);
    mh_u32(d, MH_F_AUX_CONNECTION_FLAGS);
    if (mh_cur_ok(&d->c))
        offset_string(d, h, off, MH_F_AUX_CONNECTION_CONTEXT_INFO, "AUX_CLIENT_CONNECTION_INFO");
}

static void server_session_info(mh_dec *d, size_t h)
{
    uint16_t off = mh_u16(d, MH_F_AUX_OFFSET_SERVER_SESSION_CONTEXT_INFO);
    if (mh_cur_ok(&d->c))
        offset_string(d, h, off, MH_F_AUX_SERVER_SESSION_CONTEXT_INFO, "AUX_SERVER_SESSION_INFO");
}

static void protocol_device_identification(mh_dec *d, size_t h)
{
    static const mh_field_id names[5] = { MH_F_AUX_DEVICE_MANUFACTURER, MH_F_AUX_DEVICE_MODEL,
                                          MH_F_AUX_DEVICE_SERIAL_NUMBER, MH_F_AUX_DEVICE_VERSION,
                                          MH_F_AUX_DEVICE_FIRMWARE_VERSION };
    uint16_t off[5];
    off[0] = mh_u16(d, MH_F_AUX_DEVICE_MANUFACTURER_OFFSET);
    off[1] = mh_u16(d, MH_F_AUX_DEVICE_MODEL_OFFSET);
    off[2] = mh_u16(d, MH_F_AUX_DEVICE_SERIAL_NUMBER_OFFSET);
    off[3] = mh_u16(d, MH_F_AUX_DEVICE_VERSION_OFFSET);
    off[4] = mh_u16(d, MH_F_AUX_DEVICE_FIRMWARE_VERSION_OFFSET);
    if (!mh_cur_ok(&d->c))
        return;
    for (int i = 0; i < 5; i++)
        offset_string(d, h, off[i], names[i], "AUX_PROTOCOL_DEVICE_IDENTIFICATION");
}

typedef void (*block_fn)(mh_dec *d, size_t header_at);

/* `variable`: the block has data addressed by offsets after its fixed part (what follows the fixed
 * fields is that data, not padding). */
typedef struct {
    const char *structure;
    block_fn fn;
    int variable;
} block_decoder;

static const block_decoder decoders[] = {
    { "AUX_PERF_REQUESTID", perf_requestid, 0 },
    { "AUX_PERF_SESSIONINFO", perf_sessioninfo, 0 },
    { "AUX_PERF_SESSIONINFO_V2", perf_sessioninfo_v2, 0 },
    { "AUX_PERF_CLIENTINFO", perf_clientinfo, 1 },
    { "AUX_PERF_SERVERINFO", perf_serverinfo, 1 },
    { "AUX_PERF_PROCESSINFO", perf_processinfo, 1 },
    { "AUX_PERF_DEFMDB_SUCCESS", perf_defmdb_success, 0 },
    { "AUX_PERF_DEFGC_SUCCESS", perf_defgc_success, 0 },
    { "AUX_PERF_MDB_SUCCESS", perf_mdb_success, 0 },
    { "AUX_PERF_MDB_SUCCESS_V2", perf_mdb_success_v2, 0 },
    { "AUX_PERF_GC_SUCCESS", perf_gc_success, 0 },
    { "AUX_PERF_GC_SUCCESS_V2", perf_gc_success_v2, 0 },
    { "AUX_PERF_FAILURE", perf_failure, 0 },
    { "AUX_PERF_FAILURE_V2", perf_failure_v2, 0 },
    { "AUX_CLIENT_CONTROL", client_control, 0 },
    { "AUX_OSVERSIONINFO", osversioninfo, 0 },
    { "AUX_EXORGINFO", exorginfo, 0 },
    { "AUX_PERF_ACCOUNTINFO", perf_accountinfo, 0 },
    { "AUX_SERVER_CAPABILITIES", server_capabilities, 0 },
    { "AUX_ENDPOINT_CAPABILITIES", endpoint_capabilities, 0 },
    { "AUX_CLIENT_CONNECTION_INFO", client_connection_info, 1 },
    { "AUX_SERVER_SESSION_INFO", server_session_info, 1 },
    { "AUX_PROTOCOL_DEVICE_IDENTIFICATION", protocol_device_identification, 1 },
};

static int same(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

/* The structure that follows an AUX_HEADER of this Version and Type (from the generated table). */
static const mh_aux_type_info *type_info(uint8_t version, uint8_t type)
{
    const mh_aux_type_info *t = version == 1 ? mh_aux_types_v1 : version == 2 ? mh_aux_types_v2 : NULL;
    size_t n = version == 1 ? mh_aux_types_v1_count : version == 2 ? mh_aux_types_v2_count : 0;
    for (size_t i = 0; i < n; i++)
        if (t[i].type == type)
            return &t[i];
    return NULL;
}

static const block_decoder *decoder_for(const char *structure)
{
    for (size_t i = 0; i < sizeof decoders / sizeof decoders[0]; i++)
        if (same(decoders[i].structure, structure))
            return &decoders[i];
    return NULL;
}

void mh_decode_aux_blocks(mh_dec *d)
{
    while (mh_cur_left(&d->c) > 0) {
        size_t h = mh_cur_pos(&d->c);
        uint8_t type_peek = 0, version_peek = 0;
        mh_cur_peek_u8(&d->c, 3, &type_peek);
        mh_cur_peek_u8(&d->c, 2, &version_peek);
        const mh_aux_type_info *ti = type_info(version_peek, type_peek);
        char heading[96];
        snprintf(heading, sizeof heading, "%s", ti ? ti->structure : "Auxiliary block (unknown Version/Type)");
        mh_open_at(d, MH_F_AUX_BLOCK, h, NULL, heading);

        size_t hs = mh_open(d, MH_F_AUX_HEADER, NULL);
        uint16_t size = mh_u16(d, MH_F_AUX_SIZE);
        uint8_t version = mh_u8(d, MH_F_AUX_VERSION);
        uint8_t type = mh_u8(d, MH_F_AUX_TYPE);
        mh_close(d, hs);
        if (!mh_check(d, "AUX_HEADER")) {
            mh_close(d, h);
            return;
        }
        if (size < 4) {
            mh_stop(d, MH_PROB_MALFORMED, h, "AUX_HEADER Size %u is smaller than the header itself", size);
            mh_close(d, h);
            return;
        }
        mh_dec b;
        int whole = mh_dec_sub(d, (size_t)size - 4, "auxiliary block", &b);
        const block_decoder *bd = ti ? decoder_for(ti->structure) : NULL;
        if (!bd) {
            mh_stop(&b, MH_PROB_UNSUPPORTED, mh_cur_pos(&b.c),
                    "auxiliary block Version %u Type 0x%02X is not defined by [MS-OXCRPC] 2.2.2.2; skipped by its Size",
                    version, type);
        } else {
            bd->fn(&b, h);
            /* bytes after a fixed block are padding (senders may round blocks up), shown as such */
            if (mh_check(&b, ti->structure) && mh_cur_left(&b.c) && !bd->variable)
                mh_bytes(&b, MH_F_AUX_DATA, mh_cur_left(&b.c));
        }
        mh_close(d, h);
        if (!whole)
            return;
    }
}
