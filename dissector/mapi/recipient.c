/*
 * [MS-OXCDATA] 2.8.3 RecipientRow: 2.8.3.1 RecipientFlags (which optional fields follow, and whether their
 * strings are UTF-16) and 2.8.3.2 RecipientRow (the fixed part selected by the flags, then
 * RecipientColumnCount and RecipientProperties, a PropertyRow of 2.8.1). The ROP structures around it:
 * [MS-OXCROPS] 2.2.6.1.2.1 OpenRecipientRow, 2.2.6.5.1.1 ModifyRecipientRow, 2.2.6.6.2.1 ReadRecipientRow,
 * with RecipientType per [MS-OXCMSG] 2.2.3.1.2.
 */
#include "recipient.h"

#include "propvalue.h"

/* [MS-OXCMSG] 2.2.3.1.2: a type (0x01 primary, 0x02 Cc, 0x03 Bcc) OR-ed with flags for a resend: 0x10 the
 * recipient did not receive the message on the previous attempt, 0x80 it did. The flags carry the names
 * of the MAPI constants with those meanings (MAPI_P1, MAPI_SUBMITTED in PidTagRecipientType, [MS-OXOMSG]
 * 2.2.3.1). */
static const mh_vs recipient_type_vs[] = {
    { 0x01, "Primary" },        { 0x02, "Cc" },
    { 0x03, "Bcc" },            { 0x10, "MAPI_P1" },
    { 0x11, "Primary, MAPI_P1" }, { 0x12, "Cc, MAPI_P1" },
    { 0x13, "Bcc, MAPI_P1" },   { 0x80, "MAPI_SUBMITTED" },
    { 0x81, "Primary, MAPI_SUBMITTED" }, { 0x82, "Cc, MAPI_SUBMITTED" },
    { 0x83, "Bcc, MAPI_SUBMITTED" },
};
const mh_names mh_names_recipient_type = MH_NAMES(recipient_type_vs);

static const mh_vs address_type_vs[] = {
    { 0x0, "NoType" }, { 0x1, "X500DN" },  { 0x2, "MsMail" },  { 0x3, "SMTP" },
    { 0x4, "Fax" },    { 0x5, "ProfessionalOfficeSystem" }, { 0x6, "PersonalDistributionList1" },
    { 0x7, "PersonalDistributionList2" },
};
const mh_names mh_names_recipient_address_type = MH_NAMES(address_type_vs);

/* [MS-OXCDATA] 2.8.3.2 gives the meanings; the names are those of the same values of PidTagDisplayType
 * ([MS-OXOABK] 2.2.3.11). */
static const mh_vs display_type_vs[] = {
    { 0x00, "DT_MAILUSER" },  { 0x01, "DT_DISTLIST" },         { 0x02, "DT_FORUM" },
    { 0x03, "DT_AGENT" },     { 0x04, "DT_ORGANIZATION" },     { 0x05, "DT_PRIVATE_DISTLIST" },
    { 0x06, "DT_REMOTE_MAILUSER" },
};
const mh_names mh_names_recipient_display_type = MH_NAMES(display_type_vs);

int mh_decode_recipient_columns(mh_dec *d, mh_recipient_columns *cols)
{
    cols->tags = NULL;
    cols->ntags = 0;
    cols->known = 0;
    cols->missing = NULL;
    uint16_t n = mh_u16(d, MH_F_RECIPIENTS_COLUMN_COUNT);
    if (!mh_cur_ok(&d->c))
        return 0;
    /* every tag takes 4 bytes of the buffer: what is left bounds the memory */
    size_t room = mh_cur_left(&d->c) / 4;
    size_t want = n < room ? n : room;
    uint32_t *tags = want ? mh_arena_alloc(d->arena, want * sizeof *tags) : NULL;
    if (want && !tags) {
        mh_stop(d, MH_PROB_MALFORMED, mh_cur_pos(&d->c), "RecipientColumns: %u tags exceed the memory bound", n);
        return 0;
    }
    size_t start = mh_open(d, MH_F_RECIPIENTS_COLUMNS, NULL);
    uint32_t got = 0;
    for (uint16_t i = 0; i < n; i++) {
        uint32_t tag = mh_u32(d, MH_F_PROPERTY_TAG);
        if (!mh_cur_ok(&d->c))
            break;
        tags[got++] = tag;
    }
    mh_close(d, start);
    cols->tags = tags;
    cols->ntags = got;
    cols->known = 1;
    return mh_cur_ok(&d->c);
}

/* RecipientFlags with each of its fields ([MS-OXCDATA] 2.8.3.1); the flags value is returned. */
static uint16_t recipient_flags(mh_dec *d)
{
    size_t at = mh_cur_pos(&d->c);
    uint16_t f = mh_cur_u16(&d->c, "RecipientFlags");
    if (!mh_cur_ok(&d->c))
        return 0;
    mh_value v = { 0 };
    v.u = f;
    mh_open_at(d, MH_F_RECIPIENT_FLAGS, at, &v, NULL);
    mh_emit_uint(d, MH_F_RECIPIENT_FLAGS_R, at, 2, (f & MH_RECIP_R) != 0, NULL);
    mh_emit_uint(d, MH_F_RECIPIENT_FLAGS_S, at, 2, (f & MH_RECIP_S) != 0, NULL);
    mh_emit_uint(d, MH_F_RECIPIENT_FLAGS_T, at, 2, (f & MH_RECIP_T) != 0, NULL);
    mh_emit_uint(d, MH_F_RECIPIENT_FLAGS_D, at, 2, (f & MH_RECIP_D) != 0, NULL);
    mh_emit_uint(d, MH_F_RECIPIENT_FLAGS_E, at, 2, (f & MH_RECIP_E) != 0, NULL);
    mh_emit_uint(d, MH_F_RECIPIENT_FLAGS_TYPE, at, 2, f & MH_RECIP_TYPE_MASK, NULL);
    mh_emit_uint(d, MH_F_RECIPIENT_FLAGS_O, at, 2, (f & MH_RECIP_O) != 0, NULL);
    mh_emit_uint(d, MH_F_RECIPIENT_FLAGS_RESERVED, at, 2, (f & MH_RECIP_RESERVED) >> 11, NULL);
    mh_emit_uint(d, MH_F_RECIPIENT_FLAGS_I, at, 2, (f & MH_RECIP_I) != 0, NULL);
    mh_emit_uint(d, MH_F_RECIPIENT_FLAGS_U, at, 2, (f & MH_RECIP_U) != 0, NULL);
    mh_emit_uint(d, MH_F_RECIPIENT_FLAGS_N, at, 2, (f & MH_RECIP_N) != 0, NULL);
    mh_close(d, at);
    return f;
}

/* The U flag says whether the optional strings are UTF-16 or 8-bit, each NUL-terminated. */
static void flag_string(mh_dec *d, mh_field_id f, int unicode)
{
    if (unicode)
        mh_utf16z(d, f);
    else
        mh_asciiz(d, f);
}

/* RecipientProperties: a PropertyRow over the first RecipientColumnCount columns. */
static int recipient_properties(mh_dec *d, const mh_recipient_columns *cols, uint16_t count)
{
    size_t at = mh_cur_pos(&d->c);
    if (!cols || !cols->known) {
        mh_stop(d, MH_PROB_MISSING_CONTEXT, at,
                "RecipientProperties: %s, so the %u property values cannot be decoded",
                cols && cols->missing ? cols->missing : "the RecipientColumns were not seen", count);
        return 0;
    }
    if (count > cols->ntags) {
        mh_stop(d, MH_PROB_MALFORMED, at, "RecipientColumnCount %u exceeds the %u RecipientColumns", count,
                cols->ntags);
        return 0;
    }
    size_t start = mh_open(d, MH_F_RECIPIENT_PROPERTIES, NULL);
    int ok = mh_decode_property_row(d, cols->tags, count);
    mh_close(d, start);
    return ok && mh_check(d, "RecipientProperties");
}

int mh_decode_recipient_row(mh_dec *d, const mh_recipient_columns *cols)
{
    size_t start = mh_open(d, MH_F_RECIPIENT_ROW, NULL);
    uint16_t flags = recipient_flags(d);
    unsigned type = flags & MH_RECIP_TYPE_MASK;
    int unicode = (flags & MH_RECIP_U) != 0;
    if (type == MH_RECIP_TYPE_X500DN) {
        mh_u8(d, MH_F_RECIPIENT_ADDRESS_PREFIX_USED);
        mh_u8(d, MH_F_RECIPIENT_DISPLAY_TYPE);
        mh_asciiz(d, MH_F_RECIPIENT_X500DN); /* always 8-bit, whatever U says */
    } else if (type == MH_RECIP_TYPE_PDL1 || type == MH_RECIP_TYPE_PDL2) {
        uint16_t n = mh_u16(d, MH_F_RECIPIENT_ENTRY_ID_SIZE);
        mh_bytes(d, MH_F_RECIPIENT_ENTRY_ID, n);
        n = mh_u16(d, MH_F_RECIPIENT_SEARCH_KEY_SIZE);
        mh_bytes(d, MH_F_RECIPIENT_SEARCH_KEY, n);
    } else if (type == MH_RECIP_TYPE_NOTYPE && (flags & MH_RECIP_O)) {
        mh_asciiz(d, MH_F_RECIPIENT_ADDRESS_TYPE);
    }
    if (flags & MH_RECIP_E)
        flag_string(d, MH_F_RECIPIENT_EMAIL_ADDRESS, unicode);
    if (flags & MH_RECIP_D)
        flag_string(d, MH_F_RECIPIENT_DISPLAY_NAME, unicode);
    if (flags & MH_RECIP_I)
        flag_string(d, MH_F_RECIPIENT_SIMPLE_DISPLAY_NAME, unicode);
    if (flags & MH_RECIP_T)
        flag_string(d, MH_F_RECIPIENT_TRANSMITTABLE_DISPLAY_NAME, unicode);
    uint16_t count = mh_u16(d, MH_F_RECIPIENT_COLUMN_COUNT);
    int ok = mh_check(d, "RecipientRow") && recipient_properties(d, cols, count);
    if (ok && mh_cur_left(&d->c)) {
        mh_check_leftover(d, "RecipientRow");
        ok = 0;
    }
    mh_close(d, start);
    return ok;
}

/* RecipientRowSize bytes holding a RecipientRow (none when the size is 0: RopModifyRecipients removes the
 * row then, [MS-OXCMSG] 3.2.5.5). */
static int sized_row(mh_dec *d, uint16_t size, const mh_recipient_columns *cols)
{
    if (size == 0)
        return 1;
    mh_dec sub;
    int whole = mh_dec_sub(d, size, "RecipientRow", &sub);
    mh_decode_recipient_row(&sub, cols);
    return whole;
}

int mh_decode_open_recipient_row(mh_dec *d, const mh_recipient_columns *cols)
{
    size_t start = mh_open(d, MH_F_OPEN_RECIPIENT_ROW, NULL);
    mh_u8(d, MH_F_RECIPIENT_TYPE);
    mh_u16(d, MH_F_RECIPIENT_CODE_PAGE_ID);
    mh_u16(d, MH_F_RECIPIENT_RESERVED);
    uint16_t size = mh_u16(d, MH_F_RECIPIENT_ROW_SIZE);
    /* a field that ran out is reported where the ROP ends */
    int ok = mh_cur_ok(&d->c) && sized_row(d, size, cols);
    mh_close(d, start);
    return ok;
}

int mh_decode_modify_recipient_row(mh_dec *d, const mh_recipient_columns *cols)
{
    size_t start = mh_open(d, MH_F_MODIFY_RECIPIENT_ROW, NULL);
    mh_u32(d, MH_F_RECIPIENT_ROW_ID);
    mh_u8(d, MH_F_RECIPIENT_TYPE);
    uint16_t size = mh_u16(d, MH_F_RECIPIENT_ROW_SIZE);
    int ok = mh_cur_ok(&d->c) && sized_row(d, size, cols);
    mh_close(d, start);
    return ok;
}

int mh_decode_read_recipient_row(mh_dec *d, const mh_recipient_columns *cols)
{
    size_t start = mh_open(d, MH_F_READ_RECIPIENT_ROW, NULL);
    mh_u32(d, MH_F_RECIPIENT_ROW_ID);
    mh_u8(d, MH_F_RECIPIENT_TYPE);
    mh_u16(d, MH_F_RECIPIENT_CODE_PAGE_ID);
    mh_u16(d, MH_F_RECIPIENT_RESERVED);
    uint16_t size = mh_u16(d, MH_F_RECIPIENT_ROW_SIZE);
    int ok = mh_cur_ok(&d->c) && sized_row(d, size, cols);
    mh_close(d, start);
    return ok;
}
