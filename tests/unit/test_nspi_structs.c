/*
 * The shared address book structures at their edges, each inside a body that carries it:
 *   [MS-OXCMAPIHTTP] 2.2.1.1 AddressBookPropertyValue (HasValue TRUE/FALSE/other, per-element HasValue
 *     of PtypMultipleBinary, plain multi-valued types, MVI types), 2.2.1.4 - 2.2.1.7 rows (standard and
 *     flagged, PtypUnspecified columns, row Flags and value Flag outside the spec's values),
 *   2.2.1.8 LargePropertyTagArray count limit,
 *   [MS-OXNSPI] 2.2.9.2 / 2.2.9.3 entry IDs in ModLinkAtt (unknown ID Type, bytes left inside cb, cb too
 *     small), and the decoder's own bound on PtypNull columns.
 */
#include "test_nspi_build.h"

/* GetProps response (2.2.5.7.2) head: StatusCode 0, ErrorCode 0, CodePage, HasPropertyValues TRUE. */
static void props_head(bld *t)
{
    b_u32(t, 0);
    b_u32(t, 0);
    b_u32(t, 1252);
    b_u8(t, 0xFF);
}

/* QueryRows response (2.2.5.12.2) up to RowCount: no State, HasColumnsAndRows, Columns. */
static void rows_head(bld *t, const uint32_t *cols, uint32_t n)
{
    b_u32(t, 0);
    b_u32(t, 0);
    b_u8(t, 0x00);
    b_u8(t, 0xFF);
    b_u32(t, n);
    for (uint32_t i = 0; i < n; i++)
        b_u32(t, cols[i]);
}

/* 2.2.1.1: HasValue FALSE means no PropertyValue follows; a value other than 0xFF/0x00 stops. */
static void test_has_value(void)
{
    bld t = { .n = 0 };
    props_head(&t);
    b_u32(&t, 3);
    b_u32(&t, 0x3001001F); /* PidTagDisplayName: HasValue FALSE */
    b_u8(&t, 0x00);
    b_u32(&t, 0x3A00001E); /* PidTagAccount (PtypString8): HasValue TRUE, "al" */
    b_u8(&t, 0xFF);
    b_asciiz(&t, "al");
    b_u32(&t, 0x0FFF0102); /* PidTagEntryId: HasValue 0x05 */
    b_u8(&t, 0x05);
    b_u8(&t, 0x02);
    b_u32(&t, 0);
    CHECK_EQ(decode_body(1, MH_RT_GET_PROPS, &t, 1), 1);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.value.has_value", 0), "FALSE (0x00)");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.value.has_value", 1), "TRUE (0xFF)");
    CHECK_STR(rec_value(&rec, "mapihttp.value.string8", 0), "al");
    CHECK_EQ(rec_count(&rec, "mapihttp.value.string"), 0);
    CHECK_EQ(rec.problems[MH_PROB_MALFORMED], 1);
    const char *p = rec_problem(&rec, MH_PROB_MALFORMED);
    CHECK(p && strstr(p, "HasValue 0x05") != NULL);
    /* the leftover shown is the HasValue byte and everything after it */
    const rec_event *pe = rec_find(&rec, "mapihttp.problem", 0);
    CHECK(pe && pe->len == 1 + 1 + 4);
    CHECK(rec_find(&rec, "mapihttp.auxiliary_buffer_size", 0) == NULL);
}

/* 2.2.1.1: PtypMultipleBinary carries a HasValue before the Count and before each element; PtypBinary
 * counts are 32 bits in address book structures. PtypMultipleInteger32 has only the outer HasValue. */
static void test_multiple_values(void)
{
    bld t = { .n = 0 };
    props_head(&t);
    b_u32(&t, 3);
    b_u32(&t, 0x80081102); /* a PtypMultipleBinary property */
    b_u8(&t, 0xFF);        /* HasValue */
    b_u32(&t, 2);          /* Count */
    b_u8(&t, 0xFF);        /* element 1: HasValue, then cb (32 bits) and bytes */
    b_u32(&t, 2);
    b_u8(&t, 0xAA);
    b_u8(&t, 0xBB);
    b_u8(&t, 0x00); /* element 2: no value */
    b_u32(&t, 0x80091003); /* a PtypMultipleInteger32 property */
    b_u8(&t, 0xFF);
    b_u32(&t, 2);
    b_u32(&t, 7);
    b_u32(&t, 0xFFFFFFFE);
    b_u32(&t, 0x800F101F); /* PidTagAddressBookProxyAddresses, PtypMultipleString */
    b_u8(&t, 0xFF);
    b_u32(&t, 1);
    b_u8(&t, 0xFF);
    b_utf16z(&t, "SMTP:a@b");
    b_u32(&t, 0);
    CHECK_EQ(decode_body(1, MH_RT_GET_PROPS, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.value_list.count", 0), "3");
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.value.has_value"), 6); /* 3 (binary) + 1 (int32) + 2 (string) */
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.value.has_value", 2), "FALSE (0x00)");
    CHECK_EQ(rec_count(&rec, "mapihttp.value.binary"), 1);
    const rec_event *b = rec_find(&rec, "mapihttp.value.binary", 0);
    CHECK(b && b->len == 2);
    CHECK_STR(rec_value(&rec, "mapihttp.value.int32", 0), "7");
    CHECK_STR(rec_value(&rec, "mapihttp.value.int32", 1), "-2");
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "SMTP:a@b");
    CHECK_STR(rec_value(&rec, "mapihttp.auxiliary_buffer_size", 0), "0");
    CHECK_EQ(rec_problems(&rec), 0);

    /* a per-element HasValue outside 0xFF/0x00 stops the value */
    bld u = { .n = 0 };
    props_head(&u);
    b_u32(&u, 1);
    b_u32(&u, 0x800F101F);
    b_u8(&u, 0xFF);
    b_u32(&u, 1);
    b_u8(&u, 0x7F);
    b_utf16z(&u, "x");
    b_u32(&u, 0);
    CHECK_EQ(decode_body(1, MH_RT_GET_PROPS, &u, 1), 1);
    CHECK_EQ(rec.problems[MH_PROB_MALFORMED], 1);
    CHECK_EQ(rec_count(&rec, "mapihttp.value.string"), 0);
}

/* A multi-value-instance type (0x2000 set) has no AddressBookPropertyValue layout. */
static void test_mvi(void)
{
    bld t = { .n = 0 };
    props_head(&t);
    b_u32(&t, 1);
    b_u32(&t, 0x80093003);
    b_u32(&t, 1);
    b_u32(&t, 0);
    CHECK_EQ(decode_body(1, MH_RT_GET_PROPS, &t, 1), 1);
    CHECK_EQ(rec.problems[MH_PROB_UNSUPPORTED], 1);
    CHECK(rec_find(&rec, "mapihttp.nspi.tagged_value", 0) != NULL);
}

/* 2.2.1.7: row Flags other than 0x0/0x1 decide nothing we know: the rows stop there. */
static void test_row_flags(void)
{
    static const uint32_t cols[] = { 0x3001001F };
    bld t = { .n = 0 };
    rows_head(&t, cols, 1);
    b_u32(&t, 2);
    b_u8(&t, 0x00);
    b_u8(&t, 0xFF);
    b_utf16z(&t, "A");
    b_u8(&t, 0x02);
    b_u8(&t, 0xFF);
    b_utf16z(&t, "B");
    b_u32(&t, 0);
    CHECK_EQ(decode_body(1, MH_RT_QUERY_ROWS, &t, 1), 1);
    CHECK_EQ(rec.problems[MH_PROB_MALFORMED], 1);
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "A");
    CHECK_EQ(rec_count(&rec, "mapihttp.value.string"), 1);
    const char *p = rec_problem(&rec, MH_PROB_MALFORMED);
    CHECK(p && strstr(p, "Flags 0x02") != NULL);
}

/* 2.2.1.5 / 2.2.1.6 flagged values: Flag 0x1 (no value), 0xA (PtypErrorCode), other values stop;
 * a PtypUnspecified column puts PropertyType before Flag. */
static void test_flagged_values(void)
{
    static const uint32_t cols[] = { 0x3001001F, 0x3A00001E, 0x39FE0000 };
    bld t = { .n = 0 };
    rows_head(&t, cols, 3);
    b_u32(&t, 1);
    b_u8(&t, 0x01);    /* flagged row */
    b_u8(&t, 0x01);    /* DisplayName: Flag 0x1, no value */
    b_u8(&t, 0x0A);    /* Account: Flag 0xA, error */
    b_u32(&t, 0x8004010F); /* PtypErrorCode NotFound ([MS-OXCDATA] 2.4.2) */
    b_u16(&t, 0x001F); /* unspecified column: PropertyType PtypString */
    b_u8(&t, 0x00);    /* Flag 0x0 */
    b_u8(&t, 0xFF);    /* HasValue */
    b_utf16z(&t, "z@example.com");
    b_u32(&t, 0);
    CHECK_EQ(decode_body(1, MH_RT_QUERY_ROWS, &t, 1), 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.value.flag"), 3);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.value.flag", 2), "Value present (0x00)");
    CHECK_STR(rec_value(&rec, "mapihttp.value.error_code", 0), "NotFound (0x8004010F)");
    /* only the PtypUnspecified column carries a PropertyType of its own */
    CHECK_EQ(rec_count(&rec, "mapihttp.property_type"), 1);
    CHECK_STR(rec_value(&rec, "mapihttp.property_type", 0), "PtypString (0x001F)");
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "z@example.com");
    CHECK_EQ(rec_problems(&rec), 0);

    bld u = { .n = 0 };
    rows_head(&u, cols, 1);
    b_u32(&u, 1);
    b_u8(&u, 0x01);
    b_u8(&u, 0x05);
    b_u32(&u, 0);
    CHECK_EQ(decode_body(1, MH_RT_QUERY_ROWS, &u, 1), 1);
    const char *p = rec_problem(&rec, MH_PROB_MALFORMED);
    CHECK(p && strstr(p, "Flag 0x05") != NULL);
}

/* 2.2.1.8: "The number is limited to 100,000." */
static void test_tag_limit(void)
{
    bld t = { .n = 0 };
    b_u32(&t, 0);
    b_u32(&t, 0);
    b_u8(&t, 0xFF);
    b_u32(&t, 100001);
    b_u32(&t, 0x3001001F);
    CHECK_EQ(decode_body(1, MH_RT_QUERY_COLUMNS, &t, 0), 1);
    CHECK_EQ(rec.problems[MH_PROB_MALFORMED], 1);
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.property_tag"), 0);

    /* 100,000 is allowed: the body simply ends after the first tag */
    bld u = { .n = 0 };
    b_u32(&u, 0);
    b_u32(&u, 0);
    b_u8(&u, 0xFF);
    b_u32(&u, 100000);
    b_u32(&u, 0x3001001F);
    CHECK_EQ(decode_body(1, MH_RT_QUERY_COLUMNS, &u, 0), 1);
    CHECK_EQ(rec.problems[MH_PROB_TRUNCATED], 1);
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.property_tag"), 1);
}

/* PtypNull columns take no bytes in a standard row; the decoder bounds how many it shows. */
static void test_null_columns(void)
{
    static const uint32_t cols[] = { 0x80000001 };
    bld t = { .n = 0 };
    rows_head(&t, cols, 1);
    b_u32(&t, 100001);
    CHECK_EQ(decode_body(1, MH_RT_QUERY_ROWS, &t, 0), 1);
    CHECK_EQ(rec.problems[MH_PROB_UNSUPPORTED], 1);
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.property_row"), 0);

    bld u = { .n = 0 };
    rows_head(&u, cols, 1);
    b_u32(&u, 2);
    b_u8(&u, 0x00);
    b_u8(&u, 0x00);
    b_u32(&u, 0);
    CHECK_EQ(decode_body(1, MH_RT_QUERY_ROWS, &u, 1), 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.property_row"), 2);
    CHECK_EQ(rec_count(&rec, "mapihttp.value.null"), 2);
}

static void mla_head(bld *t, uint32_t count)
{
    b_u32(t, 0);
    b_u32(t, 0x8009000D);
    b_u32(t, 0x30);
    b_u8(t, 0xFF);
    b_u32(t, count);
}

static void ephemeral(bld *t, uint32_t mid)
{
    b_u32(t, 32);
    b_u8(t, 0x87);
    b_u8(t, 0);
    b_u8(t, 0);
    b_u8(t, 0);
    for (int i = 0; i < 16; i++)
        b_u8(t, (uint8_t)i);
    b_u32(t, 1);
    b_u32(t, 0);
    b_u32(t, mid);
}

/* [MS-OXNSPI] 2.2.9: an ID Type that is neither 0x87 nor 0x00 costs only its own cb bytes; bytes left
 * inside cb after a PermanentEntryID are shown; a cb too small for the structure stops. */
static void test_entry_ids(void)
{
    bld t = { .n = 0 };
    mla_head(&t, 3);
    b_u32(&t, 4);
    b_u8(&t, 0x01);
    b_u8(&t, 0);
    b_u8(&t, 0);
    b_u8(&t, 0);
    b_u32(&t, 28 + 3 + 2); /* PermanentEntryID with "/x" and two extra bytes */
    b_u8(&t, 0x00);
    b_u8(&t, 0);
    b_u8(&t, 0);
    b_u8(&t, 0);
    for (int i = 0; i < 16; i++)
        b_u8(&t, 0);
    b_u32(&t, 1);
    b_u32(&t, 0);
    b_asciiz(&t, "/x");
    b_u8(&t, 0xEE);
    b_u8(&t, 0xEE);
    ephemeral(&t, 0x77);
    b_u32(&t, 0);
    CHECK_EQ(decode_body(0, MH_RT_MOD_LINK_ATT, &t, 1), 2);
    CHECK_EQ(rec.problems[MH_PROB_UNSUPPORTED], 1);
    CHECK_EQ(rec.problems[MH_PROB_MALFORMED], 1);
    const rec_event *u = NULL;
    for (size_t i = 0; i < rec.n; i++)
        if (rec.ev[i].is_problem && rec.ev[i].kind == MH_PROB_UNSUPPORTED)
            u = &rec.ev[i];
    CHECK(u && u->len == 4); /* only that entry's bytes */
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.entry_id.distinguished_name", 0), "/x");
    const char *p = rec_problem(&rec, MH_PROB_MALFORMED);
    CHECK(p && strstr(p, "2 bytes left over") != NULL);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.entry_id.mid", 0), "0x00000077");
    CHECK_STR(rec_value(&rec, "mapihttp.auxiliary_buffer_size", 0), "0");

    /* cb 8 for an EphemeralEntryID: the structure runs past its cb */
    bld s = { .n = 0 };
    mla_head(&s, 1);
    b_u32(&s, 8);
    b_u8(&s, 0x87);
    for (int i = 0; i < 7; i++)
        b_u8(&s, 0);
    b_u32(&s, 0);
    CHECK_EQ(decode_body(0, MH_RT_MOD_LINK_ATT, &s, 1), 1);
    CHECK_EQ(rec.problems[MH_PROB_MALFORMED], 1);
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.entry_id.provider_uid"), 0);

    /* cb larger than the body */
    bld l = { .n = 0 };
    mla_head(&l, 1);
    b_u32(&l, 1000);
    b_u8(&l, 0x87);
    CHECK_EQ(decode_body(0, MH_RT_MOD_LINK_ATT, &l, 0), 1);
    CHECK_EQ(rec.problems[MH_PROB_TRUNCATED], 1);
}

/* Optional fields that are absent (Has* 0x00) take no bytes. */
static void test_absent_fields(void)
{
    bld t = { .n = 0 };
    b_u32(&t, 0);
    b_u8(&t, 0x00); /* HasState */
    b_u8(&t, 0x00); /* HasMinimalIds */
    b_u32(&t, 0);   /* InterfaceOptionFlags */
    b_u8(&t, 0x00); /* HasFilter */
    b_u8(&t, 0x00); /* HasPropertyName */
    b_u32(&t, 5);   /* RowCount */
    b_u8(&t, 0x00); /* HasColumns */
    b_u32(&t, 0);
    CHECK_EQ(decode_body(0, MH_RT_GET_MATCHES, &t, 1), 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.stat"), 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.restriction"), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.row_count", 0), "5");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.has_columns", 0), "False");

    /* responses with everything absent */
    bld r = { .n = 0 };
    b_u32(&r, 0);
    b_u32(&r, 0);
    b_u8(&r, 0x00);
    b_u8(&r, 0x00);
    b_u8(&r, 0x00);
    b_u32(&r, 0);
    CHECK_EQ(decode_body(1, MH_RT_GET_MATCHES, &r, 1), 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.row_data"), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.auxiliary_buffer_size", 0), "0");
}

/* A GetMatches Filter (2.2.5.5.1) naming address book tags from 0x8000: they are [MS-OXPROPS] address
 * book properties there, not named properties, so the restriction's note names them. */
static void test_filter_ab_tags(void)
{
    bld t = { .n = 0 };
    b_u32(&t, 0);
    b_u8(&t, 0x00);
    b_u8(&t, 0x00);
    b_u32(&t, 0);
    b_u8(&t, 0xFF);
    b_u8(&t, 0x08);        /* ExistRestriction */
    b_u32(&t, 0x8009000D); /* PidTagAddressBookMember */
    b_u8(&t, 0x00);
    b_u32(&t, 1);
    b_u8(&t, 0xFF);
    b_u32(&t, 1);
    b_u32(&t, 0x8005001F); /* PidTagAddressBookManagerDistinguishedName */
    b_u32(&t, 0);
    CHECK_EQ(decode_body(0, MH_RT_GET_MATCHES, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.prop_tag", 0), "Named property range (0x8009000D)");
    CHECK_STR(rec_note("mapihttp.restriction.prop_tag", 0), "PidTagAddressBookMember");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.property_tag", 0),
              "PidTagAddressBookManagerDistinguishedName (0x8005001F)");
}

int main(void)
{
    RUN(test_has_value);
    RUN(test_multiple_values);
    RUN(test_mvi);
    RUN(test_row_flags);
    RUN(test_flagged_values);
    RUN(test_tag_limit);
    RUN(test_null_columns);
    RUN(test_entry_ids);
    RUN(test_absent_fields);
    RUN(test_filter_ab_tags);
    return check_report();
}
