/*
 * Permission ROPs, [MS-OXCROPS] 2.2.10: RopModifyPermissions (2.2.10.1.1) with PermissionData rows
 * (2.2.10.1.1.1, [MS-OXCPERM] 2.2.2.1.1: PermissionDataFlags AddRow 0x01 / ModifyRow 0x02 / RemoveRow 0x04,
 * PropertyValueCount, TaggedPropertyValues), PidTagMemberRights flags ([MS-OXCPERM] 2.2.7: ReadAny 0x1,
 * Create 0x2, EditOwned 0x8, DeleteOwned 0x10, EditAny 0x20, DeleteAny 0x40, CreateSubFolder 0x80,
 * FolderOwner 0x100, FolderContact 0x200, FolderVisible 0x400, FreeBusySimple 0x800, FreeBusyDetailed
 * 0x1000), the reserved PidTagMemberId values of 2.2.6 (0 default, -1 anonymous); and
 * RopGetPermissionsTable (2.2.10.2), whose success opens a table at OutputHandleIndex.
 */
#include "builder.h"
#include "check.h"
#include "mapihttp.h"
#include "record_sink.h"

static rec_sink rec;

static int exec(mh_session *s, int response, const bld *rops, const uint32_t *handles, size_t nh, const char *id)
{
    bld body;
    b_execute_body(&body, response, rops, handles, nh);
    mh_header h[1] = { { "X-RequestId", 11, id, id ? strlen(id) : 0 } };
    return rec_decode(&rec, s, response, MH_RT_EXECUTE, id ? h : NULL, id ? 1 : 0, body.b, body.n, 1, NULL);
}

static const uint32_t h1[1] = { 0x00000045 };
#define RID "{00000000-0000-0000-0000-000000000001}:1"

static void test_modify_permissions(void)
{
    bld r = { { 0 }, 0 };
    b_u8(&r, 0x40);
    b_u8(&r, 0);
    b_u8(&r, 0);
    b_u8(&r, 0x03); /* ModifyFlags: ReplaceRows | IncludeFreeBusy */
    b_u16(&r, 2);
    /* AddRow: PidTagEntryId (an Address Book EntryID, [MS-OXCDATA] 2.2.5.2) and PidTagMemberRights */
    b_u8(&r, 0x01);
    b_u16(&r, 2);
    b_u32(&r, 0x0FFF0102);
    static const uint8_t ab_uid[16] = { 0xDC, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A,
                                        0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1, 0x82 };
    const char *dn = "/o=Org/cn=u";
    b_u16(&r, (uint16_t)(28 + strlen(dn) + 1));
    b_u32(&r, 0);
    b_raw(&r, ab_uid, 16);
    b_u32(&r, 1);
    b_u32(&r, 0);
    b_asciiz(&r, dn);
    b_u32(&r, 0x66730003);
    b_u32(&r, 0x00000503); /* ReadAny | Create | FolderOwner | FolderVisible */
    /* ModifyRow of the anonymous user: PidTagMemberId -1, rights 0 */
    b_u8(&r, 0x02);
    b_u16(&r, 2);
    b_u32(&r, 0x66710014);
    b_u64(&r, 0xFFFFFFFFFFFFFFFFull);
    b_u32(&r, 0x66730003);
    b_u32(&r, 0);
    CHECK_EQ(exec(NULL, 0, &r, h1, 1, NULL), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.modify_permissions.modify_flags", 0),
              "0x03 (ReplaceRows, IncludeFreeBusy)");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.modify_permissions.modify_count", 0), "2");
    CHECK_EQ(rec_count(&rec, "mapihttp.permission_data"), 2);
    CHECK_STR(rec_value(&rec, "mapihttp.permission_data.flags", 0), "0x01 (AddRow)");
    CHECK_STR(rec_value(&rec, "mapihttp.permission_data.flags", 1), "0x02 (ModifyRow)");
    CHECK_STR(rec_value(&rec, "mapihttp.permission_data.property_value_count", 0), "2");
    CHECK_STR(rec_value(&rec, "mapihttp.entryid.address_book.x500dn", 0), "/o=Org/cn=u");
    CHECK_STR(rec_value(&rec, "mapihttp.permission_data.member_rights", 0),
              "0x00000503 (ReadAny, Create, FolderOwner, FolderVisible)");
    CHECK_STR(rec_value(&rec, "mapihttp.permission_data.member_rights", 1), "0x00000000");
    const rec_event *e = rec_find(&rec, "mapihttp.permission_data.member_id", 0);
    CHECK(e && strcmp(e->value, "-1") == 0 && strcmp(e->note, "anonymous user") == 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.property_value"), 4);

    /* a row cut short: PropertyValueCount 2 with one value */
    bld t = { { 0 }, 0 };
    b_u8(&t, 0x40);
    b_u8(&t, 0);
    b_u8(&t, 0);
    b_u8(&t, 0x00);
    b_u16(&t, 1);
    b_u8(&t, 0x04); /* RemoveRow */
    b_u16(&t, 2);
    b_u32(&t, 0x66710014);
    b_u64(&t, 0);
    CHECK_EQ(exec(NULL, 0, &t, h1, 1, NULL), 1);
    const char *msg = rec_problem(&rec, MH_PROB_MALFORMED);
    CHECK(msg && strstr(msg, "RopModifyPermissions") && strstr(msg, "PropertyTag"));
    e = rec_find(&rec, "mapihttp.permission_data.member_id", 0);
    CHECK(e && strcmp(e->note, "default user") == 0);

    /* the response has nothing after ReturnValue (2.2.10.1.2) */
    bld s = { { 0 }, 0 };
    b_u8(&s, 0x40);
    b_u8(&s, 0);
    b_u32(&s, 0);
    CHECK_EQ(exec(NULL, 1, &s, h1, 1, NULL), 0);
}

static void test_permissions_table(void)
{
    mh_session s;
    mh_session_init(&s);
    /* the folder the table is opened on is known (as RopOpenFolder would leave it) */
    mh_object *f = mh_objects_put(&s.objects, 0x000001DA);
    f->kind = MH_OBJ_FOLDER;
    f->folder_id = 0x0A00000000000001ull;
    f->opened_by = 0x02;
    /* [MS-OXCPERM] 4.1: 3E 00 00 01 02 with handles 0x000001DA, 0xFFFFFFFF */
    bld r = { { 0 }, 0 };
    b_u8(&r, 0x3E);
    b_u8(&r, 0);
    b_u8(&r, 0);
    b_u8(&r, 1);
    b_u8(&r, 0x02);
    uint32_t req_h[2] = { 0x000001DA, 0xFFFFFFFF };
    CHECK_EQ(exec(&s, 0, &r, req_h, 2, RID), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.get_permissions_table.table_flags", 0), "0x02 (IncludeFreeBusy)");
    /* a failure opens nothing */
    bld f1 = { { 0 }, 0 };
    b_u8(&f1, 0x3E);
    b_u8(&f1, 1);
    b_u32(&f1, 0x80040102);
    CHECK_EQ(exec(&s, 1, &f1, req_h, 2, RID), 0);
    CHECK(mh_objects_get(&s.objects, 0x000001DB) == NULL);
    /* the same request again, and its success: the table at OutputHandleIndex, on the folder */
    exec(&s, 0, &r, req_h, 2, RID);
    bld ok = { { 0 }, 0 };
    b_u8(&ok, 0x3E);
    b_u8(&ok, 1);
    b_u32(&ok, 0);
    uint32_t resp_h[2] = { 0x000001DA, 0x000001DB };
    CHECK_EQ(exec(&s, 1, &ok, resp_h, 2, RID), 0);
    const mh_object *t = mh_objects_get(&s.objects, 0x000001DB);
    CHECK(t && t->kind == MH_OBJ_TABLE && t->opened_by == 0x3E && t->folder_id == 0x0A00000000000001ull);
    const rec_event *e = rec_find(&rec, "mapihttp.rop.output_handle_index", 0);
    CHECK(e && strstr(e->note, "handle 0x000001DB"));
    mh_session_free(&s);
}

int main(void)
{
    RUN(test_modify_permissions);
    RUN(test_permissions_table);
    return check_report();
}
