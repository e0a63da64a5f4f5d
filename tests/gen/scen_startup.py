"""A cached-mode Outlook start-up (issue 7, scenario 1): one MAPI session over two connections.

On the first connection: the NTLM 401 handshake and Connect; then Execute requests with compressed and
obfuscated ROP buffers ([MS-OXCRPC] 3.1.4.11) as Outlook sends them when it starts in cached mode:
RopLogon; RopGetReceiveFolder and RopOpenFolder (Top of Information Store, Inbox); the folder hierarchy
(RopGetHierarchyTable, RopSetColumns, RopQueryRows); the named properties its views use
(RopGetPropertyIdsFromNames) and a store-wide RopRegisterNotification; the Inbox's contents table and its
associated table, where RopFindRow looks for the folder's named view; an ICS hierarchy synchronisation
and an ICS contents synchronisation of the Inbox ([MS-OXCFXICS] 3.3.4.3: RopSynchronizationConfigure,
then RopFastTransferSourceGetBuffer until TransferStatus Done), the contents one over three Execute
requests, one of which the server answers after PENDING keep-alives, with a message body split between
two TransferBuffers. On the second connection a NotificationWait, answered after PENDING keep-alives with
EventPending; the Execute that follows gets RopNotify responses ([MS-OXCNOTIF] 3.1.5.7): NewMail and
ObjectModified for the subscription, TABLE_ROW_ADDED on the contents table and TABLE_ROW_MODIFIED on the
hierarchy table, their rows in the columns RopSetColumns set on those tables. Disconnect last.
"""
import random
import uuid

import fxenc as FX
import auxenc as A
import mapienc as M
import propenc as P
import restrenc as R
import ropenc_folder as F
from httpsim import Connection
from scenarios import USER_DN, Session, connect_exchanges, disconnect

PSETID_COMMON = "{00062008-0000-0000-C000-000000000046}"
PS_PUBLIC_STRINGS = "{00020329-0000-0000-C000-000000000046}"
PSETID_TASK = "{00062003-0000-0000-C000-000000000046}"
UNUSED = 0xFFFFFFFF
EC_NOT_FOUND = 0x8004010F

# [MS-OXPROPS] property tags
TAG_FOLDER_ID, TAG_PARENT_FOLDER_ID, TAG_MID, TAG_INST_ID, TAG_INSTANCE_NUM = (
    0x67480014, 0x67490014, 0x674A0014, 0x674D0014, 0x674E0003)
TAG_DISPLAY_NAME, TAG_CONTENT_COUNT, TAG_CONTENT_UNREAD, TAG_SUBFOLDERS, TAG_CONTAINER_CLASS = (
    0x3001001F, 0x36020003, 0x36030003, 0x360A000B, 0x3613001F)
TAG_LOCAL_COMMIT_TIME_MAX = 0x670A0040
TAG_SUBJECT, TAG_SENT_REPRESENTING_NAME, TAG_DELIVERY_TIME, TAG_MESSAGE_FLAGS, TAG_MESSAGE_SIZE = (
    0x0037001F, 0x0042001F, 0x0E060040, 0x0E070003, 0x0E080003)
TAG_HAS_ATTACH, TAG_IMPORTANCE, TAG_MESSAGE_CLASS, TAG_LAST_MODIFICATION_TIME = (
    0x0E1B000B, 0x00170003, 0x001A001F, 0x30080040)
TAG_SOURCE_KEY, TAG_PARENT_SOURCE_KEY, TAG_CHANGE_KEY, TAG_PCL, TAG_CHANGE_NUMBER, TAG_ASSOCIATED = (
    0x65E00102, 0x65E10102, 0x65E20102, 0x65E30102, 0x67A40014, 0x67AA000B)
TAG_SENDER_NAME, TAG_SENDER_EMAIL, TAG_SENDER_ADDRTYPE, TAG_CLIENT_SUBMIT_TIME, TAG_INTERNET_MESSAGE_ID = (
    0x0C1A001F, 0x0C1F001F, 0x0C1E001F, 0x00390040, 0x1035001F)
TAG_BODY, TAG_ROWID, TAG_RECIPIENT_TYPE, TAG_EMAIL_ADDRESS, TAG_ADDRTYPE, TAG_SMTP_ADDRESS = (
    0x1000001F, 0x30000003, 0x0C150003, 0x3003001F, 0x3002001F, 0x39FE001F)
TAG_VIEW_DESCRIPTOR_NAME, TAG_SEARCH_FOLDER_LAST_USED, TAG_SEARCH_FOLDER_EXPIRATION = 0x7006001F, 0x68340003, 0x683A0003

# named properties Outlook's views use ([MS-OXPROPS] 2.x): PidLidReminderSet, PidLidReminderSignalTime,
# PidLidFlagRequest, PidLidCommonStart, PidLidCommonEnd, PidNameKeywords, PidLidTaskStatus
NAMES = [(PSETID_COMMON, 0x8503, P.PT_BOOLEAN), (PSETID_COMMON, 0x8560, P.PT_SYSTIME),
         (PSETID_COMMON, 0x8530, P.PT_UNICODE), (PSETID_COMMON, 0x8516, P.PT_SYSTIME),
         (PSETID_COMMON, 0x8517, P.PT_SYSTIME), (PS_PUBLIC_STRINGS, "Keywords", P.PT_UNICODE | P.MV),
         (PSETID_TASK, 0x8101, P.PT_LONG)]

# the folders of a new mailbox under Top of Information Store, as the hierarchy table lists them
FOLDERS = [("Calendar", "IPF.Appointment"), ("Contacts", "IPF.Contact"), ("Conversation History", "IPF.Note"),
           ("Deleted Items", "IPF.Note"), ("Drafts", "IPF.Note"), ("Inbox", "IPF.Note"), ("Journal", "IPF.Journal"),
           ("Junk Email", "IPF.Note"), ("Notes", "IPF.StickyNote"), ("Outbox", "IPF.Note"),
           ("RSS Feeds", "IPF.Note.OutlookHomepage"), ("Sent Items", "IPF.Note"), ("Sync Issues", "IPF.Note"),
           ("Tasks", "IPF.Task")]

PEOPLE = [("Bob Marley", "bob@contoso.com"), ("Carol Danvers", "carol@contoso.com"),
          ("David Okafor", "david.okafor@fabrikam.com"), ("Eve Lindqvist", "eve@contoso.com"),
          ("Frank Moreau", "frank.moreau@contoso.com"), ("Grace Hopper", "grace@northwindtraders.com")]
SUBJECTS = ["Q2 budget review - final numbers", "Re: Offsite agenda for next week", "Build 17126 is ready for testing",
            "Lunch on Thursday?", "FW: Customer escalation #48213", "Updated travel policy",
            "Re: Re: Design review notes", "Your expense report was approved"]
SENTENCES = ["Thanks for sending this over so quickly.", "I have gone through the numbers and they look right to me.",
             "Can we move the review to Thursday afternoon?", "Please find my comments inline below.",
             "The customer asked for an update by the end of the week.", "Let me know if anything is unclear.",
             "I will forward the updated figures before noon tomorrow.", "We still need a decision on the open items.",
             "The room on the third floor is booked from 2 to 4 pm.", "Frank will join us remotely.",
             "I have attached last quarter's report for comparison.", "Nothing has changed on our side since Monday."]


def filetime(unix_seconds):
    """[MS-DTYP] 2.3.3 FILETIME: 100-ns intervals since 1601-01-01."""
    return (unix_seconds + 11644473600) * 10**7


T0 = 1714550400  # 2024-05-01 08:00:00 UTC


def gid(replica_id, counter):
    """A Folder ID / Message ID as the PtypInteger64 value of PidTagFolderId / PidTagMid."""
    return int.from_bytes(M.fid(replica_id, counter), "little")


class Startup:
    def __init__(self, seed):
        self.rng = rng = random.Random(seed)
        self.s = Session(rng, "s")
        self.repl_guid = uuid.UUID(int=rng.getrandbits(128), version=4)
        self.mailbox_guid = uuid.UUID(int=rng.getrandbits(128), version=4)
        self.handle = 0x0000000E + rng.randrange(0x20)
        self.cn = 0x000000000A2C + rng.randrange(0x100)
        # 13 special folders of the RopLogon response, then the hierarchy's own
        self.special = [M.fid(1, 0x01 + i) for i in range(13)]
        self.ipm, self.inbox = self.special[3], self.special[4]
        self.folders = []
        known = {"Inbox": self.special[4], "Outbox": self.special[5], "Sent Items": self.special[6],
                 "Deleted Items": self.special[7]}
        gc = 0x0E
        for name, cls in FOLDERS:
            if name in known:
                f = known[name]
            else:
                f, gc = M.fid(1, gc), gc + 1
            self.folders.append((name, cls, f))
        self.named_ids = sorted(rng.sample(range(0x8001, 0x8100), len(NAMES)))

    def new_handle(self):
        self.handle += 1 + self.rng.randrange(3)
        return self.handle

    def next_cn(self):
        self.cn += 1
        return self.cn

    def named_tag(self, i):
        return (self.named_ids[i] << 16) | NAMES[i][2]

    def execute(self, req_rops, req_handles, resp_rops, resp_handles, names, pending=0):
        s = self.s
        req = M.execute_request(req_rops, req_handles, aux=[A.aux_perf_requestid(1, s.n + 1)], xor=True, compress=True)
        body = M.execute_response(resp_rops, resp_handles, xor=True, compress=True)
        parts, delays = s.meta(body, pending=pending, pending_delay=0.2)
        return s.request("Execute", req, resp_parts=parts, delays=delays, rops=names)

    # ---- the requests, in Outlook's order ----

    def logon(self):
        self.h_logon = self.new_handle()
        resp = M.rop_logon_response_private(0, [int.from_bytes(f, "little") for f in self.special], self.mailbox_guid,
                                            self.repl_guid, (12, 0, 8, 3, 1, 5, 2024))
        return self.execute([M.rop_logon_request(0, 0, USER_DN)], [UNUSED], [resp], [self.h_logon], ["RopLogon"])

    def open_folders(self):
        """Where new mail goes (the Inbox, registered for "IPM", the base class of IPM.Note), then the two
        folders Outlook keeps open."""
        self.h_ipm, self.h_inbox = self.new_handle(), self.new_handle()
        req = [F.get_receive_folder_request(0, 0, "IPM.Note"), F.open_folder_request(0, 0, 1, self.ipm),
               F.open_folder_request(0, 0, 2, self.inbox)]
        resp = [F.get_receive_folder_response(0, self.inbox, "IPM"), F.open_folder_response(1),
                F.open_folder_response(2, has_rules=True)]
        return self.execute(req, [self.h_logon, UNUSED, UNUSED], resp, [self.h_logon, self.h_ipm, self.h_inbox],
                            ["RopGetReceiveFolder", "RopOpenFolder", "RopOpenFolder"])

    HIERARCHY_COLUMNS = [TAG_FOLDER_ID, TAG_PARENT_FOLDER_ID, TAG_DISPLAY_NAME, TAG_CONTENT_COUNT, TAG_CONTENT_UNREAD,
                         TAG_SUBFOLDERS, TAG_CONTAINER_CLASS, TAG_LOCAL_COMMIT_TIME_MAX]

    def hierarchy_row(self, name, cls, f, count, unread):
        values = [int.from_bytes(f, "little"), int.from_bytes(self.ipm, "little"), name, count, unread, False, cls,
                  filetime(T0 - 86400 * 3)]
        # a folder nothing was ever saved in has no PidTagLocalCommitTimeMax: a FlaggedPropertyRow
        return (values, {7: EC_NOT_FOUND}) if count == 0 else values

    def hierarchy(self):
        self.h_htable = self.new_handle()
        self.counts = {name: (0, 0) for name, _, _ in self.folders}
        self.counts.update({"Inbox": (len(SUBJECTS), 3), "Sent Items": (12, 0), "Calendar": (4, 0),
                            "Contacts": (27, 0), "Deleted Items": (2, 0)})
        rows = [self.hierarchy_row(n, c, f, *self.counts[n]) for n, c, f in self.folders]
        req = [F.get_hierarchy_table_request(0, 0, 1, 0x44),  # Depth | UseUnicode ([MS-OXCFOLD] 2.2.1.13.1)
               M.rop_set_columns_request(0, 1, self.HIERARCHY_COLUMNS), F.query_rows_request(0, 1, 0x7FFF)]
        resp = [F.get_hierarchy_table_response(1, len(rows)), M.rop_set_columns_response(1),
                F.query_rows_response(1, 0x02, self.HIERARCHY_COLUMNS, rows)]  # Origin BOOKMARK_END: all read
        return self.execute(req, [self.h_ipm, UNUSED], resp, [self.h_ipm, self.h_htable],
                            ["RopGetHierarchyTable", "RopSetColumns", "RopQueryRows"])

    def names_and_notifications(self):
        """The named properties of the views, and a subscription to the store's object events
        ([MS-OXCNOTIF] 2.2.1.2.1.1: NewMail | ObjectCreated | ObjectDeleted | ObjectModified | ObjectMoved |
        ObjectCopied, WantWholeStore)."""
        self.h_sub = self.new_handle()
        req = [F.get_property_ids_from_names_request(0, 0, [(s, n) for s, n, _ in NAMES]),
               F.register_notification_request(0, 0, 1, 0x007E)]
        resp = [F.get_property_ids_from_names_response(0, self.named_ids), F.register_notification_response(1)]
        return self.execute(req, [self.h_logon, UNUSED], resp, [self.h_logon, self.h_sub],
                            ["RopGetPropertyIdsFromNames", "RopRegisterNotification"])

    def contents_columns(self):
        return [TAG_MID, TAG_INST_ID, TAG_INSTANCE_NUM, TAG_SUBJECT, TAG_SENT_REPRESENTING_NAME, TAG_DELIVERY_TIME,
                TAG_MESSAGE_FLAGS, TAG_MESSAGE_SIZE, TAG_HAS_ATTACH, TAG_IMPORTANCE, TAG_MESSAGE_CLASS,
                self.named_tag(0), self.named_tag(2), self.named_tag(5)]

    def make_messages(self):
        rng = self.rng
        self.messages = []
        for i, subject in enumerate(SUBJECTS):
            name, addr = PEOPLE[rng.randrange(len(PEOPLE))]
            when = T0 - 3600 * i - rng.randrange(3000)
            paragraphs = [" ".join(SENTENCES[rng.randrange(len(SENTENCES))] for _ in range(2 + rng.randrange(4)))
                          for _ in range(3 + rng.randrange(5))]
            body = ("Hi Alice,\r\n\r\n" + "\r\n\r\n".join(paragraphs) + "\r\n\r\nBest regards,\r\n" +
                    name.split()[0] + "\r\n")
            self.messages.append({
                "mid": M.fid(1, 0x0000000A1B00 + 7 * i), "subject": subject, "from": name, "addr": addr,
                "time": filetime(when), "read": i >= 3, "size": 2200 + 2 * len(body), "body": body,
                "importance": 2 if "escalation" in subject else 1, "flag": "Follow up" if i == 1 else None,
                "categories": ["Blue category"] if i % 3 == 0 else [], "cn": self.next_cn(),
                "msgid": "<%s@%s>" % (uuid.UUID(int=rng.getrandbits(128), version=4).hex[:24].upper(),
                                      addr.split("@")[1])})
        self.fit_contents_stream()

    def contents_stream(self):
        mids = FX.runs(int.from_bytes(m["mid"][2:], "big") for m in self.messages)
        cns = FX.runs(m["cn"] for m in self.messages)
        read = FX.runs(m["cn"] for m in self.messages if m["read"])
        # no FAI message was sent (the FAI flag is not set): MetaTagCnsetSeenFAI is empty
        return FX.contents_sync([self.message_change(m) for m in self.messages], FX.state(
            FX.idset_replguid(self.repl_guid, mids), FX.idset_replguid(self.repl_guid, cns),
            FX.idset_replguid(self.repl_guid, []), FX.idset_replguid(self.repl_guid, read)))

    def fit_contents_stream(self):
        """Lengthens the first message's body, a sentence at a time, until the contents synchronisation
        takes three buffers and one of them ends inside a value (the case this capture is for)."""
        k = 0
        while True:
            stream = self.contents_stream()
            bufs = FX.buffers(stream, self.CONTENTS_BUFFER)
            if len(bufs) == 3 and FX.splits_inside_value(stream, bufs):
                return
            m = self.messages[0]
            m["body"] = m["body"].replace("\r\n\r\nBest", " " + SENTENCES[k % len(SENTENCES)] + "\r\n\r\nBest")
            m["size"] = 2200 + 2 * len(m["body"])
            k += 1
            assert k < 50, "no body length gives a split inside a value"

    def contents_row(self, m):
        flags = 0x01 if m["read"] else 0x00  # mfRead ([MS-OXCMSG] 2.2.1.6)
        values = [int.from_bytes(m["mid"], "little"), 0, 0, m["subject"], m["from"], m["time"], flags, m["size"], False,
                  m["importance"], "IPM.Note", m["flag"] is not None, m["flag"], m["categories"]]
        # a message without a flag or categories has no such property: a FlaggedPropertyRow with ecNotFound
        errors = {i: EC_NOT_FOUND for i, v in enumerate(values) if v is None or v == []}
        return (values, errors) if errors else values

    def contents(self):
        """The Inbox's contents table (UseUnicode) and its associated table (Associated | UseUnicode),
        where Outlook looks for the folder's named view (the restriction of OpenChange's vector 002)."""
        self.make_messages()
        self.h_ctable, self.h_fai = self.new_handle(), self.new_handle()
        cols = self.contents_columns()
        fai_cols = [TAG_MID, TAG_MESSAGE_CLASS, TAG_SUBJECT, TAG_VIEW_DESCRIPTOR_NAME, TAG_LAST_MODIFICATION_TIME]
        view = R.and_(R.property_(R.RELOP_EQ, TAG_MESSAGE_CLASS, "IPM.Microsoft.FolderDesign.NamedView"),
                      R.bitmask(R.BMR_EQZ, TAG_SEARCH_FOLDER_LAST_USED, 0x00000001),
                      R.property_(R.RELOP_EQ, TAG_SEARCH_FOLDER_EXPIRATION, 8),
                      R.content(R.FL_FULLSTRING, 0, TAG_SUBJECT, "Messages"))
        req = [F.get_contents_table_request(0, 0, 1, 0x40), M.rop_set_columns_request(0, 1, cols),
               F.query_rows_request(0, 1, 50),
               F.get_contents_table_request(0, 0, 2, 0x42), M.rop_set_columns_request(0, 2, fai_cols),
               F.find_row_request(0, 2, view)]
        rows = [self.contents_row(m) for m in self.messages]
        view_row = [gid(1, 0x0000000A1A40), "IPM.Microsoft.FolderDesign.NamedView", "Messages", "Messages",
                    filetime(T0 - 86400 * 30)]
        resp = [F.get_contents_table_response(1, len(rows)), M.rop_set_columns_response(1),
                F.query_rows_response(1, 0x02, cols, rows),
                F.get_contents_table_response(2, 5), M.rop_set_columns_response(2),
                F.find_row_response(2, fai_cols, view_row)]
        return self.execute(req, [self.h_inbox, UNUSED, UNUSED], resp, [self.h_inbox, self.h_ctable, self.h_fai],
                            ["RopGetContentsTable", "RopSetColumns", "RopQueryRows", "RopGetContentsTable",
                             "RopSetColumns", "RopFindRow"])

    # ---- ICS ([MS-OXCFXICS]) ----

    def source_key(self, f):
        """PidTagSourceKey (2.2.1.2.5): a GID ([MS-OXCDATA] 2.2.1.3) of the mailbox's replica GUID and the
        object's GlobalCounter."""
        return P.value(P.PT_CLSID, self.repl_guid) + f[2:]

    def change_key(self, cn):
        return P.value(P.PT_CLSID, self.repl_guid) + FX.globcnt(cn)

    def pcl(self, cn):
        """PidTagPredecessorChangeList (2.2.2.3 PredecessorChangeList): one SizedXid, XidSize then the XID."""
        x = self.change_key(cn)
        return bytes([len(x)]) + x

    def hierarchy_sync(self):
        """Configure (Hierarchy; Unicode; Eid | Cn) on Top of Information Store and read the whole stream in
        one RopFastTransferSourceGetBuffer (BufferSize 0xBABE: the server chooses, up to MaximumBufferSize)."""
        self.h_hsync = self.new_handle()
        changes, cns = [], []
        for name, cls, f in self.folders:
            cn = self.next_cn()
            cns.append(cn)
            changes.append(FX.folder_change([
                (TAG_PARENT_SOURCE_KEY, b""),  # the root's PidTagSourceKey is zero-length (2.2.1.2.5), so this is too
                (TAG_SOURCE_KEY, self.source_key(f)), (TAG_LAST_MODIFICATION_TIME, filetime(T0 - 86400 * 3)),
                (TAG_CHANGE_KEY, self.change_key(cn)), (TAG_PCL, self.pcl(cn)), (TAG_DISPLAY_NAME, name),
                (TAG_FOLDER_ID, int.from_bytes(f, "little")), (TAG_CHANGE_NUMBER, gid(1, cn)),
                (TAG_CONTAINER_CLASS, cls), (TAG_CONTENT_COUNT, self.counts[name][0]),
                (TAG_CONTENT_UNREAD, self.counts[name][1])]))
        given = FX.idset_replguid(self.repl_guid, FX.runs(int.from_bytes(f[2:], "big") for _, _, f in self.folders))
        seen = FX.idset_replguid(self.repl_guid, FX.runs(cns))
        stream = FX.hierarchy_sync(changes, FX.state(given, seen))
        req = [F.synchronization_configure_request(0, 0, 1, F.SYNC_HIERARCHY, 0x01, 0x0001, 0x00000005, []),
               F.fast_transfer_source_get_buffer_request(0, 1, 0xBABE, 0x7FF0)]
        resp = [F.synchronization_configure_response(1),
                F.fast_transfer_source_get_buffer_response(1, F.TRANSFER_DONE, 1, 1, stream)]
        return self.execute(req, [self.h_ipm, UNUSED], resp, [self.h_ipm, self.h_hsync],
                            ["RopSynchronizationConfigure", "RopFastTransferSourceGetBuffer"])

    def message_change(self, m):
        fai = False
        header = [(TAG_SOURCE_KEY, self.source_key(m["mid"])), (TAG_LAST_MODIFICATION_TIME, m["time"]),
                  (TAG_CHANGE_KEY, self.change_key(m["cn"])), (TAG_PCL, self.pcl(m["cn"])), (TAG_ASSOCIATED, fai),
                  (TAG_MID, int.from_bytes(m["mid"], "little")), (TAG_MESSAGE_SIZE, m["size"]),
                  (TAG_CHANGE_NUMBER, gid(1, m["cn"]))]
        props = [(TAG_SUBJECT, m["subject"]), (TAG_MESSAGE_CLASS, "IPM.Note"), (TAG_SENDER_NAME, m["from"]),
                 (TAG_SENDER_EMAIL, m["addr"]), (TAG_SENDER_ADDRTYPE, "SMTP"), (TAG_SENT_REPRESENTING_NAME, m["from"]),
                 (TAG_DELIVERY_TIME, m["time"]), (TAG_CLIENT_SUBMIT_TIME, m["time"] - 40 * 10**7),
                 (TAG_MESSAGE_FLAGS, 0x01 if m["read"] else 0x00), (TAG_IMPORTANCE, m["importance"]),
                 (TAG_INTERNET_MESSAGE_ID, m["msgid"]), (TAG_HAS_ATTACH, False),
                 (self.named_tag(0), m["flag"] is not None, NAMES[0][:2])]
        if m["flag"]:
            props.append((self.named_tag(2), m["flag"], NAMES[2][:2]))
        if m["categories"]:
            props.append((self.named_tag(5), m["categories"], NAMES[5][:2]))
        props.append((TAG_BODY, m["body"]))
        rcpt = [(TAG_ROWID, 0), (TAG_RECIPIENT_TYPE, 1), (TAG_DISPLAY_NAME, "Alice Wonder"),
                (TAG_ADDRTYPE, "SMTP"), (TAG_EMAIL_ADDRESS, "alice@contoso.com"),
                (TAG_SMTP_ADDRESS, "alice@contoso.com")]
        return FX.message_change(header, props, recipients=[rcpt])

    CONTENTS_BUFFER = 0x2000

    def contents_sync(self):
        """Configure (Contents; Unicode | ReadState | Normal | BestBody; Eid | MessageSize | Cn |
        OrderByDeliveryTime) on the Inbox, then three RopFastTransferSourceGetBuffer of 8192 bytes: the
        first with the configuration, the second answered after PENDING keep-alives, the last Done. The
        server ends each buffer where the stream allows (fxenc.buffers); one ends inside a value
        (fit_contents_stream)."""
        self.h_csync = self.new_handle()
        stream = self.contents_stream()
        bufs = FX.buffers(stream, self.CONTENTS_BUFFER)
        assert len(bufs) == 3 and FX.splits_inside_value(stream, bufs)
        out = []
        for i, b in enumerate(bufs):
            status = F.TRANSFER_DONE if i == len(bufs) - 1 else F.TRANSFER_PARTIAL
            get = F.fast_transfer_source_get_buffer_request(0, 1 if i == 0 else 0, self.CONTENTS_BUFFER)
            got = F.fast_transfer_source_get_buffer_response(1 if i == 0 else 0, status, i + 1, len(bufs), b)
            if i == 0:
                req = [F.synchronization_configure_request(0, 0, 1, F.SYNC_CONTENTS, 0x01, 0x2029, 0x0000000F, []), get]
                resp = [F.synchronization_configure_response(1), got]
                out.append(self.execute(req, [self.h_inbox, UNUSED], resp, [self.h_inbox, self.h_csync],
                                        ["RopSynchronizationConfigure", "RopFastTransferSourceGetBuffer"]))
            else:
                out.append(self.execute([get], [self.h_csync], [got], [self.h_csync],
                                        ["RopFastTransferSourceGetBuffer"], pending=2 if i == 1 else 0))
        return out

    # ---- notifications ----

    def notification_wait(self, pending=3, delay=0.4):
        s = self.s
        parts, delays = s.meta(M.notification_wait_response(1), pending=pending, pending_delay=delay)
        return s.request("NotificationWait", M.notification_wait_request(), resp_parts=parts, delays=delays)

    def notified(self):
        """After EventPending: Outlook releases the two synchronisation contexts (RopRelease has no response)
        and the response carries the pending RopNotify ([MS-OXCNOTIF] 3.1.5.7): a new message in the
        Inbox."""
        rng = self.rng
        name, addr = PEOPLE[rng.randrange(len(PEOPLE))]
        m = {"mid": M.fid(1, 0x0000000A1B00 + 7 * len(SUBJECTS)), "subject": "Re: Lunch on Thursday?", "from": name,
             "addr": addr, "time": filetime(T0 + 3600 + 125), "read": False, "size": 5120, "importance": 1,
             "flag": None, "categories": []}
        total, unread = self.counts["Inbox"]
        total, unread = total + 1, unread + 1
        inbox_row = self.hierarchy_row("Inbox", "IPF.Note", self.inbox, total, unread)
        inbox_row[7] = m["time"]
        before_inbox = self.folders[[n for n, _, _ in self.folders].index("Inbox") - 1][2]
        notes = [
            F.notify(self.h_sub, 0, F.new_mail_notification(self.inbox, m["mid"], 0x00000000, "IPM.Note")),
            F.notify(self.h_ctable, 0, F.table_notification(
                F.TABLE_ROW_ADDED, self.inbox, m["mid"], 0, after_folder_id=M.u64(0), after_message_id=M.u64(0),
                columns=self.contents_columns(), values=self.contents_row(m))),  # first row: after nothing
            F.notify(self.h_htable, 0, F.table_notification(
                F.TABLE_ROW_MODIFIED, self.inbox, after_folder_id=before_inbox, columns=self.HIERARCHY_COLUMNS,
                values=inbox_row)),
            F.notify(self.h_sub, 0, F.folder_modified_notification(self.inbox, [TAG_CONTENT_COUNT, TAG_CONTENT_UNREAD],
                                                                   total, unread)),
        ]
        req = [M.rop_release_request(0, 0), M.rop_release_request(0, 1)]
        return self.execute(req, [self.h_hsync, self.h_csync], notes, [self.h_hsync, self.h_csync],
                            ["RopRelease", "RopRelease"])


def build(seed, tls=None):
    """A cached-mode Outlook start-up: NTLM, Connect, then compressed and obfuscated Executes with RopLogon,
    RopGetReceiveFolder and RopOpenFolder, the hierarchy table (RopSetColumns, RopQueryRows), named properties
    (RopGetPropertyIdsFromNames), a store subscription (RopRegisterNotification), the contents and associated
    tables (RopFindRow), ICS hierarchy and contents synchronisations (RopSynchronizationConfigure,
    RopFastTransferSourceGetBuffer over three Executes with PENDING keep-alives, a property value split between
    two buffers); a NotificationWait with PENDING keep-alives on a second connection, then RopNotify rows
    (NewMail, TableRowAdded and TableRowModified in the columns set earlier, ObjectModified); Disconnect."""
    st = Startup(seed)
    s = st.s
    a = Connection("main", tls=tls)
    b = Connection("notify", tls=tls)
    for x in connect_exchanges(s, "ntlm"):
        a.add("exchange", x)
    for x in (st.logon(), st.open_folders(), st.hierarchy(), st.names_and_notifications(), st.contents()):
        a.add("exchange", x)
    a.add("signal", "subscribed")
    b.add("wait", "subscribed")
    b.add("exchange", st.notification_wait())  # built now: its X-RequestId follows the subscription
    a.add("exchange", st.hierarchy_sync())
    for x in st.contents_sync():
        a.add("exchange", x)
    b.add("signal", "event")
    a.add("wait", "event")
    a.add("exchange", st.notified())
    a.add("exchange", disconnect(s))
    return [a, b], {"sessions": [s.facts], "users": ["CONTOSO\\alice"]}


SCENARIOS = {"startup": build}
