/*
 * RopNotify's NotificationData ([MS-OXCNOTIF] 2.2.1.4.1.2) and the session context it needs: table rows of
 * TableModified events decoded with the columns of the table's last successful RopSetColumns
 * ([MS-OXCROPS] 2.2.5.1) seen in an earlier Execute, the missing context problem when that RopSetColumns
 * or the table itself was not seen or was released (RopRelease, 2.2.15.3); RopRegisterNotification
 * (2.2.14.1) creating a subscription that later notifications name; and the stream ROPs' objects
 * (RopOpenStream 2.2.9.1, RopCloneStream 2.2.9.13). Every buffer is encoded from the sections named.
 */
#include "builder.h"
#include "check.h"
#include "mapihttp.h"
#include "record_sink.h"
#include "core/registry.h"
#include "mapi/notification.h"
#include "session/session.h"

static rec_sink rec;

#define TABLE 0x00000045u
#define SUBSCRIPTION 0x00000077u

static int decode(mh_session *s, int response, const bld *rops, const uint32_t *handles, size_t nh,
                  const char *request_id)
{
    bld body;
    b_execute_body(&body, response, rops, handles, nh);
    mh_header h[1] = { { "X-RequestId", 11, request_id, request_id ? strlen(request_id) : 0 } };
    return rec_decode(&rec, s, response, MH_RT_EXECUTE, request_id ? h : NULL, request_id ? 1 : 0, body.b, body.n,
                      1, NULL);
}

static void fid(bld *b, uint16_t replica, uint8_t low)
{
    b_u16(b, replica); /* [MS-OXCDATA] 2.2.1.1: ReplicaId, then the 6-byte GlobalCounter */
    b_u8(b, 0); b_u8(b, 0); b_u8(b, 0); b_u8(b, 0); b_u8(b, 0); b_u8(b, low);
}

/* Stands in for the RopGetContentsTable that opened the table (the table family decodes it): the session
 * knows handle 0x45 as a table without columns. */
static void known_table(mh_session *s)
{
    mh_object *t = mh_objects_put(&s->objects, TABLE);
    t->kind = MH_OBJ_TABLE;
    t->opened_by = 0x05;
}

/* RopSetColumns (2.2.5.1.1) on index 0 with PidTagSubject and PidTagMessageSize, answered with success
 * (2.2.5.1.2: TableStatus TBLSTAT_COMPLETE) in its own Execute. */
static void set_columns(mh_session *s, uint32_t return_value)
{
    uint32_t handles[1] = { TABLE };
    bld rq = { { 0 }, 0 };
    b_u8(&rq, 0x12); b_u8(&rq, 0); b_u8(&rq, 0);
    b_u8(&rq, 0x00);        /* SetColumnsFlags TBL_SYNC */
    b_u16(&rq, 2);
    b_u32(&rq, 0x0037001F); /* PidTagSubject */
    b_u32(&rq, 0x0E080003); /* PidTagMessageSize */
    CHECK_EQ(decode(s, 0, &rq, handles, 1, "{10000000-0000-0000-0000-000000000001}:1"), 0);
    bld rs = { { 0 }, 0 };
    b_u8(&rs, 0x12); b_u8(&rs, 0); b_u32(&rs, return_value);
    if (return_value == 0)
        b_u8(&rs, 0x00);
    CHECK_EQ(decode(s, 1, &rs, handles, 1, "{10000000-0000-0000-0000-000000000001}:1"), 0);
}

/* A RopNotify (2.2.14.2.1) for the table: NotificationFlags 0x8100 (M, TableModified), TableEventType
 * TableRowAdded, TableRowFolderID, TableRowMessageID, TableRowInstance, InsertAfterTableRowFolderID,
 * InsertAfterTableRowID, InsertAfterTableRowInstance, TableRowDataSize, TableRowData: a StandardPropertyRow
 * ([MS-OXCDATA] 2.8.1.1) with "Hi" (PtypString) and 42 (PtypInteger32). Then a RopPending (2.2.14.3.1), which
 * must decode whatever happened to the row. No request precedes it: RopNotify is server-only. */
static int row_added_notification(mh_session *s)
{
    bld row = { { 0 }, 0 };
    b_u8(&row, 0x00);
    b_utf16z(&row, "Hi");
    b_u32(&row, 42);
    bld r = { { 0 }, 0 };
    b_u8(&r, 0x2A);
    b_u32(&r, TABLE);
    b_u8(&r, 0);            /* LogonId */
    b_u16(&r, 0x8100);
    b_u16(&r, 0x0003);      /* TableRowAdded */
    fid(&r, 1, 0xA5);       /* TableRowFolderID */
    fid(&r, 1, 0x34);       /* TableRowMessageID */
    b_u32(&r, 7);           /* TableRowInstance */
    fid(&r, 1, 0xA5);       /* InsertAfterTableRowFolderID */
    fid(&r, 1, 0x33);       /* InsertAfterTableRowID */
    b_u32(&r, 0);           /* InsertAfterTableRowInstance */
    b_u16(&r, (uint16_t)row.n);
    b_raw(&r, row.b, row.n);
    b_u8(&r, 0x6E);         /* RopPending */
    b_u16(&r, 3);           /* SessionIndex */
    uint32_t handles[1] = { TABLE };
    return decode(s, 1, &r, handles, 1, NULL);
}

static void test_row_with_columns_from_earlier_execute(void)
{
    mh_session s;
    mh_session_init(&s);
    known_table(&s);
    set_columns(&s, 0);
    CHECK_EQ(row_added_notification(&s), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.notify.notification_handle", 0), "0x00000045");
    const rec_event *h = rec_find(&rec, "mapihttp.rop.notify.notification_handle", 0);
    CHECK(h && strstr(h->note, "table opened by RopGetContentsTable (2 columns)"));
    CHECK_STR(rec_value(&rec, "mapihttp.notification_data.notification_flags.notification_type", 0),
              "TableModified (0x0100)");
    CHECK_STR(rec_value(&rec, "mapihttp.notification_data.notification_flags.m", 0), "True");
    CHECK_STR(rec_value(&rec, "mapihttp.notification_data.table_event_type", 0), "TableRowAdded (0x0003)");
    CHECK_STR(rec_value(&rec, "mapihttp.notification_data.table_row_folder_id", 0), "0001-0000000000A5");
    CHECK_STR(rec_value(&rec, "mapihttp.notification_data.table_row_message_id", 0), "0001-000000000034");
    CHECK_STR(rec_value(&rec, "mapihttp.notification_data.table_row_instance", 0), "0x00000007");
    CHECK_STR(rec_value(&rec, "mapihttp.notification_data.insert_after_table_row_id", 0), "0001-000000000033");
    CHECK_STR(rec_value(&rec, "mapihttp.notification_data.table_row_data_size", 0), "11");
    CHECK_STR(rec_value(&rec, "mapihttp.property_value", 0), "PidTagSubject (0x0037001F)");
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "Hi");
    CHECK_STR(rec_value(&rec, "mapihttp.property_value", 1), "PidTagMessageSize (0x0E080003)");
    CHECK_STR(rec_value(&rec, "mapihttp.value.int32", 0), "42");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.pending.session_index", 0), "3");
    CHECK_EQ(rec_problems(&rec), 0);
    mh_session_free(&s);
}

static void test_row_without_set_columns(void)
{
    mh_session s;
    mh_session_init(&s);
    known_table(&s);
    CHECK_EQ(row_added_notification(&s), 1);
    const char *msg = rec_problem(&rec, MH_PROB_MISSING_CONTEXT);
    CHECK(msg && strstr(msg, "no successful RopSetColumns was seen for table 0x00000045") &&
          strstr(msg, "opened by RopGetContentsTable"));
    const rec_event *e = rec_find(&rec, "mapihttp.problem", 0);
    CHECK(e && e->len == 11);                        /* exactly the row's bytes are shown raw */
    CHECK(rec_find(&rec, "mapihttp.property_value", 0) == NULL);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.pending.session_index", 0), "3"); /* the list goes on */
    mh_session_free(&s);
}

static void test_failed_set_columns_does_not_commit(void)
{
    mh_session s;
    mh_session_init(&s);
    known_table(&s);
    set_columns(&s, 0x80040102); /* ecNotSupported: the columns did not take effect */
    CHECK_EQ(row_added_notification(&s), 1);
    CHECK(rec_problem(&rec, MH_PROB_MISSING_CONTEXT) != NULL);
    mh_session_free(&s);
}

static void test_row_after_release(void)
{
    mh_session s;
    mh_session_init(&s);
    known_table(&s);
    set_columns(&s, 0);
    /* RopRelease of the table (2.2.15.3.1); its Execute response has no ROP for it, only the handle table */
    uint32_t handles[1] = { TABLE };
    bld rq = { { 0 }, 0 };
    b_u8(&rq, 0x01); b_u8(&rq, 0); b_u8(&rq, 0);
    CHECK_EQ(decode(&s, 0, &rq, handles, 1, "{10000000-0000-0000-0000-000000000001}:2"), 0);
    bld rs = { { 0 }, 0 };
    CHECK_EQ(decode(&s, 1, &rs, handles, 1, "{10000000-0000-0000-0000-000000000001}:2"), 0);
    CHECK_EQ(row_added_notification(&s), 1);
    const char *msg = rec_problem(&rec, MH_PROB_MISSING_CONTEXT);
    CHECK(msg && strstr(msg, "0x00000045 is not a known table") && strstr(msg, "RopRelease"));
    mh_session_free(&s);
}

static void test_rowless_events_need_no_columns(void)
{
    mh_session s;
    mh_session_init(&s); /* the table is not known at all */
    bld r = { { 0 }, 0 };
    b_u8(&r, 0x2A); b_u32(&r, TABLE); b_u8(&r, 0);
    b_u16(&r, 0x0100); b_u16(&r, 0x0001);           /* TableChanged: nothing follows */
    b_u8(&r, 0x2A); b_u32(&r, TABLE); b_u8(&r, 0);
    b_u16(&r, 0x8100); b_u16(&r, 0x0004);           /* TableRowDeleted with M */
    fid(&r, 1, 0xA5); fid(&r, 1, 0x34); b_u32(&r, 9);
    b_u8(&r, 0x2A); b_u32(&r, TABLE); b_u8(&r, 0);
    b_u16(&r, 0x0100); b_u16(&r, 0x0007);           /* TableRestrictionChanged */
    uint32_t handles[1] = { TABLE };
    CHECK_EQ(decode(&s, 1, &r, handles, 1, NULL), 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.rop.notify.notification_handle"), 3);
    CHECK_STR(rec_value(&rec, "mapihttp.notification_data.table_event_type", 1), "TableRowDeleted (0x0004)");
    CHECK_STR(rec_value(&rec, "mapihttp.notification_data.table_row_instance", 0), "0x00000009");
    CHECK(rec_find(&rec, "mapihttp.notification_data.table_row_data_size", 0) == NULL);
    CHECK_EQ(rec_problems(&rec), 0);
    mh_session_free(&s);
}

static void test_row_without_m_and_flagged_row(void)
{
    /* TableRowModified without M (a folder table): TableRowFolderID, InsertAfterTableRowFolderID,
     * TableRowDataSize, TableRowData; no message ids or instances. The row is a FlaggedPropertyRow
     * ([MS-OXCDATA] 2.8.1.2): the subject is missing (flag 0x01), the size present (flag 0x00). */
    mh_session s;
    mh_session_init(&s);
    known_table(&s);
    set_columns(&s, 0);
    bld r = { { 0 }, 0 };
    b_u8(&r, 0x2A); b_u32(&r, TABLE); b_u8(&r, 0);
    b_u16(&r, 0x0100); b_u16(&r, 0x0005);
    fid(&r, 1, 0xA5);
    fid(&r, 1, 0xA4);
    b_u16(&r, 7);
    b_u8(&r, 0x01); b_u8(&r, 0x01); b_u8(&r, 0x00); b_u32(&r, 5);
    uint32_t handles[1] = { TABLE };
    CHECK_EQ(decode(&s, 1, &r, handles, 1, NULL), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.notification_data.insert_after_table_row_folder_id", 0), "0001-0000000000A4");
    CHECK(rec_find(&rec, "mapihttp.notification_data.table_row_message_id", 0) == NULL);
    CHECK(rec_find(&rec, "mapihttp.notification_data.insert_after_table_row_id", 0) == NULL);
    CHECK_STR(rec_value(&rec, "mapihttp.property_value.flag", 0), "Value not present (0x01)");
    CHECK_STR(rec_value(&rec, "mapihttp.value.int32", 0), "5");
    /* a row shorter than its TableRowDataSize is malformed, and only the row is affected */
    r.b[r.n - 6] = 0x00; /* the subject's flag now says a PtypString follows: it eats the size column */
    CHECK_EQ(decode(&s, 1, &r, handles, 1, NULL) > 0, 1);
    CHECK(rec_problem(&rec, MH_PROB_MALFORMED) != NULL);
    mh_session_free(&s);
}

static void test_subscription_and_object_notifications(void)
{
    mh_session s;
    mh_session_init(&s);
    /* RopRegisterNotification (2.2.14.1.1): NotificationTypes 0x0024 (ObjectCreated, ObjectMoved), the
     * Extended bit absent so no Reserved byte, WantWholeStore FALSE, FolderId, MessageId */
    uint32_t rq_handles[2] = { 0x12, 0xFFFFFFFF };
    bld rq = { { 0 }, 0 };
    b_u8(&rq, 0x29); b_u8(&rq, 0); b_u8(&rq, 0); b_u8(&rq, 1);
    b_u16(&rq, 0x0024);
    b_u8(&rq, 0x00);
    fid(&rq, 1, 0xA5);
    fid(&rq, 0, 0);
    CHECK_EQ(decode(&s, 0, &rq, rq_handles, 2, "{10000000-0000-0000-0000-000000000001}:3"), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.register_notification.notification_types", 0),
              "0x0024 (ObjectCreated, ObjectMoved)");
    CHECK(rec_find(&rec, "mapihttp.rop.register_notification.reserved", 0) == NULL);
    CHECK_STR(rec_value(&rec, "mapihttp.folder_id", 0), "0001-0000000000A5");
    /* 2.2.14.1.2 success, then in the same response buffer an ObjectMoved for a message (M): FolderId,
     * MessageId, OldFolderId, OldMessageId; then an ObjectMoved for a folder: FolderId, ParentFolderId (S and
     * M clear), OldFolderId, OldParentFolderId (M clear) */
    uint32_t rs_handles[2] = { 0x12, SUBSCRIPTION };
    bld rs = { { 0 }, 0 };
    b_u8(&rs, 0x29); b_u8(&rs, 1); b_u32(&rs, 0);
    b_u8(&rs, 0x2A); b_u32(&rs, SUBSCRIPTION); b_u8(&rs, 0);
    b_u16(&rs, 0x8020);
    fid(&rs, 1, 0xA5); fid(&rs, 1, 0x34); fid(&rs, 1, 0xA6); fid(&rs, 1, 0x30);
    b_u8(&rs, 0x2A); b_u32(&rs, SUBSCRIPTION); b_u8(&rs, 0);
    b_u16(&rs, 0x0020);
    fid(&rs, 1, 0xB0); fid(&rs, 1, 0xA5); fid(&rs, 1, 0xB1); fid(&rs, 1, 0xA6);
    CHECK_EQ(decode(&s, 1, &rs, rs_handles, 2, "{10000000-0000-0000-0000-000000000001}:3"), 0);
    const rec_event *h = rec_find(&rec, "mapihttp.rop.notify.notification_handle", 0);
    /* (the recording sink keeps the first 95 bytes of a note) */
    CHECK(h && strstr(h->note, "notification subscription on 0001-0000000000A5 opened by RopRegisterNotification"));
    char types[64];
    mh_notification_types_text(0x0024, types, sizeof types);
    CHECK_STR(types, "ObjectCreated, ObjectMoved");
    CHECK_STR(rec_value(&rec, "mapihttp.notification_data.old_message_id", 0), "0001-000000000030");
    CHECK(rec_find(&rec, "mapihttp.notification_data.parent_folder_id", 1) == NULL);
    CHECK_STR(rec_value(&rec, "mapihttp.notification_data.parent_folder_id", 0), "0001-0000000000A5");
    CHECK_STR(rec_value(&rec, "mapihttp.notification_data.old_folder_id", 1), "0001-0000000000B1");
    CHECK_STR(rec_value(&rec, "mapihttp.notification_data.old_parent_folder_id", 0), "0001-0000000000A6");
    CHECK_EQ(rec_count(&rec, "mapihttp.notification_data.old_parent_folder_id"), 1);
    const mh_object *o = mh_objects_get(&s.objects, SUBSCRIPTION);
    CHECK(o && o->kind == MH_OBJ_NOTIFICATION && o->info == 0x0024);
    mh_session_free(&s);
}

static void test_new_mail_and_counts(void)
{
    /* NewMail (0x0002) without M: FolderId, MessageFlags, UnicodeFlag FALSE, MessageClass in 8 bits; then an
     * ObjectModified with T and U: FolderId, TagCount 1, Tags, TotalMessageCount, UnreadMessageCount */
    bld r = { { 0 }, 0 };
    b_u8(&r, 0x2A); b_u32(&r, SUBSCRIPTION); b_u8(&r, 0);
    b_u16(&r, 0x0002);
    fid(&r, 1, 0xA5);
    b_u32(&r, 0x00000001);
    b_u8(&r, 0x00);
    b_asciiz(&r, "IPM.Note");
    b_u8(&r, 0x2A); b_u32(&r, SUBSCRIPTION); b_u8(&r, 0);
    b_u16(&r, 0x3010);
    fid(&r, 1, 0xA5);
    b_u16(&r, 1); b_u32(&r, 0x36020003);
    b_u32(&r, 12); b_u32(&r, 4);
    uint32_t handles[1] = { SUBSCRIPTION };
    CHECK_EQ(decode(NULL, 1, &r, handles, 1, NULL), 0);
    CHECK(rec_find(&rec, "mapihttp.message_id", 0) == NULL);
    CHECK_STR(rec_value(&rec, "mapihttp.notification_data.message_flags", 0), "0x00000001 (mfRead)");
    CHECK_STR(rec_value(&rec, "mapihttp.notification_data.unicode_flag", 0), "False");
    CHECK_STR(rec_value(&rec, "mapihttp.notification_data.message_class", 0), "IPM.Note");
    CHECK_STR(rec_value(&rec, "mapihttp.property_tag", 0), "PidTagContentCount (0x36020003)");
    CHECK_STR(rec_value(&rec, "mapihttp.notification_data.total_message_count", 0), "12");
    CHECK_STR(rec_value(&rec, "mapihttp.notification_data.unread_message_count", 0), "4");
    CHECK_STR(rec_value(&rec, "mapihttp.notification_data.notification_flags.t", 1), "True");
}

static void test_undefined_layouts_stop(void)
{
    /* an unknown NotificationType, an unknown TableEventType, and a UnicodeFlag that is neither 0 nor 1 each
     * decide what follows: the rest of the list is shown raw (a ROP has no length) */
    uint32_t handles[1] = { SUBSCRIPTION };
    bld r = { { 0 }, 0 };
    b_u8(&r, 0x2A); b_u32(&r, SUBSCRIPTION); b_u8(&r, 0);
    b_u16(&r, 0x0200);
    fid(&r, 1, 0xA5);
    CHECK_EQ(decode(NULL, 1, &r, handles, 1, NULL), 1);
    CHECK(rec_problem(&rec, MH_PROB_UNSUPPORTED) != NULL);
    bld t = { { 0 }, 0 };
    b_u8(&t, 0x2A); b_u32(&t, TABLE); b_u8(&t, 0);
    b_u16(&t, 0x0100); b_u16(&t, 0x0002);
    b_u8(&t, 0x6E); b_u16(&t, 1);
    CHECK_EQ(decode(NULL, 1, &t, handles, 1, NULL), 1);
    const char *msg = rec_problem(&rec, MH_PROB_UNSUPPORTED);
    CHECK(msg && strstr(msg, "TableEventType 0x0002"));
    CHECK(rec_find(&rec, "mapihttp.rop.pending.session_index", 0) == NULL);
    bld u = { { 0 }, 0 };
    b_u8(&u, 0x2A); b_u32(&u, SUBSCRIPTION); b_u8(&u, 0);
    b_u16(&u, 0x0002); fid(&u, 1, 0xA5); b_u32(&u, 0); b_u8(&u, 0x02); b_asciiz(&u, "IPM.Note");
    CHECK_EQ(decode(NULL, 1, &u, handles, 1, NULL), 1);
    CHECK(rec_problem(&rec, MH_PROB_MALFORMED) != NULL);
    /* S without M is against the specification but does not change the layout */
    bld v = { { 0 }, 0 };
    b_u8(&v, 0x2A); b_u32(&v, SUBSCRIPTION); b_u8(&v, 0);
    b_u16(&v, 0x4080); fid(&v, 1, 0xAB);
    b_u8(&v, 0x6E); b_u16(&v, 1);
    CHECK_EQ(decode(NULL, 1, &v, handles, 1, NULL), 1);
    CHECK(rec_problem(&rec, MH_PROB_MALFORMED) != NULL);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.pending.session_index", 0), "1");
}

static void test_stream_objects(void)
{
    /* RopOpenStream (2.2.9.1) on a known message creates a stream carrying the message's ids and
     * property; RopCloneStream (2.2.9.13) on it creates another; a later RopReadStream names the stream. */
    mh_session s;
    mh_session_init(&s);
    mh_object *m = mh_objects_put(&s.objects, 0x45);
    m->kind = MH_OBJ_MESSAGE;
    m->opened_by = 0x03;
    m->folder_id = 0xA500000000000001ull;  /* wire bytes 01 00 00 00 00 00 00 A5, as mh_folder_id packs them */
    m->message_id = 0x3400000000000001ull; /* 0001-000000000034 */
    uint32_t rq_handles[2] = { 0x45, 0xFFFFFFFF };
    bld rq = { { 0 }, 0 };
    b_u8(&rq, 0x2B); b_u8(&rq, 0); b_u8(&rq, 0); b_u8(&rq, 1); b_u32(&rq, 0x1000001F); b_u8(&rq, 0x00);
    CHECK_EQ(decode(&s, 0, &rq, rq_handles, 2, "{10000000-0000-0000-0000-000000000001}:4"), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.open_stream.open_mode_flags", 0), "ReadOnly (0x00)");
    uint32_t rs_handles[2] = { 0x45, 0x46 };
    bld rs = { { 0 }, 0 };
    b_u8(&rs, 0x2B); b_u8(&rs, 1); b_u32(&rs, 0); b_u32(&rs, 10);
    CHECK_EQ(decode(&s, 1, &rs, rs_handles, 2, "{10000000-0000-0000-0000-000000000001}:4"), 0);
    const mh_object *st = mh_objects_get(&s.objects, 0x46);
    CHECK(st && st->kind == MH_OBJ_STREAM && st->opened_by == 0x2B && st->info == 0x1000001F &&
          st->message_id == 0x3400000000000001ull);
    /* RopCloneStream in a later Execute: index 1 is the stream, index 2 gets the clone */
    uint32_t cq_handles[3] = { 0x45, 0x46, 0xFFFFFFFF };
    bld cq = { { 0 }, 0 };
    b_u8(&cq, 0x3B); b_u8(&cq, 0); b_u8(&cq, 1); b_u8(&cq, 2);
    CHECK_EQ(decode(&s, 0, &cq, cq_handles, 3, "{10000000-0000-0000-0000-000000000001}:7"), 0);
    uint32_t cs_handles[3] = { 0x45, 0x46, 0x47 };
    bld cs = { { 0 }, 0 };
    b_u8(&cs, 0x3B); b_u8(&cs, 2); b_u32(&cs, 0);
    CHECK_EQ(decode(&s, 1, &cs, cs_handles, 3, "{10000000-0000-0000-0000-000000000001}:7"), 0);
    const mh_object *cl = mh_objects_get(&s.objects, 0x47);
    CHECK(cl && cl->kind == MH_OBJ_STREAM && cl->opened_by == 0x3B && cl->info == 0x1000001F);
    /* RopReadStream on the clone: the handle note says what it is */
    uint32_t h2[3] = { 0x45, 0x46, 0x47 };
    bld rd = { { 0 }, 0 };
    b_u8(&rd, 0x2C); b_u8(&rd, 0); b_u8(&rd, 2); b_u16(&rd, 0xBABE); b_u32(&rd, 0x1000);
    CHECK_EQ(decode(&s, 0, &rd, h2, 3, "{10000000-0000-0000-0000-000000000001}:5"), 0);
    const rec_event *e = rec_find(&rec, "mapihttp.rop.input_handle_index", 0);
    CHECK(e && strstr(e->note, "= stream 0001-0000000000A5/0001-000000000034 opened by RopCloneStream"));
    CHECK_STR(rec_value(&rec, "mapihttp.rop.read_stream.maximum_byte_count", 0), "4096");
    /* a failed read still carries DataSize (2.2.9.2.2 has one response buffer) */
    bld rf = { { 0 }, 0 };
    b_u8(&rf, 0x2C); b_u8(&rf, 2); b_u32(&rf, 0x80030005); b_u16(&rf, 0);
    CHECK_EQ(decode(&s, 1, &rf, h2, 3, "{10000000-0000-0000-0000-000000000001}:5"), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.read_stream.data_size", 0), "0");
    /* a failed RopOpenStream (2.2.9.1.3) creates nothing */
    bld rq2 = { { 0 }, 0 };
    b_u8(&rq2, 0x2B); b_u8(&rq2, 0); b_u8(&rq2, 0); b_u8(&rq2, 1); b_u32(&rq2, 0x1000001F); b_u8(&rq2, 0x02);
    uint32_t h3[2] = { 0x45, 0xFFFFFFFF };
    decode(&s, 0, &rq2, h3, 2, "{10000000-0000-0000-0000-000000000001}:6");
    bld rs2 = { { 0 }, 0 };
    b_u8(&rs2, 0x2B); b_u8(&rs2, 1); b_u32(&rs2, 0x8004010F);
    uint32_t h4[2] = { 0x45, 0x48 };
    CHECK_EQ(decode(&s, 1, &rs2, h4, 2, "{10000000-0000-0000-0000-000000000001}:6"), 0);
    CHECK(mh_objects_get(&s.objects, 0x48) == NULL);
    CHECK(rec_find(&rec, "mapihttp.rop.open_stream.stream_size", 0) == NULL);
    mh_session_free(&s);
}

int main(void)
{
    char why[256];
    CHECK_EQ(mh_registry_check(why, sizeof why), 0);
    RUN(test_row_with_columns_from_earlier_execute);
    RUN(test_row_without_set_columns);
    RUN(test_failed_set_columns_does_not_commit);
    RUN(test_row_after_release);
    RUN(test_rowless_events_need_no_columns);
    RUN(test_row_without_m_and_flagged_row);
    RUN(test_subscription_and_object_notifications);
    RUN(test_new_mail_and_counts);
    RUN(test_undefined_layouts_stop);
    RUN(test_stream_objects);
    return check_report();
}
