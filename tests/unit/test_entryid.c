/*
 * EntryIDs in binary property values, [MS-OXCDATA]: 2.2.4.1 Folder EntryID (46 bytes), 2.2.4.2 Message
 * EntryID (70 bytes) with the object types of 2.2.4, 2.2.5.1 One-Off EntryID (ProviderUID
 * %x81.2B.1F.A4.BE.A3.10.19.9D.6E.00.DD.01.0F.54.02, Version 0, flags word with U = 0x8000 for UTF-16 as
 * MAPI_ONE_OFF_UNICODE), 2.2.5.2 Address Book EntryID (ProviderUID %xDC.A7.40.C8.C0.42.10.1A.B4.B9.08.00.
 * 2B.2F.E1.82, Version 1, Type, X500DN). Bytes that do not parse exactly as the kind they announce stay
 * bytes: every negative case below changes one thing the spec fixes.
 */
#include "builder.h"
#include "check.h"
#include "core/dec.h"
#include "mapi/entryid.h"
#include "mapi/propvalue.h"
#include "record_sink.h"

static rec_sink rec;
static mh_arena arena;
static int problems;

static mh_dec over(const bld *b)
{
    mh_arena_reset(&arena);
    mh_dec d;
    rec_dec_init(&rec, &d, &arena, &problems, b->b, b->n, 1);
    return d;
}

static mh_entryid_kind classify(const bld *b)
{
    mh_cursor c;
    mh_cur_init(&c, b->b, b->n);
    return mh_entryid_classify(&c);
}

static const uint8_t ab_uid[16] = { 0xDC, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A,
                                    0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1, 0x82 };
static const uint8_t one_off_uid[16] = { 0x81, 0x2B, 0x1F, 0xA4, 0xBE, 0xA3, 0x10, 0x19,
                                         0x9D, 0x6E, 0x00, 0xDD, 0x01, 0x0F, 0x54, 0x02 };
static const uint8_t public_store_uid[16] = { 0x1A, 0x44, 0x73, 0x90, 0xAA, 0x66, 0x11, 0xCD,
                                              0x9B, 0xC8, 0x00, 0xAA, 0x00, 0x2F, 0xC4, 0x5A };
static const uint8_t mailbox_guid[16] = { 0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x33, 0x33,
                                          0x44, 0x44, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55 };
static const uint8_t db_guid[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };

static void globcnt(bld *b, uint64_t v) /* 6 bytes, most significant first */
{
    for (int i = 5; i >= 0; i--)
        b_u8(b, (uint8_t)(v >> (8 * i)));
}

static void folder(bld *b, const uint8_t uid[16], uint16_t type, uint64_t counter)
{
    b_u32(b, 0);
    b_raw(b, uid, 16);
    b_u16(b, type);
    b_raw(b, db_guid, 16);
    globcnt(b, counter);
    b_u16(b, 0);
}

static void message(bld *b, uint16_t type)
{
    b_u32(b, 0);
    b_raw(b, mailbox_guid, 16);
    b_u16(b, type);
    b_raw(b, db_guid, 16);
    globcnt(b, 0xA5);
    b_u16(b, 0);
    b_raw(b, db_guid, 16);
    globcnt(b, 0x0102030405);
    b_u16(b, 0);
}

static void address_book(bld *b, uint32_t version, uint32_t type, const char *dn)
{
    b_u32(b, 0);
    b_raw(b, ab_uid, 16);
    b_u32(b, version);
    b_u32(b, type);
    b_asciiz(b, dn);
}

static void one_off(bld *b, uint16_t word, const char *name, const char *type, const char *email)
{
    b_u32(b, 0);
    b_raw(b, one_off_uid, 16);
    b_u16(b, 0);
    b_u16(b, word);
    if (word & 0x8000) {
        b_utf16z(b, name);
        b_utf16z(b, type);
        b_utf16z(b, email);
    } else {
        b_asciiz(b, name);
        b_asciiz(b, type);
        b_asciiz(b, email);
    }
}

static void test_folder(void)
{
    bld b = { { 0 }, 0 };
    folder(&b, public_store_uid, 0x0003, 0x00000E8EDF36);
    CHECK_EQ(b.n, 46);
    CHECK_EQ(classify(&b), MH_EID_FOLDER);
    mh_dec d = over(&b);
    CHECK_EQ(mh_decode_entryid(&d), MH_EID_FOLDER);
    CHECK_EQ(mh_cur_left(&d.c), 0);
    const rec_event *e = rec_find(&rec, "mapihttp.entryid", 0);
    CHECK(e && strcmp(e->note, "Folder EntryID") == 0);
    CHECK_STR(rec_value(&rec, "mapihttp.entryid.flags", 0), "0x00000000");
    e = rec_find(&rec, "mapihttp.entryid.provider_uid", 0);
    CHECK(e && strcmp(e->value, "{9073441A-66AA-CD11-9BC8-00AA002FC45A}") == 0 &&
          strcmp(e->note, "public folders store") == 0);
    CHECK_STR(rec_value(&rec, "mapihttp.entryid.folder_type", 0), "PublicFolder (0x0003)");
    CHECK_STR(rec_value(&rec, "mapihttp.entryid.database_guid", 0), "{04030201-0605-0807-090A-0B0C0D0E0F10}");
    CHECK_STR(rec_value(&rec, "mapihttp.entryid.global_counter", 0), "00000E8EDF36");
    e = rec_find(&rec, "mapihttp.entryid.pad", 0);
    CHECK(e && e->off == 44 && e->len == 2);
    CHECK_EQ(problems, 0);
}

static void test_message(void)
{
    bld b = { { 0 }, 0 };
    message(&b, 0x0007);
    CHECK_EQ(b.n, 70);
    mh_dec d = over(&b);
    CHECK_EQ(mh_decode_entryid(&d), MH_EID_MESSAGE);
    CHECK_STR(rec_value(&rec, "mapihttp.entryid.message_type", 0), "PrivateMessage (0x0007)");
    CHECK_STR(rec_value(&rec, "mapihttp.entryid.folder_global_counter", 0), "0000000000A5");
    CHECK_STR(rec_value(&rec, "mapihttp.entryid.message_global_counter", 0), "000102030405");
    const rec_event *e = rec_find(&rec, "mapihttp.entryid.provider_uid", 0);
    CHECK(e && strcmp(e->note, "mailbox (its MailboxGuid)") == 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.entryid.pad"), 2);
}

static void test_address_book(void)
{
    bld b = { { 0 }, 0 };
    address_book(&b, 1, 0x00000001, "/o=Contoso/cn=Recipients/cn=team");
    mh_dec d = over(&b);
    CHECK_EQ(mh_decode_entryid(&d), MH_EID_ADDRESS_BOOK);
    const rec_event *e = rec_find(&rec, "mapihttp.entryid", 0);
    CHECK(e && strcmp(e->note, "Address Book EntryID") == 0);
    CHECK_STR(rec_value(&rec, "mapihttp.entryid.address_book.version", 0), "0x00000001");
    CHECK_STR(rec_value(&rec, "mapihttp.entryid.address_book.type", 0), "Distribution list (0x00000001)");
    e = rec_find(&rec, "mapihttp.entryid.address_book.x500dn", 0);
    CHECK(e && strcmp(e->value, "/o=Contoso/cn=Recipients/cn=team") == 0 && e->off == 28 && e->len == 33);
}

static void test_one_off(void)
{
    /* 0x8001: U (MAPI_ONE_OFF_UNICODE) and M (MAPI_ONE_OFF_NO_RICH_INFO) */
    bld b = { { 0 }, 0 };
    one_off(&b, 0x8001, "Bob", "SMTP", "bob@example.com");
    mh_dec d = over(&b);
    CHECK_EQ(mh_decode_entryid(&d), MH_EID_ONE_OFF);
    CHECK_STR(rec_value(&rec, "mapihttp.entryid.one_off.u", 0), "Unicode strings (1)");
    CHECK_STR(rec_value(&rec, "mapihttp.entryid.one_off.m", 0), "1");
    CHECK_STR(rec_value(&rec, "mapihttp.entryid.one_off.display_name", 0), "Bob");
    CHECK_STR(rec_value(&rec, "mapihttp.entryid.one_off.address_type", 0), "SMTP");
    CHECK_STR(rec_value(&rec, "mapihttp.entryid.one_off.email_address", 0), "bob@example.com");
    /* 8-bit strings; Format TextOnly is word value 0x0006 and MAE UUENCODE 0x0020 (2.2.5.1 tables) */
    b.n = 0;
    one_off(&b, 0x0026, "Ann", "SMTP", "ann@example.com");
    d = over(&b);
    CHECK_EQ(mh_decode_entryid(&d), MH_EID_ONE_OFF);
    CHECK_STR(rec_value(&rec, "mapihttp.entryid.one_off.u", 0), "8-bit strings (0)");
    CHECK_STR(rec_value(&rec, "mapihttp.entryid.one_off.format", 0), "TextOnly (3)");
    CHECK_STR(rec_value(&rec, "mapihttp.entryid.one_off.mae", 0), "UUENCODE (1)");
    CHECK_STR(rec_value(&rec, "mapihttp.entryid.one_off.email_address", 0), "ann@example.com");
}

static void test_not_entryids(void)
{
    bld b = { { 0 }, 0 };
    /* nonzero Flags: a short-term EntryID, never stored in a property value */
    folder(&b, mailbox_guid, 0x0001, 1);
    b.b[0] = 0x80;
    CHECK_EQ(classify(&b), MH_EID_NONE);
    /* a folder type one byte short, or one byte long */
    b.n = 0;
    folder(&b, mailbox_guid, 0x0001, 1);
    b.n = 45;
    CHECK_EQ(classify(&b), MH_EID_NONE);
    b.n = 46;
    b_u8(&b, 0);
    CHECK_EQ(classify(&b), MH_EID_NONE);
    /* a message type in a folder-sized EntryID, a folder type in a message-sized one */
    b.n = 0;
    folder(&b, mailbox_guid, 0x0007, 1);
    CHECK_EQ(classify(&b), MH_EID_NONE);
    b.n = 0;
    message(&b, 0x0001);
    CHECK_EQ(classify(&b), MH_EID_NONE);
    /* an unknown object type */
    b.n = 0;
    folder(&b, mailbox_guid, 0x0002, 1);
    CHECK_EQ(classify(&b), MH_EID_NONE);
    /* Pad not zero */
    b.n = 0;
    folder(&b, mailbox_guid, 0x0001, 1);
    b.b[45] = 1;
    CHECK_EQ(classify(&b), MH_EID_NONE);
    b.n = 0;
    message(&b, 0x0009);
    b.b[68] = 1;
    CHECK_EQ(classify(&b), MH_EID_NONE);
    /* address book: Version 2, an unlisted Type, the DN not terminated, a byte after its terminator */
    b.n = 0;
    address_book(&b, 2, 0, "/o=x");
    CHECK_EQ(classify(&b), MH_EID_NONE);
    b.n = 0;
    address_book(&b, 1, 7, "/o=x");
    CHECK_EQ(classify(&b), MH_EID_NONE);
    b.n = 0;
    address_book(&b, 1, 0, "/o=x");
    b.n--;
    CHECK_EQ(classify(&b), MH_EID_NONE);
    b.n = 0;
    address_book(&b, 1, 0, "/o=x");
    b_u8(&b, 0);
    CHECK_EQ(classify(&b), MH_EID_NONE);
    /* one-off: a missing EmailAddress, Unicode announced over 8-bit strings, Version not 0 */
    b.n = 0;
    one_off(&b, 0x0000, "A", "SMTP", "");
    b.n--;
    CHECK_EQ(classify(&b), MH_EID_NONE);
    b.n = 0;
    one_off(&b, 0x0000, "A", "SMTP", "a@b");
    b.b[23] = 0x80; /* U set: the 8-bit strings do not parse as UTF-16 that fills the value */
    CHECK_EQ(classify(&b), MH_EID_NONE);
    b.n = 0;
    one_off(&b, 0x8000, "A", "SMTP", "a@b");
    b.b[20] = 1;
    CHECK_EQ(classify(&b), MH_EID_NONE);
    /* too short for Flags and a ProviderUID */
    b.n = 19;
    CHECK_EQ(classify(&b), MH_EID_NONE);
    /* nothing is emitted for what is not an EntryID */
    b.n = 0;
    folder(&b, mailbox_guid, 0x0001, 1);
    b.n = 45;
    mh_dec d = over(&b);
    CHECK_EQ(mh_decode_entryid(&d), MH_EID_NONE);
    CHECK_EQ(rec.n, 0);
    CHECK_EQ(mh_cur_pos(&d.c), 0);
}

static void test_entryid_properties(void)
{
    CHECK(mh_is_entryid_property(0x0FFF0102));  /* PidTagEntryId */
    CHECK(mh_is_entryid_property(0x00410102));  /* PidTagSentRepresentingEntryId */
    CHECK(mh_is_entryid_property(0x36D81102));  /* PidTagAdditionalRenEntryIds, PtypMultipleBinary */
    CHECK(mh_is_entryid_property(0x68540102));  /* PidTagWlinkAddressBookEID, from the list */
    CHECK(!mh_is_entryid_property(0x0FFF0003)); /* not a binary */
    CHECK(!mh_is_entryid_property(0x36D90102)); /* PidTagAdditionalRenEntryIdsEx is a PersistData block */
    CHECK(!mh_is_entryid_property(0x65E20102)); /* PidTagChangeKey */
    CHECK(!mh_is_entryid_property(0x80010102)); /* a named property: no canonical name */
}

/* A PtypBinary value in a ROP buffer: 16-bit count, then the bytes ([MS-OXCDATA] 2.11.1.1). */
static void test_binary_values(void)
{
    bld b = { { 0 }, 0 };
    b_u16(&b, 46);
    folder(&b, mailbox_guid, 0x0001, 0xA1);
    mh_dec d = over(&b);
    CHECK_EQ(mh_decode_property_value_of(&d, 0x0E090102), 1); /* PidTagParentEntryId */
    CHECK_EQ(rec_count(&rec, "mapihttp.value.binary"), 1);
    const rec_event *e = rec_find(&rec, "mapihttp.entryid", 0);
    CHECK(e && e->off == 2);
    CHECK_STR(rec_value(&rec, "mapihttp.entryid.global_counter", 0), "0000000000A1");
    CHECK_EQ(mh_cur_pos(&d.c), 48);
    /* the same bytes in a property that is not an EntryID stay bytes */
    d = over(&b);
    CHECK_EQ(mh_decode_property_value_of(&d, 0x65E20102), 1);
    CHECK(rec_find(&rec, "mapihttp.entryid", 0) == NULL);
    CHECK_EQ(mh_cur_pos(&d.c), 48);
    /* and so do they when only the type is known */
    d = over(&b);
    CHECK_EQ(mh_decode_property_value(&d, 0x0102), 1);
    CHECK(rec_find(&rec, "mapihttp.entryid", 0) == NULL);
}

int main(void)
{
    mh_arena_init(&arena, 0);
    RUN(test_folder);
    RUN(test_message);
    RUN(test_address_book);
    RUN(test_one_off);
    RUN(test_not_entryids);
    RUN(test_entryid_properties);
    RUN(test_binary_values);
    mh_arena_free(&arena);
    return check_report();
}
