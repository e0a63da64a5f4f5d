/*
 * [MS-OXCDATA] EntryIDs carried in binary property values:
 * - 2.2.4.1 Folder EntryID (46 bytes): Flags, ProviderUID, FolderType, DatabaseGuid, GlobalCounter, Pad;
 * - 2.2.4.2 Message EntryID (70 bytes): Flags, ProviderUID, MessageType, FolderDatabaseGuid,
 *   FolderGlobalCounter, Pad, MessageDatabaseGuid, MessageGlobalCounter, Pad;
 *   the object types are those of 2.2.4 (folders 0x0001, 0x0003, 0x0005, 0x000C; messages 0x0007, 0x0009,
 *   0x000B). Their ProviderUID is the mailbox's MailboxGuid or the public store's fixed UID, so the type,
 *   the exact size and the zero Pad fields are what identify them;
 * - 2.2.5.1 One-Off EntryID: Flags, ProviderUID %x81.2B.1F.A4..., Version 0x0000, a 16-bit word of flags
 *   (MAE, Format, M, U, R, L), then DisplayName, AddressType and EmailAddress, NUL-terminated, UTF-16LE
 *   when U is set and 8-bit otherwise;
 * - 2.2.5.2 Address Book EntryID: Flags, ProviderUID %xDC.A7.40.C8..., Version 1, Type, X500DN (8-bit,
 *   NUL-terminated).
 * The Flags of an EntryID stored in a property value MUST be zero (long-term EntryIDs).
 *
 * Never a guess: bytes are shown as an EntryID only when they parse, completely and exactly, as the kind
 * their ProviderUID (or object type) announces; anything else stays plain bytes.
 */
#include "entryid.h"

#include <stdio.h>
#include <string.h>

#include "names.h"

#define FOLDER_EID_SIZE 46
#define MESSAGE_EID_SIZE 70

static const uint8_t uid_address_book[16] = { 0xDC, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A,
                                              0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1, 0x82 };
static const uint8_t uid_one_off[16] = { 0x81, 0x2B, 0x1F, 0xA4, 0xBE, 0xA3, 0x10, 0x19,
                                         0x9D, 0x6E, 0x00, 0xDD, 0x01, 0x0F, 0x54, 0x02 };
/* the public folders store's ProviderUID in folder and message EntryIDs (2.2.4.1) */
static const uint8_t uid_public_store[16] = { 0x1A, 0x44, 0x73, 0x90, 0xAA, 0x66, 0x11, 0xCD,
                                              0x9B, 0xC8, 0x00, 0xAA, 0x00, 0x2F, 0xC4, 0x5A };

static const mh_vs object_type_vs[] = {
    { 0x0001, "PrivateFolder" },  { 0x0003, "PublicFolder" },  { 0x0005, "MappedPublicFolder" },
    { 0x0007, "PrivateMessage" }, { 0x0009, "PublicMessage" }, { 0x000B, "MappedPublicMessage" },
    { 0x000C, "PublicNewsgroupFolder" },
};
const mh_names mh_names_entryid_object_type = MH_NAMES(object_type_vs);

static const mh_vs ab_type_vs[] = {
    { 0x00000000, "Local mail user" },   { 0x00000001, "Distribution list" },
    { 0x00000002, "Bulletin board or public folder" }, { 0x00000003, "Automated mailbox" },
    { 0x00000004, "Organizational mailbox" }, { 0x00000005, "Private distribution list" },
    { 0x00000006, "Remote mail user" },  { 0x00000100, "Container" },
    { 0x00000101, "Template" },          { 0x00000102, "One-off user" },
    { 0x00000200, "Search" },
};
const mh_names mh_names_entryid_address_book_type = MH_NAMES(ab_type_vs);

static const mh_vs mae_vs[] = { { 0, "BinHex" }, { 1, "UUENCODE" }, { 2, "AppleSingle" }, { 3, "AppleDouble" } };
const mh_names mh_names_entryid_one_off_mae = MH_NAMES(mae_vs);
static const mh_vs format_vs[] = { { 3, "TextOnly" }, { 7, "HtmlOnly" }, { 11, "TextAndHtml" } };
const mh_names mh_names_entryid_one_off_format = MH_NAMES(format_vs);
static const mh_vs u_vs[] = { { 0, "8-bit strings" }, { 1, "Unicode strings" } };
const mh_names mh_names_entryid_one_off_u = MH_NAMES(u_vs);

/*
 * The one-off flags word as read little-endian. [MS-OXCDATA] 2.2.5.1 draws the bits in wire order, most
 * significant first (Pad, MAE, Format, M in the first byte; U, R, L, Pad in the second); its "word values"
 * (UUENCODE 0x0020, TextOnly 0x0006) are this little-endian reading, and MAPI's MAPI_ONE_OFF_UNICODE
 * (0x8000) and MAPI_ONE_OFF_NO_RICH_INFO (0x0001) are U and M.
 */
#define ONE_OFF_MAE(w) (((w) >> 5) & 0x3)
#define ONE_OFF_FORMAT(w) (((w) >> 1) & 0xF)
#define ONE_OFF_M(w) ((w) & 0x1)
#define ONE_OFF_U(w) (((w) >> 15) & 0x1)
#define ONE_OFF_R(w) (((w) >> 14) & 0x1)
#define ONE_OFF_L(w) (((w) >> 13) & 0x1)

static int is_folder_type(uint16_t t) { return t == 0x0001 || t == 0x0003 || t == 0x0005 || t == 0x000C; }
static int is_message_type(uint16_t t) { return t == 0x0007 || t == 0x0009 || t == 0x000B; }

typedef struct {
    mh_entryid_kind kind;
    size_t off;
    uint8_t uid[16];
    uint16_t word;          /* FolderType / MessageType, or the one-off flags word */
    uint32_t ab_type;
    mh_span str[3];         /* X500DN; or DisplayName, AddressType, EmailAddress */
    size_t str_wire[3];     /* bytes each string takes, terminator included */
} eid;

/* Reads n bytes that must all be zero. */
static int zeros(mh_cursor *c, size_t n, const char *what)
{
    int all = 1;
    for (size_t i = 0; i < n; i++)
        if (mh_cur_u8(c, what) != 0)
            all = 0;
    return all && mh_cur_ok(c);
}

static int parse(mh_cursor c, eid *e)
{
    memset(e, 0, sizeof *e);
    e->off = mh_cur_pos(&c);
    size_t len = mh_cur_left(&c);
    if (len < 20)
        return 0;
    if (mh_cur_u32(&c, "Flags") != 0)
        return 0; /* short-term EntryIDs are not stored in property values */
    mh_cur_guid(&c, e->uid, "ProviderUID");
    if (memcmp(e->uid, uid_address_book, 16) == 0) {
        uint32_t version = mh_cur_u32(&c, "Version");
        e->ab_type = mh_cur_u32(&c, "Type");
        if (!mh_cur_ok(&c) || version != 1 || !mh_names_find(&mh_names_entryid_address_book_type, e->ab_type))
            return 0;
        size_t at = mh_cur_pos(&c);
        e->str[0] = mh_cur_asciiz(&c, "X500DN");
        e->str_wire[0] = mh_cur_pos(&c) - at;
        if (!mh_cur_ok(&c) || mh_cur_left(&c) != 0)
            return 0;
        e->kind = MH_EID_ADDRESS_BOOK;
        return 1;
    }
    if (memcmp(e->uid, uid_one_off, 16) == 0) {
        uint16_t version = mh_cur_u16(&c, "Version");
        e->word = mh_cur_u16(&c, "Flags");
        if (!mh_cur_ok(&c) || version != 0)
            return 0;
        for (int i = 0; i < 3; i++) {
            size_t at = mh_cur_pos(&c);
            e->str[i] = ONE_OFF_U(e->word) ? mh_cur_utf16z(&c, "string") : mh_cur_asciiz(&c, "string");
            e->str_wire[i] = mh_cur_pos(&c) - at;
        }
        if (!mh_cur_ok(&c) || mh_cur_left(&c) != 0)
            return 0;
        e->kind = MH_EID_ONE_OFF;
        return 1;
    }
    e->word = mh_cur_u16(&c, "ObjectType");
    if (!mh_cur_ok(&c))
        return 0;
    if (is_folder_type(e->word) && len == FOLDER_EID_SIZE) {
        mh_cur_skip(&c, 22, "DatabaseGuid, GlobalCounter");
        if (!zeros(&c, 2, "Pad"))
            return 0;
        e->kind = MH_EID_FOLDER;
        return 1;
    }
    if (is_message_type(e->word) && len == MESSAGE_EID_SIZE) {
        mh_cur_skip(&c, 22, "FolderDatabaseGuid, FolderGlobalCounter");
        if (!zeros(&c, 2, "Pad"))
            return 0;
        mh_cur_skip(&c, 22, "MessageDatabaseGuid, MessageGlobalCounter");
        if (!zeros(&c, 2, "Pad"))
            return 0;
        e->kind = MH_EID_MESSAGE;
        return 1;
    }
    return 0;
}

mh_entryid_kind mh_entryid_classify(const mh_cursor *c)
{
    eid e;
    return parse(*c, &e) ? e.kind : MH_EID_NONE;
}

/* A GLOBCNT ([MS-OXCFXICS] 2.2.2.5) of 6 bytes, most significant first, as 12 hex digits. */
static void global_counter(mh_dec *d, mh_field_id f)
{
    size_t at = mh_cur_pos(&d->c);
    mh_span s = mh_cur_bytes(&d->c, 6, mh_fields[f].label);
    if (!mh_cur_ok(&d->c))
        return;
    char text[13];
    for (size_t i = 0; i < 6; i++)
        snprintf(text + 2 * i, 3, "%02X", mh_span_byte(s, i));
    mh_emit_str(d, f, at, 6, text, 12);
}

static void guid_with_note(mh_dec *d, mh_field_id f, const char *note)
{
    size_t at = mh_cur_pos(&d->c);
    uint8_t g[16];
    mh_cur_guid(&d->c, g, mh_fields[f].label);
    if (mh_cur_ok(&d->c))
        mh_emit_guid(d, f, at, g, note);
}

static void text_field(mh_dec *d, mh_field_id f, mh_span s, size_t wire, int utf16)
{
    size_t n = 0;
    const char *t = utf16 ? mh_text_utf16(d, s, &n) : mh_text_latin1(d, s, &n);
    mh_emit_str(d, f, s.off, wire, t, t ? n : 0);
    mh_cur_skip(&d->c, wire, mh_fields[f].label);
}

mh_entryid_kind mh_decode_entryid(mh_dec *d)
{
    eid e;
    if (!parse(d->c, &e))
        return MH_EID_NONE;
    static const char *const headings[] = { "", "Folder EntryID", "Message EntryID", "One-Off EntryID",
                                            "Address Book EntryID" };
    size_t start = mh_open(d, MH_F_ENTRYID, headings[e.kind]);
    mh_u32(d, MH_F_ENTRYID_FLAGS);
    const char *uid_note = NULL;
    if (e.kind == MH_EID_ADDRESS_BOOK)
        uid_note = "address book provider";
    else if (e.kind == MH_EID_ONE_OFF)
        uid_note = "one-off provider";
    else if (memcmp(e.uid, uid_public_store, 16) == 0)
        uid_note = "public folders store";
    else
        uid_note = "mailbox (its MailboxGuid)";
    guid_with_note(d, MH_F_ENTRYID_PROVIDER_UID, uid_note);
    switch (e.kind) {
    case MH_EID_FOLDER:
        mh_u16(d, MH_F_ENTRYID_FOLDER_TYPE);
        guid_with_note(d, MH_F_ENTRYID_DATABASE_GUID, NULL);
        global_counter(d, MH_F_ENTRYID_GLOBAL_COUNTER);
        mh_u16(d, MH_F_ENTRYID_PAD);
        break;
    case MH_EID_MESSAGE:
        mh_u16(d, MH_F_ENTRYID_MESSAGE_TYPE);
        guid_with_note(d, MH_F_ENTRYID_FOLDER_DATABASE_GUID, NULL);
        global_counter(d, MH_F_ENTRYID_FOLDER_GLOBAL_COUNTER);
        mh_u16(d, MH_F_ENTRYID_PAD);
        guid_with_note(d, MH_F_ENTRYID_MESSAGE_DATABASE_GUID, NULL);
        global_counter(d, MH_F_ENTRYID_MESSAGE_GLOBAL_COUNTER);
        mh_u16(d, MH_F_ENTRYID_PAD);
        break;
    case MH_EID_ADDRESS_BOOK:
        mh_u32(d, MH_F_ENTRYID_AB_VERSION);
        mh_u32(d, MH_F_ENTRYID_AB_TYPE);
        text_field(d, MH_F_ENTRYID_AB_X500DN, e.str[0], e.str_wire[0], 0);
        break;
    case MH_EID_ONE_OFF: {
        mh_u16(d, MH_F_ENTRYID_ONE_OFF_VERSION);
        size_t at = mh_cur_pos(&d->c);
        mh_cur_skip(&d->c, 2, "Flags");
        mh_emit_uint(d, MH_F_ENTRYID_ONE_OFF_MAE, at, 2, ONE_OFF_MAE(e.word), NULL);
        mh_emit_uint(d, MH_F_ENTRYID_ONE_OFF_FORMAT, at, 2, ONE_OFF_FORMAT(e.word), NULL);
        mh_emit_uint(d, MH_F_ENTRYID_ONE_OFF_M, at, 2, ONE_OFF_M(e.word), NULL);
        mh_emit_uint(d, MH_F_ENTRYID_ONE_OFF_U, at, 2, ONE_OFF_U(e.word), NULL);
        mh_emit_uint(d, MH_F_ENTRYID_ONE_OFF_R, at, 2, ONE_OFF_R(e.word), NULL);
        mh_emit_uint(d, MH_F_ENTRYID_ONE_OFF_L, at, 2, ONE_OFF_L(e.word), NULL);
        static const mh_field_id strs[3] = { MH_F_ENTRYID_ONE_OFF_DISPLAY_NAME, MH_F_ENTRYID_ONE_OFF_ADDRESS_TYPE,
                                             MH_F_ENTRYID_ONE_OFF_EMAIL_ADDRESS };
        for (int i = 0; i < 3; i++)
            text_field(d, strs[i], e.str[i], e.str_wire[i], ONE_OFF_U(e.word));
        break;
    }
    case MH_EID_NONE:
        break;
    }
    mh_close(d, start);
    return e.kind;
}

/* EntryID-valued binary properties whose canonical names do not say so ([MS-OXPROPS]). */
static const uint32_t entryid_tags[] = {
    0x68540102, /* PidTagWlinkAddressBookEID */
    0x68910102, /* PidTagWlinkAddressBookStoreEID */
};

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

int mh_is_entryid_property(uint32_t tag)
{
    for (size_t i = 0; i < sizeof entryid_tags / sizeof entryid_tags[0]; i++)
        if (entryid_tags[i] == tag)
            return 1;
    uint16_t type = (uint16_t)(tag & 0xFFFF);
    if (type != 0x0102 && type != 0x1102)
        return 0;
    const char *name = mh_property_tag_name(tag);
    if (!name)
        return 0;
    if (type == 0x0102)
        return ends_with(name, "EntryId") || ends_with(name, "EntryID");
    return ends_with(name, "EntryIds") || ends_with(name, "EntryIDs");
}
