"""Scenarios of issue 7 items 2 and 4: reading and sending mail ("mail"), and the ways a request fails
("failures"), as Outlook and Exchange play them over MAPI/HTTP ([MS-OXCMAPIHTTP] 3.2.4 sequencing; the ROPs
of [MS-OXCROPS] through ropenc_message.py and mapienc.py).

"mail": Connect (NTLM) and RopLogon, then RopOpenMessage of an Inbox message with its recipients and
RopGetPropertiesAll ([MS-OXCMSG] 2.2.3.1, [MS-OXCPRPT] 2.2.4); RopOpenAttachment, RopGetPropertiesSpecific
and RopOpenStream of its PDF attachment (PidTagAttachDataBinary, larger than 32 KB) read by RopReadStream
over three Execute requests, the first asking with 0xBABE and MaximumByteCount, the others with a
ByteCount; each ROP output buffer stays within the 32 KB a server returns in one extended buffer
([MS-OXCRPC] 3.1.4.2.1.1, under the client's MaxRopOut of [MS-OXCMAPIHTTP] 2.2.4.2.1). Then RopRelease of
what was read, a new message: RopCreateMessage, RopSetProperties, RopModifyRecipients,
RopSaveChangesMessage, and its submission as Outlook sends it (RopRemoveAllRecipients, RopModifyRecipients,
RopSetProperties, RopSubmitMessage: the pattern of OpenChange's Outlook vector 001), RopRelease, Disconnect.
ROP buffers are obfuscated (XorMagic) and compressed where compression makes them smaller.

"failures": a RopLogon answered by a redirect (ecWrongServer with the mailbox's server name,
[MS-OXCROPS] 2.2.3.1.4; [MS-OXCSTOR] 3.2.5.1.3), after which the client disconnects and connects to the
mailbox it was given; on that session a RopOpenMessage failing with ecNotFound, a RopBufferTooSmall
(2.2.15.1: a MaxRopOut too small for RopGetPropertiesAll, which comes back as RequestBuffers and is sent
again), a RopBackoff (2.2.15.2, 3.1.5.1.1: the response to RopOpenStream is held back for 1.5 s and the
client sends it again), an Execute failure response body (StatusCode 0x000006BB with X-ResponseCode 0,
as [MS-OXCROPS] 3.2.4.2 says a server that cannot send RopBackoff fails the request), and an expired
session context: X-ResponseCode 10 "Context Not Found" ([MS-OXCMAPIHTTP] 3.2.5.6, 2.2.3.3.3), whose body
is diagnostic text, not a request type body; the client reconnects with the old cookies and is given a
new session context (3.2.5.6), logs on again and disconnects.

The facts carry, besides the requests of each session, what the failures must decode as: facts["expect"]
maps an X-RequestId to the X-ResponseCode, StatusCode, and ROP responses (name and ReturnValue, in order)
of its response.
"""
import random
import uuid

import auxenc as A
import mapienc as M
import ropenc_message as R
import scenarios as S
from httpsim import Connection

NONE = 0xFFFFFFFF
INBOX, OUTBOX = 4, 5  # indexes into the logon response's FolderIds ([MS-OXCSTOR] 2.2.1.1.3)

# property tags ([MS-OXPROPS])
T_MESSAGE_CLASS, T_SUBJECT, T_SUBJECT_PREFIX, T_NORMALIZED_SUBJECT = 0x001A001F, 0x0037001F, 0x003D001F, 0x0E1D001F
T_CONVERSATION_TOPIC, T_IMPORTANCE, T_SENSITIVITY = 0x0070001F, 0x00170003, 0x00360003
T_CLIENT_SUBMIT_TIME, T_DELIVERY_TIME, T_CREATION_TIME, T_LAST_MODIFICATION_TIME = \
    0x00390040, 0x0E060040, 0x30070040, 0x30080040
T_MESSAGE_FLAGS, T_MESSAGE_SIZE, T_HAS_ATTACHMENTS, T_READ = 0x0E070003, 0x0E080003, 0x0E1B000B, 0x0E69000B
T_SENDER_NAME, T_SENDER_ADDRTYPE, T_SENDER_EMAIL, T_SENDER_ENTRYID, T_SENDER_SMTP = \
    0x0C1A001F, 0x0C1E001F, 0x0C1F001F, 0x0C190102, 0x5D01001F
T_SENT_REPRESENTING_NAME, T_DISPLAY_TO, T_DISPLAY_CC = 0x0042001F, 0x0E04001F, 0x0E03001F
T_INTERNET_MESSAGE_ID, T_BODY, T_NATIVE_BODY, T_INTERNET_CPID, T_LOCALE_ID = \
    0x1035001F, 0x1000001F, 0x10160003, 0x3FDE0003, 0x3FF10003
T_CHANGE_KEY, T_SEARCH_KEY = 0x65E20102, 0x300B0102
T_ATTACH_DATA_BIN, T_ATTACH_FILENAME, T_ATTACH_SIZE, T_ATTACH_MIME, T_ATTACH_METHOD = \
    0x37010102, 0x3707001F, 0x0E200003, 0x370E001F, 0x37050003

# RecipientColumns as Outlook sends them (OpenChange vector 001 less its unnamed 0x5FDE0003): PidTagObjectType,
# PidTagDisplayType, PidTagAddressBookDisplayNamePrintable, PidTagSmtpAddress, PidTagSendInternetEncoding,
# PidTagAccount, PidTagRecipientTrackStatus, PidTagRecipientFlags, PidTagRecipientDisplayName,
# PidTagRecipientEntryId, PidTagRecipientOrder
RECIPIENT_COLUMNS = [0x0FFE0003, 0x39000003, 0x39FF001F, 0x39FE001F, 0x3A710003, 0x3A00001F, 0x5FFF0003,
                     0x5FFD0003, 0x5FF6001F, 0x5FF70102, 0x5FDF0003]
RECIPIENTS_DN = S.DN_PREFIX + "/cn=Recipients/cn="
PRIMARY, CC = 0x01, 0x02  # RecipientType ([MS-OXCMSG] 2.2.3.1.2)

SENDERS = [("Megan Bowen", "megan"), ("Lee Gu", "lee"), ("Nestor Wilke", "nestor"), ("Isaiah Langer", "isaiah")]
COLLEAGUES = [("Bob Kelly", "bob"), ("Grady Archie", "grady"), ("Johanna Lorenz", "johanna"),
              ("Lynne Robbins", "lynne")]
EXTERNAL = [("Diego Siciliani", "diego@fabrikam.com"), ("Patti Fernandez", "patti@northwindtraders.com"),
            ("Adele Vance", "adele.vance@adatum.com")]
SUBJECTS = ["Q3 budget review", "Contract draft for Fabrikam", "Updated floor plan for building 4",
            "Minutes of Tuesday's steering committee", "Travel expenses for the Lisbon trip"]
ATTACH_NAMES = ["Budget-Q3-2024.pdf", "Fabrikam-contract-v3.pdf", "Floor-plan-B4.pdf", "Steering-minutes.pdf"]


def filetime(seconds_since_1970):
    return (seconds_since_1970 + 11644473600) * 10 ** 7


def execute(s, req_rops, req_handles, resp_rops, resp_handles, rop_names, max_rop_out=0x40000, raw_response=None):
    """One Execute exchange, obfuscated, the client accepting compressed responses ([MS-OXCMAPIHTTP]
    2.2.4.2.1.1 Flags 0); each side compresses its ROP buffer only when that makes it smaller ([MS-OXCRPC]
    3.1.4.11.1 leaves compression to the sender)."""
    aux = [A.aux_perf_requestid(1, s.n + 1)]
    packed, plain = (M.execute_request(req_rops, req_handles, aux=aux, xor=True, compress=c, flags=0,
                                       max_rop_out=max_rop_out) for c in (True, False))
    req = packed if len(packed) < len(plain) else plain
    if raw_response is None:
        packed = M.execute_response(resp_rops, resp_handles, xor=True, compress=True)
        plain = M.execute_response(resp_rops, resp_handles, xor=True, compress=False)
        raw_response = packed if len(packed) < len(plain) else plain
    parts, delays = s.meta(raw_response)
    return s.request("Execute", req, resp_parts=parts, delays=delays, rops=rop_names)


def recipient_values(display, account, smtp, entry_id, flags, order, object_type=6, display_type=0):
    return [object_type, display_type, account, smtp, 0, account, 0, flags, display, entry_id, order]


def internal_row(display, account, order):
    """A recipient of the organisation ([MS-OXCDATA] 2.8.3.2): Type X500DN with the DN's common prefix
    left out (AddressPrefixUsed), DisplayName and SimpleDisplayName in UTF-16 (S, D, I, U)."""
    dn = RECIPIENTS_DN + account
    values = recipient_values(display, account, "%s@contoso.com" % account, R.ab_entryid(dn), 1, order)
    return R.recipient_row(R.RECIP_TYPE_X500DN | R.RECIP_S | R.RECIP_D | R.RECIP_I | R.RECIP_U, RECIPIENT_COLUMNS,
                           values, x500dn=account, address_prefix_used=len(RECIPIENTS_DN), display_type=0x00,
                           display_name=display, simple_display_name=account)


def external_row(display, smtp, order):
    """An Internet recipient: Type SMTP with its EmailAddress (E) and a One-Off EntryID (MS-OXCDATA 2.2.5.1)."""
    values = recipient_values(display, smtp, smtp, R.one_off_entryid(display, "SMTP", smtp), 1, order)
    return R.recipient_row(R.RECIP_TYPE_SMTP | R.RECIP_E | R.RECIP_S | R.RECIP_D | R.RECIP_I | R.RECIP_U,
                           RECIPIENT_COLUMNS, values, email_address=smtp, display_name=display,
                           simple_display_name=smtp.split("@")[0])


def pdf_bytes(rng, size):
    """A PDF-looking file of exactly `size` bytes: header, catalog and page objects, a compressed-looking
    content stream (seeded random bytes), cross-reference table and trailer."""
    head = (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
            b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>\nendobj\n")
    tail = (b"\nendstream\nendobj\nxref\n0 5\n0000000000 65535 f \n0000000015 00000 n \n"
            b"0000000064 00000 n \n0000000121 00000 n \n0000000212 00000 n \n"
            b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size - 40))
    def obj(length):
        return b"4 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % length
    length = size - len(head) - len(tail) - len(obj(size))  # /Length has no more digits than the size
    body = bytes(rng.getrandbits(8) for _ in range(size - len(head) - len(obj(length)) - len(tail)))
    return head + obj(len(body)) + body + tail


def mail_content(rng):
    sender, colleague, external = rng.choice(SENDERS), rng.choice(COLLEAGUES), rng.choice(EXTERNAL)
    subject = rng.choice(SUBJECTS)
    received = 1714557600 + rng.randrange(0, 3 * 3600)  # 2024-05-01 10:00 UTC and after
    body = ("Hi Alice,\r\n\r\nPlease find attached the document we discussed. I have added the figures "
            "from last week and marked the open points in yellow.\r\n\r\nCould you review it before "
            "Friday?\r\n\r\nThanks,\r\n%s\r\n" % sender[0].split()[0])
    return sender, colleague, external, subject, received, body


def read_message(s, content, attachment):
    """Execute requests that read a received message and its attachment (handles: 0 logon, 1 message,
    2 attachment, 3 stream)."""
    rng = s.rng
    sender, colleague, external, subject, received, body = content
    logon, msg_h, att_h, stream_h = 0x00000041, 0x00000052, 0x00000063, 0x00000074
    inbox = M.u64(s.folder_ids[INBOX])
    mid = M.fid(1, rng.getrandbits(32) | 0x100000)
    out = []

    # RopOpenMessage with its recipients (the user To, a colleague Cc), RopGetPropertiesAll
    rows = [R.open_recipient_row(PRIMARY, internal_row("Alice Wonder", "alice", 0)),
            R.open_recipient_row(CC, internal_row(colleague[0], colleague[1], 1))]
    summary = R.message_summary(1, R.typed_string(0x01), R.typed_string(0x04, subject), RECIPIENT_COLUMNS, rows)
    sender_dn = RECIPIENTS_DN + sender[1]
    props = [(T_MESSAGE_CLASS, "IPM.Note"), (T_SUBJECT, subject), (T_NORMALIZED_SUBJECT, subject),
             (T_CONVERSATION_TOPIC, subject), (T_IMPORTANCE, 1), (T_SENSITIVITY, 0),
             (T_CLIENT_SUBMIT_TIME, filetime(received - 4)), (T_DELIVERY_TIME, filetime(received)),
             (T_CREATION_TIME, filetime(received)), (T_LAST_MODIFICATION_TIME, filetime(received + 1)),
             (T_MESSAGE_FLAGS, 0x00000011), (T_MESSAGE_SIZE, len(attachment) + 2 * len(body) + 5120),
             (T_HAS_ATTACHMENTS, True), (T_READ, True), (T_SENDER_NAME, sender[0]), (T_SENDER_ADDRTYPE, "EX"),
             (T_SENDER_EMAIL, sender_dn), (T_SENDER_ENTRYID, R.ab_entryid(sender_dn)),
             (T_SENDER_SMTP, "%s@contoso.com" % sender[1]), (T_SENT_REPRESENTING_NAME, sender[0]),
             (T_DISPLAY_TO, "Alice Wonder"), (T_DISPLAY_CC, colleague[0]),
             (T_INTERNET_MESSAGE_ID, "<%s@EX1.contoso.com>" % uuid.UUID(int=rng.getrandbits(128)).hex.upper()),
             (T_BODY, body), (T_NATIVE_BODY, 1), (T_INTERNET_CPID, 65001), (T_LOCALE_ID, 0x0409),
             (T_SEARCH_KEY, bytes(rng.getrandbits(8) for _ in range(16))),
             (T_CHANGE_KEY, uuid.UUID(int=rng.getrandbits(128)).bytes_le + bytes([0, 0, 0, 0, 0x1F, 0x42]))]
    out.append(execute(s, [R.rop_open_message_request(0, 0, 1, inbox, mid),
                           R.rop_get_properties_all_request(0, 1, size_limit=0, want_unicode=1)],
                       [logon, NONE],
                       [R.rop_open_message_response(1, summary), R.rop_get_properties_all_response(1, props)],
                       [logon, msg_h], ["RopOpenMessage", "RopGetPropertiesAll"]))

    # the attachment: its properties, then PidTagAttachDataBinary as a stream, read in pieces that keep each
    # ROP output buffer under 32 KB
    name = rng.choice(ATTACH_NAMES)
    att_tags = [T_ATTACH_FILENAME, T_ATTACH_SIZE, T_ATTACH_MIME, T_ATTACH_METHOD]
    piece = 0x7800
    first = attachment[:piece]
    out.append(execute(
        s, [R.rop_open_attachment_request(0, 1, 2, 0), M.rop_get_properties_specific_request(0, 2, att_tags),
            R.rop_open_stream_request(0, 2, 3, T_ATTACH_DATA_BIN, 0x00),
            R.rop_read_stream_request(0, 3, R.READ_STREAM_SERVER_DECIDES, maximum_byte_count=piece)],
        [logon, msg_h, NONE, NONE],
        [R.rop_open_attachment_response(2),
         M.rop_get_properties_specific_response(2, att_tags, [name, len(attachment) + 412, "application/pdf", 1]),
         R.rop_open_stream_response(3, len(attachment)), R.rop_read_stream_response(3, first)],
        [logon, msg_h, att_h, stream_h],
        ["RopOpenAttachment", "RopGetPropertiesSpecific", "RopOpenStream", "RopReadStream"]))
    for at in range(piece, len(attachment), piece):
        out.append(execute(s, [R.rop_read_stream_request(0, 3, piece)], [logon, msg_h, att_h, stream_h],
                           [R.rop_read_stream_response(3, attachment[at:at + piece])],
                           [logon, msg_h, att_h, stream_h], ["RopReadStream"]))
    return out


def send_message(s, content):
    """Execute requests that write a reply and send it: the stream, attachment and message read before are
    released, a message is created in the Outbox, given its properties and recipients and saved; then
    submitted as Outlook does it (vector 001's ROPs) and released."""
    rng = s.rng
    sender, colleague, external, subject, received, _ = content
    logon, old = 0x00000041, [0x00000052, 0x00000063, 0x00000074]
    new_h = 0x00000085
    outbox = M.u64(s.folder_ids[OUTBOX])
    mid = M.fid(1, rng.getrandbits(32) | 0x200000)
    text = ("Hi %s,\r\n\r\nThanks, I have looked at it: the figures for May need one more line for the "
            "consultants. %s, can you add it?\r\n\r\nBest regards,\r\nAlice\r\n" % (sender[0].split()[0],
                                                                                   external[0].split()[0]))
    now = received + 1800 + rng.randrange(600)
    props = [(T_MESSAGE_CLASS, "IPM.Note"), (T_SUBJECT_PREFIX, "RE: "), (T_NORMALIZED_SUBJECT, subject),
             (T_CONVERSATION_TOPIC, subject), (T_IMPORTANCE, 1), (T_SENSITIVITY, 0), (T_BODY, text),
             (T_NATIVE_BODY, 1), (T_INTERNET_CPID, 65001), (T_LOCALE_ID, 0x0409), (T_MESSAGE_FLAGS, 0x00000009),
             (T_CREATION_TIME, filetime(now)), (T_LAST_MODIFICATION_TIME, filetime(now))]
    recipients = [R.modify_recipient_row(0, PRIMARY, internal_row(sender[0], sender[1], 0)),
                  R.modify_recipient_row(1, CC, external_row(external[0], external[1], 1))]
    handles = [logon] + old + [NONE]
    out = [execute(s, [M.rop_release_request(0, 3), M.rop_release_request(0, 2), M.rop_release_request(0, 1),
                       R.rop_create_message_request(0, 0, 4, outbox), R.rop_set_properties_request(0, 4, props),
                       R.rop_modify_recipients_request(0, 4, RECIPIENT_COLUMNS, recipients),
                       R.rop_save_changes_message_request(0, 4, 4, save_flags=0x02)],
                   handles,
                   [R.rop_create_message_response(4, mid), R.rop_set_properties_response(4),
                    R.rop_modify_recipients_response(4), R.rop_save_changes_message_response(4, 4, mid)],
                   [logon] + old + [new_h],
                   ["RopRelease", "RopRelease", "RopRelease", "RopCreateMessage", "RopSetProperties",
                    "RopModifyRecipients", "RopSaveChangesMessage"])]
    handles = [logon, new_h]
    out.append(execute(s, [R.rop_remove_all_recipients_request(0, 1),
                           R.rop_modify_recipients_request(0, 1, RECIPIENT_COLUMNS, recipients),
                           R.rop_set_properties_request(0, 1, [(T_SUBJECT_PREFIX, "RE: "),
                                                               (T_NORMALIZED_SUBJECT, subject)]),
                           R.rop_submit_message_request(0, 1, 0x00), M.rop_release_request(0, 1)],
                       handles,
                       [R.rop_remove_all_recipients_response(1), R.rop_modify_recipients_response(1),
                        R.rop_set_properties_response(1), R.rop_submit_message_response(1)],
                       handles, ["RopRemoveAllRecipients", "RopModifyRecipients", "RopSetProperties",
                                 "RopSubmitMessage", "RopRelease"]))
    return out


def mail(seed, tls=None):
    """Reading a message (RopOpenMessage with its recipients, RopGetPropertiesAll) and its 77 KB PDF
    attachment (RopOpenAttachment, RopOpenStream, RopReadStream over three Executes, the first with 0xBABE and
    MaximumByteCount), then writing and sending a reply (RopCreateMessage, RopSetProperties,
    RopModifyRecipients, RopSaveChangesMessage, RopRemoveAllRecipients, RopSubmitMessage, RopRelease)."""
    rng = random.Random(seed)
    s = S.Session(rng, "s")
    a = Connection("main", tls=tls)
    for x in S.connect_exchanges(s, "ntlm"):
        a.add("exchange", x)
    a.add("exchange", S.execute_logon(s))
    content = mail_content(rng)
    attachment = pdf_bytes(rng, rng.randint(66000, 80000))
    for x in read_message(s, content, attachment) + send_message(s, content):
        a.add("exchange", x)
    a.add("exchange", S.disconnect(s))
    return [a], {"sessions": [s.facts], "users": ["CONTOSO\\alice"]}


# ---- failures ----

def expect(facts, s, **what):
    """Records what the response to the request just built must decode as (keyed by its X-RequestId)."""
    facts.setdefault("expect", {})[s.facts[-1][1]] = what


def context_not_found(s):
    """An Execute on a Session Context the server no longer has: X-ResponseCode 10 ([MS-OXCMAPIHTTP]
    3.2.5.6), its body diagnostic text (2.2.3.3.3), no new cookies."""
    rid = M.request_id(s.client_guid, s.n + 1)
    req = M.execute_request([M.rop_get_properties_specific_request(0, 0, [S.TAG_DISPLAY_NAME])], [0x00000041],
                            aux=[A.aux_perf_requestid(1, s.n + 1)], xor=True)
    text = b"<html><head><title>Context Not Found</title></head><body>The Session Context is not found.</body></html>"
    headers = [("Content-Type", "text/html; charset=utf-8"), ("X-RequestType", "Execute"), ("X-RequestId", rid),
               ("X-ResponseCode", "10"), ("X-ServerApplication", S.SERVER_APP)]
    return s.request("Execute", req, resp_parts=[text], content_length_response=True,
                     resp_headers_override=headers, rops=["RopGetPropertiesSpecific"])


def reconnect(s):
    """A Connect that carries the expired session's cookies (3.2.5.6): the server answers with a new
    session context cookie, which the session uses from then on."""
    rng = s.rng
    context, sid = "%032X" % rng.getrandbits(128), str(uuid.UUID(int=rng.getrandbits(128), version=4))
    body = M.connect_request(S.USER_DN, aux=[A.aux_perf_requestid(1, 1)])
    parts, delays = s.meta(M.connect_response(S.DN_PREFIX, "Alice Wonder"))
    x = s.request("Connect", body, resp_parts=parts, delays=delays,
                  extra_resp_headers=[("Set-Cookie", "MapiContext=%s; path=/mapi/emsmdb; secure; HttpOnly" % context),
                                      ("Set-Cookie", "sid=%s; path=/mapi/emsmdb; secure; HttpOnly" % sid)])
    s.context, s.sid = context, sid
    return x


def failures(seed, tls=None):
    """Failures over two sessions: RopLogon redirected (ecWrongServer) to another mailbox; there a
    RopOpenMessage failing with ecNotFound, RopBufferTooSmall, RopBackoff, an Execute failure body (StatusCode
    0x000006BB), an expired session context (X-ResponseCode 10) and the new session context that follows."""
    rng = random.Random(seed)
    facts = {"sessions": [], "users": ["CONTOSO\\alice"]}
    logon = 0x00000041

    # session 1: the mailbox lives elsewhere
    s1 = S.Session(rng, "s1")
    a = Connection("first", tls=tls)
    for x in S.connect_exchanges(s1, "ntlm"):
        a.add("exchange", x)
    server = "%s@contoso.com" % uuid.UUID(int=rng.getrandbits(128), version=4)
    a.add("exchange", execute(s1, [M.rop_logon_request(0, 0, S.USER_DN)], [NONE],
                              [R.rop_logon_redirect_response(0, server)], [NONE], ["RopLogon"]))
    expect(facts, s1, rops=[["RopLogon", R.EC_WRONG_SERVER]])
    a.add("exchange", S.disconnect(s1))
    a.add("signal", "redirected")
    facts["sessions"].append(s1.facts)

    # session 2: the mailbox server the redirect named
    s2 = S.Session(rng, "s2", path="/mapi/emsmdb/?MailboxId=" + server)
    b = Connection("second", tls=tls)
    b.add("wait", "redirected")
    for x in S.connect_exchanges(s2, "ntlm"):
        b.add("exchange", x)
    b.add("exchange", S.execute_logon(s2))
    inbox = M.u64(s2.folder_ids[INBOX])
    gone, mid = M.fid(1, rng.getrandbits(32)), M.fid(1, rng.getrandbits(32))

    # a message deleted meanwhile: ecNotFound, the failure response buffer (2.2.6.1.3)
    b.add("exchange", execute(s2, [R.rop_open_message_request(0, 0, 1, inbox, gone)], [logon, NONE],
                              [R.rop_open_message_response(1, return_value=R.EC_NOT_FOUND)], [logon, NONE],
                              ["RopOpenMessage"]))
    expect(facts, s2, rops=[["RopOpenMessage", R.EC_NOT_FOUND]])

    # MaxRopOut 4 KB: RopGetPropertiesAll does not fit and comes back in RopBufferTooSmall's RequestBuffers
    subject = rng.choice(SUBJECTS)
    summary = R.message_summary(0, R.typed_string(0x01), R.typed_string(0x04, subject), RECIPIENT_COLUMNS,
                                [R.open_recipient_row(PRIMARY, internal_row("Bob Kelly", "bob", 0))])
    gps_tags = [T_SUBJECT, T_MESSAGE_SIZE, T_HAS_ATTACHMENTS]
    gpa = R.rop_get_properties_all_request(0, 1, size_limit=0, want_unicode=1)
    body = "".join("Line %d of the quarterly figures, as agreed with finance.\r\n" % i for i in range(80))
    props = [(T_MESSAGE_CLASS, "IPM.Note"), (T_SUBJECT, subject), (T_BODY, body), (T_MESSAGE_SIZE, 2 * len(body) + 900),
             (T_HAS_ATTACHMENTS, True)]
    gpa_response = R.rop_get_properties_all_response(1, props)
    msg_h = 0x00000052
    b.add("exchange", execute(
        s2, [R.rop_open_message_request(0, 0, 1, inbox, mid), M.rop_get_properties_specific_request(0, 1, gps_tags),
             gpa], [logon, NONE],
        [R.rop_open_message_response(1, summary),
         M.rop_get_properties_specific_response(1, gps_tags, [subject, 2 * len(body) + 900, True]),
         # SizeNeeded: the output buffer RopGetPropertiesAll's response needs (RopSize, the response, the
         # two handles)
         R.rop_buffer_too_small_response(2 + len(gpa_response) + 8, gpa)],
        [logon, msg_h], ["RopOpenMessage", "RopGetPropertiesSpecific", "RopGetPropertiesAll"], max_rop_out=0x1000))
    expect(facts, s2, rops=[["RopOpenMessage", 0], ["RopGetPropertiesSpecific", 0], ["RopBufferTooSmall", None]])
    b.add("exchange", execute(s2, [gpa], [logon, msg_h], [gpa_response], [logon, msg_h], ["RopGetPropertiesAll"]))
    expect(facts, s2, rops=[["RopGetPropertiesAll", 0]])

    # RopBackoff in place of RopOpenStream's response; the client sends RopOpenStream again
    att_h, stream_h = 0x00000063, 0x00000074
    small = pdf_bytes(rng, 3000)
    b.add("exchange", execute(
        s2, [R.rop_open_attachment_request(0, 1, 2, 0), R.rop_open_stream_request(0, 2, 3, T_ATTACH_DATA_BIN)],
        [logon, msg_h, NONE, NONE],
        [R.rop_open_attachment_response(2), R.rop_backoff_response(0, 0, [(0x2B, 1500)])],
        [logon, msg_h, att_h, NONE], ["RopOpenAttachment", "RopOpenStream"]))
    expect(facts, s2, rops=[["RopOpenAttachment", 0], ["RopBackoff", None]])
    b.add("sleep", 0.2)
    b.add("exchange", execute(
        s2, [R.rop_open_stream_request(0, 2, 3, T_ATTACH_DATA_BIN), R.rop_read_stream_request(0, 3, 0x1000)],
        [logon, msg_h, att_h, NONE],
        [R.rop_open_stream_response(3, len(small)), R.rop_read_stream_response(3, small)],
        [logon, msg_h, att_h, stream_h], ["RopOpenStream", "RopReadStream"]))
    expect(facts, s2, rops=[["RopOpenStream", 0], ["RopReadStream", 0]])

    # a busy server that fails the whole Execute: the failure response body (2.2.4.2.3), X-ResponseCode 0
    b.add("exchange", execute(s2, [M.rop_release_request(0, 3), M.rop_release_request(0, 2),
                                   M.rop_get_properties_specific_request(0, 1, gps_tags)],
                              [logon, msg_h, att_h, stream_h], None, None,
                              ["RopRelease", "RopRelease", "RopGetPropertiesSpecific"],
                              raw_response=M.failure_response(0x000006BB)))
    expect(facts, s2, x_response_code=0, status_code=0x000006BB)

    # the session context has expired on the server: X-ResponseCode 10; the client reconnects
    b.add("sleep", 0.2)
    b.add("exchange", context_not_found(s2))
    expect(facts, s2, x_response_code=10)
    b.add("exchange", reconnect(s2))
    b.add("exchange", S.execute_logon(s2))
    b.add("exchange", S.disconnect(s2))
    facts["sessions"].append(s2.facts)
    return [a, b], facts


SCENARIOS = {"mail": mail, "failures": failures}
