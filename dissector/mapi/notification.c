/*
 * [MS-OXCNOTIF] 2.2.1.4.1.2 NotificationData: NotificationFlags (the NotificationType enumeration in the
 * low 12 bits, the availability flags T 0x1000, U 0x2000, S 0x4000, M 0x8000 in the high 4), then fields
 * present or absent according to the type, the flags and, for TableModified, the TableEventType
 * ([MS-OXCNOTIF] 2.2.1.1.1). Every field's condition below is the one the specification states for it.
 *
 * Where other implementations disagree with the specification it is followed: InsertAfterTableRowFolderID
 * depends on the TableEventType only (not on M); OldParentFolderId is present when M is NOT set; the
 * Reserved NotificationTypes bit 0x0400 is tested as a bit.
 *
 * The row of a TableRowAdded / TableRowModified event is a PropertyRow ([MS-OXCDATA] 2.8.1) with the
 * columns of the last successful RopSetColumns on the table the notification is for ([MS-OXCNOTIF]
 * 2.2.1.4.1.2 TableRowData; the table is the NotificationHandle, 2.2.1.4.1.1).
 */
#include "notification.h"

#include <stdio.h>
#include <string.h>

#include "../generated/tables.h"
#include "../session/session.h"
#include "ids.h"
#include "propvalue.h"

#define NT_NEW_MAIL 0x0002
#define NT_OBJECT_CREATED 0x0004
#define NT_OBJECT_DELETED 0x0008
#define NT_OBJECT_MODIFIED 0x0010
#define NT_OBJECT_MOVED 0x0020
#define NT_OBJECT_COPIED 0x0040
#define NT_SEARCH_COMPLETE 0x0080
#define NT_TABLE_MODIFIED 0x0100
#define NT_RESERVED 0x0400

#define FLAG_T 0x1000
#define FLAG_U 0x2000
#define FLAG_S 0x4000
#define FLAG_M 0x8000

#define TE_TABLE_CHANGED 0x0001
#define TE_ROW_ADDED 0x0003
#define TE_ROW_DELETED 0x0004
#define TE_ROW_MODIFIED 0x0005
#define TE_RESTRICTION_CHANGED 0x0007

/* [MS-OXCNOTIF] 2.2.1.2.1.1 NotificationTypes bits, named after the events of 2.2.1.1. */
static const mh_vs notification_types_vs[] = {
    { 0x0002, "NewMail" },        { 0x0004, "ObjectCreated" }, { 0x0008, "ObjectDeleted" },
    { 0x0010, "ObjectModified" }, { 0x0020, "ObjectMoved" },   { 0x0040, "ObjectCopied" },
    { 0x0080, "SearchComplete" }, { 0x0100, "TableModified" }, { 0x0400, "Extended" },
};
const mh_names mh_names_notification_types = MH_BITS(notification_types_vs);

/* [MS-OXCNOTIF] 2.2.1.4.1.2 NotificationType values (one of them); 0x0400 is reserved there. */
static const mh_vs notification_type_vs[] = {
    { 0x0002, "NewMail" },        { 0x0004, "ObjectCreated" }, { 0x0008, "ObjectDeleted" },
    { 0x0010, "ObjectModified" }, { 0x0020, "ObjectMoved" },   { 0x0040, "ObjectCopied" },
    { 0x0080, "SearchComplete" }, { 0x0100, "TableModified" }, { 0x0400, "Reserved" },
};
const mh_names mh_names_notification_type = MH_NAMES(notification_type_vs);

/* [MS-OXCNOTIF] 2.2.1.4.1.2 TableEventType values, named after 2.2.1.1.1. */
static const mh_vs table_event_type_vs[] = {
    { TE_TABLE_CHANGED, "TableChanged" },       { TE_ROW_ADDED, "TableRowAdded" },
    { TE_ROW_DELETED, "TableRowDeleted" },      { TE_ROW_MODIFIED, "TableRowModified" },
    { TE_RESTRICTION_CHANGED, "TableRestrictionChanged" },
};
const mh_names mh_names_table_event_type = MH_NAMES(table_event_type_vs);

size_t mh_notification_types_text(uint32_t types, char *out, size_t n)
{
    size_t o = 0;
    if (!n)
        return 0;
    out[0] = 0;
    for (size_t i = 0; i < sizeof notification_types_vs / sizeof notification_types_vs[0]; i++) {
        if (!(types & notification_types_vs[i].value))
            continue;
        int k = snprintf(out + o, n - o, "%s%s", o ? ", " : "", notification_types_vs[i].name);
        if (k < 0 || (size_t)k >= n - o)
            return strlen(out);
        o += (size_t)k;
    }
    if (!o) {
        snprintf(out, n, "none");
        o = strlen(out);
    }
    return o;
}

static int known_type(unsigned t)
{
    return mh_names_find(&mh_names_notification_type, t) != NULL;
}

/* NotificationFlags: the value, and its parts as generated fields over the same two bytes. */
static uint16_t notification_flags(mh_dec *d)
{
    size_t at = mh_cur_pos(&d->c);
    uint16_t v = mh_cur_u16(&d->c, "NotificationFlags");
    if (!mh_cur_ok(&d->c))
        return 0;
    mh_value val;
    memset(&val, 0, sizeof val);
    val.u = v;
    mh_open_at(d, MH_F_NOTIFICATION_FLAGS, at, &val, NULL);
    mh_emit_uint(d, MH_F_NOTIFICATION_TYPE, at, 2, v & 0x0FFF, NULL);
    mh_emit_uint(d, MH_F_NOTIFICATION_FLAG_T, at, 2, (v & FLAG_T) != 0, NULL);
    mh_emit_uint(d, MH_F_NOTIFICATION_FLAG_U, at, 2, (v & FLAG_U) != 0, NULL);
    mh_emit_uint(d, MH_F_NOTIFICATION_FLAG_S, at, 2, (v & FLAG_S) != 0, NULL);
    mh_emit_uint(d, MH_F_NOTIFICATION_FLAG_M, at, 2, (v & FLAG_M) != 0, NULL);
    mh_close_len(d, 2);
    return v;
}

/* Reports the flag combinations the specification forbids; the layout still follows the flags as sent. */
static void check_flags(mh_dec *d, size_t at, uint16_t flags)
{
    unsigned type = flags & 0x0FFF;
    if ((flags & (FLAG_T | FLAG_U)) && type != NT_OBJECT_MODIFIED)
        mh_problem(d, MH_PROB_MALFORMED, at, 2,
                   "NotificationFlags 0x%04X: T or U is set, so NotificationType MUST be 0x0010 ([MS-OXCNOTIF] "
                   "2.2.1.4.1.2); the counts are decoded as the flags say",
                   flags);
    if ((flags & FLAG_S) && !(flags & FLAG_M))
        mh_problem(d, MH_PROB_MALFORMED, at, 2,
                   "NotificationFlags 0x%04X: S is set, so M MUST be set too ([MS-OXCNOTIF] 2.2.1.4.1.2)", flags);
}

static const char *table_label(const mh_object *t, char *buf, size_t n)
{
    const char *by = mh_rop_ids[t->opened_by].name;
    snprintf(buf, n, "%s opened by %s", mh_obj_kind_name(t->kind), by ? by : "an unknown ROP");
    return buf;
}

/* TableRowData: a PropertyRow of TableRowDataSize bytes, with the table's columns. */
static int table_row(mh_dec *d, uint16_t size, uint32_t handle)
{
    mh_dec sub;
    size_t start = mh_cur_pos(&d->c);
    int whole = mh_dec_sub(d, size, "TableRowData", &sub);
    size_t node = mh_open(&sub, MH_F_NOTIFICATION_TABLE_ROW_DATA, NULL);
    mh_object *t = d->sess ? mh_objects_get(&d->sess->objects, handle) : NULL;
    char what[96];
    if (!t)
        mh_stop(&sub, MH_PROB_MISSING_CONTEXT, start,
                "TableRowData: NotificationHandle 0x%08X is not a known table (the ROP that opened it was not "
                "seen, or RopRelease freed it), so the columns of its RopSetColumns are unknown; the row is shown raw",
                handle);
    else if (t->kind != MH_OBJ_TABLE)
        mh_stop(&sub, MH_PROB_MISSING_CONTEXT, start,
                "TableRowData: NotificationHandle 0x%08X is a %s here, not a table, so the row's columns are "
                "unknown; the row is shown raw",
                handle, table_label(t, what, sizeof what));
    else if (!t->has_columns)
        mh_stop(&sub, MH_PROB_MISSING_CONTEXT, start,
                "TableRowData: no successful RopSetColumns was seen for table 0x%08X (%s), so the row's columns "
                "are unknown; the row is shown raw",
                handle, table_label(t, what, sizeof what));
    else if (!mh_decode_property_row(&sub, t->columns, t->ncolumns))
        mh_check(&sub, "TableRowData");
    else
        mh_check_leftover(&sub, "TableRowData (columns of the last RopSetColumns)");
    mh_close(&sub, node);
    return whole;
}

/* The TableModified part: TableEventType and the row fields it selects. */
static int table_event(mh_dec *d, uint16_t flags, uint32_t handle)
{
    size_t at = mh_cur_pos(&d->c);
    uint16_t ev = mh_u16(d, MH_F_NOTIFICATION_TABLE_EVENT_TYPE);
    if (!mh_cur_ok(&d->c))
        return 0;
    if (!mh_names_find(&mh_names_table_event_type, ev)) {
        mh_stop(d, MH_PROB_UNSUPPORTED, at,
                "TableEventType 0x%04X is not defined by [MS-OXCNOTIF] 2.2.1.4.1.2; the fields that follow depend "
                "on it, so the rest is shown raw",
                ev);
        return 0;
    }
    int m = (flags & FLAG_M) != 0;
    int row_event = ev == TE_ROW_ADDED || ev == TE_ROW_DELETED || ev == TE_ROW_MODIFIED;
    int row_data = ev == TE_ROW_ADDED || ev == TE_ROW_MODIFIED;
    if (row_event)
        mh_folder_id(d, MH_F_NOTIFICATION_TABLE_ROW_FOLDER_ID, NULL);
    if (row_event && m) {
        mh_folder_id(d, MH_F_NOTIFICATION_TABLE_ROW_MESSAGE_ID, NULL);
        mh_u32(d, MH_F_NOTIFICATION_TABLE_ROW_INSTANCE);
    }
    if (row_data)
        mh_folder_id(d, MH_F_NOTIFICATION_INSERT_AFTER_TABLE_ROW_FOLDER_ID, NULL);
    if (row_data && m) {
        mh_folder_id(d, MH_F_NOTIFICATION_INSERT_AFTER_TABLE_ROW_ID, NULL);
        mh_u32(d, MH_F_NOTIFICATION_INSERT_AFTER_TABLE_ROW_INSTANCE);
    }
    if (!row_data || !mh_cur_ok(&d->c))
        return mh_cur_ok(&d->c); /* no row: the table's columns are not needed */
    uint16_t size = mh_u16(d, MH_F_NOTIFICATION_TABLE_ROW_DATA_SIZE);
    if (!mh_cur_ok(&d->c))
        return 0;
    return table_row(d, size, handle);
}

/* Tags: TagCount property tags, shown with the shared property tag field. */
static void tags(mh_dec *d, uint16_t n)
{
    size_t node = mh_open(d, MH_F_NOTIFICATION_TAGS, NULL);
    for (uint16_t i = 0; i < n && mh_cur_ok(&d->c); i++)
        mh_u32(d, MH_F_PROPERTY_TAG);
    mh_close(d, node);
}

/* The NewMail part: MessageFlags, UnicodeFlag and the MessageClass it selects. */
static int new_mail(mh_dec *d)
{
    mh_u32(d, MH_F_NOTIFICATION_MESSAGE_FLAGS);
    size_t at = mh_cur_pos(&d->c);
    uint8_t unicode = mh_u8(d, MH_F_NOTIFICATION_UNICODE_FLAG);
    if (!mh_cur_ok(&d->c))
        return 0;
    if (unicode == 0x01)
        mh_utf16z(d, MH_F_NOTIFICATION_MESSAGE_CLASS);
    else if (unicode == 0x00)
        mh_asciiz(d, MH_F_NOTIFICATION_MESSAGE_CLASS);
    else {
        mh_stop(d, MH_PROB_MALFORMED, at,
                "UnicodeFlag 0x%02X is neither FALSE (0x00) nor TRUE (0x01), so the encoding of MessageClass is "
                "unknown ([MS-OXCNOTIF] 2.2.1.4.1.2)",
                unicode);
        return 0;
    }
    return mh_cur_ok(&d->c);
}

int mh_decode_notification_data(mh_dec *d, uint32_t handle)
{
    size_t node = mh_open(d, MH_F_NOTIFICATION_DATA, NULL);
    size_t at = mh_cur_pos(&d->c);
    uint16_t flags = notification_flags(d);
    int ok = mh_cur_ok(&d->c);
    unsigned type = flags & 0x0FFF;
    if (ok && !known_type(type)) {
        mh_stop(d, MH_PROB_UNSUPPORTED, mh_cur_pos(&d->c),
                "NotificationType 0x%04X is not defined by [MS-OXCNOTIF] 2.2.1.4.1.2; the fields that follow depend "
                "on it, so the rest is shown raw",
                type);
        ok = 0;
    }
    if (ok)
        check_flags(d, at, flags);
    int m = (flags & FLAG_M) != 0, s = (flags & FLAG_S) != 0;
    int moved_copied = type == NT_OBJECT_MOVED || type == NT_OBJECT_COPIED;
    if (ok && type == NT_TABLE_MODIFIED)
        ok = table_event(d, flags, handle);
    if (ok && type != NT_TABLE_MODIFIED && type != NT_RESERVED) {
        mh_folder_id(d, MH_F_FOLDER_ID, NULL);
        if (m)
            mh_folder_id(d, MH_F_MESSAGE_ID, NULL);
    }
    /* ParentFolderId: created, deleted, moved or copied, for a message in a search folder (S and M) or for a
     * folder (neither) */
    if (ok && (type == NT_OBJECT_CREATED || type == NT_OBJECT_DELETED || moved_copied) && s == m)
        mh_folder_id(d, MH_F_NOTIFICATION_PARENT_FOLDER_ID, NULL);
    if (ok && moved_copied) {
        mh_folder_id(d, MH_F_NOTIFICATION_OLD_FOLDER_ID, NULL);
        mh_folder_id(d, m ? MH_F_NOTIFICATION_OLD_MESSAGE_ID : MH_F_NOTIFICATION_OLD_PARENT_FOLDER_ID, NULL);
    }
    if (ok && (type == NT_OBJECT_CREATED || type == NT_OBJECT_MODIFIED)) {
        size_t tc = mh_cur_pos(&d->c);
        uint16_t n = mh_cur_u16(&d->c, "TagCount");
        if (mh_cur_ok(&d->c)) {
            /* 0x0000 and 0xFFFF both mean no Tags field follows */
            mh_emit_uint(d, MH_F_NOTIFICATION_TAG_COUNT, tc, 2, n, n == 0xFFFF ? "0xFFFF: no Tags" : NULL);
            if (n != 0x0000 && n != 0xFFFF)
                tags(d, n);
        }
    }
    if (ok && (flags & FLAG_T))
        mh_u32(d, MH_F_NOTIFICATION_TOTAL_MESSAGE_COUNT);
    if (ok && (flags & FLAG_U))
        mh_u32(d, MH_F_NOTIFICATION_UNREAD_MESSAGE_COUNT);
    if (ok && type == NT_NEW_MAIL && mh_cur_ok(&d->c))
        ok = new_mail(d);
    mh_close(d, node);
    return ok && mh_cur_ok(&d->c);
}
