/*
 * Request bodies of the 19 address book request types, each encoded by hand from the field table of
 * its [MS-OXCMAPIHTTP] 2.2.5.x.1 section (named in each test), with [MS-OXNSPI] 2.2.8 STAT and the
 * [MS-OXCMAPIHTTP] 2.2.1 structures; then truncated bodies, which report "truncated" after the fields
 * that were whole.
 */
#include "test_nspi_build.h"

#define PROBLEMS_NONE() CHECK_EQ(rec_problems(&rec), 0)

/* 2.2.5.1.1 Bind: Flags, HasState, State, AuxiliaryBufferSize, AuxiliaryBuffer */
static void test_bind(void)
{
    bld t = { .n = 0 };
    b_u32(&t, 0x00000020); /* Flags: fAnonymousLogin */
    b_u8(&t, 0xFF);        /* HasState */
    b_stat_default(&t);
    b_u32(&t, 0); /* AuxiliaryBufferSize */
    CHECK_EQ(decode_body(0, MH_RT_BIND, &t, 1), 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.bind.request"), 1);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.bind.flags", 0), "0x00000020 (fAnonymousLogin)");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.has_state", 0), "True");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.stat.sort_type", 0), "SortTypeDisplayName (0x00000000)");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.stat.container_id", 0), "0x00000000");
    CHECK_STR(rec_note("mapihttp.nspi.stat.container_id", 0), "Global Address List");
    CHECK_STR(rec_note("mapihttp.nspi.stat.current_rec", 0), "MID_BEGINNING_OF_TABLE");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.stat.delta", 0), "0");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.stat.code_page", 0), "1252");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.stat.template_locale", 0), "0x00000409");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.stat.sort_locale", 0), "0x00000409");
    CHECK_STR(rec_value(&rec, "mapihttp.auxiliary_buffer_size", 0), "0");
    const rec_event *stat = rec_find(&rec, "mapihttp.nspi.stat", 0);
    CHECK(stat && stat->off == 5);
    PROBLEMS_NONE();

    /* HasState 0: no State follows */
    bld u = { .n = 0 };
    b_u32(&u, 0);
    b_u8(&u, 0x00);
    b_u32(&u, 0);
    CHECK_EQ(decode_body(0, MH_RT_BIND, &u, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.has_state", 0), "False");
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.stat"), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.bind.flags", 0), "0x00000000");
}

/* 2.2.5.2.1 Unbind: Reserved, AuxiliaryBufferSize, AuxiliaryBuffer */
static void test_unbind(void)
{
    bld t = { .n = 0 };
    b_u32(&t, 0);
    b_u32(&t, 0);
    CHECK_EQ(decode_body(0, MH_RT_UNBIND, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.reserved", 0), "0x00000000");
    CHECK_STR(rec_value(&rec, "mapihttp.auxiliary_buffer_size", 0), "0");
}

/* 2.2.5.3.1 CompareMIds: Reserved, HasState, State, MinimalId1, MinimalId2, aux */
static void test_compare_mids(void)
{
    bld t = { .n = 0 };
    b_u32(&t, 0);
    b_u8(&t, 0x01); /* HasState: any nonzero value */
    b_stat_default(&t);
    b_u32(&t, 0x00000010);
    b_u32(&t, 0x00000020);
    b_u32(&t, 0);
    CHECK_EQ(decode_body(0, MH_RT_COMPARE_MIDS, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.has_state", 0), "True");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.compare_mids.minimal_id1", 0), "0x00000010");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.compare_mids.minimal_id2", 0), "0x00000020");
    PROBLEMS_NONE();
}

/* 2.2.5.4.1 DNToMId: Reserved, HasNames, Names (StringsArray_r: Count, 8-bit strings), aux */
static void test_dntomid(void)
{
    bld t = { .n = 0 };
    b_u32(&t, 0);
    b_u8(&t, 0xFF);
    b_u32(&t, 2);
    b_asciiz(&t, "/o=Org/ou=Site/cn=Recipients/cn=alice");
    b_asciiz(&t, "/o=Org/ou=Site/cn=Recipients/cn=bob");
    b_u32(&t, 0);
    CHECK_EQ(decode_body(0, MH_RT_DNTOMID, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.has_names", 0), "True");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.strings.count", 0), "2");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.strings.string", 0), "/o=Org/ou=Site/cn=Recipients/cn=alice");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.strings.string", 1), "/o=Org/ou=Site/cn=Recipients/cn=bob");
    PROBLEMS_NONE();
}

/* 2.2.5.5.1 GetMatches: Reserved, HasState, State, HasMinimalIds, MinimalIdCount, MinimalIds,
 * InterfaceOptionFlags, HasFilter, Filter ([MS-OXCDATA] 2.12), HasPropertyName, PropertyNameGuid,
 * PropertyNameId, RowCount, HasColumns, Columns (2.2.1.8), aux */
static void test_get_matches(void)
{
    static const uint8_t guid[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
    bld t = { .n = 0 };
    b_u32(&t, 0);
    b_u8(&t, 0xFF);
    /* SortTypeDisplayName_W, CurrentRec MID_END_OF_TABLE, Delta -5 */
    b_stat(&t, 0x3E9, 0, 2, -5, 0, 0, 1252, 0x409, 0x409);
    b_u8(&t, 0xFF);        /* HasMinimalIds */
    b_u32(&t, 1);          /* MinimalIdCount */
    b_u32(&t, 0x00001234); /* MinimalIds */
    b_u32(&t, 0);          /* InterfaceOptionFlags */
    b_u8(&t, 0xFF);        /* HasFilter */
    /* ContentRestriction (2.12.4.1): FL_SUBSTRING, FL_IGNORECASE on PidTagDisplayName, value "Jo" */
    b_u8(&t, 0x03);
    b_u16(&t, 0x0001);
    b_u16(&t, 0x0001);
    b_u32(&t, 0x3001001F);
    b_u32(&t, 0x3001001F); /* TaggedValue: PropertyTag, then a PtypString */
    b_utf16z(&t, "Jo");
    b_u8(&t, 0xFF); /* HasPropertyName */
    b_raw(&t, guid, 16);
    b_u32(&t, 0x00008001); /* PropertyNameId */
    b_u32(&t, 50);         /* RowCount */
    b_u8(&t, 0xFF);        /* HasColumns */
    b_u32(&t, 2);
    b_u32(&t, 0x3001001F);
    b_u32(&t, 0x39FE001F);
    b_u32(&t, 0);
    CHECK_EQ(decode_body(0, MH_RT_GET_MATCHES, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.stat.sort_type", 0), "SortTypeDisplayName_W (0x000003E9)");
    CHECK_STR(rec_note("mapihttp.nspi.stat.current_rec", 0), "MID_END_OF_TABLE");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.stat.delta", 0), "-5");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.minimal_id_count", 0), "1");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.minimal_id", 0), "0x00001234");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.get_matches.has_filter", 0), "True");
    CHECK_STR(rec_value(&rec, "mapihttp.restriction", 0), "ContentRestriction (0x03)");
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.fuzzy_level_low", 0), "FL_SUBSTRING (0x0001)");
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.fuzzy_level_high", 0), "0x0001 (FL_IGNORECASE)");
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "Jo");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.get_matches.property_name_guid", 0),
              "{04030201-0605-0807-090A-0B0C0D0E0F10}");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.get_matches.property_name_id", 0), "0x00008001");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.row_count", 0), "50");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.property_tag_array.count", 0), "2");
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.property_tag", 0), "PidTagDisplayName (0x3001001F)");
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.tagged_value.property_tag", 0), "PidTagDisplayName (0x3001001F)");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.property_tag", 0), "PidTagDisplayName (0x3001001F)");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.property_tag", 1), "PidTagSmtpAddress (0x39FE001F)");
    PROBLEMS_NONE();
}

/* 2.2.5.6.1 GetPropList: Flags, MinimalId, CodePage, aux */
static void test_get_prop_list(void)
{
    bld t = { .n = 0 };
    b_u32(&t, 0x00000001); /* fSkipObjects */
    b_u32(&t, 0x00000100);
    b_u32(&t, 0x000004B0); /* CP_WINUNICODE */
    b_u32(&t, 0);
    CHECK_EQ(decode_body(0, MH_RT_GET_PROP_LIST, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.get_prop_list.flags", 0), "0x00000001 (fSkipObjects)");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.minimal_id", 0), "0x00000100");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.code_page", 0), "1200");
    CHECK_STR(rec_note("mapihttp.nspi.code_page", 0), "CP_WINUNICODE");
}

/* 2.2.5.7.1 GetProps: Flags, HasState, State, HasPropertyTags, PropertyTags, aux */
static void test_get_props(void)
{
    bld t = { .n = 0 };
    b_u32(&t, 0x00000003); /* fSkipObjects | fEphID */
    b_u8(&t, 0xFF);
    b_stat_default(&t);
    b_u8(&t, 0xFF);
    b_u32(&t, 3);
    b_u32(&t, 0x3001001F);
    b_u32(&t, 0x39FE001F);
    b_u32(&t, 0x800F101F);
    b_u32(&t, 0);
    CHECK_EQ(decode_body(0, MH_RT_GET_PROPS, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.get_props.flags", 0), "0x00000003 (fSkipObjects, fEphID)");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.has_property_tags", 0), "True");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.property_tag", 2), "PidTagAddressBookProxyAddresses (0x800F101F)");
    const rec_event *arr = rec_find(&rec, "mapihttp.nspi.property_tag_array", 0);
    CHECK(arr && strcmp(arr->note, "PropertyTags") == 0);
    PROBLEMS_NONE();
}

/* 2.2.5.8.1 GetSpecialTable: Flags, HasState, State, HasVersion, Version, aux */
static void test_get_special_table(void)
{
    bld t = { .n = 0 };
    b_u32(&t, 0x00000004); /* NspiUnicodeStrings */
    b_u8(&t, 0xFF);
    b_stat_default(&t);
    b_u8(&t, 0xFF);
    b_u32(&t, 7);
    b_u32(&t, 0);
    CHECK_EQ(decode_body(0, MH_RT_GET_SPECIAL_TABLE, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.get_special_table.flags", 0), "0x00000004 (NspiUnicodeStrings)");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.get_special_table.has_version", 0), "True");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.get_special_table.version", 0), "7");
}

/* 2.2.5.9.1 GetTemplateInfo: Flags, DisplayType, HasTemplateDn, TemplateDn, CodePage, LocaleId, aux */
static void test_get_template_info(void)
{
    bld t = { .n = 0 };
    b_u32(&t, 0x00000011); /* TI_TEMPLATE | TI_EMT */
    b_u32(&t, 0x00000000); /* DT_MAILUSER */
    b_u8(&t, 0xFF);
    b_asciiz(&t, "/o=Org/cn=Templates/cn=0409");
    b_u32(&t, 1252);
    b_u32(&t, 0x409);
    b_u32(&t, 0);
    CHECK_EQ(decode_body(0, MH_RT_GET_TEMPLATE_INFO, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.get_template_info.flags", 0), "0x00000011 (TI_TEMPLATE, TI_EMT)");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.get_template_info.display_type", 0), "DT_MAILUSER (0x00000000)");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.get_template_info.template_dn", 0), "/o=Org/cn=Templates/cn=0409");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.code_page", 0), "1252");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.get_template_info.locale_id", 0), "0x00000409");
    PROBLEMS_NONE();
}

/* 2.2.5.10.1 ModLinkAtt: Flags, PropertyTag, MinimalId, HasEntryIds, EntryIdCount, EntryIds, aux.
 * Each entry ID is cb + an EphemeralEntryID ([MS-OXNSPI] 2.2.9.2) or PermanentEntryID (2.2.9.3). */
static void test_mod_link_att(void)
{
    static const uint8_t server_guid[16] = { 0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7,
                                             0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF };
    /* GUID_NSPI {C840A7DC-42C0-1A10-B4B9-08002B2FE182} ([MS-OXNSPI] 2.2.1.7) in wire order */
    static const uint8_t nspi_guid[16] = { 0xDC, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A,
                                           0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1, 0x82 };
    const char *dn = "/o=Org/cn=Recipients/cn=dl";
    bld t = { .n = 0 };
    b_u32(&t, 0x00000001); /* fDelete */
    b_u32(&t, 0x8009000D); /* PidTagAddressBookMember */
    b_u32(&t, 0x00000030);
    b_u8(&t, 0xFF);
    b_u32(&t, 2);
    b_u32(&t, 32); /* cb of an EphemeralEntryID */
    b_u8(&t, 0x87);
    b_u8(&t, 0);
    b_u8(&t, 0);
    b_u8(&t, 0);
    b_raw(&t, server_guid, 16);
    b_u32(&t, 1);          /* R4 */
    b_u32(&t, 0);          /* DT_MAILUSER */
    b_u32(&t, 0x00000031); /* MId */
    b_u32(&t, (uint32_t)(28 + strlen(dn) + 1));
    b_u8(&t, 0x00);
    b_u8(&t, 0);
    b_u8(&t, 0);
    b_u8(&t, 0);
    b_raw(&t, nspi_guid, 16);
    b_u32(&t, 1);
    b_u32(&t, 1); /* DT_DISTLIST */
    b_asciiz(&t, dn);
    b_u32(&t, 0);
    CHECK_EQ(decode_body(0, MH_RT_MOD_LINK_ATT, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.mod_link_att.flags", 0), "0x00000001 (fDelete)");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.mod_link_att.property_tag", 0), "PidTagAddressBookMember (0x8009000D)");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.minimal_id", 0), "0x00000030");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.mod_link_att.entry_id_count", 0), "2");
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.ephemeral_entry_id"), 1);
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.permanent_entry_id"), 1);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.entry_id.id_type", 0), "EphemeralEntryID (0x87)");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.entry_id.mid", 0), "0x00000031");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.entry_id.provider_uid", 1), "{C840A7DC-42C0-1A10-B4B9-08002B2FE182}");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.entry_id.display_type_string", 0), "DT_DISTLIST (0x00000001)");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.entry_id.distinguished_name", 0), dn);
    PROBLEMS_NONE();
}

/* 2.2.5.11.1 ModProps: Reserved, HasState, State, HasPropertyTagsToRemove, PropertyTagsToRemove,
 * HasPropertyValues, PropertyValues (2.2.1.3), aux */
static void test_mod_props(void)
{
    bld t = { .n = 0 };
    b_u32(&t, 0);
    b_u8(&t, 0x00); /* no State */
    b_u8(&t, 0xFF);
    b_u32(&t, 1);
    b_u32(&t, 0x3A08001F);
    b_u8(&t, 0xFF);
    b_u32(&t, 1);          /* PropertyValueCount */
    b_u16(&t, 0x001F);     /* PropertyType: PtypString */
    b_u16(&t, 0x3A08);     /* PropertyId */
    b_u8(&t, 0xFF);        /* HasValue */
    b_utf16z(&t, "555-0100");
    b_u32(&t, 0);
    CHECK_EQ(decode_body(0, MH_RT_MOD_PROPS, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.mod_props.has_property_tags_to_remove", 0), "True");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.property_tag", 0), "PidTagBusinessTelephoneNumber (0x3A08001F)");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.value_list.count", 0), "1");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.tagged_value", 0), "PidTagBusinessTelephoneNumber (0x3A08001F)");
    CHECK_STR(rec_value(&rec, "mapihttp.property_type", 0), "PtypString (0x001F)");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.value.property_id", 0), "0x3A08");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.value.has_value", 0), "TRUE (0xFF)");
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "555-0100");
    PROBLEMS_NONE();
}

/* 2.2.5.13.1 QueryColumns: Reserved, MapiFlags, aux */
static void test_query_columns(void)
{
    bld t = { .n = 0 };
    b_u32(&t, 0);
    b_u32(&t, 0x80000000); /* NspiUnicodeProptypes */
    b_u32(&t, 0);
    CHECK_EQ(decode_body(0, MH_RT_QUERY_COLUMNS, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.query_columns.mapi_flags", 0), "0x80000000 (NspiUnicodeProptypes)");
}

/* 2.2.5.12.1 QueryRows: Flags, HasState, State, ExplicitTableCount, ExplicitTable, RowCount,
 * HasColumns, Columns, aux */
static void test_query_rows(void)
{
    bld t = { .n = 0 };
    b_u32(&t, 0x00000002); /* fEphID */
    b_u8(&t, 0xFF);
    b_stat_default(&t);
    b_u32(&t, 2);
    b_u32(&t, 0x10);
    b_u32(&t, 0x11);
    b_u32(&t, 10);
    b_u8(&t, 0xFF);
    b_u32(&t, 1);
    b_u32(&t, 0x3001001F);
    b_u32(&t, 0);
    CHECK_EQ(decode_body(0, MH_RT_QUERY_ROWS, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.query_rows.flags", 0), "0x00000002 (fEphID)");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.explicit_table_count", 0), "2");
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.minimal_id"), 2);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.minimal_id", 1), "0x00000011");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.row_count", 0), "10");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.has_columns", 0), "True");
    PROBLEMS_NONE();
}

/* 2.2.5.14.1 ResolveNames: Reserved, HasState, State, HasPropertyTags, PropertyTags, HasNames,
 * NameCount, NameValues (null-terminated UTF-16), aux */
static void test_resolve_names(void)
{
    bld t = { .n = 0 };
    b_u32(&t, 0);
    b_u8(&t, 0xFF);
    b_stat(&t, 0, 0, 0, 0, 0, 0, 0x4B0, 0x409, 0x409);
    b_u8(&t, 0xFF);
    b_u32(&t, 1);
    b_u32(&t, 0x3001001F);
    b_u8(&t, 0xFF);
    b_u32(&t, 2);
    b_utf16z(&t, "alice");
    b_utf16z(&t, "bob");
    b_u32(&t, 0);
    CHECK_EQ(decode_body(0, MH_RT_RESOLVE_NAMES, &t, 1), 0);
    CHECK_STR(rec_note("mapihttp.nspi.stat.code_page", 0), "CP_WINUNICODE");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.resolve_names.name_count", 0), "2");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.resolve_names.name_value", 0), "alice");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.resolve_names.name_value", 1), "bob");
    PROBLEMS_NONE();
}

/* 2.2.5.15.1 ResortRestriction: Reserved, HasState, State, HasMinimalIds, MinimalIdCount, MinimalIds, aux */
static void test_resort_restriction(void)
{
    bld t = { .n = 0 };
    b_u32(&t, 0);
    b_u8(&t, 0xFF);
    b_stat_default(&t);
    b_u8(&t, 0xFF);
    b_u32(&t, 3);
    b_u32(&t, 0x30);
    b_u32(&t, 0x10);
    b_u32(&t, 0x20);
    b_u32(&t, 0);
    CHECK_EQ(decode_body(0, MH_RT_RESORT_RESTRICTION, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.minimal_id_count", 0), "3");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.minimal_id", 2), "0x00000020");
    PROBLEMS_NONE();
}

/* 2.2.5.16.1 SeekEntries: Reserved, HasState, State, HasTarget, Target (2.2.1.2), HasExplicitTable,
 * ExplicitTableCount, ExplicitTable, HasColumns, Columns, aux */
static void test_seek_entries(void)
{
    bld t = { .n = 0 };
    b_u32(&t, 0);
    b_u8(&t, 0xFF);
    b_stat_default(&t);
    b_u8(&t, 0xFF);    /* HasTarget */
    b_u16(&t, 0x001F); /* PropertyType */
    b_u16(&t, 0x3001); /* PropertyId */
    b_u8(&t, 0xFF);    /* HasValue */
    b_utf16z(&t, "M");
    b_u8(&t, 0xFF); /* HasExplicitTable */
    b_u32(&t, 1);
    b_u32(&t, 0x44);
    b_u8(&t, 0xFF);
    b_u32(&t, 1);
    b_u32(&t, 0x3001001F);
    b_u32(&t, 0);
    CHECK_EQ(decode_body(0, MH_RT_SEEK_ENTRIES, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.seek_entries.has_target", 0), "True");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.tagged_value", 0), "PidTagDisplayName (0x3001001F)");
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "M");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.explicit_table_count", 0), "1");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.minimal_id", 0), "0x00000044");
    PROBLEMS_NONE();
}

/* 2.2.5.17.1 UpdateStat: Reserved, HasState, State, DeltaRequested, aux */
static void test_update_stat(void)
{
    bld t = { .n = 0 };
    b_u32(&t, 0);
    b_u8(&t, 0xFF);
    b_stat(&t, 0, 0, 1, 0, 5, 100, 1252, 0x409, 0x409); /* CurrentRec MID_CURRENT: fractional position */
    b_u8(&t, 0x01);
    b_u32(&t, 0);
    CHECK_EQ(decode_body(0, MH_RT_UPDATE_STAT, &t, 1), 0);
    CHECK_STR(rec_note("mapihttp.nspi.stat.current_rec", 0), "MID_CURRENT");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.stat.num_pos", 0), "5");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.stat.total_recs", 0), "100");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.update_stat.delta_requested", 0), "True");
}

/* 2.2.5.18.1 GetMailboxUrl: Flags, ServerDn, aux; 2.2.5.19.1 GetAddressBookUrl: Flags, UserDn, aux */
static void test_urls(void)
{
    bld t = { .n = 0 };
    b_u32(&t, 0);
    b_utf16z(&t, "/o=Org/ou=Site/cn=Configuration/cn=Servers/cn=MBX01");
    b_u32(&t, 0);
    CHECK_EQ(decode_body(0, MH_RT_GET_MAILBOX_URL, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.get_mailbox_url.server_dn", 0),
              "/o=Org/ou=Site/cn=Configuration/cn=Servers/cn=MBX01");
    bld u = { .n = 0 };
    b_u32(&u, 0);
    b_utf16z(&u, "/o=Org/ou=Site/cn=Recipients/cn=alice");
    b_u32(&u, 0);
    CHECK_EQ(decode_body(0, MH_RT_GET_ADDRESS_BOOK_URL, &u, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.get_address_book_url.user_dn", 0), "/o=Org/ou=Site/cn=Recipients/cn=alice");
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.get_address_book_url.flags", 0), "0x00000000");
}

/* An auxiliary buffer ([MS-OXCRPC] 2.2.2.1 RPC_HEADER_EXT + 2.2.2.2 AUX_HEADER + AUX_PERF_REQUESTID). */
static void test_aux_buffer(void)
{
    bld t = { .n = 0 };
    b_u32(&t, 0);
    b_u32(&t, 16);     /* AuxiliaryBufferSize */
    b_u16(&t, 0x0000); /* RPC_HEADER_EXT Version */
    b_u16(&t, 0x0004); /* Flags: Last */
    b_u16(&t, 8);      /* Size */
    b_u16(&t, 8);      /* SizeActual */
    b_u16(&t, 8);      /* AUX_HEADER Size */
    b_u8(&t, 0x01);    /* Version */
    b_u8(&t, 0x01);    /* Type: AUX_TYPE_PERF_REQUESTID */
    b_u16(&t, 3);      /* SessionID */
    b_u16(&t, 9);      /* RequestID */
    CHECK_EQ(decode_body(0, MH_RT_UNBIND, &t, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.auxiliary_buffer_size", 0), "16");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.type", 0), "AUX_TYPE_PERF_REQUESTID (0x01)");
    CHECK_STR(rec_value(&rec, "mapihttp.aux.session_id", 0), "3");
    PROBLEMS_NONE();
}

/* Truncated bodies: the fields that were whole are shown, then "truncated" with the leftover bytes. */
static void test_truncated(void)
{
    /* Bind cut inside the STAT after SortType, ContainerID and 2 bytes of CurrentRec */
    bld t = { .n = 0 };
    b_u32(&t, 0);
    b_u8(&t, 0xFF);
    b_u32(&t, 0);
    b_u32(&t, 0);
    b_u16(&t, 0);
    CHECK_EQ(decode_body(0, MH_RT_BIND, &t, 0), 1);
    CHECK_EQ(rec.problems[MH_PROB_TRUNCATED], 1);
    CHECK_STR(rec_value(&rec, "mapihttp.nspi.stat.sort_type", 0), "SortTypeDisplayName (0x00000000)");
    CHECK(rec_find(&rec, "mapihttp.nspi.stat.container_id", 0) != NULL);
    CHECK(rec_find(&rec, "mapihttp.nspi.stat.current_rec", 0) == NULL);
    const char *p = rec_problem(&rec, MH_PROB_TRUNCATED);
    CHECK(p && strstr(p, "CurrentRec") != NULL);
    const rec_event *pe = rec_find(&rec, "mapihttp.problem", 0);
    CHECK(pe && pe->off == 13 && pe->len == 2);

    /* the same bytes in a body known to be complete: a declared structure ran past it */
    CHECK_EQ(decode_body(0, MH_RT_BIND, &t, 1), 1);
    CHECK_EQ(rec.problems[MH_PROB_MALFORMED], 1);

    /* GetMatches cut inside the Filter's TaggedValue string */
    bld g = { .n = 0 };
    b_u32(&g, 0);
    b_u8(&g, 0);
    b_u8(&g, 0);
    b_u32(&g, 0);
    b_u8(&g, 0xFF);
    b_u8(&g, 0x04);        /* PropertyRestriction */
    b_u8(&g, 0x04);        /* RELOP_EQ */
    b_u32(&g, 0x3001001F);
    b_u32(&g, 0x3001001F);
    b_u16(&g, 'A');        /* no terminator */
    CHECK_EQ(decode_body(0, MH_RT_GET_MATCHES, &g, 0), 1);
    CHECK_EQ(rec.problems[MH_PROB_TRUNCATED], 1);
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.relop", 0), "RELOP_EQ (0x04)");
    CHECK(rec_find(&rec, "mapihttp.value.string", 0) == NULL);
    CHECK(rec_find(&rec, "mapihttp.nspi.row_count", 0) == NULL);

    /* QueryRows cut inside the ExplicitTable; the count promised 3 MIds */
    bld q = { .n = 0 };
    b_u32(&q, 0);
    b_u8(&q, 0);
    b_u32(&q, 3);
    b_u32(&q, 0x10);
    b_u16(&q, 0x11);
    CHECK_EQ(decode_body(0, MH_RT_QUERY_ROWS, &q, 0), 1);
    CHECK_EQ(rec.problems[MH_PROB_TRUNCATED], 1);
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.minimal_id"), 1);

    /* an empty request body */
    bld e = { .n = 0 };
    CHECK_EQ(decode_body(0, MH_RT_UNBIND, &e, 0), 1);
    CHECK_EQ(rec.problems[MH_PROB_TRUNCATED], 1);
}

/* A request whose ExplicitTableCount is over the spec's limit of 100,000 (2.2.5.12.1). */
static void test_limits(void)
{
    bld t = { .n = 0 };
    b_u32(&t, 0);
    b_u8(&t, 0);
    b_u32(&t, 100001);
    CHECK_EQ(decode_body(0, MH_RT_QUERY_ROWS, &t, 0), 1);
    CHECK_EQ(rec.problems[MH_PROB_MALFORMED], 1);
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.explicit_table"), 0);

    /* bytes after the AuxiliaryBuffer */
    bld u = { .n = 0 };
    b_u32(&u, 0);
    b_u32(&u, 0);
    b_u8(&u, 0xAB);
    CHECK_EQ(decode_body(0, MH_RT_UNBIND, &u, 1), 1);
    const char *p = rec_problem(&rec, MH_PROB_MALFORMED);
    CHECK(p && strstr(p, "left over") != NULL);
}

int main(void)
{
    RUN(test_bind);
    RUN(test_unbind);
    RUN(test_compare_mids);
    RUN(test_dntomid);
    RUN(test_get_matches);
    RUN(test_get_prop_list);
    RUN(test_get_props);
    RUN(test_get_special_table);
    RUN(test_get_template_info);
    RUN(test_mod_link_att);
    RUN(test_mod_props);
    RUN(test_query_columns);
    RUN(test_query_rows);
    RUN(test_resolve_names);
    RUN(test_resort_restriction);
    RUN(test_seek_entries);
    RUN(test_update_stat);
    RUN(test_urls);
    RUN(test_aux_buffer);
    RUN(test_truncated);
    RUN(test_limits);
    return check_report();
}
