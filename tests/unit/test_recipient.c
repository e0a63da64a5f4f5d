/*
 * Recipients: the RecipientRow structure ([MS-OXCDATA] 2.8.3.1 RecipientFlags, 2.8.3.2 RecipientRow) decoded
 * on its own, and the context the message ROPs keep ([MS-OXCROPS] 2.2.6): RopOpenMessage's RecipientColumns
 * decode a later RopReadRecipients in another Execute; a failed RopOpenMessage commits nothing; RopRelease
 * drops them; the MessageId of RopSaveChangesMessage / RopOpenEmbeddedMessage completes the message object;
 * RopSetMessageReadFlag's ClientData depends on the logon's LogonFlags ([MS-OXCROPS] 2.2.6.11.1). Every input
 * is encoded from the layout of the section named beside it.
 */
#include "builder.h"
#include "check.h"
#include "mapi/recipient.h"
#include "mapihttp.h"
#include "record_sink.h"

static rec_sink rec;

/* ---- RecipientRow on its own ---- */

/* Decodes `b` as one RecipientRow (as a ROP would, over exactly RecipientRowSize bytes); returns what
 * mh_decode_recipient_row returned and the problem count through *problems. */
static int decode_row(const bld *b, const mh_recipient_columns *cols, int *problems)
{
    mh_arena arena;
    mh_arena_init(&arena, 0);
    mh_dec d;
    rec_dec_init(&rec, &d, &arena, problems, b->b, b->n, 1);
    int ok = mh_decode_recipient_row(&d, cols);
    rec.base.ops->message_end(&rec.base);
    mh_arena_free(&arena);
    CHECK_EQ(rec.depth, 0);
    return ok;
}

/* PidTagSmtpAddress, PidTagRecipientTrackStatus, PidTagRecipientOrder */
static const uint32_t cols3[3] = { 0x39FE001F, 0x5FFF0003, 0x5FDF0003 };

static void test_x500_unicode_row(void)
{
    /* RecipientFlags 0x0651: Type X500DN (0x1), D 0x10, S 0x40, U 0x200, I 0x400 */
    bld b = { { 0 }, 0 };
    b_u16(&b, 0x0651);
    b_u8(&b, 0x2A);           /* AddressPrefixUsed */
    b_u8(&b, 0x01);           /* DisplayType: a distribution list */
    b_asciiz(&b, "cn=team");  /* X500DN: 8-bit even with U set */
    b_utf16z(&b, "Team");     /* DisplayName */
    b_utf16z(&b, "team");     /* SimpleDisplayName */
    b_u16(&b, 2);             /* RecipientColumnCount: the first 2 of 3 columns */
    b_u8(&b, 0x00);           /* StandardPropertyRow ([MS-OXCDATA] 2.8.1.1) */
    b_utf16z(&b, "team@contoso.com");
    b_u32(&b, 7);
    mh_recipient_columns cols = { cols3, 3, 1, NULL };
    int problems;
    CHECK_EQ(decode_row(&b, &cols, &problems), 1);
    CHECK_EQ(problems, 0);
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.recipient_flags", 0), "0x0651");
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.recipient_flags.type", 0), "X500DN (0x01)");
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.recipient_flags.d", 0), "True");
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.recipient_flags.s", 0), "True");
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.recipient_flags.e", 0), "False");
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.recipient_flags.i", 0), "True");
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.recipient_flags.u", 0), "True");
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.recipient_flags.reserved", 0), "0x00");
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.address_prefix_used", 0), "42 (0x2A)");
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.display_type", 0), "DT_DISTLIST (0x01)");
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.x500dn", 0), "cn=team");
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.display_name", 0), "Team");
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.simple_display_name", 0), "team");
    CHECK(rec_find(&rec, "mapihttp.recipient_row.email_address", 0) == NULL);
    CHECK(rec_find(&rec, "mapihttp.recipient_row.transmittable_display_name", 0) == NULL);
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.recipient_column_count", 0), "2");
    CHECK_EQ(rec_count(&rec, "mapihttp.property_value"), 2);
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "team@contoso.com");
    CHECK_STR(rec_value(&rec, "mapihttp.value.int32", 0), "7");
}

static void test_8bit_strings_and_address_types(void)
{
    /* SMTP (0x3) with E 0x08, D 0x10, T 0x20, I 0x400 and U clear: every string is 8-bit */
    bld b = { { 0 }, 0 };
    b_u16(&b, 0x0003 | 0x0008 | 0x0010 | 0x0020 | 0x0400);
    b_asciiz(&b, "bob@contoso.com");
    b_asciiz(&b, "Bob");
    b_asciiz(&b, "bob");
    b_asciiz(&b, "Bob B.");
    b_u16(&b, 0);
    b_u8(&b, 0x00);
    mh_recipient_columns cols = { cols3, 3, 1, NULL };
    int problems;
    CHECK_EQ(decode_row(&b, &cols, &problems), 1);
    CHECK_EQ(problems, 0);
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.recipient_flags.type", 0), "SMTP (0x03)");
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.email_address", 0), "bob@contoso.com");
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.display_name", 0), "Bob");
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.simple_display_name", 0), "bob");
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.transmittable_display_name", 0), "Bob B.");
    CHECK(rec_find(&rec, "mapihttp.recipient_row.x500dn", 0) == NULL);

    /* NoType with O 0x8000: a non-standard AddressType string follows the flags */
    bld o = { { 0 }, 0 };
    b_u16(&o, 0x8000 | 0x0008);
    b_asciiz(&o, "X-FOO");
    b_asciiz(&o, "foo:bar");
    b_u16(&o, 0);
    b_u8(&o, 0x00);
    CHECK_EQ(decode_row(&o, &cols, &problems), 1);
    CHECK_EQ(problems, 0);
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.recipient_flags.o", 0), "True");
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.address_type", 0), "X-FOO");
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.email_address", 0), "foo:bar");

    /* PersonalDistributionList1 (0x6): EntryIdSize, EntryID, SearchKeySize, SearchKey */
    bld p = { { 0 }, 0 };
    b_u16(&p, 0x0006);
    b_u16(&p, 3);
    b_u8(&p, 0xE1); b_u8(&p, 0xE2); b_u8(&p, 0xE3);
    b_u16(&p, 2);
    b_u8(&p, 0x5A); b_u8(&p, 0x5B);
    b_u16(&p, 0);
    b_u8(&p, 0x00);
    CHECK_EQ(decode_row(&p, &cols, &problems), 1);
    CHECK_EQ(problems, 0);
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.recipient_flags.type", 0), "PersonalDistributionList1 (0x06)");
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.entry_id_size", 0), "3");
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.entry_id", 0), "e1e2e3");
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.search_key_size", 0), "2");
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.search_key", 0), "5a5b");

    /* MsMail (0x2): no fields of its own, and O means nothing without NoType */
    bld m = { { 0 }, 0 };
    b_u16(&m, 0x8002);
    b_u16(&m, 0);
    b_u8(&m, 0x00);
    CHECK_EQ(decode_row(&m, &cols, &problems), 1);
    CHECK_EQ(problems, 0);
    CHECK(rec_find(&rec, "mapihttp.recipient_row.address_type", 0) == NULL);
}

static void test_row_problems(void)
{
    int problems;
    mh_recipient_columns cols = { cols3, 3, 1, NULL };
    /* more columns than the RecipientColumns hold */
    bld a = { { 0 }, 0 };
    b_u16(&a, 0x0002);
    b_u16(&a, 4);
    b_u8(&a, 0x00);
    CHECK_EQ(decode_row(&a, &cols, &problems), 0);
    const char *msg = rec_problem(&rec, MH_PROB_MALFORMED);
    CHECK(msg && strstr(msg, "RecipientColumnCount 4 exceeds the 3 RecipientColumns"));

    /* columns not seen: the properties are shown raw, with what was missing */
    mh_recipient_columns none = { NULL, 0, 0, "the columns of test message 9 were not seen" };
    bld c = { { 0 }, 0 };
    b_u16(&c, 0x0002);
    b_u16(&c, 1);
    b_u8(&c, 0x00);
    b_utf16z(&c, "x@y");
    CHECK_EQ(decode_row(&c, &none, &problems), 0);
    CHECK_EQ(problems, 1);
    msg = rec_problem(&rec, MH_PROB_MISSING_CONTEXT);
    CHECK(msg && strstr(msg, "test message 9") && strstr(msg, "1 property values"));
    const rec_event *e = rec_find(&rec, "mapihttp.problem", 0);
    CHECK(e && e->off == 4 && e->len == c.n - 4);

    /* bytes after the last property value */
    bld l = { { 0 }, 0 };
    b_u16(&l, 0x0002);
    b_u16(&l, 1);
    b_u8(&l, 0x00);
    b_utf16z(&l, "x@y");
    b_u8(&l, 0xEE);
    CHECK_EQ(decode_row(&l, &cols, &problems), 0);
    msg = rec_problem(&rec, MH_PROB_MALFORMED);
    CHECK(msg && strstr(msg, "1 bytes left over"));

    /* a DisplayName without its terminator runs into the end of the row */
    bld t = { { 0 }, 0 };
    b_u16(&t, 0x0010);
    b_str(&t, "Unterminated");
    CHECK_EQ(decode_row(&t, &cols, &problems), 0);
    CHECK_EQ(problems, 1);
    CHECK(rec_find(&rec, "mapihttp.recipient_row.display_name", 0) == NULL);

    /* a row too short for RecipientFlags */
    bld s = { { 0 }, 0 };
    b_u8(&s, 0x10);
    CHECK_EQ(decode_row(&s, &cols, &problems), 0);
    CHECK_EQ(problems, 1);
}

/* ---- Through Execute bodies, with session context ---- */

static int execute(mh_session *s, int response, const bld *rops, const uint32_t *handles, size_t nh,
                   const char *request_id)
{
    bld body;
    b_execute_body(&body, response, rops, handles, nh);
    mh_header h[1] = { { "X-RequestId", 11, request_id, strlen(request_id) } };
    return rec_decode(&rec, s, response, MH_RT_EXECUTE, h, 1, body.b, body.n, 1, NULL);
}

static void fid(bld *b, uint16_t replica, uint64_t counter)
{
    b_u16(b, replica);
    for (int i = 5; i >= 0; i--)
        b_u8(b, (uint8_t)(counter >> (8 * i)));
}

/* 2.2.6.1.1: RopId, LogonId, InputHandleIndex, OutputHandleIndex, CodePageId, FolderId, OpenModeFlags, MessageId */
static void open_message(bld *r)
{
    b_u8(r, 0x03); b_u8(r, 0); b_u8(r, 0); b_u8(r, 1);
    b_u16(r, 0x0FFF);
    fid(r, 1, 0xA5);
    b_u8(r, 0x00);
    fid(r, 1, 0x2001);
}

/* 2.2.6.1.2 with one recipient: columns PidTagSmtpAddress and PidTagRecipientOrder */
static void open_message_response(bld *r, uint32_t rv)
{
    b_u8(r, 0x03); b_u8(r, 1); b_u32(r, rv);
    if (rv)
        return;
    b_u8(r, 0);                 /* HasNamedProperties */
    b_u8(r, 0x00);              /* SubjectPrefix: no string */
    b_u8(r, 0x02);              /* NormalizedSubject: 8-bit */
    b_asciiz(r, "Hi");
    b_u16(r, 1);                /* RecipientCount */
    b_u16(r, 2);                /* ColumnCount */
    b_u32(r, 0x39FE001F);
    b_u32(r, 0x5FDF0003);
    b_u8(r, 0);                 /* RowCount: the rows come with RopReadRecipients */
}

/* 2.2.6.6: request RowId 0; response RowCount 1 and a ReadRecipientRow whose RecipientRow is SMTP with an
 * EmailAddress (8-bit) and both columns */
static void read_recipients(bld *r)
{
    b_u8(r, 0x0F); b_u8(r, 0); b_u8(r, 1);
    b_u32(r, 0);
    b_u16(r, 0);
}

static void read_recipients_response(bld *r)
{
    b_u8(r, 0x0F); b_u8(r, 1); b_u32(r, 0);
    b_u8(r, 1);                 /* RowCount */
    b_u32(r, 0);                /* RowId */
    b_u8(r, 0x01);              /* RecipientType: Primary */
    b_u16(r, 1252);             /* CodePageId */
    b_u16(r, 0);                /* Reserved */
    bld row = { { 0 }, 0 };
    b_u16(&row, 0x0003 | 0x0008);
    b_asciiz(&row, "carol@contoso.com");
    b_u16(&row, 2);
    b_u8(&row, 0x00);
    b_utf16z(&row, "carol@contoso.com");
    b_u32(&row, 3);
    b_u16(r, (uint16_t)row.n);  /* RecipientRowSize */
    b_raw(r, row.b, row.n);
    /* then a RopGetValidAttachments response, to show that the list goes on after the row */
    b_u8(r, 0x52); b_u8(r, 1); b_u32(r, 0);
    b_u16(r, 1);
    b_u32(r, 9);
}

static void get_valid_attachments(bld *r)
{
    b_u8(r, 0x52); b_u8(r, 0); b_u8(r, 1);
}

static void test_read_recipients_uses_open_message_columns(void)
{
    mh_session s;
    mh_session_init(&s);
    uint32_t before[2] = { 0x45, 0xFFFFFFFF }, after[2] = { 0x45, 0x60 };
    bld q = { { 0 }, 0 }, a = { { 0 }, 0 };
    open_message(&q);
    CHECK_EQ(execute(&s, 0, &q, before, 2, "{00000000-0000-0000-0000-000000000001}:1"), 0);
    open_message_response(&a, 0);
    CHECK_EQ(execute(&s, 1, &a, after, 2, "{00000000-0000-0000-0000-000000000001}:1"), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.message.normalized_subject", 0), "");
    CHECK_STR(rec_value(&rec, "mapihttp.typed_string.string", 0), "Hi");

    /* another Execute: the rows carry no columns, the message's from RopOpenMessage decode them */
    bld q2 = { { 0 }, 0 }, a2 = { { 0 }, 0 };
    read_recipients(&q2);
    get_valid_attachments(&q2);
    CHECK_EQ(execute(&s, 0, &q2, after, 2, "{00000000-0000-0000-0000-000000000001}:2"), 0);
    const rec_event *in = rec_find(&rec, "mapihttp.rop.input_handle_index", 0);
    CHECK(in && strstr(in->note, "message 0001-0000000000A5/0001-000000002001 opened by RopOpenMessage"));
    read_recipients_response(&a2);
    CHECK_EQ(execute(&s, 1, &a2, after, 2, "{00000000-0000-0000-0000-000000000001}:2"), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.email_address", 0), "carol@contoso.com");
    CHECK_STR(rec_value(&rec, "mapihttp.property_value", 0), "PidTagSmtpAddress (0x39FE001F)");
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "carol@contoso.com");
    CHECK_STR(rec_value(&rec, "mapihttp.property_value", 1), "PidTagRecipientOrder (0x5FDF0003)");
    CHECK_STR(rec_value(&rec, "mapihttp.value.int32", 0), "3");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.attachment_id", 0), "9");

    /* RopRelease drops the message and its columns */
    bld rel = { { 0 }, 0 };
    b_u8(&rel, 0x01); b_u8(&rel, 0); b_u8(&rel, 1);
    CHECK_EQ(execute(&s, 0, &rel, after, 2, "{00000000-0000-0000-0000-000000000001}:3"), 0);
    bld empty = { { 0 }, 0 };
    CHECK_EQ(execute(&s, 1, &empty, after, 2, "{00000000-0000-0000-0000-000000000001}:3"), 0);
    bld q3 = { { 0 }, 0 }, a3 = { { 0 }, 0 };
    read_recipients(&q3);
    get_valid_attachments(&q3);
    execute(&s, 0, &q3, after, 2, "{00000000-0000-0000-0000-000000000001}:4");
    read_recipients_response(&a3);
    CHECK_EQ(execute(&s, 1, &a3, after, 2, "{00000000-0000-0000-0000-000000000001}:4"), 1);
    const char *msg = rec_problem(&rec, MH_PROB_MISSING_CONTEXT);
    CHECK(msg && strstr(msg, "InputHandleIndex 1 was not seen being opened"));
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.email_address", 0), "carol@contoso.com");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.attachment_id", 0), "9"); /* the list went on */
    mh_session_free(&s);
}

static void test_failed_open_message_commits_nothing(void)
{
    mh_session s;
    mh_session_init(&s);
    uint32_t before[2] = { 0x45, 0xFFFFFFFF }, after[2] = { 0x45, 0x60 };
    bld q = { { 0 }, 0 }, a = { { 0 }, 0 };
    open_message(&q);
    execute(&s, 0, &q, before, 2, "{00000000-0000-0000-0000-000000000001}:1");
    open_message_response(&a, 0x8004010F); /* 2.2.6.1.3 */
    CHECK_EQ(execute(&s, 1, &a, before, 2, "{00000000-0000-0000-0000-000000000001}:1"), 0);
    /* the server never made handle 0x60 a message: the rows cannot use columns */
    bld q2 = { { 0 }, 0 }, a2 = { { 0 }, 0 };
    read_recipients(&q2);
    get_valid_attachments(&q2);
    execute(&s, 0, &q2, after, 2, "{00000000-0000-0000-0000-000000000001}:2");
    CHECK(rec_find(&rec, "mapihttp.rop.input_handle_index", 0) &&
          strcmp(rec_find(&rec, "mapihttp.rop.input_handle_index", 0)->note, "handle 0x00000060") == 0);
    read_recipients_response(&a2);
    CHECK_EQ(execute(&s, 1, &a2, after, 2, "{00000000-0000-0000-0000-000000000001}:2"), 1);
    CHECK(rec_problem(&rec, MH_PROB_MISSING_CONTEXT) != NULL);
    CHECK_EQ(rec_count(&rec, "mapihttp.property_value"), 0);

    /* without the request at all, the same response still decodes all but the properties */
    CHECK_EQ(execute(&s, 1, &a2, after, 2, "{00000000-0000-0000-0000-000000000001}:999"), 1);
    const char *msg = rec_problem(&rec, MH_PROB_MISSING_CONTEXT);
    CHECK(msg && strstr(msg, "request was not seen"));
    CHECK_STR(rec_value(&rec, "mapihttp.recipient.recipient_row_size", 0), "63");
    mh_session_free(&s);
}

/* RopCreateMessage (2.2.6.2) gives the message its FolderId, RopSaveChangesMessage (2.2.6.3.2) its MessageId;
 * the SaveChangesMessage response header is ResponseHandleIndex, its InputHandleIndex follows ReturnValue. */
static void test_save_changes_gives_created_message_its_id(void)
{
    mh_session s;
    mh_session_init(&s);
    uint32_t before[2] = { 0x45, 0xFFFFFFFF }, after[2] = { 0x45, 0x60 };
    bld q = { { 0 }, 0 }, a = { { 0 }, 0 };
    b_u8(&q, 0x06); b_u8(&q, 0); b_u8(&q, 0); b_u8(&q, 1); /* RopCreateMessage */
    b_u16(&q, 0x0FFF);
    fid(&q, 1, 0xA5);
    b_u8(&q, 0);
    b_u8(&q, 0x0C); b_u8(&q, 0); b_u8(&q, 0); b_u8(&q, 1); /* RopSaveChangesMessage */
    b_u8(&q, 0x02);
    CHECK_EQ(execute(&s, 0, &q, before, 2, "{00000000-0000-0000-0000-000000000001}:1"), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.response_handle_index", 0), "0");
    b_u8(&a, 0x06); b_u8(&a, 1); b_u32(&a, 0); b_u8(&a, 0); /* HasMessageId 0 */
    b_u8(&a, 0x0C); b_u8(&a, 0); b_u32(&a, 0); b_u8(&a, 1); fid(&a, 1, 0x2001);
    CHECK_EQ(execute(&s, 1, &a, after, 2, "{00000000-0000-0000-0000-000000000001}:1"), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.response_handle_index", 0), "0");
    const rec_event *in = rec_find(&rec, "mapihttp.rop.input_handle_index", 0);
    CHECK(in && strstr(in->note, "message 0001-0000000000A5 opened by RopCreateMessage"));
    /* a later ROP on the message sees both ids */
    bld q2 = { { 0 }, 0 };
    b_u8(&q2, 0x32); b_u8(&q2, 0); b_u8(&q2, 1); b_u8(&q2, 0); /* RopSubmitMessage */
    CHECK_EQ(execute(&s, 0, &q2, after, 2, "{00000000-0000-0000-0000-000000000001}:2"), 0);
    in = rec_find(&rec, "mapihttp.rop.input_handle_index", 0);
    CHECK(in && strstr(in->note, "message 0001-0000000000A5/0001-000000002001 opened by RopCreateMessage"));

    /* a failed save leaves the id alone: ecObjectModified, 2.2.6.3.3 */
    bld q3 = { { 0 }, 0 }, a3 = { { 0 }, 0 };
    b_u8(&q3, 0x0C); b_u8(&q3, 0); b_u8(&q3, 0); b_u8(&q3, 1); b_u8(&q3, 0x02);
    execute(&s, 0, &q3, after, 2, "{00000000-0000-0000-0000-000000000001}:3");
    b_u8(&a3, 0x0C); b_u8(&a3, 0); b_u32(&a3, 0x80040109);
    CHECK_EQ(execute(&s, 1, &a3, after, 2, "{00000000-0000-0000-0000-000000000001}:3"), 0);
    CHECK(rec_find(&rec, "mapihttp.message_id", 0) == NULL);
    mh_session_free(&s);
}

/* RopOpenEmbeddedMessage (2.2.6.16.2): the MessageId of the response is the new message's. */
static void test_open_embedded_message_id(void)
{
    mh_session s;
    mh_session_init(&s);
    uint32_t before[2] = { 0x70, 0xFFFFFFFF }, after[2] = { 0x70, 0x80 };
    bld q = { { 0 }, 0 }, a = { { 0 }, 0 };
    b_u8(&q, 0x46); b_u8(&q, 0); b_u8(&q, 0); b_u8(&q, 1);
    b_u16(&q, 0x0FFF);
    b_u8(&q, 0x00);
    execute(&s, 0, &q, before, 2, "{00000000-0000-0000-0000-000000000001}:1");
    b_u8(&a, 0x46); b_u8(&a, 1); b_u32(&a, 0);
    b_u8(&a, 0);                     /* Reserved */
    fid(&a, 1, 0x3001);              /* MessageId */
    b_u8(&a, 0); b_u8(&a, 0x01); b_u8(&a, 0x01); /* HasNamedProperties, two empty TypedStrings */
    b_u16(&a, 0); b_u16(&a, 0); b_u8(&a, 0);     /* no recipients, columns or rows */
    CHECK_EQ(execute(&s, 1, &a, after, 2, "{00000000-0000-0000-0000-000000000001}:1"), 0);
    bld q2 = { { 0 }, 0 };
    b_u8(&q2, 0x21); b_u8(&q2, 0); b_u8(&q2, 0); b_u8(&q2, 1); b_u8(&q2, 0x00); /* RopGetAttachmentTable */
    execute(&s, 0, &q2, (uint32_t[]){ 0x80, 0xFFFFFFFF }, 2, "{00000000-0000-0000-0000-000000000001}:2");
    const rec_event *in = rec_find(&rec, "mapihttp.rop.input_handle_index", 0);
    CHECK(in && strstr(in->note, "message 0001-000000003001 opened by RopOpenEmbeddedMessage"));
    mh_session_free(&s);
}

/* RopLogon for LogonId 0 with the given LogonFlags, answered with the private or public form (2.2.3.1). */
static void logon(mh_session *s, uint8_t flags)
{
    bld q = { { 0 }, 0 }, a = { { 0 }, 0 };
    b_u8(&q, 0xFE); b_u8(&q, 0); b_u8(&q, 0); b_u8(&q, flags);
    b_u32(&q, 0); b_u32(&q, 0);
    b_u16(&q, 0);
    uint32_t none[1] = { 0xFFFFFFFF }, logon_handle[1] = { 0x10 };
    execute(s, 0, &q, none, 1, "{00000000-0000-0000-0000-000000000001}:100");
    b_u8(&a, 0xFE); b_u8(&a, 0); b_u32(&a, 0);
    b_u8(&a, flags);
    for (int i = 0; i < 13; i++)
        fid(&a, 1, 0xA1 + (uint64_t)i);
    if (flags & 1) {
        b_u8(&a, 0x01);
        for (int i = 0; i < 16; i++) b_u8(&a, 0);
        b_u16(&a, 1);
        for (int i = 0; i < 16; i++) b_u8(&a, 0);
        for (int i = 0; i < 8; i++) b_u8(&a, 0);
        b_u64(&a, 0);
        b_u32(&a, 0);
    } else {
        b_u16(&a, 1);
        for (int i = 0; i < 32; i++) b_u8(&a, 0);
    }
    CHECK_EQ(execute(s, 1, &a, logon_handle, 1, "{00000000-0000-0000-0000-000000000001}:100"), 0);
}

/* RopSetMessageReadFlag (2.2.6.11.1) then RopSubmitMessage, so that ClientData is followed by bytes */
static void set_message_read_flag(bld *q, int client_data)
{
    b_u8(q, 0x11); b_u8(q, 0); b_u8(q, 0); b_u8(q, 1);
    b_u8(q, 0x01); /* rfSuppressReceipt */
    if (client_data)
        for (int i = 0; i < 24; i++)
            b_u8(q, (uint8_t)(0xC0 + i));
    b_u8(q, 0x32); b_u8(q, 0); b_u8(q, 1); b_u8(q, 0x02); /* RopSubmitMessage, NeedsSpooler */
}

static void test_set_message_read_flag_client_data(void)
{
    uint32_t handles[2] = { 0x45, 0x60 };
    /* public folders logon (Private clear): 24 bytes of ClientData */
    mh_session s;
    mh_session_init(&s);
    logon(&s, 0x00);
    bld q = { { 0 }, 0 };
    set_message_read_flag(&q, 1);
    CHECK_EQ(execute(&s, 0, &q, handles, 2, "{00000000-0000-0000-0000-000000000001}:1"), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.set_message_read_flag.client_data", 0),
              "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.submit_message.submit_flags", 0), "NeedsSpooler (0x02)");
    mh_session_free(&s);

    /* private mailbox logon: none */
    mh_session_init(&s);
    logon(&s, 0x01);
    bld p = { { 0 }, 0 };
    set_message_read_flag(&p, 0);
    CHECK_EQ(execute(&s, 0, &p, handles, 2, "{00000000-0000-0000-0000-000000000001}:1"), 0);
    CHECK(rec_find(&rec, "mapihttp.rop.set_message_read_flag.client_data", 0) == NULL);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.submit_message.submit_flags", 0), "NeedsSpooler (0x02)");

    /* the response with ReadStatusChanged: LogonId and ClientData (2.2.6.11.2), paired by ResponseHandleIndex */
    bld a = { { 0 }, 0 };
    b_u8(&a, 0x11); b_u8(&a, 0); b_u32(&a, 0);
    b_u8(&a, 1);
    b_u8(&a, 0);
    for (int i = 0; i < 24; i++)
        b_u8(&a, (uint8_t)i);
    b_u8(&a, 0x32); b_u8(&a, 1); b_u32(&a, 0);
    CHECK_EQ(execute(&s, 1, &a, handles, 2, "{00000000-0000-0000-0000-000000000001}:1"), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.set_message_read_flag.read_status_changed", 0), "True");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.logon_id", 0), "0");
    CHECK_EQ(rec_count(&rec, "mapihttp.rop.id"), 2);
    mh_session_free(&s);

    /* no RopLogon seen: the request stops there, with the rest raw */
    mh_session_init(&s);
    bld u = { { 0 }, 0 };
    set_message_read_flag(&u, 1);
    CHECK_EQ(execute(&s, 0, &u, handles, 2, "{00000000-0000-0000-0000-000000000001}:1"), 1);
    const char *msg = rec_problem(&rec, MH_PROB_MISSING_CONTEXT);
    CHECK(msg && strstr(msg, "LogonId 0 was not seen"));
    const rec_event *e = rec_find(&rec, "mapihttp.problem", 0);
    CHECK(e && e->len == 24 + 4);
    mh_session_free(&s);
}

/* A RecipientRowSize beyond the buffer (2.2.6.5.1.1) stops the list without reading past it. */
static void test_row_size_beyond_buffer(void)
{
    bld q = { { 0 }, 0 };
    b_u8(&q, 0x0E); b_u8(&q, 0); b_u8(&q, 0);
    b_u16(&q, 1);
    b_u32(&q, 0x3001001F);
    b_u16(&q, 1);                /* RowCount */
    b_u32(&q, 0); b_u8(&q, 0x01);
    b_u16(&q, 500);              /* RecipientRowSize */
    b_u16(&q, 0x0010);
    b_str(&q, "Dan");
    uint32_t handles[1] = { 0x60 };
    CHECK(execute(NULL, 0, &q, handles, 1, "{00000000-0000-0000-0000-000000000001}:1") >= 1);
    CHECK(rec_problem(&rec, MH_PROB_MALFORMED) != NULL || rec_problem(&rec, MH_PROB_TRUNCATED) != NULL);
    CHECK_STR(rec_value(&rec, "mapihttp.recipient_row.recipient_flags", 0), "0x0010");
}

int main(void)
{
    RUN(test_x500_unicode_row);
    RUN(test_8bit_strings_and_address_types);
    RUN(test_row_problems);
    RUN(test_read_recipients_uses_open_message_columns);
    RUN(test_failed_open_message_commits_nothing);
    RUN(test_save_changes_gives_created_message_its_id);
    RUN(test_open_embedded_message_id);
    RUN(test_set_message_read_flag_client_data);
    RUN(test_row_size_beyond_buffer);
    return check_report();
}
