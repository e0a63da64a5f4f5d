/*
 * ROP buffers ([MS-OXCROPS] 2.2.1) and the ROPs the core decodes fully: RopRelease (2.2.15.3), RopLogon
 * (2.2.3.1 with [MS-OXCSTOR] 2.2.1.1), RopGetPropertiesSpecific (2.2.8.3, rows per [MS-OXCDATA] 2.8.1
 * and values per 2.11), RopSetColumns (2.2.5.1). Requests and responses travel in Execute bodies
 * ([MS-OXCMAPIHTTP] 2.2.4.2) with uncompressed RPC_HEADER_EXT (Last); responses are decoded with their
 * request as context, paired by X-RequestId.
 */
#include "builder.h"
#include "check.h"
#include "mapihttp.h"
#include "record_sink.h"

static rec_sink rec;

#define H(n, v) { n, sizeof(n) - 1, v, sizeof(v) - 1 }

static int decode(mh_session *s, int response, const bld *body, const char *request_id, mh_result *res)
{
    mh_header h[1] = { { "X-RequestId", 11, request_id, request_id ? strlen(request_id) : 0 } };
    return rec_decode(&rec, s, response, MH_RT_EXECUTE, request_id ? h : NULL, request_id ? 1 : 0, body->b, body->n,
                      1, res);
}

static void logon_request(bld *r, uint8_t logon_flags, uint32_t open_flags)
{
    b_u8(r, 0xFE);       /* RopId */
    b_u8(r, 0);          /* LogonId */
    b_u8(r, 0);          /* OutputHandleIndex */
    b_u8(r, logon_flags);
    b_u32(r, open_flags);
    b_u32(r, 0);         /* StoreState */
    const char *dn = "/o=Org/cn=Recipients/cn=user";
    b_u16(r, (uint16_t)(strlen(dn) + 1)); /* EssdnSize counts the NUL */
    b_asciiz(r, dn);
}

static void test_release_and_logon_request(void)
{
    bld rops = { { 0 }, 0 };
    logon_request(&rops, 0x01, 0x01000400);
    b_u8(&rops, 0x01); b_u8(&rops, 0); b_u8(&rops, 1); /* RopRelease LogonId 0, InputHandleIndex 1 */
    uint32_t handles[2] = { 0xFFFFFFFF, 0x00000012 };
    bld body;
    b_execute_body(&body, 0, &rops, handles, 2);
    mh_result res;
    CHECK_EQ(decode(NULL, 0, &body, NULL, &res), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.id", 0), "RopLogon (0xFE)");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.output_handle_index", 0), "0");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.logon.logon_flags", 0), "0x01 (Private)");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.logon.open_flags", 0), "0x01000400 (NO_MAIL, USE_PER_MDB_REPLID_MAPPING)");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.logon.store_state", 0), "0x00000000");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.logon.essdn_size", 0), "29");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.logon.essdn", 0), "/o=Org/cn=Recipients/cn=user");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.id", 1), "RopRelease (0x01)");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.input_handle_index", 0), "1");
    CHECK_EQ(res.rop_count, 2);
    CHECK_STR(rec_value(&rec, "mapihttp.rop_buffer.handle", 1), "0x00000012");
    const rec_event *h = rec_find(&rec, "mapihttp.rop_buffer.handle", 0);
    CHECK(h && strcmp(h->note, "index 0 (unused)") == 0);
}

static void folder_ids(bld *r)
{
    for (int i = 0; i < 13; i++) { /* ReplicaId 0x0001, GlobalCounter 0x0000000000A1 + i */
        b_u16(r, 0x0001);
        b_u8(r, 0); b_u8(r, 0); b_u8(r, 0); b_u8(r, 0); b_u8(r, 0); b_u8(r, (uint8_t)(0xA1 + i));
    }
}

static void test_logon_private_response(void)
{
    mh_session s;
    mh_session_init(&s);
    bld rops = { { 0 }, 0 };
    logon_request(&rops, 0x01, 0x01000000);
    bld body;
    b_execute_body(&body, 0, &rops, NULL, 0);
    CHECK_EQ(decode(&s, 0, &body, "{00000000-0000-0000-0000-000000000001}:1", NULL), 0);

    bld r = { { 0 }, 0 }; /* 2.2.3.1.2: 166 bytes */
    b_u8(&r, 0xFE); b_u8(&r, 0); b_u32(&r, 0);
    b_u8(&r, 0x01);          /* LogonFlags */
    folder_ids(&r);
    b_u8(&r, 0x07);          /* ResponseFlags: Reserved | OwnerRight | SendAsRight */
    static const uint8_t g[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
    b_raw(&r, g, 16);        /* MailboxGuid */
    b_u16(&r, 0x0001);       /* ReplId */
    b_raw(&r, g, 16);        /* ReplGuid */
    b_u8(&r, 56); b_u8(&r, 34); b_u8(&r, 12); b_u8(&r, 2); b_u8(&r, 4); b_u8(&r, 2); b_u16(&r, 2014); /* LogonTime */
    b_u64(&r, 116444736000000000ULL); /* GwartTime */
    b_u32(&r, 0);            /* StoreState */
    CHECK_EQ(r.n, 166);
    uint32_t handles[1] = { 0x00000045 };
    b_execute_body(&body, 1, &r, handles, 1);
    CHECK_EQ(decode(&s, 1, &body, "{00000000-0000-0000-0000-000000000001}:1", NULL), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.return_value", 0), "Success (0x00000000)");
    CHECK_EQ(rec_count(&rec, "mapihttp.folder_id"), 13);
    CHECK_STR(rec_value(&rec, "mapihttp.folder_id", 0), "0001-0000000000A1");
    const rec_event *e = rec_find(&rec, "mapihttp.folder_id", 4);
    CHECK(e && strcmp(e->value, "0001-0000000000A5") == 0 && strcmp(e->note, "Inbox") == 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.logon.response_flags", 0), "0x07 (Reserved, OwnerRight, SendAsRight)");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.logon.mailbox_guid", 0), "{04030201-0605-0807-090A-0B0C0D0E0F10}");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.logon.logon_time.day_of_week", 0), "Tuesday (2)");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.logon.logon_time.year", 0), "2014");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.logon.gwart_time", 0), "1970-01-01T00:00:00Z");
    CHECK(rec_find(&rec, "mapihttp.rop.logon.per_user_guid", 0) == NULL);
    mh_session_free(&s);
}

static void test_logon_public_redirect_failure(void)
{
    mh_session s;
    mh_session_init(&s);
    bld rops = { { 0 }, 0 };
    logon_request(&rops, 0x00, 0x01000002); /* public folders: Private bit clear */
    bld body;
    b_execute_body(&body, 0, &rops, NULL, 0);
    decode(&s, 0, &body, "{00000000-0000-0000-0000-000000000001}:2", NULL);
    bld r = { { 0 }, 0 }; /* 2.2.3.1.3: 145 bytes */
    b_u8(&r, 0xFE); b_u8(&r, 0); b_u32(&r, 0);
    b_u8(&r, 0x00);
    folder_ids(&r);
    b_u16(&r, 0x0002);
    static const uint8_t z[16] = { 0 };
    b_raw(&r, z, 16);
    b_raw(&r, z, 16);
    CHECK_EQ(r.n, 145);
    b_execute_body(&body, 1, &r, NULL, 0);
    CHECK_EQ(decode(&s, 1, &body, "{00000000-0000-0000-0000-000000000001}:2", NULL), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.logon.repl_id", 0), "0x0002");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.logon.per_user_guid", 0), "{00000000-0000-0000-0000-000000000000}");
    CHECK(rec_find(&rec, "mapihttp.rop.logon.response_flags", 0) == NULL);
    const rec_event *e = rec_find(&rec, "mapihttp.folder_id", 4);
    CHECK(e && e->note[0] == 0); /* folder roles are named for private mailboxes only */

    /* 2.2.3.1.4 redirect: ecWrongServer, LogonFlags, ServerNameSize, ServerName */
    bld d = { { 0 }, 0 };
    b_u8(&d, 0xFE); b_u8(&d, 0); b_u32(&d, 0x00000478);
    b_u8(&d, 0x01);
    b_u8(&d, 11);
    b_asciiz(&d, "mbx2.local");
    b_execute_body(&body, 1, &d, NULL, 0);
    CHECK_EQ(decode(&s, 1, &body, NULL, NULL), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.return_value", 0), "ecWrongServer (0x00000478)");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.logon.server_name", 0), "mbx2.local");

    /* 2.2.3.1.5 failure: nothing after ReturnValue */
    bld f = { { 0 }, 0 };
    b_u8(&f, 0xFE); b_u8(&f, 0); b_u32(&f, 0x80040111);
    b_execute_body(&body, 1, &f, NULL, 0);
    mh_result res;
    CHECK_EQ(decode(&s, 1, &body, NULL, &res), 0);
    CHECK_EQ(res.rop_failures, 1);
    CHECK(rec_find(&rec, "mapihttp.rop.logon.logon_flags", 0) == NULL);
    mh_session_free(&s);
}

static void gps_request(bld *r, uint8_t in_index, const uint32_t *tags, uint16_t n)
{
    b_u8(r, 0x07); b_u8(r, 0); b_u8(r, in_index);
    b_u16(r, 0);   /* PropertySizeLimit */
    b_u16(r, 1);   /* WantUnicode */
    b_u16(r, n);
    for (uint16_t i = 0; i < n; i++)
        b_u32(r, tags[i]);
}

static void test_get_properties_specific(void)
{
    mh_session s;
    mh_session_init(&s);
    static const uint32_t tags[] = { 0x0037001F, 0x0E080003, 0x0E1F000B, 0x30070040, 0x0FF90102, 0x8001001F };
    bld rops = { { 0 }, 0 };
    gps_request(&rops, 2, tags, 6);
    bld body;
    b_execute_body(&body, 0, &rops, NULL, 0);
    CHECK_EQ(decode(&s, 0, &body, "{00000000-0000-0000-0000-000000000001}:3", NULL), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.get_properties_specific.want_unicode", 0), "True");
    CHECK_STR(rec_value(&rec, "mapihttp.property_tag", 0), "PidTagSubject (0x0037001F)");
    CHECK_EQ(rec_count(&rec, "mapihttp.property_tag"), 6);

    /* 2.2.8.3.2 success response; RowData a StandardPropertyRow ([MS-OXCDATA] 2.8.1.1) */
    bld r = { { 0 }, 0 };
    b_u8(&r, 0x07); b_u8(&r, 2); b_u32(&r, 0);
    b_u8(&r, 0x00);              /* StandardPropertyRow */
    b_utf16z(&r, "Hello");       /* PtypString */
    b_u32(&r, 1234);             /* PtypInteger32 */
    b_u8(&r, 1);                 /* PtypBoolean: 1 byte in ROP buffers */
    b_u64(&r, 116444736000000000ULL + 10000000ULL); /* PtypTime */
    b_u16(&r, 3); b_u8(&r, 0xAA); b_u8(&r, 0xBB); b_u8(&r, 0xCC); /* PtypBinary: 16-bit count */
    b_utf16z(&r, "named");
    b_execute_body(&body, 1, &r, NULL, 0);
    CHECK_EQ(decode(&s, 1, &body, "{00000000-0000-0000-0000-000000000001}:3", NULL), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.property_row.flag", 0), "StandardPropertyRow (0x00)");
    CHECK_STR(rec_value(&rec, "mapihttp.property_value", 0), "PidTagSubject (0x0037001F)");
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "Hello");
    CHECK_STR(rec_value(&rec, "mapihttp.value.int32", 0), "1234");
    CHECK_STR(rec_value(&rec, "mapihttp.value.boolean", 0), "True");
    CHECK_STR(rec_value(&rec, "mapihttp.value.time", 0), "1970-01-01T00:00:01Z");
    CHECK_STR(rec_value(&rec, "mapihttp.value.binary", 0), "aabbcc");
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 1), "named");
    CHECK_STR(rec_value(&rec, "mapihttp.property_value", 5), "Named property (0x8001001F)");
    mh_session_free(&s);
}

static void test_flagged_row(void)
{
    mh_session s;
    mh_session_init(&s);
    static const uint32_t tags[] = { 0x0037001F, 0x0E080003, 0x00000000 | (0x3001u << 16) };
    bld rops = { { 0 }, 0 };
    gps_request(&rops, 0, tags, 3);
    bld body;
    b_execute_body(&body, 0, &rops, NULL, 0);
    decode(&s, 0, &body, NULL, NULL);
    bld r = { { 0 }, 0 };
    b_u8(&r, 0x07); b_u8(&r, 0); b_u32(&r, 0);
    b_u8(&r, 0x01);                 /* FlaggedPropertyRow ([MS-OXCDATA] 2.8.1.2) */
    b_u8(&r, 0x0A); b_u32(&r, 0x8004010F); /* flag 0x0A: an error code instead of the value */
    b_u8(&r, 0x01);                 /* flag 0x01: no value */
    b_u16(&r, 0x001F);              /* PtypUnspecified column: FlaggedPropertyValueWithType */
    b_u8(&r, 0x00);
    b_utf16z(&r, "Me");
    b_execute_body(&body, 1, &r, NULL, 0);
    CHECK_EQ(decode(&s, 1, &body, NULL, NULL), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.property_row.flag", 0), "FlaggedPropertyRow (0x01)");
    CHECK_STR(rec_value(&rec, "mapihttp.property_value.flag", 0), "Error code (0x0A)");
    CHECK_STR(rec_value(&rec, "mapihttp.value.error_code", 0), "NotFound (0x8004010F)");
    CHECK_STR(rec_value(&rec, "mapihttp.property_value.flag", 1), "Value not present (0x01)");
    CHECK_STR(rec_value(&rec, "mapihttp.property_type", 0), "PtypString (0x001F)");
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "Me");
    mh_session_free(&s);
}

static void test_missing_context(void)
{
    /* a RopGetPropertiesSpecific response whose request was not seen: its row cannot be decoded */
    bld r = { { 0 }, 0 };
    b_u8(&r, 0x07); b_u8(&r, 0); b_u32(&r, 0);
    b_u8(&r, 0x00);
    b_u32(&r, 42);
    bld body;
    b_execute_body(&body, 1, &r, NULL, 0);
    mh_session s;
    mh_session_init(&s);
    CHECK_EQ(decode(&s, 1, &body, NULL, NULL), 1);
    const char *msg = rec_problem(&rec, MH_PROB_MISSING_CONTEXT);
    CHECK(msg && strstr(msg, "RopGetPropertiesSpecific") && strstr(msg, "not seen"));
    const rec_event *e = rec_find(&rec, "mapihttp.problem", 0);
    CHECK(e && e->len == 5); /* the row bytes are shown raw */
    /* a failed response needs no context: nothing follows ReturnValue */
    bld f = { { 0 }, 0 };
    b_u8(&f, 0x07); b_u8(&f, 0); b_u32(&f, 0x80040102);
    b_execute_body(&body, 1, &f, NULL, 0);
    CHECK_EQ(decode(&s, 1, &body, NULL, NULL), 0);
    mh_session_free(&s);
}

static void test_set_columns(void)
{
    mh_session s;
    mh_session_init(&s);
    bld rops = { { 0 }, 0 };
    b_u8(&rops, 0x12); b_u8(&rops, 0); b_u8(&rops, 1);
    b_u8(&rops, 0x00);          /* SetColumnsFlags */
    b_u16(&rops, 2);
    b_u32(&rops, 0x3001001F);
    b_u32(&rops, 0x67480014);
    bld body;
    b_execute_body(&body, 0, &rops, NULL, 0);
    CHECK_EQ(decode(&s, 0, &body, NULL, NULL), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.set_columns.set_columns_flags", 0), "TBL_SYNC (0x00)");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.set_columns.property_tag_count", 0), "2");
    CHECK_STR(rec_value(&rec, "mapihttp.property_tag", 0), "PidTagDisplayName (0x3001001F)");
    bld r = { { 0 }, 0 };
    b_u8(&r, 0x12); b_u8(&r, 1); b_u32(&r, 0); b_u8(&r, 0x00);
    b_execute_body(&body, 1, &r, NULL, 0);
    CHECK_EQ(decode(&s, 1, &body, NULL, NULL), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.table_status", 0), "TBLSTAT_COMPLETE (0x00)");
    mh_session_free(&s);
}

static void test_unknown_rops_stop_the_list(void)
{
    bld rops = { { 0 }, 0 };
    b_u8(&rops, 0x01); b_u8(&rops, 0); b_u8(&rops, 0);  /* RopRelease */
    b_u8(&rops, 0x28); b_u8(&rops, 0); b_u8(&rops, 0);  /* 0x28 is reserved */
    uint32_t handles[1] = { 7 };
    bld body;
    b_execute_body(&body, 0, &rops, handles, 1);
    mh_result res;
    CHECK_EQ(decode(NULL, 0, &body, NULL, &res), 1);
    const char *msg = rec_problem(&rec, MH_PROB_UNSUPPORTED);
    CHECK(msg && strstr(msg, "0x28 is reserved"));
    const rec_event *e = rec_find(&rec, "mapihttp.problem", 0);
    CHECK(e && e->len == 3);
    CHECK_STR(rec_value(&rec, "mapihttp.rop_buffer.handle", 0), "0x00000007"); /* still decoded */
    CHECK_EQ(res.rop_count, 1);

    /* a response list with RopRelease, which has no response buffer */
    bld r = { { 0 }, 0 };
    b_u8(&r, 0x01); b_u8(&r, 0);
    b_execute_body(&body, 1, &r, NULL, 0);
    CHECK_EQ(decode(NULL, 1, &body, NULL, NULL), 1);
    CHECK(rec_problem(&rec, MH_PROB_MALFORMED) != NULL);

    /* RopSize smaller than itself */
    bld z = { { 0 }, 0 };
    b_execute_body(&body, 0, &z, NULL, 0);
    body.b[16] = 1; /* RopSize after Flags, RopBufferSize and the RPC_HEADER_EXT */
    CHECK_EQ(decode(NULL, 0, &body, NULL, NULL), 1);
    CHECK(rec_problem(&rec, MH_PROB_MALFORMED) != NULL);
}

/* [MS-OXCROPS] 2.2.15.1 RopBufferTooSmall: its RequestBuffers are the ROP requests the server did not
 * execute, decoded as requests (2.2.8.4.1 RopGetPropertiesAll: RopId, LogonId, InputHandleIndex,
 * PropertySizeLimit, WantUnicode), but neither counted as the response's ROPs nor taken as responses */
static void test_buffer_too_small(void)
{
    mh_session s;
    mh_session_init(&s);
    bld rops = { { 0 }, 0 };
    b_u8(&rops, 0x5E); b_u8(&rops, 0); b_u8(&rops, 0);  /* RopGetStreamSize */
    b_u8(&rops, 0x08); b_u8(&rops, 0); b_u8(&rops, 0);  /* RopGetPropertiesAll */
    b_u16(&rops, 0); b_u16(&rops, 1);
    uint32_t handles[1] = { 0x45 };
    bld body;
    b_execute_body(&body, 0, &rops, handles, 1);
    CHECK_EQ(decode(&s, 0, &body, "{5D1B7A30-0C7E-4E2A-9B11-0A6F3C2D1E01}:1", NULL), 0);

    bld out = { { 0 }, 0 };
    b_u8(&out, 0x5E); b_u8(&out, 0); b_u32(&out, 0); b_u32(&out, 70000); /* StreamSize */
    b_u8(&out, 0xFF); b_u16(&out, 4096);                                   /* SizeNeeded */
    b_u8(&out, 0x08); b_u8(&out, 0); b_u8(&out, 0); b_u16(&out, 0); b_u16(&out, 1);
    b_execute_body(&body, 1, &out, handles, 1);
    mh_result res;
    CHECK_EQ(decode(&s, 1, &body, "{5D1B7A30-0C7E-4E2A-9B11-0A6F3C2D1E01}:1", &res), 0);
    CHECK_EQ(res.rop_count, 2);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.id", 1), "RopBufferTooSmall (0xFF)");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.buffer_too_small.size_needed", 0), "4096");
    const rec_event *e = rec_find(&rec, "mapihttp.rop.buffer_too_small.request_buffers", 0);
    CHECK(e && e->len == 7);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.id", 2), "RopGetPropertiesAll (0x08)");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.get_properties_all.want_unicode", 0), "True");
    CHECK_EQ(rec_count(&rec, "mapihttp.rop.return_value"), 1);

    /* RequestBuffers holding a reserved RopId: stopped there, with the reason */
    b_execute_body(&body, 0, &rops, handles, 1);
    CHECK_EQ(decode(&s, 0, &body, "{5D1B7A30-0C7E-4E2A-9B11-0A6F3C2D1E01}:2", NULL), 0);
    bld bad = { { 0 }, 0 };
    b_u8(&bad, 0x5E); b_u8(&bad, 0); b_u32(&bad, 0); b_u32(&bad, 70000);
    b_u8(&bad, 0xFF); b_u16(&bad, 4096);
    b_u8(&bad, 0x28); b_u8(&bad, 0); b_u8(&bad, 0);
    b_execute_body(&body, 1, &bad, handles, 1);
    CHECK_EQ(decode(&s, 1, &body, "{5D1B7A30-0C7E-4E2A-9B11-0A6F3C2D1E01}:2", &res), 1);
    const char *msg = rec_problem(&rec, MH_PROB_UNSUPPORTED);
    CHECK(msg && strstr(msg, "0x28 is reserved"));
    CHECK_EQ(res.rop_count, 2);
    mh_session_free(&s);
}

static void test_truncated_rop(void)
{
    /* RopSetColumns announcing 3 tags but carrying 1: the RopsList ends first */
    bld rops = { { 0 }, 0 };
    b_u8(&rops, 0x12); b_u8(&rops, 0); b_u8(&rops, 1); b_u8(&rops, 0);
    b_u16(&rops, 3);
    b_u32(&rops, 0x3001001F);
    bld body;
    b_execute_body(&body, 0, &rops, NULL, 0);
    CHECK_EQ(decode(NULL, 0, &body, NULL, NULL), 1);
    const char *msg = rec_problem(&rec, MH_PROB_MALFORMED);
    CHECK(msg && strstr(msg, "PropertyTag needs 4 bytes"));
    CHECK_EQ(rec_count(&rec, "mapihttp.property_tag"), 1);
}

int main(void)
{
    RUN(test_release_and_logon_request);
    RUN(test_logon_private_response);
    RUN(test_logon_public_redirect_failure);
    RUN(test_get_properties_specific);
    RUN(test_flagged_row);
    RUN(test_missing_context);
    RUN(test_set_columns);
    RUN(test_unknown_rops_stop_the_list);
    RUN(test_buffer_too_small);
    RUN(test_truncated_rop);
    return check_report();
}
