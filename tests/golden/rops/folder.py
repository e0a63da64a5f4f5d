#!/usr/bin/env python3
"""Golden cases for [MS-OXCROPS] 2.2.4 folder ROPs (fields per [MS-OXCFOLD] 2.2.1).

Handle tables: index 0 holds the logon (0x00000045), index 1 a folder (0x00000046), index 2 the
destination folder or an output slot (0xFFFFFFFF in a request until the server fills it)."""
from ropgen import *

LOGON, FOLDER, DEST, NEW = 0x00000045, 0x00000046, 0x00000047, 0x00000048
UNUSED = 0xFFFFFFFF
SERVERS = asciiz("/o=Contoso/ou=Exchange Administrative Group/cn=Configuration/cn=Servers/cn=PF1") + \
    asciiz("/o=Contoso/ou=Exchange Administrative Group/cn=Configuration/cn=Servers/cn=PF2")


def header(rop_id, index, rv):
    """RopId, InputHandleIndex / OutputHandleIndex / SourceHandleIndex, ReturnValue."""
    return u8(rop_id) + u8(index) + u32(rv)


# 2.2.4.1.1 RopOpenFolder: RopId, LogonId, InputHandleIndex, OutputHandleIndex, FolderId, OpenModeFlags
# ([MS-OXCFOLD] 2.2.1.1.1: OpenSoftDeleted 0x04)
open_folder = u8(0x02) + u8(0) + u8(0) + u8(1) + fid(1, 0xA5) + u8(0x04)
H_OPEN = dict(req_handles=(LOGON, UNUSED), resp_handles=(LOGON, FOLDER))
write_case("rop-RopOpenFolder-request", open_folder, **H_OPEN)
# 2.2.4.1.2: HasRules, IsGhosted (ServerCount, CheapServerCount, Servers only when ghosted)
write_case("rop-RopOpenFolder-response", open_folder, header(0x02, 1, 0) + u8(1) + u8(0), **H_OPEN)
write_case("rop-RopOpenFolder-response-ghosted", open_folder,
           header(0x02, 1, 0) + u8(0) + u8(1) + u16(2) + u16(1) + SERVERS, **H_OPEN)
# 2.2.4.1.3: nothing after ReturnValue
write_case("rop-RopOpenFolder-response-failure", open_folder, header(0x02, 1, 0x8004010F),
           req_handles=(LOGON, UNUSED), resp_handles=(LOGON, UNUSED))


# 2.2.4.2.1 RopCreateFolder: LogonId, InputHandleIndex, OutputHandleIndex, FolderType, UseUnicodeStrings,
# OpenExisting, Reserved, DisplayName, Comment (UTF-16LE when UseUnicodeStrings, else 8-bit)
def create_folder(unicode):
    s = utf16z if unicode else asciiz
    return u8(0x1C) + u8(0) + u8(1) + u8(2) + u8(0x01) + u8(1 if unicode else 0) + u8(1) + u8(0) + \
        s("Projects") + s("Work in progress")


H_CREATE = dict(req_handles=(LOGON, FOLDER, UNUSED), resp_handles=(LOGON, FOLDER, NEW))
write_case("rop-RopCreateFolder-request", create_folder(True), **H_CREATE)
write_case("rop-RopCreateFolder-request-8bit", create_folder(False), **H_CREATE)
# 2.2.4.2.2: FolderId, IsExistingFolder (0: nothing more)
write_case("rop-RopCreateFolder-response", create_folder(True), header(0x1C, 2, 0) + fid(1, 0x1234) + u8(0),
           **H_CREATE)
# an existing public folder (OpenExisting): HasRules, IsGhosted, ServerCount, CheapServerCount, Servers
write_case("rop-RopCreateFolder-response-existing", create_folder(True),
           header(0x1C, 2, 0) + fid(2, 0x1234) + u8(1) + u8(0) + u8(1) + u16(2) + u16(1) + SERVERS, **H_CREATE)
# 2.2.4.2.3: nothing after ReturnValue (ecDuplicateName)
write_case("rop-RopCreateFolder-response-failure", create_folder(True), header(0x1C, 2, 0x80040604),
           req_handles=(LOGON, FOLDER, UNUSED), resp_handles=(LOGON, FOLDER, UNUSED))

H_FOLDER = dict(req_handles=(LOGON, FOLDER))

# 2.2.4.3.1 RopDeleteFolder: InputHandleIndex (the parent), DeleteFolderFlags ([MS-OXCFOLD] 2.2.1.3.1:
# DEL_MESSAGES | DEL_FOLDERS | DELETE_HARD_DELETE), FolderId
delete_folder = u8(0x1D) + u8(0) + u8(1) + u8(0x15) + fid(1, 0x1234)
write_case("rop-RopDeleteFolder-request", delete_folder, **H_FOLDER)
# 2.2.4.3.2: PartialCompletion after ReturnValue, whatever ReturnValue is (the only response buffer)
write_case("rop-RopDeleteFolder-response", delete_folder, header(0x1D, 1, 0) + u8(0), **H_FOLDER)
write_case("rop-RopDeleteFolder-response-failure", delete_folder, header(0x1D, 1, 0x80070005) + u8(0), **H_FOLDER)

H_MOVE = dict(req_handles=(LOGON, FOLDER, DEST))


def move_copy_cases(name, request):
    """2.2.4.6.2 / 2.2.4.7.2 / 2.2.4.8.2: SourceHandleIndex, ReturnValue (anything but ecDstNullObject:
    success, the warning ecWarnWithErrors, or a failure such as ecNotFound), PartialCompletion; 2.2.4.6.3 / 2.2.4.7.3 / 2.2.4.8.3 null destination failure: ReturnValue 0x00000503,
    DestHandleIndex (4 bytes), PartialCompletion."""
    rop_id = request[0]
    write_case("rop-%s-request" % name, request, **H_MOVE)
    write_case("rop-%s-response" % name, request, header(rop_id, 1, 0) + u8(0), **H_MOVE)
    write_case("rop-%s-response-partial" % name, request, header(rop_id, 1, 0x00040380) + u8(1), **H_MOVE)
    write_case("rop-%s-response-failure" % name, request, header(rop_id, 1, 0x8004010F) + u8(0), **H_MOVE)
    write_case("rop-%s-response-null-destination" % name, request, header(rop_id, 1, 0x00000503) + u32(2) + u8(0),
               req_handles=(LOGON, FOLDER, DEST), resp_handles=(LOGON, FOLDER, UNUSED))


# 2.2.4.6.1 RopMoveCopyMessages: LogonId, SourceHandleIndex, DestHandleIndex, MessageIdCount, MessageIds,
# WantAsynchronous, WantCopy
move_copy_cases("RopMoveCopyMessages", u8(0x33) + u8(0) + u8(1) + u8(2) + u16(2) + fid(1, 0x100) + fid(1, 0x101) +
                u8(0) + u8(1))
# 2.2.4.7.1 RopMoveFolder: LogonId, SourceHandleIndex, DestHandleIndex, WantAsynchronous, UseUnicode,
# FolderId, NewFolderName
move_copy_cases("RopMoveFolder", u8(0x35) + u8(0) + u8(1) + u8(2) + u8(0) + u8(1) + fid(1, 0x1234) +
                utf16z("Archive 2014"))
# 2.2.4.8.1 RopCopyFolder: LogonId, SourceHandleIndex, DestHandleIndex, WantAsynchronous, WantRecursive,
# UseUnicode, FolderId, NewFolderName (8-bit when UseUnicode is zero)
move_copy_cases("RopCopyFolder", u8(0x36) + u8(0) + u8(1) + u8(2) + u8(1) + u8(1) + u8(0) + fid(1, 0x1234) +
                asciiz("Copy of Projects"))


def partial_cases(name, request):
    """Single response buffer: PartialCompletion follows ReturnValue, success or not."""
    rop_id = request[0]
    write_case("rop-%s-request" % name, request, **H_FOLDER)
    write_case("rop-%s-response" % name, request, header(rop_id, 1, 0) + u8(0), **H_FOLDER)
    write_case("rop-%s-response-failure" % name, request, header(rop_id, 1, 0x80070005) + u8(1), **H_FOLDER)


# 2.2.4.9.1 RopEmptyFolder: WantAsynchronous, WantDeleteAssociated; 2.2.4.9.2: PartialCompletion
partial_cases("RopEmptyFolder", u8(0x58) + u8(0) + u8(1) + u8(0) + u8(1))
# 2.2.4.10.1 RopHardDeleteMessagesAndSubfolders: the same fields; 2.2.4.10.2: PartialCompletion
partial_cases("RopHardDeleteMessagesAndSubfolders", u8(0x92) + u8(0) + u8(1) + u8(1) + u8(0))
# 2.2.4.11.1 RopDeleteMessages: WantAsynchronous, NotifyNonRead, MessageIdCount, MessageIds;
# 2.2.4.11.2: PartialCompletion
partial_cases("RopDeleteMessages", u8(0x1E) + u8(0) + u8(1) + u8(0) + u8(1) + u16(3) + fid(1, 0x100) +
              fid(1, 0x101) + fid(1, 0x102))
# 2.2.4.12.1 RopHardDeleteMessages: the same fields; 2.2.4.12.2: PartialCompletion
partial_cases("RopHardDeleteMessages", u8(0x91) + u8(0) + u8(1) + u8(0) + u8(0) + u16(1) + fid(1, 0x100))

H_TABLE = dict(req_handles=(LOGON, FOLDER, UNUSED), resp_handles=(LOGON, FOLDER, NEW))
# 2.2.4.13.1 RopGetHierarchyTable: InputHandleIndex, OutputHandleIndex, TableFlags ([MS-OXCFOLD] 2.2.1.13.1:
# Depth | UseUnicode); 2.2.4.13.2: RowCount; 2.2.4.13.3: nothing after ReturnValue
hierarchy = u8(0x04) + u8(0) + u8(1) + u8(2) + u8(0x44)
write_case("rop-RopGetHierarchyTable-request", hierarchy, **H_TABLE)
write_case("rop-RopGetHierarchyTable-response", hierarchy, header(0x04, 2, 0) + u32(12), **H_TABLE)
write_case("rop-RopGetHierarchyTable-response-failure", hierarchy, header(0x04, 2, 0x80040102),
           req_handles=(LOGON, FOLDER, UNUSED), resp_handles=(LOGON, FOLDER, UNUSED))

# 2.2.4.14.1 RopGetContentsTable: TableFlags ([MS-OXCFOLD] 2.2.1.14.1: Associated | DeferredErrors |
# UseUnicode); 2.2.4.14.2: RowCount; 2.2.4.14.3: nothing after ReturnValue
contents = u8(0x05) + u8(0) + u8(1) + u8(2) + u8(0x4A)
write_case("rop-RopGetContentsTable-request", contents, **H_TABLE)
write_case("rop-RopGetContentsTable-response", contents, header(0x05, 2, 0) + u32(37), **H_TABLE)
write_case("rop-RopGetContentsTable-response-failure", contents, header(0x05, 2, 0x8004010F),
           req_handles=(LOGON, FOLDER, UNUSED), resp_handles=(LOGON, FOLDER, UNUSED))
# the folder opened by RopOpenFolder earlier in the same request: the table's input handle index names
# it; in the response RopOpenFolder's folder is committed before the table is
same = u8(0x02) + u8(0) + u8(0) + u8(1) + fid(1, 0xA5) + u8(0x00) + u8(0x05) + u8(0) + u8(1) + u8(2) + u8(0x40)
write_case("rop-RopGetContentsTable-response-same-request", same,
           header(0x02, 1, 0) + u8(0) + u8(0) + header(0x05, 2, 0) + u32(5),
           req_handles=(LOGON, UNUSED, UNUSED), resp_handles=(LOGON, FOLDER, NEW))
write_manifest("folder")
