/*
 * Auxiliary blocks, [MS-OXCRPC] 2.2.2.2: AUX_HEADER (Size counts the header and the block) and every
 * block of AUX_VERSION_1 and AUX_VERSION_2, each built from the structure's section (offsets of strings
 * count from the start of the AUX_HEADER; strings are NUL-terminated UTF-16LE). Each block is carried in
 * a Disconnect request's AuxiliaryBuffer ([MS-OXCMAPIHTTP] 2.2.4.3.1) behind an RPC_HEADER_EXT with Last.
 */
#include "builder.h"
#include "check.h"
#include "mapihttp.h"
#include "record_sink.h"

static rec_sink rec;

/* Wraps aux blocks into a Disconnect request body and decodes it; returns the problem count. */
static int decode_aux(const bld *blocks)
{
    static bld body;
    body.n = 0;
    b_u32(&body, (uint32_t)(8 + blocks->n)); /* AuxiliaryBufferSize */
    b_u16(&body, 0);                          /* RPC_HEADER_EXT Version */
    b_u16(&body, 0x0004);                     /* Flags: Last */
    b_u16(&body, (uint16_t)blocks->n);        /* Size */
    b_u16(&body, (uint16_t)blocks->n);        /* SizeActual */
    b_raw(&body, blocks->b, blocks->n);
    return rec_decode(&rec, NULL, 0, MH_RT_DISCONNECT, NULL, 0, body.b, body.n, 1, NULL);
}

static void header(bld *b, uint16_t size, uint8_t version, uint8_t type)
{
    b_u16(b, size);
    b_u8(b, version);
    b_u8(b, type);
}

static const uint8_t guid1[16] = { 0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66,
                                   0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF };
#define GUID1 "{00112233-4455-6677-8899-AABBCCDDEEFF}"

#define V(f) rec_value(&rec, "mapihttp.aux." f, 0)

static void test_requestid_and_padding(void)
{
    bld b = { { 0 }, 0 };
    header(&b, 8, 1, 0x01); /* 2.2.2.2.1 */
    b_u16(&b, 5);
    b_u16(&b, 0x1234);
    header(&b, 12, 1, 0x01); /* the same, padded to 12 by the sender */
    b_u16(&b, 6);
    b_u16(&b, 7);
    b_u32(&b, 0);
    CHECK_EQ(decode_aux(&b), 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.aux"), 2);
    CHECK_STR(V("size"), "8");
    CHECK_STR(V("version"), "AUX_VERSION_1 (0x01)");
    CHECK_STR(V("type"), "AUX_TYPE_PERF_REQUESTID (0x01)");
    CHECK_STR(V("session_id"), "5");
    CHECK_STR(V("request_id"), "4660 (0x1234)");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.session_id", 1), "6");
    CHECK_STR(V("data"), "00000000"); /* the padding, shown as such */
    const rec_event *e = rec_find(&rec, "mapihttp.aux", 1);
    CHECK(e && strcmp(e->note, "AUX_PERF_REQUESTID") == 0);
}

static void test_sessioninfo(void)
{
    bld b = { { 0 }, 0 };
    header(&b, 24, 1, 0x04); /* 2.2.2.2.2 */
    b_u16(&b, 1);
    b_u16(&b, 0);
    b_raw(&b, guid1, 16);
    header(&b, 28, 2, 0x04); /* 2.2.2.2.3 (AUX_VERSION_2) */
    b_u16(&b, 2);
    b_u16(&b, 0);
    b_raw(&b, guid1, 16);
    b_u32(&b, 77);
    CHECK_EQ(decode_aux(&b), 0);
    CHECK_STR(V("session_guid"), GUID1);
    CHECK_STR(rec_value(&rec, "mapihttp.aux.session_id", 1), "2");
    CHECK_STR(V("connection_id"), "77");
    CHECK_EQ(rec_count(&rec, "mapihttp.aux.connection_id"), 1);
}

static void test_clientinfo(void)
{
    bld b = { { 0 }, 0 };
    /* 2.2.2.2.4: 28 fixed bytes after the header, then the variable data at its offsets */
    header(&b, 0, 1, 0x02);
    b_u32(&b, 100000); /* AdapterSpeed */
    b_u16(&b, 3);      /* ClientID */
    b_u16(&b, 32);     /* MachineNameOffset */
    b_u16(&b, 40);     /* UserNameOffset */
    b_u16(&b, 4);      /* ClientIPSize */
    b_u16(&b, 48);     /* ClientIPOffset */
    b_u16(&b, 4);      /* ClientIPMaskSize */
    b_u16(&b, 52);     /* ClientIPMaskOffset */
    b_u16(&b, 56);     /* AdapterNameOffset */
    b_u16(&b, 6);      /* MacAddressSize */
    b_u16(&b, 64);     /* MacAddressOffset */
    b_u16(&b, 0x02);   /* ClientMode */
    b_u16(&b, 0);      /* Reserved */
    b_utf16z(&b, "PC1");   /* 32..39 */
    b_utf16z(&b, "bob");   /* 40..47 */
    b_u8(&b, 10); b_u8(&b, 0); b_u8(&b, 0); b_u8(&b, 7);        /* 48 */
    b_u8(&b, 255); b_u8(&b, 255); b_u8(&b, 255); b_u8(&b, 0);   /* 52 */
    b_utf16z(&b, "eth");   /* 56..63 */
    b_u8(&b, 0x00); b_u8(&b, 0x11); b_u8(&b, 0x22); b_u8(&b, 0x33); b_u8(&b, 0x44); b_u8(&b, 0x55); /* 64 */
    b_put16(&b, 0, (uint16_t)b.n);
    CHECK_EQ(decode_aux(&b), 0);
    CHECK_STR(V("adapter_speed"), "100000");
    CHECK_STR(V("client_id"), "3");
    CHECK_STR(V("client_mode"), "CLIENTMODE_CACHED (0x0002)");
    CHECK_STR(V("machine_name"), "PC1");
    CHECK_STR(V("user_name"), "bob");
    CHECK_STR(V("client_ip"), "0a000007");
    CHECK_STR(V("client_ip_mask"), "ffffff00");
    CHECK_STR(V("adapter_name"), "eth");
    CHECK_STR(V("mac_address"), "001122334455");
    const rec_event *e = rec_find(&rec, "mapihttp.aux.machine_name", 0);
    CHECK(e && e->off == 12 + 32 && e->len == 8); /* 4 Disconnect + 8 RPC_HEADER_EXT before the header */
    CHECK(rec_find(&rec, "mapihttp.aux.data", 0) == NULL);
}

static void test_serverinfo_processinfo(void)
{
    bld b = { { 0 }, 0 };
    header(&b, 0, 1, 0x03); /* 2.2.2.2.5 */
    b_u16(&b, 1);           /* ServerID */
    b_u16(&b, 0x01);        /* ServerType */
    b_u16(&b, 12);          /* ServerDNOffset */
    b_u16(&b, 0);           /* ServerNameOffset: absent */
    b_utf16z(&b, "/o=Org/cn=Srv");
    b_put16(&b, 0, (uint16_t)b.n);
    size_t p = b.n;
    header(&b, 0, 2, 0x0B); /* 2.2.2.2.6, used by both versions */
    b_u16(&b, 9);
    b_u16(&b, 0);
    b_raw(&b, guid1, 16);
    b_u16(&b, 28);
    b_u16(&b, 0);
    b_utf16z(&b, "OUTLOOK.EXE");
    b_put16(&b, p, (uint16_t)(b.n - p));
    CHECK_EQ(decode_aux(&b), 0);
    CHECK_STR(V("server_type"), "SERVERTYPE_PRIVATE (0x0001)");
    CHECK_STR(V("server_dn"), "/o=Org/cn=Srv");
    CHECK(rec_find(&rec, "mapihttp.aux.server_name", 0) == NULL);
    CHECK_STR(V("process_id"), "9");
    CHECK_STR(V("process_guid"), GUID1);
    CHECK_STR(V("process_name"), "OUTLOOK.EXE");
}

static void test_perf_blocks(void)
{
    bld b = { { 0 }, 0 };
    header(&b, 16, 1, 0x11); /* FG_DEFMDB_SUCCESS, 2.2.2.2.7 */
    b_u32(&b, 10); b_u32(&b, 20); b_u16(&b, 30); b_u16(&b, 0);
    header(&b, 20, 1, 0x06); /* DEFGC_SUCCESS, 2.2.2.2.8 */
    b_u16(&b, 1); b_u16(&b, 2); b_u32(&b, 11); b_u32(&b, 12); b_u8(&b, 0x0D); b_u8(&b, 0); b_u8(&b, 0); b_u8(&b, 0);
    header(&b, 20, 1, 0x07); /* MDB_SUCCESS, 2.2.2.2.9 */
    b_u16(&b, 3); b_u16(&b, 4); b_u16(&b, 5); b_u16(&b, 6); b_u32(&b, 13); b_u32(&b, 14);
    header(&b, 24, 2, 0x13); /* FG_MDB_SUCCESS v2, 2.2.2.2.10 */
    b_u16(&b, 7); b_u16(&b, 8); b_u16(&b, 9); b_u16(&b, 10); b_u16(&b, 11); b_u16(&b, 0); b_u32(&b, 15); b_u32(&b, 16);
    header(&b, 24, 1, 0x08); /* GC_SUCCESS, 2.2.2.2.11 */
    b_u16(&b, 12); b_u16(&b, 13); b_u16(&b, 14); b_u16(&b, 0); b_u32(&b, 17); b_u32(&b, 18); b_u8(&b, 0x21);
    b_u8(&b, 0); b_u8(&b, 0); b_u8(&b, 0);
    header(&b, 24, 2, 0x08); /* GC_SUCCESS v2, 2.2.2.2.12 */
    b_u16(&b, 15); b_u16(&b, 16); b_u16(&b, 17); b_u16(&b, 18); b_u32(&b, 19); b_u32(&b, 20); b_u8(&b, 0x22);
    b_u8(&b, 0); b_u8(&b, 0); b_u8(&b, 0);
    header(&b, 28, 1, 0x10); /* BG_FAILURE, 2.2.2.2.13 */
    b_u16(&b, 19); b_u16(&b, 20); b_u16(&b, 21); b_u16(&b, 22); b_u32(&b, 23); b_u32(&b, 24);
    b_u32(&b, 0x80040115); b_u8(&b, 0x23); b_u8(&b, 0); b_u8(&b, 0); b_u8(&b, 0);
    header(&b, 32, 2, 0x09); /* FAILURE v2, 2.2.2.2.14 */
    b_u16(&b, 25); b_u16(&b, 26); b_u16(&b, 27); b_u16(&b, 28); b_u16(&b, 29); b_u16(&b, 0); b_u32(&b, 30);
    b_u32(&b, 31); b_u32(&b, 0x0000047D); b_u8(&b, 0x24); b_u8(&b, 0); b_u8(&b, 0); b_u8(&b, 0);
    CHECK_EQ(decode_aux(&b), 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.aux"), 8);
    CHECK_STR(rec_value(&rec, "mapihttp.aux.type", 0), "AUX_TYPE_PERF_FG_DEFMDB_SUCCESS (0x11)");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.time_since_request", 0), "10");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.time_to_complete_request", 0), "20");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.request_id", 0), "30 (0x001E)");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.request_operation", 0), "0x0D");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.reserved_bytes", 0), "000000");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.client_id", 0), "3");  /* MDB_SUCCESS */
    CHECK_STR(rec_value(&rec, "mapihttp.aux.request_id", 1), "6 (0x0006)");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.process_id", 0), "7"); /* MDB_SUCCESS_V2 */
    CHECK_STR(rec_value(&rec, "mapihttp.aux.request_id", 2), "11 (0x000B)");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.reserved_1", 0), "0x0000"); /* GC_SUCCESS */
    CHECK_STR(rec_value(&rec, "mapihttp.aux.reserved_2_bytes", 0), "000000");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.process_id", 1), "15"); /* GC_SUCCESS_V2 */
    CHECK_STR(rec_value(&rec, "mapihttp.aux.time_to_fail_request", 0), "24");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.result_code", 0), "0x80040115");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.process_id", 2), "25"); /* FAILURE_V2 */
    CHECK_STR(rec_value(&rec, "mapihttp.aux.result_code", 1), "0x0000047D");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.reserved_2_bytes", 1), "000000");
}

static void test_server_side_blocks(void)
{
    bld b = { { 0 }, 0 };
    header(&b, 12, 1, 0x0A); /* CLIENT_CONTROL, 2.2.2.2.15 */
    b_u32(&b, 0x00000015);
    b_u32(&b, 60000);
    header(&b, 160, 1, 0x16); /* OSVERSIONINFO, 2.2.2.2.16 */
    b_u32(&b, 156); b_u32(&b, 10); b_u32(&b, 0); b_u32(&b, 17763);
    for (int i = 0; i < 132; i++)
        b_u8(&b, 0);
    b_u16(&b, 1); b_u16(&b, 2); b_u32(&b, 0);
    header(&b, 8, 1, 0x17); /* EXORGINFO, 2.2.2.2.17 */
    b_u32(&b, 0x00000003);
    header(&b, 24, 1, 0x18); /* PERF_ACCOUNTINFO, 2.2.2.2.18 */
    b_u16(&b, 3); b_u16(&b, 0); b_raw(&b, guid1, 16);
    header(&b, 8, 1, 0x46); /* SERVER_CAPABILITIES, 2.2.2.2.19 */
    b_u32(&b, 0x0000000B);
    header(&b, 8, 1, 0x48); /* ENDPOINT_CAPABILITIES, 2.2.2.2.20 */
    b_u32(&b, 0x00000001);
    CHECK_EQ(decode_aux(&b), 0);
    CHECK_STR(V("enable_flags"), "0x00000015 (ENABLE_PERF_SENDTOSERVER, ENABLE_COMPRESSION, ENABLE_PERF_SENDGCDATA)");
    CHECK_STR(V("expiry_time"), "60000");
    CHECK_STR(V("os_version_info_size"), "156");
    CHECK_STR(V("major_version"), "10");
    CHECK_STR(V("build_number"), "17763");
    CHECK_STR(V("service_pack_major"), "1");
    CHECK_STR(V("service_pack_minor"), "2");
    CHECK_STR(V("org_flags"), "0x00000003 (PUBLIC_FOLDERS_ENABLED, USE_AUTODISCOVER_FOR_PUBLIC_FOLDER_CONFIGURATION)");
    CHECK_STR(V("account"), GUID1);
    CHECK_STR(V("server_capability_flags"),
              "0x0000000B (PACKED_FAST_TRANSFER_UPLOAD_BUFFERS, PACKED_WRITE_STREAM_UPLOAD_BUFFERS, "
              "ULTRA_LARGE_PACKED_DOWNLOAD_BUFFERS)");
    CHECK_STR(V("endpoint_capability_flag"), "0x00000001 (ENDPOINT_CAPABILITIES_SINGLE_ENDPOINT)");
}

static void test_connection_blocks(void)
{
    bld b = { { 0 }, 0 };
    header(&b, 0, 1, 0x4A); /* CLIENT_CONNECTION_INFO, 2.2.2.2.21 */
    b_raw(&b, guid1, 16);
    b_u16(&b, 32); /* OffsetConnectionContextInfo */
    b_u16(&b, 0);
    b_u32(&b, 2);  /* ConnectionAttempts */
    b_u32(&b, 1);  /* ConnectionFlags */
    b_utf16z(&b, "ctx");
    b_put16(&b, 0, (uint16_t)b.n);
    size_t p = b.n;
    header(&b, 0, 1, 0x4B); /* SERVER_SESSION_INFO, 2.2.2.2.22 */
    b_u16(&b, 6);
    b_utf16z(&b, "srv-ctx");
    b_put16(&b, p, (uint16_t)(b.n - p));
    p = b.n;
    header(&b, 0, 1, 0x4E); /* PROTOCOL_DEVICE_IDENTIFICATION, 2.2.2.2.23: serial number and firmware absent */
    b_u16(&b, 14); b_u16(&b, 24); b_u16(&b, 0); b_u16(&b, 30); b_u16(&b, 0);
    b_utf16z(&b, "ACME"); /* 14..23 */
    b_utf16z(&b, "X1");   /* 24..29 */
    b_utf16z(&b, "2.0");  /* 30..37 */
    b_put16(&b, p, (uint16_t)(b.n - p));
    CHECK_EQ(decode_aux(&b), 0);
    CHECK_STR(V("connection_guid"), GUID1);
    CHECK_STR(V("connection_attempts"), "2");
    CHECK_STR(V("connection_flags"), "0x00000001");
    CHECK_STR(V("connection_context_info"), "ctx");
    CHECK_STR(V("server_session_context_info"), "srv-ctx");
    CHECK_STR(V("device_manufacturer"), "ACME");
    CHECK_STR(V("device_model"), "X1");
    CHECK(rec_find(&rec, "mapihttp.aux.device_serial_number", 0) == NULL);
    CHECK_STR(V("device_version"), "2.0");
}

static void test_unknown_and_bad_blocks(void)
{
    bld b = { { 0 }, 0 };
    header(&b, 8, 1, 0x49); /* not defined by [MS-OXCRPC] 2.2.2.2: shown raw, skipped by Size */
    b_u32(&b, 0xDEADBEEF);
    header(&b, 8, 3, 0x01); /* unknown Version */
    b_u32(&b, 0);
    header(&b, 8, 1, 0x01);
    b_u16(&b, 1);
    b_u16(&b, 2);
    CHECK_EQ(decode_aux(&b), 2);
    CHECK_EQ(rec.problems[MH_PROB_UNSUPPORTED], 2);
    const rec_event *e = rec_find(&rec, "mapihttp.problem", 0);
    CHECK(e && e->off == 16 && e->len == 4); /* the block's data after its header */
    CHECK_STR(V("request_id"), "2 (0x0002)");  /* decoding went on */

    bld s = { { 0 }, 0 };
    header(&s, 2, 1, 0x01); /* Size smaller than the header: cannot advance */
    b_u32(&s, 0);
    CHECK_EQ(decode_aux(&s), 1);
    CHECK_EQ(rec.problems[MH_PROB_MALFORMED], 1);

    bld o = { { 0 }, 0 };
    header(&o, 12, 1, 0x03); /* SERVERINFO whose ServerDNOffset points past the block */
    b_u16(&o, 1); b_u16(&o, 0); b_u16(&o, 40); b_u16(&o, 0);
    CHECK_EQ(decode_aux(&o), 1);
    CHECK(rec_problem(&rec, MH_PROB_MALFORMED) && strstr(rec_problem(&rec, MH_PROB_MALFORMED), "outside"));

    bld t = { { 0 }, 0 };
    header(&t, 16, 1, 0x05); /* DEFMDB_SUCCESS with Size 16 but only 8 bytes left in the buffer */
    b_u32(&t, 1);
    CHECK(decode_aux(&t) >= 1);
    CHECK_EQ(rec.problems[MH_PROB_TRUNCATED] + rec.problems[MH_PROB_MALFORMED] >= 1, 1);
}

int main(void)
{
    RUN(test_requestid_and_padding);
    RUN(test_sessioninfo);
    RUN(test_clientinfo);
    RUN(test_serverinfo_processinfo);
    RUN(test_perf_blocks);
    RUN(test_server_side_blocks);
    RUN(test_connection_blocks);
    RUN(test_unknown_and_bad_blocks);
    return check_report();
}
