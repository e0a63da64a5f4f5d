#!/usr/bin/env python3
"""Golden cases for [MS-OXCROPS] 2.2.6 message ROPs (field values per [MS-OXCMSG] 2.2.3; recipients per
[MS-OXCDATA] 2.8.3 and [MS-OXCROPS] 2.2.6.1.2.1, 2.2.6.5.1.1, 2.2.6.6.2.1; TypedString per [MS-OXCDATA]
2.11.7)."""
from ropgen import *
from ropenc_message import message_summary, open_recipient_row, recipient_row, typed_string

FOLDER = fid(1, 0xA5)     # the folder the messages live in
MESSAGE = fid(1, 0x2001)  # a message in it
H_FOLDER, H_MESSAGE = 0x00000045, 0x00000060

# PidTagSmtpAddress, PidTagRecipientTrackStatus, PidTagRecipientOrder
COLUMNS = (0x39FE001F, 0x5FFF0003, 0x5FDF0003)


def recipient_columns(cols):
    """ColumnCount (2 bytes) and RecipientColumns (PropertyTags)."""
    return u16(len(cols)) + tags(*cols)


def row_alice():
    """[MS-OXCDATA] 2.8.3.2 RecipientRow: RecipientFlags 0x025B = Type SMTP (0x3) | E 0x0008 | D 0x0010 |
    S 0x0040 | U 0x0200, so EmailAddress and DisplayName follow as UTF-16; RecipientColumnCount 3 and a
    StandardPropertyRow (Flag 0x00, [MS-OXCDATA] 2.8.1.1) of the three COLUMNS."""
    return recipient_row(0x025B, COLUMNS, ["alice@contoso.com", 0, 0], email_address="alice@contoso.com",
                         display_name="Alice")


def row_bob():
    """RecipientFlags 0x0431 = Type X500DN (0x1) | D 0x0010 | T 0x0020 | I 0x0400 (U clear: 8-bit strings):
    AddressPrefixUsed, DisplayType, X500DN, then DisplayName, SimpleDisplayName, TransmittableDisplayName;
    RecipientColumnCount 2 and a FlaggedPropertyRow (Flag 0x01, 2.8.1.2) of the first two COLUMNS: a value
    (flag 0x00) and an error (flag 0x0A, ecNotFound)."""
    dn = "/o=Contoso/ou=Exchange Administrative Group/cn=Recipients/cn=bob"
    return recipient_row(0x0431, COLUMNS[:2], ["bob@contoso.com", None], x500dn=dn, address_prefix_used=0,
                         display_type=0x00, display_name="Bob", simple_display_name="bob",
                         transmittable_display_name="Bob", errors={1: 0x8004010F})


def summary(named, prefix, subject, count, cols, rows):
    """HasNamedProperties .. RecipientRows of 2.2.6.1.2 (also 2.2.6.7.2 and 2.2.6.16.2)."""
    return message_summary(named, prefix, subject, cols, rows, recipient_count=count)


# 2.2.6.1.1 RopOpenMessage: RopId, LogonId, InputHandleIndex, OutputHandleIndex, CodePageId, FolderId,
# OpenModeFlags (0x03 BestAccess), MessageId
open_message = u8(0x03) + u8(0) + u8(0) + u8(1) + u16(0x0FFF) + FOLDER + u8(0x03) + MESSAGE
write_case("rop-RopOpenMessage-request", open_message, req_handles=(H_FOLDER, 0xFFFFFFFF))
# 2.2.6.1.2: two OpenRecipientRows, RecipientType 0x01 (Primary) and 0x82 (Cc | 0x80 received before)
open_rows = [open_recipient_row(0x01, row_alice()), open_recipient_row(0x82, row_bob())]
open_summary = summary(1, typed_string(0x04, "RE: "), typed_string(0x04, "Quarterly report"), 2, COLUMNS, open_rows)
write_case("rop-RopOpenMessage-response", open_message, u8(0x03) + u8(1) + u32(0) + open_summary,
           req_handles=(H_FOLDER, 0xFFFFFFFF), resp_handles=(H_FOLDER, H_MESSAGE))
# 2.2.6.1.3: nothing after ReturnValue (ecNotFound)
write_case("rop-RopOpenMessage-response-failure", open_message, u8(0x03) + u8(1) + u32(0x8004010F),
           req_handles=(H_FOLDER, 0xFFFFFFFF), resp_handles=(H_FOLDER, 0xFFFFFFFF))

# 2.2.6.2.1 RopCreateMessage: ..., CodePageId, FolderId, AssociatedFlag
create_message = u8(0x06) + u8(0) + u8(0) + u8(1) + u16(0x0FFF) + FOLDER + u8(0)
write_case("rop-RopCreateMessage-request", create_message, req_handles=(H_FOLDER, 0xFFFFFFFF))
# 2.2.6.2.2: HasMessageId nonzero, then MessageId
write_case("rop-RopCreateMessage-response", create_message, u8(0x06) + u8(1) + u32(0) + u8(1) + MESSAGE,
           req_handles=(H_FOLDER, 0xFFFFFFFF), resp_handles=(H_FOLDER, H_MESSAGE))
# HasMessageId zero: MessageId is absent
write_case("rop-RopCreateMessage-response-without-message-id", create_message, u8(0x06) + u8(1) + u32(0) + u8(0),
           req_handles=(H_FOLDER, 0xFFFFFFFF), resp_handles=(H_FOLDER, H_MESSAGE))
write_case("rop-RopCreateMessage-response-failure", create_message, u8(0x06) + u8(1) + u32(0x80070005),
           req_handles=(H_FOLDER, 0xFFFFFFFF), resp_handles=(H_FOLDER, 0xFFFFFFFF))

# 2.2.6.3.1 RopSaveChangesMessage: RopId, LogonId, ResponseHandleIndex, InputHandleIndex, SaveFlags
save_message = u8(0x0C) + u8(0) + u8(0) + u8(1) + u8(0x02)
write_case("rop-RopSaveChangesMessage-request", save_message, req_handles=(H_FOLDER, H_MESSAGE))
# 2.2.6.3.2: RopId, ResponseHandleIndex, ReturnValue, InputHandleIndex, MessageId
write_case("rop-RopSaveChangesMessage-response", save_message, u8(0x0C) + u8(0) + u32(0) + u8(1) + MESSAGE,
           req_handles=(H_FOLDER, H_MESSAGE))
# 2.2.6.3.3: RopId, ResponseHandleIndex, ReturnValue (ecObjectModified)
write_case("rop-RopSaveChangesMessage-response-failure", save_message, u8(0x0C) + u8(0) + u32(0x80040109),
           req_handles=(H_FOLDER, H_MESSAGE))

# 2.2.6.4.1 RopRemoveAllRecipients: ..., InputHandleIndex, Reserved (4 bytes); 2.2.6.4.2: nothing more
remove_all = u8(0x0D) + u8(0) + u8(1) + u32(0)
write_case("rop-RopRemoveAllRecipients-request", remove_all, req_handles=(H_FOLDER, H_MESSAGE))
write_case("rop-RopRemoveAllRecipients-response", remove_all, u8(0x0D) + u8(1) + u32(0),
           req_handles=(H_FOLDER, H_MESSAGE))
write_case("rop-RopRemoveAllRecipients-response-failure", remove_all, u8(0x0D) + u8(1) + u32(0x000004B9),
           req_handles=(H_FOLDER, H_MESSAGE))

# 2.2.6.5.1 RopModifyRecipients: ..., InputHandleIndex, ColumnCount, RecipientColumns, RowCount (2 bytes),
# RecipientRows of ModifyRecipientRow (2.2.6.5.1.1: RowId, RecipientType, RecipientRowSize, RecipientRow); the
# second row has RecipientRowSize 0 (no RecipientRow: the recipient is removed, [MS-OXCMSG] 3.2.5.5)
alice = row_alice()
modify = u8(0x0E) + u8(0) + u8(1) + recipient_columns(COLUMNS) + u16(2) + \
    u32(0) + u8(0x01) + u16(len(alice)) + alice + u32(1) + u8(0x02) + u16(0)
write_case("rop-RopModifyRecipients-request", modify, req_handles=(H_FOLDER, H_MESSAGE))
write_case("rop-RopModifyRecipients-response", modify, u8(0x0E) + u8(1) + u32(0), req_handles=(H_FOLDER, H_MESSAGE))
write_case("rop-RopModifyRecipients-response-failure", modify, u8(0x0E) + u8(1) + u32(0x80070057),
           req_handles=(H_FOLDER, H_MESSAGE))

# 2.2.6.6.1 RopReadRecipients: ..., InputHandleIndex, RowId, Reserved (2 bytes)
read = u8(0x0F) + u8(0) + u8(1) + u32(0) + u16(0)
write_case("rop-RopReadRecipients-request", read, req_handles=(H_FOLDER, H_MESSAGE))
# 2.2.6.6.2: RowCount (1 byte), ReadRecipientRows (2.2.6.6.2.1: RowId, RecipientType, CodePageId, Reserved,
# RecipientRowSize, RecipientRow). The rows carry no columns: they are the message's RecipientColumns, here
# from the RopOpenMessage response before it in the same buffers.
read_rows = u8(2) + u32(0) + u8(0x01) + u16(1252) + u16(0) + u16(len(row_alice())) + row_alice() + \
    u32(1) + u8(0x82) + u16(1252) + u16(0) + u16(len(row_bob())) + row_bob()
write_case("rop-RopReadRecipients-response", open_message + read,
           u8(0x03) + u8(1) + u32(0) + open_summary + u8(0x0F) + u8(1) + u32(0) + read_rows,
           req_handles=(H_FOLDER, 0xFFFFFFFF), resp_handles=(H_FOLDER, H_MESSAGE))
# without the RopOpenMessage the columns are missing context: the properties of each row are shown raw
write_case("rop-RopReadRecipients-response-without-columns", read, u8(0x0F) + u8(1) + u32(0) + read_rows,
           req_handles=(H_FOLDER, H_MESSAGE), status=1)
# 2.2.6.6.3: nothing after ReturnValue (ecNotFound)
write_case("rop-RopReadRecipients-response-failure", read, u8(0x0F) + u8(1) + u32(0x8004010F),
           req_handles=(H_FOLDER, H_MESSAGE))

# 2.2.6.7.1 RopReloadCachedInformation: ..., InputHandleIndex, Reserved (2 bytes)
reload = u8(0x10) + u8(0) + u8(1) + u16(0)
write_case("rop-RopReloadCachedInformation-request", reload, req_handles=(H_FOLDER, H_MESSAGE))
# 2.2.6.7.2: the summary of 2.2.6.1.2; SubjectPrefix empty (0x01), NormalizedSubject reduced Unicode (0x03)
reload_summary = summary(0, typed_string(0x01), typed_string(0x03, "Budget"), 1, COLUMNS,
                         [open_recipient_row(0x01, row_alice())])
write_case("rop-RopReloadCachedInformation-response", reload, u8(0x10) + u8(1) + u32(0) + reload_summary,
           req_handles=(H_FOLDER, H_MESSAGE))
write_case("rop-RopReloadCachedInformation-response-failure", reload, u8(0x10) + u8(1) + u32(0x000004B9),
           req_handles=(H_FOLDER, H_MESSAGE))

# 2.2.6.8.1 RopSetMessageStatus: ..., InputHandleIndex, MessageId, MessageStatusFlags, MessageStatusMask
# ([MS-OXCMSG] 2.2.1.8: msRemoteDownload 0x1000, msRemoteDelete 0x2000)
set_status = u8(0x20) + u8(0) + u8(0) + MESSAGE + u32(0x00001000) + u32(0x00003000)
write_case("rop-RopSetMessageStatus-request", set_status)
# 2.2.6.8.2: MessageStatusFlags before the operation (msInConflict 0x0800)
write_case("rop-RopSetMessageStatus-response", set_status, u8(0x20) + u8(0) + u32(0) + u32(0x00000800))
write_case("rop-RopSetMessageStatus-response-failure", set_status, u8(0x20) + u8(0) + u32(0x8004010F))

# 2.2.6.9.1 RopGetMessageStatus: ..., InputHandleIndex, MessageId
get_status = u8(0x1F) + u8(0) + u8(0) + MESSAGE
write_case("rop-RopGetMessageStatus-request", get_status)
# 2.2.6.9.2: the response buffers are those of RopSetMessageStatus (2.2.6.8.2), whose RopId is 0x20
write_case("rop-RopGetMessageStatus-response", get_status, u8(0x20) + u8(0) + u32(0) + u32(0x00001000))
write_case("rop-RopGetMessageStatus-response-failure", get_status, u8(0x20) + u8(0) + u32(0x8004010F))

# 2.2.6.10.1 RopSetReadFlags: ..., InputHandleIndex, WantAsynchronous, ReadFlags, MessageIdCount, MessageIds
# ([MS-OXCMSG] 2.2.3.10.1: rfClearReadFlag 0x04 with rfSuppressReceipt 0x01)
set_read_flags = u8(0x66) + u8(0) + u8(0) + u8(0) + u8(0x05) + u16(2) + MESSAGE + fid(1, 0x2002)
write_case("rop-RopSetReadFlags-request", set_read_flags)
# 2.2.6.10.2: one response form, PartialCompletion after ReturnValue whatever it is
write_case("rop-RopSetReadFlags-response", set_read_flags, u8(0x66) + u8(0) + u32(0) + u8(0))
write_case("rop-RopSetReadFlags-response-failure", set_read_flags, u8(0x66) + u8(0) + u32(0x80070005) + u8(1))

# 2.2.6.11.1 RopSetMessageReadFlag: RopId, LogonId, ResponseHandleIndex, InputHandleIndex, ReadFlags, and
# ClientData (24 bytes) only for a logon without the Private flag. With nothing after ReadFlags there is no
# ClientData whatever the logon.
set_read = u8(0x11) + u8(0) + u8(0) + u8(1) + u8(0x00)
write_case("rop-RopSetMessageReadFlag-request", set_read, req_handles=(H_FOLDER, H_MESSAGE))
# bytes follow but the logon is not known (no RopLogon seen): whether ClientData is there cannot be told
write_case("rop-RopSetMessageReadFlag-request-logon-not-seen", set_read + u8(0x32) + u8(0) + u8(1) + u8(0),
           req_handles=(H_FOLDER, H_MESSAGE), status=1)
# 2.2.6.11.2: RopId, ResponseHandleIndex, ReturnValue, ReadStatusChanged; LogonId and ClientData (a
# LongTermID, [MS-OXCMSG] 2.2.3.11.1: DatabaseGuid, GlobalCounter, Pad) only when ReadStatusChanged is nonzero
write_case("rop-RopSetMessageReadFlag-response", set_read, u8(0x11) + u8(0) + u32(0) + u8(0),
           req_handles=(H_FOLDER, H_MESSAGE))
client_data = guid("{11111111-2222-3333-4444-555555555555}") + bytes([0, 0, 0, 0, 0x20, 0x01]) + u16(0)
write_case("rop-RopSetMessageReadFlag-response-read-status-changed", set_read,
           u8(0x11) + u8(0) + u32(0) + u8(1) + u8(0) + client_data, req_handles=(H_FOLDER, H_MESSAGE))
# 2.2.6.11.3: RopId, ResponseHandleIndex, ReturnValue
write_case("rop-RopSetMessageReadFlag-response-failure", set_read, u8(0x11) + u8(0) + u32(0x80040102),
           req_handles=(H_FOLDER, H_MESSAGE))

H_ATTACH = 0x00000070
# 2.2.6.12.1 RopOpenAttachment: ..., InputHandleIndex, OutputHandleIndex, OpenAttachmentFlags, AttachmentID
open_attachment = u8(0x22) + u8(0) + u8(1) + u8(2) + u8(0x01) + u32(0)
write_case("rop-RopOpenAttachment-request", open_attachment, req_handles=(H_FOLDER, H_MESSAGE, 0xFFFFFFFF))
# 2.2.6.12.2: RopId, OutputHandleIndex, ReturnValue
write_case("rop-RopOpenAttachment-response", open_attachment, u8(0x22) + u8(2) + u32(0),
           req_handles=(H_FOLDER, H_MESSAGE, 0xFFFFFFFF), resp_handles=(H_FOLDER, H_MESSAGE, H_ATTACH))
write_case("rop-RopOpenAttachment-response-failure", open_attachment, u8(0x22) + u8(2) + u32(0x8004010F),
           req_handles=(H_FOLDER, H_MESSAGE, 0xFFFFFFFF))

# 2.2.6.13.1 RopCreateAttachment: ..., InputHandleIndex, OutputHandleIndex; 2.2.6.13.2: AttachmentID
create_attachment = u8(0x23) + u8(0) + u8(1) + u8(2)
write_case("rop-RopCreateAttachment-request", create_attachment, req_handles=(H_FOLDER, H_MESSAGE, 0xFFFFFFFF))
write_case("rop-RopCreateAttachment-response", create_attachment, u8(0x23) + u8(2) + u32(0) + u32(1),
           req_handles=(H_FOLDER, H_MESSAGE, 0xFFFFFFFF), resp_handles=(H_FOLDER, H_MESSAGE, H_ATTACH))
write_case("rop-RopCreateAttachment-response-failure", create_attachment, u8(0x23) + u8(2) + u32(0x80070005),
           req_handles=(H_FOLDER, H_MESSAGE, 0xFFFFFFFF))

# 2.2.6.14.1 RopDeleteAttachment: ..., InputHandleIndex, AttachmentID; 2.2.6.14.2: nothing more
delete_attachment = u8(0x24) + u8(0) + u8(1) + u32(2)
write_case("rop-RopDeleteAttachment-request", delete_attachment, req_handles=(H_FOLDER, H_MESSAGE))
write_case("rop-RopDeleteAttachment-response", delete_attachment, u8(0x24) + u8(1) + u32(0),
           req_handles=(H_FOLDER, H_MESSAGE))
write_case("rop-RopDeleteAttachment-response-failure", delete_attachment, u8(0x24) + u8(1) + u32(0x8004010F),
           req_handles=(H_FOLDER, H_MESSAGE))

# 2.2.6.15.1 RopSaveChangesAttachment: RopId, LogonId, ResponseHandleIndex, InputHandleIndex, SaveFlags;
# 2.2.6.15.2: RopId, ResponseHandleIndex, ReturnValue
save_attachment = u8(0x25) + u8(0) + u8(1) + u8(2) + u8(0x01)
write_case("rop-RopSaveChangesAttachment-request", save_attachment, req_handles=(H_FOLDER, H_MESSAGE, H_ATTACH))
write_case("rop-RopSaveChangesAttachment-response", save_attachment, u8(0x25) + u8(1) + u32(0),
           req_handles=(H_FOLDER, H_MESSAGE, H_ATTACH))
write_case("rop-RopSaveChangesAttachment-response-failure", save_attachment, u8(0x25) + u8(1) + u32(0x80040109),
           req_handles=(H_FOLDER, H_MESSAGE, H_ATTACH))

# 2.2.6.16.1 RopOpenEmbeddedMessage: ..., InputHandleIndex, OutputHandleIndex, CodePageId, OpenModeFlags
# ([MS-OXCMSG] 2.2.3.16.1: 0x02 Create)
open_embedded = u8(0x46) + u8(0) + u8(2) + u8(3) + u16(0x0FFF) + u8(0x02)
embedded_handles = (H_FOLDER, H_MESSAGE, H_ATTACH, 0xFFFFFFFF)
write_case("rop-RopOpenEmbeddedMessage-request", open_embedded, req_handles=embedded_handles)
# 2.2.6.16.2: Reserved, MessageId, then the summary: no named properties, no SubjectPrefix (0x00), an 8-bit
# NormalizedSubject (0x02), no recipients and no columns
embedded_summary = summary(0, typed_string(0x00), typed_string(0x02, "Forwarded"), 0, (), [])
write_case("rop-RopOpenEmbeddedMessage-response", open_embedded,
           u8(0x46) + u8(3) + u32(0) + u8(0) + fid(1, 0x3001) + embedded_summary,
           req_handles=embedded_handles, resp_handles=(H_FOLDER, H_MESSAGE, H_ATTACH, 0x00000080))
write_case("rop-RopOpenEmbeddedMessage-response-failure", open_embedded, u8(0x46) + u8(3) + u32(0x8004010F),
           req_handles=embedded_handles)

# 2.2.6.17.1 RopGetAttachmentTable: ..., InputHandleIndex, OutputHandleIndex, TableFlags (0x40 Unicode);
# 2.2.6.17.2: RopId, OutputHandleIndex, ReturnValue
attachment_table = u8(0x21) + u8(0) + u8(1) + u8(2) + u8(0x40)
write_case("rop-RopGetAttachmentTable-request", attachment_table, req_handles=(H_FOLDER, H_MESSAGE, 0xFFFFFFFF))
write_case("rop-RopGetAttachmentTable-response", attachment_table, u8(0x21) + u8(2) + u32(0),
           req_handles=(H_FOLDER, H_MESSAGE, 0xFFFFFFFF), resp_handles=(H_FOLDER, H_MESSAGE, 0x00000090))
write_case("rop-RopGetAttachmentTable-response-failure", attachment_table, u8(0x21) + u8(2) + u32(0x80040102),
           req_handles=(H_FOLDER, H_MESSAGE, 0xFFFFFFFF))

# 2.2.6.18.1 RopGetValidAttachments: ..., InputHandleIndex; 2.2.6.18.2: AttachmentIdCount, AttachmentIdArray
valid_attachments = u8(0x52) + u8(0) + u8(1)
write_case("rop-RopGetValidAttachments-request", valid_attachments, req_handles=(H_FOLDER, H_MESSAGE))
write_case("rop-RopGetValidAttachments-response", valid_attachments,
           u8(0x52) + u8(1) + u32(0) + u16(3) + u32(0) + u32(1) + u32(4), req_handles=(H_FOLDER, H_MESSAGE))
write_case("rop-RopGetValidAttachments-response-failure", valid_attachments, u8(0x52) + u8(1) + u32(0x000004B9),
           req_handles=(H_FOLDER, H_MESSAGE))
write_manifest("message")
