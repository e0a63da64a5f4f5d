"""Request and response buffers of the store, folder, table, notification and ICS download ROPs a cached-mode
Outlook start-up sends ([MS-OXCROPS] 2.2.3 - 2.2.14; field values per [MS-OXCSTOR], [MS-OXCFOLD],
[MS-OXCTABL], [MS-OXCPRPT], [MS-OXCNOTIF], [MS-OXCFXICS]), each from the section named beside it.

Every function returns one ROP's bytes for mapienc.rop_buffer(). Requests take the LogonId and handle
indexes first; responses the handle index the response echoes (InputHandleIndex or OutputHandleIndex)
and ReturnValue (`rv`, 0 for success). Rows and values come from propenc, restrictions from restrenc,
FastTransfer streams from fxenc.
"""
import propenc
from mapienc import asciiz, u8, u16, u32, u64, utf16z

EC_SERVER_BUSY = 0x00000480


def _tags(tags):
    return u16(len(tags)) + b"".join(u32(t) for t in tags)


def row(columns, r):
    """A PropertyRow ([MS-OXCDATA] 2.8.1) in `columns`: `r` a list of values (StandardPropertyRow), or
    (values, {column index: error code}) for a FlaggedPropertyRow."""
    values, errors = r if isinstance(r, tuple) else (r, None)
    return propenc.property_row(columns, values, errors)


# ---- 2.2.3.2 RopGetReceiveFolder ([MS-OXCSTOR] 2.2.1.2) ----

def get_receive_folder_request(logon_id, in_index, message_class):  # 2.2.3.2.1
    return u8(0x27) + u8(logon_id) + u8(in_index) + asciiz(message_class)


def get_receive_folder_response(in_index, folder_id, explicit_message_class, rv=0):  # 2.2.3.2.2 / 2.2.3.2.3
    """folder_id: the 8 bytes of mapienc.fid()."""
    b = u8(0x27) + u8(in_index) + u32(rv)
    return b + folder_id + asciiz(explicit_message_class) if rv == 0 else b


# ---- 2.2.4.1 RopOpenFolder ([MS-OXCFOLD] 2.2.1.1) ----

def open_folder_request(logon_id, in_index, out_index, folder_id, open_mode_flags=0x00):  # 2.2.4.1.1
    return u8(0x02) + u8(logon_id) + u8(in_index) + u8(out_index) + folder_id + u8(open_mode_flags)


def open_folder_response(out_index, has_rules=False, servers=None, cheap_server_count=0, rv=0):
    """2.2.4.1.2: HasRules, IsGhosted; a ghosted public folder (`servers` given) adds ServerCount,
    CheapServerCount and the Servers (null-terminated ASCII). 2.2.4.1.3: nothing after ReturnValue."""
    b = u8(0x02) + u8(out_index) + u32(rv)
    if rv:
        return b
    b += u8(1 if has_rules else 0) + u8(1 if servers else 0)
    if servers:
        b += u16(len(servers)) + u16(cheap_server_count) + b"".join(asciiz(s) for s in servers)
    return b


# ---- 2.2.4.13 RopGetHierarchyTable, 2.2.4.14 RopGetContentsTable ([MS-OXCFOLD] 2.2.1.13, 2.2.1.14) ----

def get_hierarchy_table_request(logon_id, in_index, out_index, table_flags):  # 2.2.4.13.1
    return u8(0x04) + u8(logon_id) + u8(in_index) + u8(out_index) + u8(table_flags)


def get_hierarchy_table_response(out_index, row_count, rv=0):  # 2.2.4.13.2 / 2.2.4.13.3
    b = u8(0x04) + u8(out_index) + u32(rv)
    return b + u32(row_count) if rv == 0 else b


def get_contents_table_request(logon_id, in_index, out_index, table_flags):  # 2.2.4.14.1
    return u8(0x05) + u8(logon_id) + u8(in_index) + u8(out_index) + u8(table_flags)


def get_contents_table_response(out_index, row_count, rv=0):  # 2.2.4.14.2 / 2.2.4.14.3
    b = u8(0x05) + u8(out_index) + u32(rv)
    return b + u32(row_count) if rv == 0 else b


# ---- 2.2.5.4 RopQueryRows, 2.2.5.13 RopFindRow ([MS-OXCTABL] 2.2.2.5, 2.2.2.14) ----

def query_rows_request(logon_id, in_index, row_count, query_rows_flags=0x00, forward_read=True):  # 2.2.5.4.1
    return u8(0x15) + u8(logon_id) + u8(in_index) + u8(query_rows_flags) + u8(1 if forward_read else 0) + u16(row_count)


def query_rows_response(in_index, origin, columns, rows, rv=0):
    """2.2.5.4.2: Origin, RowCount, RowData (a PropertyRow per row, [MS-OXCDATA] 2.8.1, in the table's
    columns; each as row() takes it)."""
    b = u8(0x15) + u8(in_index) + u32(rv)
    if rv:
        return b
    return b + u8(origin) + u16(len(rows)) + b"".join(row(columns, r) for r in rows)


def find_row_request(logon_id, in_index, restriction, find_row_flags=0x00, origin=0x00, bookmark=b""):
    """2.2.5.13.1: FindRowFlags, RestrictionDataSize, RestrictionData (restrenc), Origin, BookmarkSize,
    Bookmark."""
    return (u8(0x4F) + u8(logon_id) + u8(in_index) + u8(find_row_flags) + u16(len(restriction)) + restriction +
            u8(origin) + u16(len(bookmark)) + bookmark)


def find_row_response(in_index, columns=None, values=None, row_no_longer_visible=False, rv=0):
    """2.2.5.13.2: RowNoLongerVisible, HasRowData, RowData (one PropertyRow when a row was found)."""
    b = u8(0x4F) + u8(in_index) + u32(rv)
    if rv:
        return b
    b += u8(1 if row_no_longer_visible else 0)
    if values is None:
        return b + u8(0)
    return b + u8(1) + row(columns, values)


# ---- 2.2.8.1 RopGetPropertyIdsFromNames ([MS-OXCPRPT] 2.2.12) ----

def property_name(property_set, name):
    """PropertyName ([MS-OXCDATA] 2.6.1): Kind 0x00 with a LID (`name` an int), Kind 0x01 with NameSize and a
    UTF-16LE Name, its terminator counted (`name` a str), Kind 0xFF with neither (`name` None)."""
    g = propenc.value(propenc.PT_CLSID, property_set)
    if name is None:
        return u8(0xFF) + g
    if isinstance(name, int):
        return u8(0x00) + g + u32(name)
    n = utf16z(name)
    return u8(0x01) + g + u8(len(n)) + n


def get_property_ids_from_names_request(logon_id, in_index, names, flags=0x02):
    """2.2.8.1.1: Flags (0x02: create the ids that do not exist yet), PropertyNameCount, PropertyNames
    ((property set, LID or name) pairs)."""
    return (u8(0x56) + u8(logon_id) + u8(in_index) + u8(flags) + u16(len(names)) +
            b"".join(property_name(s, n) for s, n in names))


def get_property_ids_from_names_response(in_index, property_ids, rv=0):  # 2.2.8.1.2 / 2.2.8.1.3
    b = u8(0x56) + u8(in_index) + u32(rv)
    if rv and rv != 0x00040380:  # ecWarnWithErrors still carries the ids
        return b
    return b + u16(len(property_ids)) + b"".join(u16(i) for i in property_ids)


# ---- 2.2.14.1 RopRegisterNotification, 2.2.14.2 RopNotify ([MS-OXCNOTIF] 2.2.1) ----

def register_notification_request(logon_id, in_index, out_index, notification_types, folder_id=None,
                                  message_id=None):
    """2.2.14.1.1: NotificationTypes (2 bytes; the Extended bit 0x0400 adds a Reserved byte), WantWholeStore,
    then FolderId and MessageId when it is FALSE (for a folder: MessageId 0)."""
    b = u8(0x29) + u8(logon_id) + u8(in_index) + u8(out_index) + u16(notification_types)
    if notification_types & 0x0400:
        b += u8(0)
    if folder_id is None:
        return b + u8(1)
    return b + u8(0) + folder_id + (message_id if message_id is not None else u64(0))


def register_notification_response(out_index, rv=0):  # 2.2.14.1.2
    return u8(0x29) + u8(out_index) + u32(rv)


def notify(notification_handle, logon_id, notification_data):
    """2.2.14.2.1 RopNotify (response only): NotificationHandle (the subscription's or the table's server
    handle), LogonId, NotificationData."""
    return u8(0x2A) + u32(notification_handle) + u8(logon_id) + notification_data


# TableEventType values ([MS-OXCNOTIF] 2.2.1.4.1.2)
TABLE_CHANGED, TABLE_ROW_ADDED, TABLE_ROW_DELETED, TABLE_ROW_MODIFIED, TABLE_RESTRICTION_CHANGED = 1, 3, 4, 5, 7


def table_notification(event, row_folder_id=None, row_message_id=None, row_instance=0,
                       after_folder_id=None, after_message_id=None, after_instance=0, columns=None, values=None):
    """NotificationData ([MS-OXCNOTIF] 2.2.1.4.1.2) of a TableModified event (NotificationType 0x0100); the M
    flag (0x8000) when the rows are messages (`row_message_id` given). TableRowFolderID, and with M
    TableRowMessageID and TableRowInstance, for TABLE_ROW_ADDED / _DELETED / _MODIFIED; for _ADDED and
    _MODIFIED the row it now follows (InsertAfterTableRowFolderID, with M InsertAfterTableRowID and
    InsertAfterTableRowInstance) and TableRowDataSize + TableRowData, a PropertyRow in the table's columns
    (`values` as row() takes it)."""
    m = row_message_id is not None
    b = u16(0x0100 | (0x8000 if m else 0)) + u16(event)
    if event in (TABLE_ROW_ADDED, TABLE_ROW_DELETED, TABLE_ROW_MODIFIED):
        b += row_folder_id
        if m:
            b += row_message_id + u32(row_instance)
    if event in (TABLE_ROW_ADDED, TABLE_ROW_MODIFIED):
        b += after_folder_id if after_folder_id is not None else u64(0)
        if m:
            b += (after_message_id if after_message_id is not None else u64(0)) + u32(after_instance)
        data = row(columns, values)
        b += u16(len(data)) + data
    return b


def new_mail_notification(folder_id, message_id, message_flags, message_class, unicode=True):
    """NotificationData of NewMail (0x0002, with M): FolderId, MessageId, MessageFlags, UnicodeFlag,
    MessageClass (UTF-16LE when UnicodeFlag is TRUE)."""
    mc = utf16z(message_class) if unicode else asciiz(message_class)
    return u16(0x8002) + folder_id + message_id + u32(message_flags) + u8(1 if unicode else 0) + mc


def folder_modified_notification(folder_id, tags=(), total=None, unread=None):
    """NotificationData of ObjectModified (0x0010) for a folder: FolderId, TagCount, Tags, and with the T / U
    flags (0x1000 / 0x2000) TotalMessageCount / UnreadMessageCount."""
    flags = 0x0010 | (0x1000 if total is not None else 0) | (0x2000 if unread is not None else 0)
    b = u16(flags) + folder_id + _tags(tags)
    if total is not None:
        b += u32(total)
    if unread is not None:
        b += u32(unread)
    return b


# ---- 2.2.13.1 RopSynchronizationConfigure, 2.2.12.4 RopFastTransferSourceGetBuffer ([MS-OXCFXICS] 2.2.3) ----

SYNC_CONTENTS, SYNC_HIERARCHY = 0x01, 0x02


def synchronization_configure_request(logon_id, in_index, out_index, synchronization_type, send_options,
                                      synchronization_flags, extra_flags, property_tags, restriction=b""):
    """2.2.13.1.1: SynchronizationType, SendOptions, SynchronizationFlags (2 bytes), RestrictionDataSize,
    RestrictionData, SynchronizationExtraFlags (4 bytes), PropertyTagCount, PropertyTags (the properties
    to leave out, unless OnlySpecifiedProperties)."""
    return (u8(0x70) + u8(logon_id) + u8(in_index) + u8(out_index) + u8(synchronization_type) + u8(send_options) +
            u16(synchronization_flags) + u16(len(restriction)) + restriction + u32(extra_flags) + _tags(property_tags))


def synchronization_configure_response(out_index, rv=0):  # 2.2.13.1.2
    return u8(0x70) + u8(out_index) + u32(rv)


def fast_transfer_source_get_buffer_request(logon_id, in_index, buffer_size, maximum_buffer_size=None):
    """2.2.12.4.1: BufferSize; MaximumBufferSize only when BufferSize is 0xBABE."""
    b = u8(0x4E) + u8(logon_id) + u8(in_index) + u16(buffer_size)
    return b + u16(maximum_buffer_size) if buffer_size == 0xBABE else b


TRANSFER_ERROR, TRANSFER_PARTIAL, TRANSFER_NO_ROOM, TRANSFER_DONE = 0x0000, 0x0001, 0x0002, 0x0003


def fast_transfer_source_get_buffer_response(in_index, transfer_status, in_progress_count, total_step_count,
                                             transfer_buffer, rv=0, backoff_time=0):
    """2.2.12.4.2: TransferStatus, InProgressCount, TotalStepCount, Reserved, TransferBufferSize,
    TransferBuffer; 2.2.12.4.3: with ecServerBusy, BackoffTime after them."""
    b = (u8(0x4E) + u8(in_index) + u32(rv) + u16(transfer_status) + u16(in_progress_count) + u16(total_step_count) +
         u8(0) + u16(len(transfer_buffer)) + transfer_buffer)
    return b + u32(backoff_time) if rv == EC_SERVER_BUSY else b


def split_stream(stream, buffer_size):
    """The TransferBuffers a server fills, each up to `buffer_size` bytes ([MS-OXCFXICS] 3.2.5.8.1.1:
    a buffer may end anywhere in the stream, inside a value too)."""
    return [stream[i:i + buffer_size] for i in range(0, len(stream), buffer_size)] or [b""]
