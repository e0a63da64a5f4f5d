#!/usr/bin/env python3
"""Golden cases for [MS-OXCROPS] 2.2.14 notification ROPs (field values per [MS-OXCNOTIF] 2.2.1).

RopNotify and RopPending are server-only: most cases here are response buffers without a request. The
NotificationData of each RopNotify case is encoded field by field from [MS-OXCNOTIF] 2.2.1.4.1.2, with the
condition that puts each field there named beside it.
"""
from ropgen import *

LOGON, SUB, NONE = 0x45, 0x77, 0xFFFFFFFF
INBOX = fid(1, 0xA5)
SEARCH = fid(1, 0xAB)
MSG = fid(1, 0x1234)
OLD_FOLDER = fid(1, 0xA6)
OLD_MSG = fid(1, 0x1200)

# --- 2.2.14.1 RopRegisterNotification ---
# 2.2.14.1.1: RopId, LogonId, InputHandleIndex, OutputHandleIndex, NotificationTypes (2 bytes), WantWholeStore,
# FolderId and MessageId (present because WantWholeStore is FALSE, [MS-OXCNOTIF] 2.2.1.2.1.1).
# NotificationTypes 0x0006 = NewMail | ObjectCreated.
register = u8(0x29) + u8(0) + u8(0) + u8(1) + u16(0x0006) + u8(0x00) + INBOX + u64(0)
write_case("rop-RopRegisterNotification-request", register, req_handles=(LOGON, NONE))
# WantWholeStore TRUE: no FolderId, no MessageId. 0x0180 = SearchComplete | TableModified.
register_store = u8(0x29) + u8(0) + u8(0) + u8(1) + u16(0x0180) + u8(0x01)
write_case("rop-RopRegisterNotification-request-whole-store", register_store, req_handles=(LOGON, NONE))
# the Extended bit 0x0400 adds the Reserved byte (0x00) before WantWholeStore
register_ext = u8(0x29) + u8(0) + u8(0) + u8(1) + u16(0x0402) + u8(0x00) + u8(0x01)
write_case("rop-RopRegisterNotification-request-extended", register_ext, req_handles=(LOGON, NONE))
# 2.2.14.1.2: RopId, OutputHandleIndex, ReturnValue (the subscription's handle is in the handle table)
write_case("rop-RopRegisterNotification-response", register, u8(0x29) + u8(1) + u32(0),
           req_handles=(LOGON, NONE), resp_handles=(LOGON, SUB))
write_case("rop-RopRegisterNotification-response-failure", register, u8(0x29) + u8(1) + u32(0x80040102),
           req_handles=(LOGON, NONE), resp_handles=(LOGON, NONE))


# --- 2.2.14.2 RopNotify: RopId, NotificationHandle, LogonId, NotificationData ---
def notify(handle, data):
    return u8(0x2A) + u32(handle) + u8(0) + data


# NewMail for the subscription registered in the same Execute: NotificationFlags 0x8002 (M, NewMail);
# FolderId (type is not 0x0100/0x0400), MessageId (M), MessageFlags 0x00000012 (mfUnmodified 0x02 |
# mfHasAttach 0x10, [MS-OXCMSG] 2.2.1.6), UnicodeFlag TRUE, MessageClass in UTF-16
new_mail = notify(SUB, u16(0x8002) + INBOX + MSG + u32(0x00000012) + u8(0x01) + utf16z("IPM.Note"))
write_case("rop-RopNotify-response-new-mail", register, u8(0x29) + u8(1) + u32(0) + new_mail,
           req_handles=(LOGON, NONE), resp_handles=(LOGON, SUB))
# NewMail with an 8-bit MessageClass (UnicodeFlag FALSE), no request seen
write_case("rop-RopNotify-response-new-mail-ascii",
           response=notify(SUB, u16(0x8002) + INBOX + MSG + u32(0x00000001) + u8(0x00) + asciiz("IPM.Note")),
           resp_handles=(SUB,))
# ObjectCreated for a folder (neither S nor M): FolderId, ParentFolderId (type 0x0004, S and M both clear),
# TagCount 2 and Tags (type 0x0004)
write_case("rop-RopNotify-response-object-created",
           response=notify(SUB, u16(0x0004) + INBOX + fid(1, 0xA1) + u16(2) + tags(0x3001001F, 0x36020003)),
           resp_handles=(SUB,))
# ObjectCreated for a message in a search folder (S and M): FolderId, MessageId, ParentFolderId,
# TagCount 0xFFFF (no Tags)
write_case("rop-RopNotify-response-object-created-search-folder",
           response=notify(SUB, u16(0xC004) + SEARCH + MSG + INBOX + u16(0xFFFF)), resp_handles=(SUB,))
# ObjectDeleted for a message in an ordinary folder (M only): FolderId, MessageId; no ParentFolderId
write_case("rop-RopNotify-response-object-deleted",
           response=notify(SUB, u16(0x8008) + INBOX + MSG), resp_handles=(SUB,))
# ObjectModified for a folder with T and U: FolderId, TagCount 0 (no Tags), TotalMessageCount,
# UnreadMessageCount
write_case("rop-RopNotify-response-object-modified",
           response=notify(SUB, u16(0x3010) + INBOX + u16(0) + u32(10) + u32(3)), resp_handles=(SUB,))
# ObjectMoved for a message (M): FolderId, MessageId, OldFolderId, OldMessageId (M set)
write_case("rop-RopNotify-response-object-moved",
           response=notify(SUB, u16(0x8020) + INBOX + MSG + OLD_FOLDER + OLD_MSG), resp_handles=(SUB,))
# ObjectCopied for a folder (no M): FolderId, ParentFolderId (S and M clear), OldFolderId,
# OldParentFolderId (M clear)
write_case("rop-RopNotify-response-object-copied",
           response=notify(SUB, u16(0x0040) + fid(1, 0xB0) + INBOX + fid(1, 0xA7) + OLD_FOLDER), resp_handles=(SUB,))
# SearchComplete for a search folder: FolderId only
write_case("rop-RopNotify-response-search-complete",
           response=notify(SUB, u16(0x0080) + SEARCH), resp_handles=(SUB,))

# TableModified events on a table handle (0x88) whose opening and columns this capture did not see
TABLE = 0x88
# TableChanged (0x0001): nothing after TableEventType, so no columns are needed
write_case("rop-RopNotify-response-table-changed",
           response=notify(TABLE, u16(0x0100) + u16(0x0001)), resp_handles=(TABLE,))
# TableRowDeleted (0x0004) with M: TableRowFolderID, TableRowMessageID, TableRowInstance; no row
write_case("rop-RopNotify-response-table-row-deleted",
           response=notify(TABLE, u16(0x8100) + u16(0x0004) + INBOX + MSG + u32(0)), resp_handles=(TABLE,))
# TableRestrictionChanged (0x0007): nothing after TableEventType
write_case("rop-RopNotify-response-table-restriction-changed",
           response=notify(TABLE, u16(0x0100) + u16(0x0007)), resp_handles=(TABLE,))
# TableRowAdded (0x0003) with M: TableRowFolderID, TableRowMessageID, TableRowInstance,
# InsertAfterTableRowFolderID, InsertAfterTableRowID, InsertAfterTableRowInstance, TableRowDataSize,
# TableRowData (8 bytes that would be a StandardPropertyRow). The table's columns are unknown: the row is shown raw with a
# missing context problem, and the RopPending after it still decodes because the row's size is known.
row = u8(0x00) + utf16z("Hi") + u8(0)  # 8 bytes whose meaning depends on the columns
added = notify(TABLE, u16(0x8100) + u16(0x0003) + INBOX + MSG + u32(1) + INBOX + OLD_MSG + u32(0)
               + u16(len(row)) + row)
write_case("rop-RopNotify-response-table-row-added-missing-columns", response=added + u8(0x6E) + u16(1),
           resp_handles=(TABLE,), status=1)
# TableRowModified (0x0005) in a folder table (no M): TableRowFolderID, InsertAfterTableRowFolderID,
# TableRowDataSize, TableRowData (again without known columns)
modified = notify(TABLE, u16(0x0100) + u16(0x0005) + INBOX + fid(1, 0xA4) + u16(len(row)) + row)
write_case("rop-RopNotify-response-table-row-modified-missing-columns", response=modified,
           resp_handles=(TABLE,), status=1)
# a NotificationType the specification does not define (0x0200): the rest of the list cannot be decoded
write_case("rop-RopNotify-response-unknown-type",
           response=notify(SUB, u16(0x0200) + INBOX) + u8(0x6E) + u16(1), resp_handles=(SUB,), status=1)

# --- 2.2.14.3 RopPending: RopId, SessionIndex ---
write_case("rop-RopPending-response", response=u8(0x6E) + u16(0x0001), resp_handles=())
write_manifest("notify")
