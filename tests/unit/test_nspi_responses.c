/*
 * Response bodies of the 19 address book request types, encoded by hand from their [MS-OXCMAPIHTTP]
 * 2.2.5.x.2 success field tables (StatusCode 0, ErrorCode, fields, AuxiliaryBufferSize,
 * AuxiliaryBuffer) and 2.2.5.x.3 failure tables (StatusCode nonzero, AuxiliaryBufferSize,
 * AuxiliaryBuffer); rows per 2.2.1.7 with values per 2.2.1.1 - 2.2.1.6; truncated responses.
 */
#include "test_nspi_build.h"

#define PROBLEMS_NONE() CHECK_EQ(rec_problems(&rec), 0)

static void head(bld *t, uint32_t error_code)
{
    b_u32(t, 0); /* StatusCode: success */
    b_u32(t, error_code);
}

/* 2.2.5.1.2 Bind: StatusCode, ErrorCode, ServerGuid, aux */
static void test_bind(void)
{
    static const uint8_t guid[16] = { 0x78, 0x56, 0x34, 0x12, 0xBC, 0x9A, 0xF0, 0xDE,
                                      0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08 };
    bld t = { .n = 0 };
    head(&t, 0);
    b_raw(&t, guid, 16);
    b_u32(&t, 0);
    CHECK_EQ(decode_body(1, MH_RT_BIND, &t, 1), 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.bind.response"), 1);
    CHECK_STR(rec_value(&rec, "mapihttp.status_code", 0), "Success (0x00000000)");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.error_code", 0), "Success (0x00000000)");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.bind.server_guid", 0), "{12345678-9ABC-DEF0-0102-030405060708}");
    PROBLEMS_NONE();
}

/* 2.2.5.2.2 Unbind, 2.2.5.10.2 ModLinkAtt, 2.2.5.11.2 ModProps: StatusCode, ErrorCode, aux */
static void test_no_fields(void)
{
    static const mh_request_type types[] = { MH_RT_UNBIND, MH_RT_MOD_LINK_ATT, MH_RT_MOD_PROPS };
    for (size_t i = 0; i < 3; i++) {
        bld t = { .n = 0 };
        head(&t, 0x80070005); /* AccessDenied ([MS-OXNSPI] 2.2.1.2) */
        b_u32(&t, 0);
        CHECK_EQ(decode_body(1, types[i], &t, 1), 0);
        CHECK_STR(rec_value(&rec, "mapihttp.nspi.error_code", 0), "AccessDenied (0x80070005)");
        CHECK_STR(rec_value(&rec, "mapihttp.auxiliary_buffer_size", 0), "0");
    }
}

/* 2.2.5.3.2 CompareMIds: StatusCode, ErrorCode, Result (signed), aux */
static void test_compare_mids(void)
{
    bld t = { .n = 0 };
    head(&t, 0);
    b_u32(&t, 0xFFFFFFFF); /* -1: MinimalId1 precedes MinimalId2 */
    b_u32(&t, 0);
    CHECK_EQ(decode_body(1, MH_RT_COMPARE_MIDS, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.compare_mids.result", 0), "-1");
    CHECK_STR(rec_note("mapihttp.nspi.compare_mids.result", 0), "MinimalId1 precedes MinimalId2");
}

/* 2.2.5.4.2 DNToMId: StatusCode, ErrorCode, HasMinimalIds, MinimalIdCount, MinimalIds, aux */
static void test_dntomid(void)
{
    bld t = { .n = 0 };
    head(&t, 0);
    b_u8(&t, 0xFF);
    b_u32(&t, 2);
    b_u32(&t, 0x100);
    b_u32(&t, 0);
    b_u32(&t, 0);
    CHECK_EQ(decode_body(1, MH_RT_DNTOMID, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.minimal_id_count", 0), "2");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.minimal_id", 1), "0x00000000");
    PROBLEMS_NONE();
}

/* 2.2.5.5.2 GetMatches: StatusCode, ErrorCode, HasState, State, HasMinimalIds, MinimalIdCount,
 * MinimalIds, HasColumnsAndRows, Columns, RowCount, RowData, aux. Row 1 is a standard row
 * (2.2.1.7 Flags 0x0, AddressBookPropertyValues); row 2 a flagged row (Flags 0x1,
 * AddressBookFlaggedPropertyValues, the second carrying error NotFound: Flag 0xA). */
static void test_get_matches(void)
{
    bld t = { .n = 0 };
    head(&t, 0);
    b_u8(&t, 0xFF);
    b_stat(&t, 0, 0, 0x101, 0, 2, 2, 1252, 0x409, 0x409);
    b_u8(&t, 0xFF);
    b_u32(&t, 2);
    b_u32(&t, 0x100);
    b_u32(&t, 0x101);
    b_u8(&t, 0xFF); /* HasColumnsAndRows */
    b_u32(&t, 2);
    b_u32(&t, 0x3001001F);
    b_u32(&t, 0x39FE001F);
    b_u32(&t, 2); /* RowCount */
    b_u8(&t, 0x00);
    b_u8(&t, 0xFF);
    b_utf16z(&t, "Ann");
    b_u8(&t, 0xFF);
    b_utf16z(&t, "ann@example.com");
    b_u8(&t, 0x01);
    b_u8(&t, 0x00); /* Flag: value present */
    b_u8(&t, 0xFF);
    b_utf16z(&t, "Bob");
    b_u8(&t, 0x0A); /* Flag: error */
    b_u32(&t, 0x8004010F);
    b_u32(&t, 0);
    CHECK_EQ(decode_body(1, MH_RT_GET_MATCHES, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.minimal_id", 1), "0x00000101");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.has_columns_and_rows", 0), "True");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.row_count", 0), "2");
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.property_row"), 2);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.property_row.flags", 0), "StandardPropertyRow (0x00)");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.property_row.flags", 1), "FlaggedPropertyRow (0x01)");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.value", 0), "PidTagDisplayName (0x3001001F)");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.value", 3), "PidTagSmtpAddress (0x39FE001F)");
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "Ann");
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 1), "ann@example.com");
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 2), "Bob");
    CHECK_EQ(rec_count(&rec, "mapihttp.value.string"), 3);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.value.flag", 1), "Error code (0x0A)");
    CHECK_STR(rec_value(&rec, "mapihttp.value.error_code", 0), "NotFound (0x8004010F)");
    PROBLEMS_NONE();
}

/* 2.2.5.6.2 GetPropList: StatusCode, ErrorCode, HasPropertyTags, PropertyTags, aux */
static void test_get_prop_list(void)
{
    bld t = { .n = 0 };
    head(&t, 0);
    b_u8(&t, 0xFF);
    b_u32(&t, 2);
    b_u32(&t, 0x3001001F);
    b_u32(&t, 0x0FFF0102);
    b_u32(&t, 0);
    CHECK_EQ(decode_body(1, MH_RT_GET_PROP_LIST, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.property_tag", 1), "PidTagEntryId (0x0FFF0102)");
    PROBLEMS_NONE();
}

/* 2.2.5.7.2 GetProps: StatusCode, ErrorCode, CodePage, HasPropertyValues, PropertyValues (2.2.1.3).
 * PtypString, PtypBinary (32-bit count) and PtypMultipleString (HasValue before each element) carry a
 * HasValue; PtypInteger32 does not (2.2.1.1). */
static void test_get_props(void)
{
    bld t = { .n = 0 };
    head(&t, 0);
    b_u32(&t, 1252);
    b_u8(&t, 0xFF);
    b_u32(&t, 4);
    b_u32(&t, 0x3001001F); /* PidTagDisplayName */
    b_u8(&t, 0xFF);
    b_utf16z(&t, "Ann");
    b_u32(&t, 0x0FFF0102); /* PidTagEntryId */
    b_u8(&t, 0xFF);
    b_u32(&t, 4);
    b_u32(&t, 0xDDCCBBAA);
    b_u32(&t, 0x800F101F); /* PidTagAddressBookProxyAddresses */
    b_u8(&t, 0xFF);
    b_u32(&t, 2);
    b_u8(&t, 0xFF);
    b_utf16z(&t, "SMTP:ann@example.com");
    b_u8(&t, 0x00); /* second element absent */
    b_u32(&t, 0x39000003); /* PidTagDisplayType */
    b_u32(&t, 0);
    b_u32(&t, 0);
    CHECK_EQ(decode_body(1, MH_RT_GET_PROPS, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.code_page", 0), "1252");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.value_list.count", 0), "4");
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.tagged_value"), 4);
    CHECK_STR(rec_value(&rec, "mapihttp.value.count", 0), "4");
    CHECK_STR(rec_value(&rec, "mapihttp.value.binary", 0), "aabbccdd");
    CHECK_STR(rec_value(&rec, "mapihttp.value.count", 1), "2");
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 1), "SMTP:ann@example.com");
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.value.has_value"), 5);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.value.has_value", 4), "FALSE (0x00)");
    CHECK_STR(rec_value(&rec, "mapihttp.value.int32", 0), "0");
    PROBLEMS_NONE();
}

/* 2.2.5.8.2 GetSpecialTable: StatusCode, ErrorCode, CodePage, HasVersion, Version, HasRows,
 * RowsCount, Rows (AddressBookPropertyValueLists), aux */
static void test_get_special_table(void)
{
    bld t = { .n = 0 };
    head(&t, 0);
    b_u32(&t, 1252);
    b_u8(&t, 0xFF);
    b_u32(&t, 8);
    b_u8(&t, 0xFF);
    b_u32(&t, 1);
    b_u32(&t, 2);
    b_u32(&t, 0x3001001F);
    b_u8(&t, 0xFF);
    b_utf16z(&t, "All Users");
    b_u32(&t, 0x36000003); /* PidTagContainerFlags */
    b_u32(&t, 0x0000000D);
    b_u32(&t, 0);
    CHECK_EQ(decode_body(1, MH_RT_GET_SPECIAL_TABLE, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.get_special_table.version", 0), "8");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.get_special_table.rows_count", 0), "1");
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.value_list"), 1);
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "All Users");
    CHECK_STR(rec_value(&rec, "mapihttp.value.int32", 0), "13");
    PROBLEMS_NONE();
}

/* 2.2.5.9.2 GetTemplateInfo: StatusCode, ErrorCode, CodePage, HasRow, Row, aux */
static void test_get_template_info(void)
{
    bld t = { .n = 0 };
    head(&t, 0);
    b_u32(&t, 1252);
    b_u8(&t, 0xFF);
    b_u32(&t, 1);
    b_u32(&t, 0x00010102); /* PidTagTemplateData */
    b_u8(&t, 0xFF);
    b_u32(&t, 3);
    b_u8(&t, 1);
    b_u8(&t, 2);
    b_u8(&t, 3);
    b_u32(&t, 0);
    CHECK_EQ(decode_body(1, MH_RT_GET_TEMPLATE_INFO, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.get_template_info.has_row", 0), "True");
    CHECK_STR(rec_note("mapihttp.nspi.value_list", 0), "Row");
    CHECK_STR(rec_value(&rec, "mapihttp.value.binary", 0), "010203");
    PROBLEMS_NONE();
}

/* 2.2.5.13.2 QueryColumns: StatusCode, ErrorCode, HasColumns, Columns, aux */
static void test_query_columns(void)
{
    bld t = { .n = 0 };
    head(&t, 0);
    b_u8(&t, 0xFF);
    b_u32(&t, 1);
    b_u32(&t, 0x39FE001F);
    b_u32(&t, 0);
    CHECK_EQ(decode_body(1, MH_RT_QUERY_COLUMNS, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.property_tag", 0), "PidTagSmtpAddress (0x39FE001F)");
}

/* 2.2.5.12.2 QueryRows: StatusCode, ErrorCode, HasState, State, HasColumnsAndRows, Columns, RowCount,
 * RowData, aux */
static void test_query_rows(void)
{
    bld t = { .n = 0 };
    head(&t, 0);
    b_u8(&t, 0xFF);
    b_stat(&t, 0, 0, 2, 0, 10, 10, 1252, 0x409, 0x409);
    b_u8(&t, 0xFF);
    b_u32(&t, 2);
    b_u32(&t, 0x3001001F);
    b_u32(&t, 0x39000003);
    b_u32(&t, 1);
    b_u8(&t, 0x00);
    b_u8(&t, 0xFF);
    b_utf16z(&t, "Ann");
    b_u32(&t, 0); /* DT_MAILUSER as PtypInteger32: no HasValue */
    b_u32(&t, 0);
    CHECK_EQ(decode_body(1, MH_RT_QUERY_ROWS, &t, 1), 0);
    CHECK_STR(rec_note("mapihttp.nspi.stat.current_rec", 0), "MID_END_OF_TABLE");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.value", 1), "PidTagDisplayType (0x39000003)");
    CHECK_STR(rec_value(&rec, "mapihttp.value.int32", 0), "0");
    CHECK_STR(rec_value(&rec, "mapihttp.auxiliary_buffer_size", 0), "0");
    PROBLEMS_NONE();
}

/* 2.2.5.14.2 ResolveNames: StatusCode, ErrorCode, CodePage, HasMinimalIds, MinimalIdCount, MinimalIds
 * (ANR Minimal Entry IDs, [MS-OXNSPI] 2.2.1.9), HasRowsAndColumns, PropertyTags, RowCount, RowData, aux */
static void test_resolve_names(void)
{
    bld t = { .n = 0 };
    head(&t, 0x00040380); /* ErrorsReturned */
    b_u32(&t, 1252);
    b_u8(&t, 0xFF);
    b_u32(&t, 3);
    b_u32(&t, 0x100);
    b_u32(&t, 0); /* MID_UNRESOLVED */
    b_u32(&t, 1); /* MID_AMBIGUOUS */
    b_u8(&t, 0xFF);
    b_u32(&t, 1);
    b_u32(&t, 0x3001001F);
    b_u32(&t, 1);
    b_u8(&t, 0x00);
    b_u8(&t, 0xFF);
    b_utf16z(&t, "Ann");
    b_u32(&t, 0);
    CHECK_EQ(decode_body(1, MH_RT_RESOLVE_NAMES, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.error_code", 0), "ErrorsReturned (0x00040380)");
    CHECK_STR(rec_note("mapihttp.nspi.minimal_id", 0), "");
    CHECK_STR(rec_note("mapihttp.nspi.minimal_id", 1), "MID_UNRESOLVED");
    CHECK_STR(rec_note("mapihttp.nspi.minimal_id", 2), "MID_AMBIGUOUS");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.resolve_names.has_rows_and_columns", 0), "True");
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "Ann");
    PROBLEMS_NONE();
}

/* 2.2.5.15.2 ResortRestriction: StatusCode, ErrorCode, HasState, State, HasMinimalIds,
 * MinimalIdCount, MinimalIds, aux */
static void test_resort_restriction(void)
{
    bld t = { .n = 0 };
    head(&t, 0);
    b_u8(&t, 0xFF);
    b_stat_default(&t);
    b_u8(&t, 0xFF);
    b_u32(&t, 2);
    b_u32(&t, 0x10);
    b_u32(&t, 0x20);
    b_u32(&t, 0);
    CHECK_EQ(decode_body(1, MH_RT_RESORT_RESTRICTION, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.minimal_id", 0), "0x00000010");
    PROBLEMS_NONE();
}

/* 2.2.5.16.2 SeekEntries with a PtypUnspecified column: a standard row holds an
 * AddressBookTypedPropertyValue (2.2.1.4), a flagged row an AddressBookFlaggedPropertyValueWithType
 * (2.2.1.6: PropertyType, Flag, value). */
static void test_seek_entries(void)
{
    bld t = { .n = 0 };
    head(&t, 0);
    b_u8(&t, 0x00); /* no State */
    b_u8(&t, 0xFF);
    b_u32(&t, 1);
    b_u32(&t, 0x30010000); /* PidTagDisplayName, PtypUnspecified */
    b_u32(&t, 2);
    b_u8(&t, 0x00);
    b_u16(&t, 0x001F);
    b_u8(&t, 0xFF);
    b_utf16z(&t, "Ann");
    b_u8(&t, 0x01);
    b_u16(&t, 0x0003);
    b_u8(&t, 0x00);
    b_u32(&t, 5);
    b_u32(&t, 0);
    CHECK_EQ(decode_body(1, MH_RT_SEEK_ENTRIES, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.property_type", 0), "PtypString (0x001F)");
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "Ann");
    CHECK_STR(rec_value(&rec, "mapihttp.property_type", 1), "PtypInteger32 (0x0003)");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.value.flag", 0), "Value present (0x00)");
    CHECK_STR(rec_value(&rec, "mapihttp.value.int32", 0), "5");
    PROBLEMS_NONE();
}

/* 2.2.5.17.2 UpdateStat: StatusCode, ErrorCode, HasState, State, HasDelta, Delta (signed), aux */
static void test_update_stat(void)
{
    bld t = { .n = 0 };
    head(&t, 0);
    b_u8(&t, 0xFF);
    b_stat_default(&t);
    b_u8(&t, 0xFF);
    b_u32(&t, (uint32_t)-3);
    b_u32(&t, 0);
    CHECK_EQ(decode_body(1, MH_RT_UPDATE_STAT, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.update_stat.has_delta", 0), "True");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.update_stat.delta", 0), "-3");
}

/* 2.2.5.18.2 GetMailboxUrl and 2.2.5.19.2 GetAddressBookUrl: StatusCode, ErrorCode, ServerUrl, aux */
static void test_urls(void)
{
    static const mh_request_type types[] = { MH_RT_GET_MAILBOX_URL, MH_RT_GET_ADDRESS_BOOK_URL };
    static const char *urls[] = { "https://mail.example.com/mapi/emsmdb/?MailboxId=a@example.com",
                                  "https://mail.example.com/mapi/nspi/?MailboxId=a@example.com" };
    for (size_t i = 0; i < 2; i++) {
        bld t = { .n = 0 };
        head(&t, 0);
        b_utf16z(&t, urls[i]);
        b_u32(&t, 0);
        CHECK_EQ(decode_body(1, types[i], &t, 1), 0);
        CHECK_STR(rec_value(&rec, "mapihttp.nspi.server_url", 0), urls[i]);
    }
}

/* 2.2.5.x.3 failure bodies: StatusCode (nonzero), AuxiliaryBufferSize, AuxiliaryBuffer - no ErrorCode */
static void test_failures(void)
{
    for (int t_ = MH_RT_BIND; t_ <= MH_RT_GET_ADDRESS_BOOK_URL; t_++) {
        bld t = { .n = 0 };
        b_u32(&t, 0x80040111);
        b_u32(&t, 0);
        CHECK_EQ(decode_body(1, (mh_request_type)t_, &t, 1), 0);
        CHECK_STR(rec_value(&rec, "mapihttp.status_code", 0), "ecLoginFailure (0x80040111)");
        CHECK_EQ(rec_count(&rec, "mapihttp.nspi.error_code"), 0);
        CHECK_STR(rec_value(&rec, "mapihttp.auxiliary_buffer_size", 0), "0");
    }
    /* with an auxiliary buffer: RPC_HEADER_EXT (Last) + AUX_HEADER + AUX_PERF_REQUESTID */
    bld t = { .n = 0 };
    b_u32(&t, 0x00000001);
    b_u32(&t, 16);
    b_u16(&t, 0);
    b_u16(&t, 0x0004);
    b_u16(&t, 8);
    b_u16(&t, 8);
    b_u16(&t, 8);
    b_u8(&t, 1);
    b_u8(&t, 1);
    b_u16(&t, 1);
    b_u16(&t, 42);
    CHECK_EQ(decode_body(1, MH_RT_GET_PROPS, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.aux.request_id", 0), "42 (0x002A)");
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.code_page"), 0);
}

/* Truncated responses: what was whole is shown, then "truncated". */
static void test_truncated(void)
{
    /* QueryRows: two rows promised, the second cut inside its string */
    bld t = { .n = 0 };
    head(&t, 0);
    b_u8(&t, 0x00);
    b_u8(&t, 0xFF);
    b_u32(&t, 1);
    b_u32(&t, 0x3001001F);
    b_u32(&t, 2);
    b_u8(&t, 0x00);
    b_u8(&t, 0xFF);
    b_utf16z(&t, "Ann");
    b_u8(&t, 0x00);
    b_u8(&t, 0xFF);
    b_u16(&t, 'B');
    CHECK_EQ(decode_body(1, MH_RT_QUERY_ROWS, &t, 0), 1);
    CHECK_EQ(rec.problems[MH_PROB_TRUNCATED], 1);
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "Ann");
    CHECK_EQ(rec_count(&rec, "mapihttp.value.string"), 1);
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.property_row"), 2);
    CHECK(rec_find(&rec, "mapihttp.auxiliary_buffer_size", 0) == NULL);

    /* a response that ends inside StatusCode */
    bld s = { .n = 0 };
    b_u16(&s, 0);
    CHECK_EQ(decode_body(1, MH_RT_BIND, &s, 0), 1);
    CHECK_EQ(rec.problems[MH_PROB_TRUNCATED], 1);
    CHECK(rec_find(&rec, "mapihttp.status_code", 0) == NULL);

    /* GetProps: the value list promised 2 values, 1 is there */
    bld g = { .n = 0 };
    head(&g, 0);
    b_u32(&g, 1252);
    b_u8(&g, 0xFF);
    b_u32(&g, 2);
    b_u32(&g, 0x39000003);
    b_u32(&g, 0);
    CHECK_EQ(decode_body(1, MH_RT_GET_PROPS, &g, 0), 1);
    CHECK_EQ(rec.problems[MH_PROB_TRUNCATED], 1);
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.tagged_value"), 1);

    /* an auxiliary buffer whose size runs past the body */
    bld a = { .n = 0 };
    head(&a, 0);
    b_u32(&a, 100);
    b_u16(&a, 0);
    CHECK_EQ(decode_body(1, MH_RT_UNBIND, &a, 0) >= 1, 1);
    CHECK(rec.problems[MH_PROB_TRUNCATED] >= 1);
}

int main(void)
{
    RUN(test_bind);
    RUN(test_no_fields);
    RUN(test_compare_mids);
    RUN(test_dntomid);
    RUN(test_get_matches);
    RUN(test_get_prop_list);
    RUN(test_get_props);
    RUN(test_get_special_table);
    RUN(test_get_template_info);
    RUN(test_query_columns);
    RUN(test_query_rows);
    RUN(test_resolve_names);
    RUN(test_resort_restriction);
    RUN(test_seek_entries);
    RUN(test_update_stat);
    RUN(test_urls);
    RUN(test_failures);
    RUN(test_truncated);
    return check_report();
}
