"""ROP request and response buffers for reading and sending mail, and the server's answers that are not a
ROP's own response, written field by field from [MS-OXCROPS] (the section of each is named on it):

- 2.2.3.1.4 RopLogon redirect response (ecWrongServer);
- 2.2.6 message ROPs: RopOpenMessage (2.2.6.1, with its OpenRecipientRows 2.2.6.1.2.1), RopCreateMessage
  (2.2.6.2), RopSaveChangesMessage (2.2.6.3), RopRemoveAllRecipients (2.2.6.4), RopModifyRecipients (2.2.6.5,
  ModifyRecipientRow 2.2.6.5.1.1), RopOpenAttachment (2.2.6.12), RopGetAttachmentTable (2.2.6.17);
- 2.2.7.1 RopSubmitMessage;
- 2.2.8.4 RopGetPropertiesAll, 2.2.8.6 RopSetProperties;
- 2.2.9.1 RopOpenStream, 2.2.9.2 RopReadStream (ByteCount, or 0xBABE and MaximumByteCount);
- 2.2.15.1 RopBufferTooSmall, 2.2.15.2 RopBackoff.

The structures they carry come from [MS-OXCDATA]: RecipientRow (2.8.3.2, its RecipientFlags 2.8.3.1),
TypedString (2.11.7), the One-Off and Address Book EntryIDs (2.2.5.1, 2.2.5.2), Folder and Message IDs
(2.2.1.1, 2.2.1.2); property values, tagged values and rows from propenc.py (2.8.1, 2.11). RopRelease, RopLogon's other
responses, RopGetPropertiesSpecific and RopSetColumns are in mapienc.py. Every response function takes the
ReturnValue; a nonzero one gives the failure response buffer (RopId, handle index, ReturnValue) unless
the section says the fields go on (RopReadStream 2.2.9.2.2 has one form whatever the ReturnValue).
"""
import propenc
from mapienc import u8, u16, u32

EC_NOT_FOUND = 0x8004010F      # [MS-OXCDATA] 2.4.1 NotFound
EC_WRONG_SERVER = 0x00000478   # [MS-OXCDATA] 2.4.1 WrongServer

# [MS-OXCDATA] 2.8.3.1 RecipientFlags (the 16-bit little-endian value): Type in the low three bits
RECIP_TYPE_NOTYPE, RECIP_TYPE_X500DN, RECIP_TYPE_SMTP = 0x0, 0x1, 0x3
RECIP_E, RECIP_D, RECIP_T, RECIP_S, RECIP_R = 0x0008, 0x0010, 0x0020, 0x0040, 0x0080
RECIP_N, RECIP_U, RECIP_I, RECIP_O = 0x0100, 0x0200, 0x0400, 0x8000

# [MS-OXCDATA] 2.2.5.2 ProviderUID of an Address Book EntryID, 2.2.5.1 that of a One-Off EntryID
AB_PROVIDER_UID = bytes.fromhex("DCA740C8C042101AB4B908002B2FE182")
ONE_OFF_PROVIDER_UID = bytes.fromhex("812B1FA4BEA310199D6E00DD010F5402")


def _tags(tags):
    return b"".join(u32(t) for t in tags)


def _fail(rop_id, index, return_value):
    """The failure response buffer shared by every ROP: RopId, the handle index, ReturnValue."""
    return u8(rop_id) + u8(index) + u32(return_value)


def ab_entryid(x500dn, ab_type=0x00000000):
    """[MS-OXCDATA] 2.2.5.2 Address Book EntryID: Flags (0), ProviderUID, Version (1), Type (0x00000000 a
    local mail user, 0x00000001 a distribution list, ...), X500DN (NUL-terminated 8-bit string)."""
    return u32(0) + AB_PROVIDER_UID + u32(1) + u32(ab_type) + x500dn.encode("ascii") + b"\0"


def one_off_entryid(display_name, address_type, email_address, flags=0x8001):
    """[MS-OXCDATA] 2.2.5.1 One-Off EntryID: Flags (0), ProviderUID, Version (0), the 16-bit flags word
    (U, 0x8000, makes the strings UTF-16; 0x0001 asks for no rich information), DisplayName, AddressType,
    EmailAddress (NUL-terminated)."""
    if flags & 0x8000:
        def s(text):
            return text.encode("utf-16-le") + b"\0\0"
    else:
        def s(text):
            return text.encode("latin-1") + b"\0"
    return (u32(0) + ONE_OFF_PROVIDER_UID + u16(0) + u16(flags) + s(display_name) + s(address_type) +
            s(email_address))


def typed_string(string_type, text=None):
    """[MS-OXCDATA] 2.11.7 TypedString: StringType, then String for 0x02 (8-bit), 0x03 (reduced Unicode,
    8-bit too) and 0x04 (UTF-16LE); nothing for 0x00 (no string) and 0x01 (empty)."""
    if string_type in (0x02, 0x03):
        return u8(string_type) + text.encode("latin-1") + b"\0"
    if string_type == 0x04:
        return u8(string_type) + text.encode("utf-16-le") + b"\0\0"
    return u8(string_type)


def recipient_row(flags, columns, values, x500dn=None, address_prefix_used=0, display_type=0x00,
                  address_type=None, email_address=None, display_name=None, simple_display_name=None,
                  transmittable_display_name=None, entry_id=None, search_key=None, errors=None):
    """[MS-OXCDATA] 2.8.3.2 RecipientRow. RecipientFlags (2.8.3.1) say which fields follow: for Type X500DN
    AddressPrefixUsed, DisplayType and X500DN (always 8-bit); for Types 0x6/0x7 (personal distribution
    lists) EntryIdSize/EntryId and SearchKeySize/SearchKey; with Type NoType and O the AddressType; with E
    the EmailAddress, D the DisplayName, I the SimpleDisplayName, T the TransmittableDisplayName (UTF-16 when
    U is set, else 8-bit); then RecipientColumnCount and RecipientProperties, a PropertyRow (2.8.1) of
    `columns` (`errors` makes it a FlaggedPropertyRow)."""
    unicode = flags & RECIP_U

    def s(text):
        return text.encode("utf-16-le") + b"\0\0" if unicode else text.encode("latin-1") + b"\0"

    rtype = flags & 0x0007
    b = u16(flags)
    if rtype == RECIP_TYPE_X500DN:
        b += u8(address_prefix_used) + u8(display_type) + x500dn.encode("ascii") + b"\0"
    if rtype in (0x6, 0x7):
        b += u16(len(entry_id)) + entry_id + u16(len(search_key)) + search_key
    if rtype == RECIP_TYPE_NOTYPE and flags & RECIP_O:
        b += s(address_type)
    if flags & RECIP_E:
        b += s(email_address)
    if flags & RECIP_D:
        b += s(display_name)
    if flags & RECIP_I:
        b += s(simple_display_name)
    if flags & RECIP_T:
        b += s(transmittable_display_name)
    return b + u16(len(columns)) + propenc.property_row(columns, values, errors)


# ---- 2.2.3.1 RopLogon: the redirect response ----

def rop_logon_redirect_response(out_index, server_name, logon_flags=0x01):
    """2.2.3.1.4 RopLogon redirect response: RopId, OutputHandleIndex, ReturnValue (ecWrongServer),
    LogonFlags, ServerNameSize (counting the NUL), ServerName (8-bit, NUL-terminated)."""
    name = server_name.encode("ascii") + b"\0"
    return _fail(0xFE, out_index, EC_WRONG_SERVER) + u8(logon_flags) + u8(len(name)) + name


# ---- 2.2.6 message ROPs ----

def rop_open_message_request(logon_id, in_index, out_index, fid, mid, open_mode=0x03, code_page=0x0FFF):
    """2.2.6.1.1: RopId 0x03, LogonId, InputHandleIndex, OutputHandleIndex, CodePageId, FolderId,
    OpenModeFlags ([MS-OXCMSG] 2.2.3.1.1: 0x00 ReadOnly, 0x01 ReadWrite, 0x03 BestAccess), MessageId."""
    return (u8(0x03) + u8(logon_id) + u8(in_index) + u8(out_index) + u16(code_page) + fid +
            u8(open_mode) + mid)


def open_recipient_row(recipient_type, row, code_page=1252):
    """2.2.6.1.2.1 OpenRecipientRow: RecipientType, CodePageId, Reserved, RecipientRowSize, RecipientRow."""
    return u8(recipient_type) + u16(code_page) + u16(0) + u16(len(row)) + row


def message_summary(has_named_properties, subject_prefix, normalized_subject, columns, rows,
                    recipient_count=None):
    """The fields of 2.2.6.1.2 after ReturnValue (also 2.2.6.7.2, 2.2.6.16.2): HasNamedProperties,
    SubjectPrefix and NormalizedSubject (TypedStrings), RecipientCount, ColumnCount, RecipientColumns,
    RowCount (1 byte), RecipientRows (OpenRecipientRows). RecipientCount is the message's whole count,
    which may exceed the rows that fit here (the rest is read with RopReadRecipients)."""
    count = len(rows) if recipient_count is None else recipient_count
    return (u8(has_named_properties) + subject_prefix + normalized_subject + u16(count) +
            u16(len(columns)) + _tags(columns) + u8(len(rows)) + b"".join(rows))


def rop_open_message_response(out_index, summary=b"", return_value=0):
    """2.2.6.1.2 (success: the summary of message_summary()) and 2.2.6.1.3 (failure)."""
    if return_value:
        return _fail(0x03, out_index, return_value)
    return _fail(0x03, out_index, 0) + summary


def rop_create_message_request(logon_id, in_index, out_index, fid, associated=0, code_page=0x0FFF):
    """2.2.6.2.1: RopId 0x06, LogonId, InputHandleIndex, OutputHandleIndex, CodePageId, FolderId,
    AssociatedFlag."""
    return u8(0x06) + u8(logon_id) + u8(in_index) + u8(out_index) + u16(code_page) + fid + u8(associated)


def rop_create_message_response(out_index, mid=None, return_value=0):
    """2.2.6.2.2: HasMessageId, then MessageId when it is nonzero; 2.2.6.2.3 failure."""
    if return_value:
        return _fail(0x06, out_index, return_value)
    if mid is None:
        return _fail(0x06, out_index, 0) + u8(0)
    return _fail(0x06, out_index, 0) + u8(1) + mid


def rop_save_changes_message_request(logon_id, response_index, in_index, save_flags=0x02):
    """2.2.6.3.1: RopId 0x0C, LogonId, ResponseHandleIndex, InputHandleIndex, SaveFlags ([MS-OXCMSG]
    2.2.3.3.1: 0x01 KeepOpenReadOnly, 0x02 KeepOpenReadWrite, 0x04 ForceSave)."""
    return u8(0x0C) + u8(logon_id) + u8(response_index) + u8(in_index) + u8(save_flags)


def rop_save_changes_message_response(response_index, in_index, mid, return_value=0):
    """2.2.6.3.2: RopId, ResponseHandleIndex, ReturnValue, InputHandleIndex, MessageId; 2.2.6.3.3 failure."""
    if return_value:
        return _fail(0x0C, response_index, return_value)
    return _fail(0x0C, response_index, 0) + u8(in_index) + mid


def rop_remove_all_recipients_request(logon_id, in_index, reserved=0):
    """2.2.6.4.1: RopId 0x0D, LogonId, InputHandleIndex, Reserved (4 bytes)."""
    return u8(0x0D) + u8(logon_id) + u8(in_index) + u32(reserved)


def rop_remove_all_recipients_response(in_index, return_value=0):  # 2.2.6.4.2
    return _fail(0x0D, in_index, return_value)


def modify_recipient_row(row_id, recipient_type, row):
    """2.2.6.5.1.1 ModifyRecipientRow: RowId, RecipientType, RecipientRowSize, RecipientRow (none, size 0,
    removes the recipient)."""
    return u32(row_id) + u8(recipient_type) + u16(len(row)) + row


def rop_modify_recipients_request(logon_id, in_index, columns, rows):
    """2.2.6.5.1: RopId 0x0E, LogonId, InputHandleIndex, ColumnCount, RecipientColumns, RowCount (2 bytes),
    RecipientRows (ModifyRecipientRows)."""
    return (u8(0x0E) + u8(logon_id) + u8(in_index) + u16(len(columns)) + _tags(columns) + u16(len(rows)) +
            b"".join(rows))


def rop_modify_recipients_response(in_index, return_value=0):  # 2.2.6.5.2
    return _fail(0x0E, in_index, return_value)


def rop_open_attachment_request(logon_id, in_index, out_index, attach_id, flags=0x00):
    """2.2.6.12.1: RopId 0x22, LogonId, InputHandleIndex, OutputHandleIndex, OpenAttachmentFlags
    ([MS-OXCMSG] 2.2.3.12.1: 0x00 ReadOnly, 0x01 ReadWrite, 0x02 BestAccess), AttachmentID."""
    return u8(0x22) + u8(logon_id) + u8(in_index) + u8(out_index) + u8(flags) + u32(attach_id)


def rop_open_attachment_response(out_index, return_value=0):  # 2.2.6.12.2
    return _fail(0x22, out_index, return_value)


def rop_get_attachment_table_request(logon_id, in_index, out_index, table_flags=0x40):
    """2.2.6.17.1: RopId 0x21, LogonId, InputHandleIndex, OutputHandleIndex, TableFlags (0x40 Unicode)."""
    return u8(0x21) + u8(logon_id) + u8(in_index) + u8(out_index) + u8(table_flags)


def rop_get_attachment_table_response(out_index, return_value=0):  # 2.2.6.17.2
    return _fail(0x21, out_index, return_value)


# ---- 2.2.7 transport ROPs ----

def rop_submit_message_request(logon_id, in_index, submit_flags=0x00):
    """2.2.7.1.1: RopId 0x32, LogonId, InputHandleIndex, SubmitFlags ([MS-OXOMSG] 2.2.3.1.1)."""
    return u8(0x32) + u8(logon_id) + u8(in_index) + u8(submit_flags)


def rop_submit_message_response(in_index, return_value=0):  # 2.2.7.1.2
    return _fail(0x32, in_index, return_value)


# ---- 2.2.8 property ROPs ----

def rop_get_properties_all_request(logon_id, in_index, size_limit=0, want_unicode=1):
    """2.2.8.4.1: RopId 0x08, LogonId, InputHandleIndex, PropertySizeLimit, WantUnicode (2 bytes)."""
    return u8(0x08) + u8(logon_id) + u8(in_index) + u16(size_limit) + u16(want_unicode)


def rop_get_properties_all_response(in_index, props=(), return_value=0):
    """2.2.8.4.2: PropertyValueCount, PropertyValues (TaggedPropertyValues of the (tag, value) pairs in
    `props`); 2.2.8.4.3 failure."""
    if return_value:
        return _fail(0x08, in_index, return_value)
    return _fail(0x08, in_index, 0) + u16(len(props)) + b"".join(propenc.tagged(t, v) for t, v in props)


def rop_set_properties_request(logon_id, in_index, props):
    """2.2.8.6.1: RopId 0x0A, LogonId, InputHandleIndex, PropertyValueSize (the bytes of the count and the
    values), PropertyValueCount, PropertyValues (TaggedPropertyValues)."""
    values = b"".join(propenc.tagged(t, v) for t, v in props)
    return u8(0x0A) + u8(logon_id) + u8(in_index) + u16(2 + len(values)) + u16(len(props)) + values


def rop_set_properties_response(in_index, problems=(), return_value=0):
    """2.2.8.6.2: PropertyProblemCount, PropertyProblems ([MS-OXCDATA] 2.7: Index, PropertyTag, ErrorCode
    for each (index, tag, error) in `problems`); 2.2.8.6.3 failure."""
    if return_value:
        return _fail(0x0A, in_index, return_value)
    return (_fail(0x0A, in_index, 0) + u16(len(problems)) +
            b"".join(u16(i) + u32(t) + u32(e) for i, t, e in problems))


# ---- 2.2.9 stream ROPs ----

def rop_open_stream_request(logon_id, in_index, out_index, tag, open_mode=0x00):
    """2.2.9.1.1: RopId 0x2B, LogonId, InputHandleIndex, OutputHandleIndex, PropertyTag, OpenModeFlags
    ([MS-OXCPRPT] 2.2.14.1: 0x00 ReadOnly, 0x01 ReadWrite, 0x02 Create)."""
    return u8(0x2B) + u8(logon_id) + u8(in_index) + u8(out_index) + u32(tag) + u8(open_mode)


def rop_open_stream_response(out_index, stream_size=0, return_value=0):
    """2.2.9.1.2: StreamSize; 2.2.9.1.3 failure."""
    if return_value:
        return _fail(0x2B, out_index, return_value)
    return _fail(0x2B, out_index, 0) + u32(stream_size)


READ_STREAM_SERVER_DECIDES = 0xBABE


def rop_read_stream_request(logon_id, in_index, byte_count, maximum_byte_count=None):
    """2.2.9.2.1: RopId 0x2C, LogonId, InputHandleIndex, ByteCount; MaximumByteCount (4 bytes) follows only
    when ByteCount is 0xBABE (the server chooses how much to return, up to MaximumByteCount)."""
    b = u8(0x2C) + u8(logon_id) + u8(in_index) + u16(byte_count)
    if byte_count == READ_STREAM_SERVER_DECIDES:
        b += u32(maximum_byte_count)
    return b


def rop_read_stream_response(in_index, data, return_value=0):
    """2.2.9.2.2: RopId, InputHandleIndex, ReturnValue, DataSize, Data (one form for success and failure)."""
    return _fail(0x2C, in_index, return_value) + u16(len(data)) + data


# ---- 2.2.15 other ROPs ----

def rop_buffer_too_small_response(size_needed, request_buffers):
    """2.2.15.1.1 RopBufferTooSmall: RopId 0xFF, SizeNeeded, RequestBuffers (the ROP requests the server
    did not process, as the client sent them). It is the last ROP response of the RopsList."""
    return u8(0xFF) + u16(size_needed) + request_buffers


def rop_backoff_response(logon_id, duration, rops=(), additional_data=b""):
    """2.2.15.2.1 RopBackoff: RopId 0xF9, LogonId, Duration (milliseconds, the whole logon),
    BackoffRopCount, BackoffRopData (2.2.15.2.1.1 BackoffRop: RopIdBackoff, Duration for each (rop id,
    duration) in `rops`), AdditionalDataSize, AdditionalData."""
    return (u8(0xF9) + u8(logon_id) + u32(duration) + u8(len(rops)) +
            b"".join(u8(r) + u32(d) for r, d in rops) + u16(len(additional_data)) + additional_data)
