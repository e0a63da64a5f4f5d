/*
 * [MS-OXCROPS] 2.2.10.1.1.1 / [MS-OXCPERM] 2.2.2.1.1 PermissionData: PermissionDataFlags (1 byte: AddRow
 * 0x01, ModifyRow 0x02, RemoveRow 0x04), PropertyValueCount (2 bytes), PropertyValues (TaggedPropertyValue
 * structures, [MS-OXCDATA] 2.11.4). The values it carries are shown with their meaning:
 * PidTagMemberRights ([MS-OXCPERM] 2.2.7) as its rights flags, PidTagMemberId (2.2.5) with the reserved
 * default (0) and anonymous (-1) users of 2.2.6 named, PidTagEntryId (2.2.4) as the EntryID it holds
 * (propvalue.c).
 */
#include "permission.h"

#include "propvalue.h"

#define PID_TAG_MEMBER_ID 0x66710014u
#define PID_TAG_MEMBER_RIGHTS 0x66730003u

static const mh_vs data_flags_vs[] = { { 0x01, "AddRow" }, { 0x02, "ModifyRow" }, { 0x04, "RemoveRow" } };
const mh_names mh_names_permission_data_flags = MH_BITS(data_flags_vs);

static const mh_vs rights_vs[] = {
    { 0x00000001, "ReadAny" },         { 0x00000002, "Create" },        { 0x00000008, "EditOwned" },
    { 0x00000010, "DeleteOwned" },     { 0x00000020, "EditAny" },       { 0x00000040, "DeleteAny" },
    { 0x00000080, "CreateSubFolder" }, { 0x00000100, "FolderOwner" },   { 0x00000200, "FolderContact" },
    { 0x00000400, "FolderVisible" },   { 0x00000800, "FreeBusySimple" }, { 0x00001000, "FreeBusyDetailed" },
};
const mh_names mh_names_member_rights = MH_BITS(rights_vs);

static int value_hook(mh_dec *d, uint32_t tag, void *ctx)
{
    (void)ctx;
    if (tag == PID_TAG_MEMBER_RIGHTS) {
        mh_u32(d, MH_F_PERMISSION_MEMBER_RIGHTS);
        return mh_cur_ok(&d->c);
    }
    if (tag == PID_TAG_MEMBER_ID) {
        size_t at = mh_cur_pos(&d->c);
        int64_t id = (int64_t)mh_cur_u64(&d->c, "PidTagMemberId");
        if (!mh_cur_ok(&d->c))
            return 0;
        const char *note = id == 0 ? "default user" : id == -1 ? "anonymous user" : NULL;
        mh_value v = { 0 };
        v.i = id;
        v.u = (uint64_t)id;
        mh_emit(d, MH_F_PERMISSION_MEMBER_ID, at, 8, &v, note);
        return 1;
    }
    return MH_HOOK_PASS;
}

int mh_decode_permission_data(mh_dec *d)
{
    size_t start = mh_open(d, MH_F_PERMISSION_DATA, NULL);
    mh_u8(d, MH_F_PERMISSION_DATA_FLAGS);
    uint16_t n = mh_u16(d, MH_F_PERMISSION_DATA_VALUE_COUNT);
    int ok = mh_cur_ok(&d->c) && mh_decode_tagged_values(d, n, value_hook, NULL);
    mh_close(d, start);
    return ok;
}
