/* The field registry (one declaration per field, valid unique filter names) and the shared value
 * formatter every front end uses. */
#include "check.h"
#include "core/registry.h"
#include "mapi/names.h"
#include "rops/rop_catalog.h"

static void test_registry_is_consistent(void)
{
    char why[256] = "";
    int bad = mh_registry_check(why, sizeof why);
    if (bad)
        fprintf(stderr, "  %s\n", why);
    CHECK_EQ(bad, 0);
    CHECK(MH_F_COUNT > 100);
    CHECK_STR(mh_fields[MH_F_MAPIHTTP].filter, "mapihttp");
    CHECK_STR(mh_fields[MH_F_ROP_ID].filter, "mapihttp.rop.id");
    CHECK_STR(mh_fields[MH_F_ROP_ID].label, "RopId");
}

static const char *fmt(mh_field_id id, uint64_t u)
{
    static char buf[256];
    mh_value v;
    memset(&v, 0, sizeof v);
    v.u = u;
    v.i = (int64_t)u;
    mh_format_value(mh_field_get(id), &v, buf, sizeof buf, 0);
    return buf;
}

static void test_numbers(void)
{
    CHECK_STR(fmt(MH_F_RPC_SIZE, 325), "325");                      /* decimal */
    CHECK_STR(fmt(MH_F_RPC_VERSION, 0), "0x0000");                  /* hex, width from the type */
    CHECK_STR(fmt(MH_F_HANDLE, 0x45), "0x00000045");
    CHECK_STR(fmt(MH_F_AUX_REQUEST_ID, 163), "163 (0x00A3)");       /* DEC_HEX */
    CHECK_STR(fmt(MH_F_ROP_ID, 0x15), "RopQueryRows (0x15)");       /* named */
    CHECK_STR(fmt(MH_F_ROP_ID, 0x28), "Reserved (0x28)");           /* [MS-OXCROPS] 2.2.2 reserved id */
    CHECK_STR(fmt(MH_F_RESPONSE_CODE, 10), "Context Not Found (10)"); /* decimal header value */
    CHECK_STR(fmt(MH_F_RESPONSE_CODE, 99), "Unknown (99)");
}

static void test_flags(void)
{
    CHECK_STR(fmt(MH_F_RPC_FLAGS, 0x0005), "0x0005 (Compressed, Last)");
    CHECK_STR(fmt(MH_F_RPC_FLAGS, 0x0000), "0x0000");
    CHECK_STR(fmt(MH_F_RPC_FLAGS, 0x0016), "0x0016 (XorMagic, Last, 0x10)"); /* unknown bit kept */
    CHECK_STR(fmt(MH_F_EXECUTE_FLAGS, 3), "0x00000003 (NoCompression, NoXorMagic)");
}

static void test_error_names(void)
{
    /* [MS-OXCDATA] 2.4: ReturnValue context prefers the ec* names Exchange engineers know */
    CHECK_STR(fmt(MH_F_ROP_RETURN_VALUE, 0x8004010F), "ecNotFound (0x8004010F)");
    CHECK_STR(fmt(MH_F_ROP_RETURN_VALUE, 0x00000478), "ecWrongServer (0x00000478)");
    CHECK_STR(fmt(MH_F_ROP_RETURN_VALUE, 0x00000503), "ecDstNullObject (0x00000503)");
    CHECK_STR(fmt(MH_F_ROP_RETURN_VALUE, 0), "Success (0x00000000)");
    /* 2.4.2 property errors: the property-error name of the same value */
    CHECK_STR(fmt(MH_F_VALUE_ERROR_CODE, 0x8004010F), "NotFound (0x8004010F)");
}

static void test_property_names(void)
{
    CHECK_STR(mh_property_tag_name(0x0037001F), "PidTagSubject");
    CHECK_STR(mh_property_tag_name(0x0037001E), "PidTagSubject"); /* same id, 8-bit string type */
    CHECK(mh_property_tag_name(0x8001001F) == NULL);              /* named: resolved per logon */
    CHECK_STR(fmt(MH_F_PROPERTY_TAG, 0x0E080003), "PidTagMessageSize (0x0E080003)");
    CHECK_STR(fmt(MH_F_PROPERTY_TAG, 0x0E080014), "PidTagMessageSizeExtended (0x0E080014)");
    /* in a mailbox 0x8005 is a named property; the address book gives it a fixed name */
    CHECK_STR(fmt(MH_F_PROPERTY_TAG, 0x8005001F), "Named property (0x8005001F)");
    CHECK_STR(mh_ab_property_tag_name(0x8005001F), "PidTagAddressBookManagerDistinguishedName");
    CHECK_STR(mh_property_type_name(0x101F), "PtypMultipleString");
    CHECK(mh_property_type_name(0x0008) == NULL);
}

static void test_rop_catalogue(void)
{
    int named = 0, req = 0, resp = 0;
    for (int i = 0; i < 256; i++) {
        named += mh_rop_name((uint8_t)i) != NULL;
        req += mh_rop_has_request((uint8_t)i);
        resp += mh_rop_has_response((uint8_t)i);
    }
    /* [MS-OXCROPS] 2.2.2: 132 RopIds, 128 with a request buffer, 131 with a response buffer */
    CHECK_EQ(named, 132);
    CHECK_EQ(req, 128);
    CHECK_EQ(resp, 131);
    CHECK_STR(mh_rop_name(0xFE), "RopLogon");
    CHECK_STR(mh_rop_section(0x15), "2.2.5.4");
    CHECK(!mh_rop_has_response(0x01)); /* RopRelease */
    CHECK(!mh_rop_has_request(0x2A));  /* RopNotify */
}

static void test_guid_and_time(void)
{
    mh_value v;
    memset(&v, 0, sizeof v);
    /* {E2EA6C1C-E61B-49E9-9CFB-38184F907552} on the wire: Data1..Data3 little-endian */
    static const uint8_t g[16] = { 0x1C, 0x6C, 0xEA, 0xE2, 0x1B, 0xE6, 0xE9, 0x49,
                                   0x9C, 0xFB, 0x38, 0x18, 0x4F, 0x90, 0x75, 0x52 };
    memcpy(v.guid, g, 16);
    char buf[64];
    mh_format_value(mh_field_get(MH_F_REQUEST_ID_GUID), &v, buf, sizeof buf, 0);
    CHECK_STR(buf, "{E2EA6C1C-E61B-49E9-9CFB-38184F907552}");
    /* FILETIME of the Unix epoch, and of 2014-02-04T12:34:56.5Z */
    v.u = 116444736000000000ULL;
    mh_format_value(mh_field_get(MH_F_VALUE_TIME), &v, buf, sizeof buf, 0);
    CHECK_STR(buf, "1970-01-01T00:00:00Z");
    v.u = 116444736000000000ULL + (1391517296ULL * 10000000ULL) + 5000000ULL;
    mh_format_value(mh_field_get(MH_F_VALUE_TIME), &v, buf, sizeof buf, 0);
    CHECK_STR(buf, "2014-02-04T12:34:56.5000000Z");
    v.u = 0;
    mh_format_value(mh_field_get(MH_F_VALUE_TIME), &v, buf, sizeof buf, 0);
    CHECK_STR(buf, "1601-01-01T00:00:00Z");
}

static void test_bytes_cut(void)
{
    static const uint8_t b[5] = { 0xde, 0xad, 0xbe, 0xef, 0x01 };
    mh_value v;
    memset(&v, 0, sizeof v);
    v.bytes.base = b;
    v.bytes.len = 5;
    char buf[64];
    mh_format_value(mh_field_get(MH_F_LEFTOVER), &v, buf, sizeof buf, 0);
    CHECK_STR(buf, "deadbeef01");
    mh_format_value(mh_field_get(MH_F_LEFTOVER), &v, buf, sizeof buf, 2);
    CHECK_STR(buf, "dead\xE2\x80\xA6 (5 bytes)");
}

int main(void)
{
    RUN(test_registry_is_consistent);
    RUN(test_numbers);
    RUN(test_flags);
    RUN(test_error_names);
    RUN(test_property_names);
    RUN(test_rop_catalogue);
    RUN(test_guid_and_time);
    RUN(test_bytes_cut);
    return check_report();
}
