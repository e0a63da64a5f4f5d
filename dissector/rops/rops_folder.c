/*
 * [MS-OXCROPS] 2.2.4 folder ROPs, fields per [MS-OXCFOLD] 2.2.1: 2.2.4.1 RopOpenFolder, 2.2.4.2
 * RopCreateFolder, 2.2.4.3 RopDeleteFolder, 2.2.4.6 RopMoveCopyMessages, 2.2.4.7 RopMoveFolder, 2.2.4.8
 * RopCopyFolder, 2.2.4.9 RopEmptyFolder, 2.2.4.10 RopHardDeleteMessagesAndSubfolders, 2.2.4.11
 * RopDeleteMessages, 2.2.4.12 RopHardDeleteMessages, 2.2.4.13 RopGetHierarchyTable, 2.2.4.14
 * RopGetContentsTable. (RopSetSearchCriteria and RopGetSearchCriteria carry restrictions and live
 * elsewhere.)
 *
 * Response shapes that differ from "nothing after a nonzero ReturnValue":
 * - the delete, empty, move and copy ROPs have a single response buffer whose PartialCompletion follows
 *   ReturnValue whatever its value (2.2.4.3.2, 2.2.4.6.2 - 2.2.4.12.2);
 * - RopMoveCopyMessages, RopMoveFolder and RopCopyFolder answer ecDstNullObject (0x00000503) with the
 *   null destination failure buffer: DestHandleIndex, 4 bytes wide there, then PartialCompletion
 *   (2.2.4.6.3, 2.2.4.7.3, 2.2.4.8.3).
 *
 * Objects: RopOpenFolder and RopCreateFolder make a folder at OutputHandleIndex (RopCreateFolder's
 * FolderId comes from its response), RopGetHierarchyTable and RopGetContentsTable a table that remembers
 * the folder it was opened on.
 */
#include <stdio.h>

#include "../mapi/ids.h"
#include "../mapi/servers.h"
#include "rop_catalog.h"

/* [MS-OXCFOLD] 2.2.1.1.1: the only OpenModeFlags bit the client may set */
static const mh_vs open_mode_vs[] = { { 0x04, "OpenSoftDeleted" } };
const mh_names mh_names_open_folder_mode_flags = MH_BITS(open_mode_vs);

/* [MS-OXCFOLD] 2.2.1.2.1 FolderType */
static const mh_vs folder_type_vs[] = { { 0x01, "FOLDER_GENERIC" }, { 0x02, "FOLDER_SEARCH" } };
const mh_names mh_names_folder_type = MH_NAMES(folder_type_vs);

/* [MS-OXCFOLD] 2.2.1.3.1 DeleteFolderFlags */
static const mh_vs delete_folder_vs[] = { { 0x01, "DEL_MESSAGES" }, { 0x04, "DEL_FOLDERS" }, { 0x10, "DELETE_HARD_DELETE" } };
const mh_names mh_names_delete_folder_flags = MH_BITS(delete_folder_vs);

/* [MS-OXCFOLD] 2.2.1.13.1 and 2.2.1.14.1 TableFlags */
static const mh_vs hierarchy_table_vs[] = {
    { 0x04, "Depth" },       { 0x08, "DeferredErrors" }, { 0x10, "NoNotifications" },
    { 0x20, "SoftDeletes" }, { 0x40, "UseUnicode" },     { 0x80, "SuppressNotifications" },
};
const mh_names mh_names_hierarchy_table_flags = MH_BITS(hierarchy_table_vs);
static const mh_vs contents_table_vs[] = {
    { 0x02, "Associated" },  { 0x08, "DeferredErrors" }, { 0x10, "NoNotifications" },
    { 0x20, "SoftDeletes" }, { 0x40, "UseUnicode" },     { 0x80, "ConversationMembers" },
};
const mh_names mh_names_contents_table_flags = MH_BITS(contents_table_vs);

/* A folder name, UTF-16LE or 8-bit by the ROP's own Unicode flag. */
static void folder_name(mh_dec *d, mh_field_id f, int unicode)
{
    if (unicode)
        mh_utf16z(d, f);
    else
        mh_asciiz(d, f);
}

/* MessageIdCount, then that many Message IDs as a subtree. */
static void message_ids(mh_dec *d, mh_field_id count_f, mh_field_id list_f)
{
    uint16_t n = mh_u16(d, count_f);
    if (!mh_cur_ok(&d->c))
        return;
    size_t start = mh_open(d, list_f, NULL);
    for (unsigned i = 0; i < n && mh_cur_ok(&d->c); i++)
        mh_folder_id(d, MH_F_MESSAGE_ID, NULL);
    mh_close(d, start);
}

/* IsGhosted, then ServerCount, CheapServerCount and Servers only when it is nonzero ([MS-OXCFOLD]
 * 2.2.1.1.2, 2.2.1.2.2). */
static void ghost_info(mh_dec *d, mh_field_id ghosted_f, mh_field_id count_f, mh_field_id cheap_f, mh_field_id list_f)
{
    uint8_t ghosted = mh_u8(d, ghosted_f);
    if (!mh_cur_ok(&d->c) || !ghosted)
        return;
    uint16_t n = mh_u16(d, count_f);
    uint16_t cheap = mh_u16(d, cheap_f);
    if (mh_cur_ok(&d->c))
        mh_decode_servers(d, list_f, n, cheap);
}

/* The response of the ROPs whose single response buffer ends with PartialCompletion, for any ReturnValue. */
static void partial_completion_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_u8(d, MH_F_PARTIAL_COMPLETION);
}

/* The move and copy responses: ecDstNullObject puts the 4-byte DestHandleIndex before PartialCompletion. */
static void move_copy_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    if (rv == EC_DST_NULL_OBJECT && !mh_rop_null_dest_index(d, r))
        return;
    partial_completion_response(d, x, r, rv);
}

/* 2.2.4.1.1 FolderId, OpenModeFlags; the folder gets the FolderId */
static void open_folder_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_rop_output_handle_index(d, r);
    uint64_t id = mh_folder_id(d, MH_F_FOLDER_ID, NULL);
    if (r)
        r->id1 = id;
    mh_u8(d, MH_F_OPEN_FOLDER_OPEN_MODE_FLAGS);
}

/* 2.2.4.1.2 HasRules, IsGhosted, and the replica servers of a ghosted folder. [MS-OXCFOLD] 2.2.1.1.2 says
 * IsGhosted "is present only for folders that are in a public message store", but the syntax of
 * [MS-OXCROPS] 2.2.4.1.2 has it unconditionally (0 for a mailbox folder); the wire layout follows
 * [MS-OXCROPS]. */
static void open_folder_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_u8(d, MH_F_OPEN_FOLDER_HAS_RULES);
    ghost_info(d, MH_F_OPEN_FOLDER_IS_GHOSTED, MH_F_OPEN_FOLDER_SERVER_COUNT, MH_F_OPEN_FOLDER_CHEAP_SERVER_COUNT,
               MH_F_OPEN_FOLDER_SERVERS);
}

/* 2.2.4.2.1 FolderType, UseUnicodeStrings, OpenExisting, Reserved, DisplayName, Comment */
static void create_folder_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_rop_output_handle_index(d, r);
    mh_u8(d, MH_F_CREATE_FOLDER_FOLDER_TYPE);
    uint8_t unicode = mh_u8(d, MH_F_CREATE_FOLDER_USE_UNICODE_STRINGS);
    mh_u8(d, MH_F_CREATE_FOLDER_OPEN_EXISTING);
    mh_u8(d, MH_F_CREATE_FOLDER_RESERVED);
    if (!mh_cur_ok(&d->c))
        return;
    folder_name(d, MH_F_CREATE_FOLDER_DISPLAY_NAME, unicode);
    folder_name(d, MH_F_CREATE_FOLDER_COMMENT, unicode);
}

/* 2.2.4.2.2 FolderId, IsExistingFolder; HasRules and the ghost information only for an existing folder.
 * The folder object was committed at OutputHandleIndex before this runs; it gets the FolderId the
 * server assigned (without the request the output index is not known, so the object keeps none). */
static void create_folder_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)rv;
    uint64_t id = mh_folder_id(d, MH_F_FOLDER_ID, NULL);
    if (!mh_cur_ok(&d->c))
        return;
    mh_object *o = r ? mh_rop_object_at(d, r->out_index) : NULL;
    if (o && o->kind == MH_OBJ_FOLDER && o->opened_by == 0x1C)
        o->folder_id = id;
    uint8_t existing = mh_u8(d, MH_F_CREATE_FOLDER_IS_EXISTING_FOLDER);
    if (!mh_cur_ok(&d->c) || !existing)
        return;
    mh_u8(d, MH_F_CREATE_FOLDER_HAS_RULES);
    ghost_info(d, MH_F_CREATE_FOLDER_IS_GHOSTED, MH_F_CREATE_FOLDER_SERVER_COUNT, MH_F_CREATE_FOLDER_CHEAP_SERVER_COUNT,
               MH_F_CREATE_FOLDER_SERVERS);
}

/* 2.2.4.3.1 DeleteFolderFlags, FolderId */
static void delete_folder_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u8(d, MH_F_DELETE_FOLDER_DELETE_FOLDER_FLAGS);
    mh_folder_id(d, MH_F_FOLDER_ID, NULL);
}

/* 2.2.4.6.1 MessageIdCount, MessageIds, WantAsynchronous, WantCopy */
static void move_copy_messages_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_source_dest(d, r);
    message_ids(d, MH_F_MOVE_COPY_MESSAGES_MESSAGE_ID_COUNT, MH_F_MOVE_COPY_MESSAGES_MESSAGE_IDS);
    mh_u8(d, MH_F_WANT_ASYNCHRONOUS);
    mh_u8(d, MH_F_MOVE_COPY_MESSAGES_WANT_COPY);
}

/* 2.2.4.7.1 WantAsynchronous, UseUnicode, FolderId, NewFolderName */
static void move_folder_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_source_dest(d, r);
    mh_u8(d, MH_F_WANT_ASYNCHRONOUS);
    uint8_t unicode = mh_u8(d, MH_F_MOVE_FOLDER_USE_UNICODE);
    mh_folder_id(d, MH_F_FOLDER_ID, NULL);
    if (mh_cur_ok(&d->c))
        folder_name(d, MH_F_MOVE_FOLDER_NEW_FOLDER_NAME, unicode);
}

/* 2.2.4.8.1 WantAsynchronous, WantRecursive, UseUnicode, FolderId, NewFolderName */
static void copy_folder_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_source_dest(d, r);
    mh_u8(d, MH_F_WANT_ASYNCHRONOUS);
    mh_u8(d, MH_F_COPY_FOLDER_WANT_RECURSIVE);
    uint8_t unicode = mh_u8(d, MH_F_COPY_FOLDER_USE_UNICODE);
    mh_folder_id(d, MH_F_FOLDER_ID, NULL);
    if (mh_cur_ok(&d->c))
        folder_name(d, MH_F_COPY_FOLDER_NEW_FOLDER_NAME, unicode);
}

/* 2.2.4.9.1 WantAsynchronous, WantDeleteAssociated */
static void empty_folder_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u8(d, MH_F_WANT_ASYNCHRONOUS);
    mh_u8(d, MH_F_EMPTY_FOLDER_WANT_DELETE_ASSOCIATED);
}

/* 2.2.4.10.1 WantAsynchronous, WantDeleteAssociated */
static void hard_delete_messages_and_subfolders_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u8(d, MH_F_WANT_ASYNCHRONOUS);
    mh_u8(d, MH_F_HARD_DELETE_MESSAGES_AND_SUBFOLDERS_WANT_DELETE_ASSOCIATED);
}

/* 2.2.4.11.1 WantAsynchronous, NotifyNonRead, MessageIdCount, MessageIds */
static void delete_messages_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u8(d, MH_F_WANT_ASYNCHRONOUS);
    mh_u8(d, MH_F_DELETE_MESSAGES_NOTIFY_NON_READ);
    message_ids(d, MH_F_DELETE_MESSAGES_MESSAGE_ID_COUNT, MH_F_DELETE_MESSAGES_MESSAGE_IDS);
}

/* 2.2.4.12.1 WantAsynchronous, NotifyNonRead, MessageIdCount, MessageIds */
static void hard_delete_messages_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u8(d, MH_F_WANT_ASYNCHRONOUS);
    mh_u8(d, MH_F_HARD_DELETE_MESSAGES_NOTIFY_NON_READ);
    message_ids(d, MH_F_HARD_DELETE_MESSAGES_MESSAGE_ID_COUNT, MH_F_HARD_DELETE_MESSAGES_MESSAGE_IDS);
}

/* The folder a handle index refers to when a request is decoded: the output of an earlier ROP of the same
 * request (RopOpenFolder's FolderId; unknown for RopCreateFolder until its response), else the session's
 * object behind the request's handle. 0 when not known. */
static uint64_t folder_at_request(mh_dec *d, const mh_exchange *x, uint8_t index)
{
    if (x)
        for (size_t i = x->cur_rop < x->nrops ? x->cur_rop : x->nrops; i-- > 0;) {
            const mh_rop_req *p = &x->rops[i];
            const mh_rop_impl *impl = mh_rop_impl_get(p->rop_id);
            if (impl && impl->creates && p->out_index == index)
                return impl->creates == MH_OBJ_FOLDER ? p->id1 : 0;
        }
    mh_object *o = mh_rop_object_at(d, index);
    return o && o->kind == MH_OBJ_FOLDER ? o->folder_id : 0;
}

/* 2.2.4.13.1 and 2.2.4.14.1: TableFlags; the table remembers its folder (as the object's FolderId) */
static void table_request(mh_dec *d, mh_exchange *x, mh_rop_req *r, mh_field_id flags_f)
{
    mh_rop_logon_id(d, r);
    uint8_t in = mh_rop_input_handle_index(d, r);
    mh_rop_output_handle_index(d, r);
    mh_u8(d, flags_f);
    if (r && mh_cur_ok(&d->c))
        r->id1 = folder_at_request(d, x, in);
}

static void get_hierarchy_table_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    table_request(d, x, r, MH_F_GET_HIERARCHY_TABLE_TABLE_FLAGS);
}

static void get_contents_table_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    table_request(d, x, r, MH_F_GET_CONTENTS_TABLE_TABLE_FLAGS);
}

/* 2.2.4.13.2 and 2.2.4.14.2 RowCount. A folder created earlier in the same request had no FolderId when
 * the request was decoded; its response has given it one by now, so the new table takes it from there
 * (unless the table replaced the folder at the same index). */
static void table_response(mh_dec *d, const mh_rop_req *r, mh_field_id count_f)
{
    mh_u32(d, count_f);
    if (!r || r->id1 || r->in_index == r->out_index || !mh_cur_ok(&d->c))
        return;
    mh_object *t = mh_rop_object_at(d, r->out_index);
    mh_object *f = mh_rop_object_at(d, r->in_index);
    if (t && t->kind == MH_OBJ_TABLE && f && f->kind == MH_OBJ_FOLDER)
        t->folder_id = f->folder_id;
}

static void get_hierarchy_table_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)rv;
    table_response(d, r, MH_F_GET_HIERARCHY_TABLE_ROW_COUNT);
}

static void get_contents_table_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)rv;
    table_response(d, r, MH_F_GET_CONTENTS_TABLE_ROW_COUNT);
}

const mh_rop_impl mh_rops_folder[] = {
    { 0x02, MH_ROP_RESP_OUTPUT, MH_OBJ_FOLDER, open_folder_request, open_folder_response },
    { 0x1C, MH_ROP_RESP_OUTPUT, MH_OBJ_FOLDER, create_folder_request, create_folder_response },
    { 0x1D, MH_ROP_FAILURE_FIELDS, 0, delete_folder_request, partial_completion_response },
    { 0x33, MH_ROP_FAILURE_FIELDS | MH_ROP_RESP_SOURCE_INDEX, 0, move_copy_messages_request, move_copy_response },
    { 0x35, MH_ROP_FAILURE_FIELDS | MH_ROP_RESP_SOURCE_INDEX, 0, move_folder_request, move_copy_response },
    { 0x36, MH_ROP_FAILURE_FIELDS | MH_ROP_RESP_SOURCE_INDEX, 0, copy_folder_request, move_copy_response },
    { 0x58, MH_ROP_FAILURE_FIELDS, 0, empty_folder_request, partial_completion_response },
    { 0x92, MH_ROP_FAILURE_FIELDS, 0, hard_delete_messages_and_subfolders_request, partial_completion_response },
    { 0x1E, MH_ROP_FAILURE_FIELDS, 0, delete_messages_request, partial_completion_response },
    { 0x91, MH_ROP_FAILURE_FIELDS, 0, hard_delete_messages_request, partial_completion_response },
    { 0x04, MH_ROP_RESP_OUTPUT, MH_OBJ_TABLE, get_hierarchy_table_request, get_hierarchy_table_response },
    { 0x05, MH_ROP_RESP_OUTPUT, MH_OBJ_TABLE, get_contents_table_request, get_contents_table_response },
};
const size_t mh_rops_folder_count = sizeof mh_rops_folder / sizeof mh_rops_folder[0];
