"""Address book sessions on the NSPI endpoint of MAPI over HTTP (/mapi/nspi/?MailboxId=...): the request
types of [MS-OXCMAPIHTTP] 2.2.5 in the order [MS-OXCMAPIHTTP] 3.2.4 and [MS-OXNSPI] 3.1.4 give them (Bind
first, Unbind last, the session cookies of the Bind response on everything between), over a Contoso Global
Address List of a dozen people and a distribution list, made from the seed.

  addressbook      what Outlook does when a message is addressed: the address list hierarchy
                   (GetSpecialTable), a page of the GAL (QueryRows), the names typed on the To: line
                   (ResolveNames: one resolved, one ambiguous, one unresolved), the choices for the
                   ambiguous one (GetMatches on PidTagAnr), DNToMId, the details of a recipient (GetProps)
                   and the mailbox URL (GetMailboxUrl); NTLM before the Bind.
  addressbook-all  every other request type: QueryColumns, GetTemplateInfo (the details dialog), SeekEntries
                   and UpdateStat (typing in the GAL search box, scrolling), CompareMIds, GetPropList,
                   ResortRestriction, ModProps and ModLinkAtt (the owner of a distribution list edits it),
                   GetAddressBookUrl; Basic authentication before the Bind.
"""
import random
import uuid

import auxenc as A
import mapienc as M
import nspienc as N
import restrenc as R
from httpsim import Connection
from scenarios import DN_PREFIX, HOST, Session, auth_exchanges, first_request_aux

# property tags ([MS-OXPROPS], [MS-OXOABK])
DISPLAY_NAME, SMTP_ADDRESS, DISPLAY_TYPE = 0x3001001F, 0x39FE001F, 0x39000003
ENTRY_ID, OBJECT_TYPE, INSTANCE_KEY = 0x0FFF0102, 0x0FFE0003, 0x0FF60102
ADDRESS_TYPE, EMAIL_ADDRESS, ACCOUNT = 0x3002001F, 0x3003001F, 0x3A00001F
TITLE, DEPARTMENT, OFFICE, COMPANY = 0x3A17001F, 0x3A18001F, 0x3A19001F, 0x3A16001F
BUSINESS_PHONE, MOBILE_PHONE, COMMENT = 0x3A08001F, 0x3A1C001F, 0x3004001F
PROXY_ADDRESSES = 0x800F101F            # PidTagAddressBookProxyAddresses (PtypMultipleString)
HOME_MDB = 0x8006001E                   # PidTagAddressBookHomeMessageDatabase (PtypString8)
MEMBER = 0x8009000D                     # PidTagAddressBookMember
THUMBNAIL_PHOTO = 0x8C9E0102            # PidTagThumbnailPhoto
ANR = 0x360C001F                        # PidTagAnr
CONTAINER_FLAGS, DEPTH = 0x36000003, 0x30050003
AB_CONTAINER_ID, AB_IS_MASTER, AB_PARENT_ENTRY_ID = 0xFFFD0003, 0xFFFB000B, 0xFFFC0102
TEMPLATE_DATA, SCRIPT_DATA = 0x00010102, 0x00040102
ERR_NOT_FOUND, ERRORS_RETURNED = 0x8004010F, 0x00040380   # [MS-OXCDATA] 2.4
MAPI_MAILUSER, MAPI_DISTLIST = 6, 8                        # PidTagObjectType
AB_RECIPIENTS, AB_SUBCONTAINERS, AB_UNMODIFIABLE = 0x1, 0x2, 0x8   # PidTagContainerFlags

FIRST = ["Adele", "Brian", "Chen", "Diego", "Emma", "Farah", "Grace", "Hiro", "Isabel", "Jonas", "Karin", "Liam",
         "Maya", "Nikolai", "Olga", "Priya", "Rafael", "Sofia", "Tomas", "Yusuf"]
LAST = ["Andersen", "Baptiste", "Costa", "Dubois", "Eriksson", "Fischer", "Garcia", "Haddad", "Ivanova", "Jensen",
        "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Rossi", "Schmidt", "Tanaka", "Weber"]
TITLES = ["Sales Manager", "Account Executive", "Software Engineer", "Marketing Specialist", "HR Business Partner",
          "Financial Analyst", "Support Engineer", "Product Manager", "Legal Counsel", "Office Manager"]
DEPARTMENTS = ["Sales", "Engineering", "Marketing", "Human Resources", "Finance", "Support", "Legal"]
OFFICES = ["Redmond 34/2101", "London 2/118", "Paris 1/402", "Munich 3/210", "Tokyo 12/08"]
SERVER_DN = DN_PREFIX + "/cn=Configuration/cn=Servers/cn=%s@contoso.com"
MDB_DN = DN_PREFIX + "/cn=Configuration/cn=Servers/cn=EXCH01/cn=Microsoft Private MDB"


class Gal:
    """The Global Address List a seed makes: people (dicts) and one distribution list, sorted by display
    name as the server sorts it (SortTypeDisplayName), each with its Minimal Entry ID."""

    def __init__(self, rng):
        self.server_guid = uuid.UUID(int=rng.getrandbits(128), version=4)
        firsts = rng.sample(FIRST, 11)
        lasts = rng.sample(LAST, 12)
        # two people share a first name, so that typing it alone on the To: line is ambiguous
        firsts.append(firsts[rng.randrange(11)])
        people = []
        for f, l in zip(firsts, lasts):
            alias = (f[0] + l).lower()
            people.append({"name": "%s %s" % (f, l), "first": f, "alias": alias, "smtp": "%s@contoso.com" % alias,
                           "dn": "%s/cn=Recipients/cn=%032x-%s" % (DN_PREFIX, rng.getrandbits(128), alias),
                           "title": rng.choice(TITLES), "department": rng.choice(DEPARTMENTS),
                           "office": rng.choice(OFFICES), "phone": "+1 425 555 %04d" % rng.randrange(10000),
                           "mobile": "+1 206 555 %04d" % rng.randrange(10000) if rng.random() < 0.6 else None,
                           "display_type": N.DT_MAILUSER, "object_type": MAPI_MAILUSER})
        dl = {"name": "Sales Team", "first": "Sales", "alias": "sales", "smtp": "sales@contoso.com",
              "dn": "%s/cn=Recipients/cn=%032x-sales" % (DN_PREFIX, rng.getrandbits(128)),
              "title": None, "department": None, "office": None, "phone": None, "mobile": None,
              "display_type": N.DT_DISTLIST, "object_type": MAPI_DISTLIST}
        self.entries = sorted(people + [dl], key=lambda e: e["name"])
        mid = rng.randrange(0x1000, 0x8000)
        for e in self.entries:
            mid += rng.randrange(1, 24)
            e["mid"] = mid
        self.people = [e for e in self.entries if e is not dl]
        self.dl = dl

    def entry_id(self, e):
        return N.ephemeral_entry_id(e["mid"], self.server_guid, e["display_type"])

    def column(self, e, tag):
        """The value of one GAL column for an entry: N.Err(not found) when the entry has none."""
        v = {DISPLAY_NAME: e["name"], SMTP_ADDRESS: e["smtp"], DISPLAY_TYPE: e["display_type"],
             ENTRY_ID: self.entry_id(e), OBJECT_TYPE: e["object_type"], ADDRESS_TYPE: "EX", EMAIL_ADDRESS: e["dn"],
             ACCOUNT: e["alias"], TITLE: e["title"], DEPARTMENT: e["department"], OFFICE: e["office"],
             BUSINESS_PHONE: e["phone"], MOBILE_PHONE: e["mobile"], COMPANY: "Contoso"}[tag]
        return N.Err(ERR_NOT_FOUND) if v is None else v

    def rows(self, entries, columns):
        return [[self.column(e, t) for t in columns] for e in entries]


def _aux(s):
    """What Outlook puts in the auxiliary buffer of each request: its request id ([MS-OXCRPC] 2.2.2.2.1)."""
    return [A.aux_perf_requestid(1, s.n + 1)]


def _post(s, rtype, req, resp, pending=0):
    parts, delays = s.meta(resp, pending=pending, pending_delay=0.1 if pending else 0.0)
    return s.request(rtype, req, resp_parts=parts, delays=delays)


def _bind(s, gal, auth):
    """The authentication legs, then Bind ([MS-OXCMAPIHTTP] 2.2.5.1), which sets the session cookies."""
    body = N.bind_request(N.stat(), aux=first_request_aux(s.rng))
    out, a = auth_exchanges(s, auth, "Bind", body)
    parts, delays = s.meta(N.bind_response(gal.server_guid))
    out.append(s.request("Bind", body, resp_parts=parts, delays=delays, auth=a, set_cookie=True))
    s.cookie_ok = True
    return out


def _unbind(s):
    return _post(s, "Unbind", N.unbind_request(aux=_aux(s)), N.unbind_response())


def _session(rng, name):
    mailbox = uuid.UUID(int=rng.getrandbits(128), version=4)
    return Session(rng, name, path="/mapi/nspi/?MailboxId=%s@contoso.com" % mailbox), mailbox


def _start(seed, name, auth, tls):
    """A session's GAL, its Session and connection, and the authentication legs and Bind on it."""
    rng = random.Random(seed)
    gal = Gal(rng)
    s, mailbox = _session(rng, name)
    c = Connection("nspi", tls=tls)
    for x in _bind(s, gal, auth):
        c.add("exchange", x)
    return rng, gal, s, mailbox, c


GAL_COLUMNS = [DISPLAY_NAME, SMTP_ADDRESS, DISPLAY_TYPE, ENTRY_ID, TITLE, BUSINESS_PHONE, OFFICE, DEPARTMENT]


def hierarchy(rng, gal):
    """The address lists of GetSpecialTable's hierarchy table ([MS-OXOABK] 2.2.2): the GAL (ContainerID 0,
    PidTagAddressBookIsMaster), All Address Lists with its sub-lists one level deeper."""
    def eid(guid_):
        return N.permanent_entry_id("/guid=%s" % guid_.hex.upper(), N.DT_CONTAINER)
    rows = [[(ENTRY_ID, eid(uuid.UUID(int=0))), (CONTAINER_FLAGS, AB_RECIPIENTS | AB_UNMODIFIABLE), (DEPTH, 0),
             (AB_CONTAINER_ID, 0), (DISPLAY_NAME, "Default Global Address List"), (AB_IS_MASTER, True)]]
    parent = eid(uuid.UUID(int=rng.getrandbits(128), version=4))
    rows.append([(ENTRY_ID, parent), (CONTAINER_FLAGS, AB_SUBCONTAINERS | AB_UNMODIFIABLE), (DEPTH, 0),
                 (AB_CONTAINER_ID, gal.entries[0]["mid"] - 0x200), (DISPLAY_NAME, "All Address Lists"),
                 (AB_IS_MASTER, False)])
    for i, name in enumerate(["All Contacts", "All Distribution Lists", "All Rooms", "All Users", "Public Folders"]):
        rows.append([(ENTRY_ID, eid(uuid.UUID(int=rng.getrandbits(128), version=4))),
                     (CONTAINER_FLAGS, AB_RECIPIENTS | AB_UNMODIFIABLE), (DEPTH, 1),
                     (AB_CONTAINER_ID, gal.entries[0]["mid"] - 0x1FF + i), (DISPLAY_NAME, name),
                     (AB_IS_MASTER, False), (AB_PARENT_ENTRY_ID, parent)])
    return rows


def addressbook(seed, tls=None):
    """An Outlook address-book session on /mapi/nspi: NTLM and Bind, GetSpecialTable (the address lists),
    QueryRows (a page of the GAL, one flagged row), ResolveNames (one name resolved, one ambiguous, one
    unresolved), GetMatches (after a PENDING), DNToMId (one unknown DN), GetProps, GetMailboxUrl, Unbind."""
    rng, gal, s, mailbox, c = _start(seed, "nspi", "ntlm", tls)
    total = len(gal.entries)

    # GetSpecialTable: the hierarchy of address lists, newer than the version Outlook has cached
    req = N.get_special_table_request(N.stat(), flags=N.NSPI_UNICODE_STRINGS, version=41, aux=_aux(s))
    c.add("exchange", _post(s, "GetSpecialTable", req, N.get_special_table_response(hierarchy(rng, gal), version=42)))

    # QueryRows: the first page of the GAL (all of it fits), the State moved to the end of the table;
    # the distribution list has no title, phone, office or department: a flagged row ([MS-OXCMAPIHTTP] 2.2.1.7)
    req = N.query_rows_request(N.stat(), 50, GAL_COLUMNS, flags=N.F_EPH_ID, aux=_aux(s))
    resp = N.query_rows_response(N.stat(current_rec=N.MID_END_OF_TABLE, num_pos=total, total_recs=total),
                                 (GAL_COLUMNS, gal.rows(gal.entries, GAL_COLUMNS)))
    c.add("exchange", _post(s, "QueryRows", req, resp))

    # ResolveNames: the To: line "<someone's SMTP address>; <a shared first name>; <a name nobody has>"
    resolved = gal.people[rng.randrange(len(gal.people))]
    first = next(p["first"] for p in gal.people if sum(q["first"] == p["first"] for q in gal.people) > 1)
    while resolved["first"] == first:
        resolved = gal.people[rng.randrange(len(gal.people))]
    typed = [resolved["smtp"], first, "Zebulon Quartermaine"]
    rn_cols = [DISPLAY_NAME, SMTP_ADDRESS, DISPLAY_TYPE, ENTRY_ID, ADDRESS_TYPE, EMAIL_ADDRESS, OBJECT_TYPE]
    req = N.resolve_names_request(N.stat(code_page=N.CP_WINUNICODE), rn_cols, typed, aux=_aux(s))
    resp = N.resolve_names_response([resolved["mid"], N.MID_AMBIGUOUS, N.MID_UNRESOLVED],
                                    (rn_cols, gal.rows([resolved], rn_cols)))
    c.add("exchange", _post(s, "ResolveNames", req, resp))

    # GetMatches: the candidates for the ambiguous name (an ANR PropertyRestriction, [MS-OXNSPI] 3.1.4.7),
    # mail users only; answered after a PENDING keep-alive
    matches = [p for p in gal.people if p["first"] == first]
    gm_cols = [DISPLAY_NAME, SMTP_ADDRESS, TITLE, DEPARTMENT, ENTRY_ID]
    flt = R.and_(R.property_(R.RELOP_EQ, ANR, first, wide=True),
                 R.property_(R.RELOP_EQ, OBJECT_TYPE, MAPI_MAILUSER, wide=True), wide=True)
    req = N.get_matches_request(N.stat(), 50, gm_cols, filter_=flt, aux=_aux(s))
    resp = N.get_matches_response(N.stat(num_pos=0, total_recs=len(matches)), [p["mid"] for p in matches],
                                  (gm_cols, gal.rows(matches, gm_cols)))
    c.add("exchange", _post(s, "GetMatches", req, resp, pending=1))

    # DNToMId: the legacy DNs of the chosen recipients (one that the server no longer knows: MID 0)
    chosen = matches[rng.randrange(len(matches))]
    gone = "%s/cn=Recipients/cn=%032x-former" % (DN_PREFIX, rng.getrandbits(128))
    req = N.dntomid_request([resolved["dn"], chosen["dn"], gone], aux=_aux(s))
    c.add("exchange", _post(s, "DNToMId", req, N.dntomid_response([resolved["mid"], chosen["mid"], 0])))

    # GetProps: the details of a recipient; the mobile number may be missing (PtypErrorCode, ErrorsReturned)
    gp_tags = [DISPLAY_NAME, SMTP_ADDRESS, TITLE, DEPARTMENT, COMPANY, OFFICE, BUSINESS_PHONE, MOBILE_PHONE,
               PROXY_ADDRESSES, HOME_MDB, THUMBNAIL_PHOTO]
    values = []
    for t in gp_tags:
        if t == PROXY_ADDRESSES:
            values.append((t, ["SMTP:" + chosen["smtp"], "smtp:%s@contoso.onmicrosoft.com" % chosen["alias"],
                               "X500:" + chosen["dn"]]))
        elif t == HOME_MDB:
            values.append((t, MDB_DN))
        elif t == THUMBNAIL_PHOTO:
            values.append((t, b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00" + bytes(rng.getrandbits(8) for _ in range(180))))
        else:
            v = gal.column(chosen, t)
            values.append(((t & 0xFFFF0000) | 0x000A, v.code) if isinstance(v, N.Err) else (t, v))
    missing = any(t & 0xFFFF == 0x000A for t, _ in values)
    req = N.get_props_request(N.stat(current_rec=chosen["mid"]), gp_tags, flags=N.F_EPH_ID, aux=_aux(s))
    resp = N.get_props_response(values, error_code=ERRORS_RETURNED if missing else 0)
    c.add("exchange", _post(s, "GetProps", req, resp))

    # GetMailboxUrl: where the user's mailbox is served
    req = N.get_mailbox_url_request(SERVER_DN % mailbox, aux=_aux(s))
    url = "https://%s/mapi/emsmdb/?MailboxId=%s@contoso.com" % (HOST, mailbox)
    c.add("exchange", _post(s, "GetMailboxUrl", req, N.get_mailbox_url_response(url)))

    c.add("exchange", _unbind(s))
    return [c], {"sessions": [s.facts], "users": ["CONTOSO\\alice"]}


def addressbook_all(seed, tls=None):
    """Every address-book request type the addressbook scenario does not send: Bind (Basic), QueryColumns,
    GetTemplateInfo, SeekEntries, UpdateStat, CompareMIds, GetPropList, ResortRestriction, ModProps, ModLinkAtt
    (an add, and a delete by permanent entry ID), GetAddressBookUrl, Unbind."""
    rng, gal, s, mailbox, c = _start(seed, "nspi-all", "basic", tls)
    total = len(gal.entries)
    dl = gal.dl

    # QueryColumns: the columns the GAL can show, Unicode types asked for
    qc = [DISPLAY_NAME, SMTP_ADDRESS, DISPLAY_TYPE, ENTRY_ID, INSTANCE_KEY, OBJECT_TYPE, ADDRESS_TYPE, EMAIL_ADDRESS,
          ACCOUNT, TITLE, DEPARTMENT, OFFICE, COMPANY, BUSINESS_PHONE, MOBILE_PHONE, PROXY_ADDRESSES, MEMBER]
    c.add("exchange", _post(s, "QueryColumns", N.query_columns_request(N.NSPI_UNICODE_PROPTYPES, aux=_aux(s)),
                            N.query_columns_response(qc)))

    # GetTemplateInfo: the details dialog of a distribution list (layout and script), in English
    template = bytes(rng.getrandbits(8) for _ in range(96))
    script = bytes(rng.getrandbits(8) for _ in range(24))
    req = N.get_template_info_request(N.DT_DISTLIST, flags=N.TI_TEMPLATE | N.TI_SCRIPT, aux=_aux(s))
    c.add("exchange", _post(s, "GetTemplateInfo", req,
                            N.get_template_info_response([(TEMPLATE_DATA, template), (SCRIPT_DATA, script)])))

    # SeekEntries: the user types the first letters of a name in the GAL's search box; the server answers
    # with the rows from the first entry at or after them
    target = gal.entries[len(gal.entries) // 2]["name"][:2]
    at = next(i for i, e in enumerate(gal.entries) if e["name"][:2] >= target)
    page = gal.entries[at:at + 5]
    cols = [DISPLAY_NAME, SMTP_ADDRESS, DISPLAY_TYPE, ENTRY_ID]
    req = N.seek_entries_request(N.stat(), (DISPLAY_NAME, target), cols, aux=_aux(s))
    resp = N.seek_entries_response(N.stat(current_rec=page[0]["mid"], num_pos=at, total_recs=total),
                                   (cols, gal.rows(page, cols)))
    c.add("exchange", _post(s, "SeekEntries", req, resp))

    # UpdateStat: scrolling down by more rows than are left: the server stops at the end of the table and
    # says how far it really moved ([MS-OXNSPI] 3.1.4.1.4)
    req = N.update_stat_request(N.stat(current_rec=page[0]["mid"], delta=total, num_pos=at, total_recs=total),
                                delta_requested=0x01, aux=_aux(s))
    resp = N.update_stat_response(N.stat(current_rec=N.MID_END_OF_TABLE, num_pos=total, total_recs=total),
                                  delta=total - at)
    c.add("exchange", _post(s, "UpdateStat", req, resp))

    # CompareMIds: which of two entries comes first in the GAL's sort order
    a, b = sorted(rng.sample(range(total), 2))
    req = N.compare_mids_request(N.stat(), gal.entries[b]["mid"], gal.entries[a]["mid"], aux=_aux(s))
    c.add("exchange", _post(s, "CompareMIds", req, N.compare_mids_response(1)))

    # GetPropList: the properties the distribution list has (object-valued ones skipped)
    req = N.get_prop_list_request(dl["mid"], flags=N.F_SKIP_OBJECTS, code_page=1252, aux=_aux(s))
    dl_tags = [DISPLAY_NAME, SMTP_ADDRESS, DISPLAY_TYPE, OBJECT_TYPE, EMAIL_ADDRESS, ACCOUNT, PROXY_ADDRESSES, COMMENT]
    c.add("exchange", _post(s, "GetPropList", req, N.get_prop_list_response(dl_tags)))

    # ResortRestriction: the members of the list, sorted by display name
    members = rng.sample(gal.people, 4)
    req = N.resort_restriction_request(N.stat(), [m["mid"] for m in members], aux=_aux(s))
    ordered = sorted(members, key=lambda m: m["name"])
    resp = N.resort_restriction_response(N.stat(total_recs=len(ordered)), [m["mid"] for m in ordered])
    c.add("exchange", _post(s, "ResortRestriction", req, resp))

    # ModProps: the owner rewrites the list's notes and removes its phone number
    req = N.mod_props_request(N.stat(current_rec=dl["mid"]),
                              [(COMMENT, "Sales team, all regions. Owner: " + members[0]["name"])],
                              tags_to_remove=[BUSINESS_PHONE], aux=_aux(s))
    c.add("exchange", _post(s, "ModProps", req, N.mod_props_response()))

    # ModLinkAtt: a new member added (EphemeralEntryID), a former one removed (fDelete, PermanentEntryID)
    new = next(p for p in gal.people if p not in members)
    req = N.mod_link_att_request(MEMBER, dl["mid"], [gal.entry_id(new)], aux=_aux(s))
    c.add("exchange", _post(s, "ModLinkAtt", req, N.mod_link_att_response()))
    req = N.mod_link_att_request(MEMBER, dl["mid"], [N.permanent_entry_id(members[-1]["dn"])], flags=N.F_DELETE,
                                 aux=_aux(s))
    c.add("exchange", _post(s, "ModLinkAtt", req, N.mod_link_att_response()))

    # GetAddressBookUrl: where the user's (bob's, as Basic authentication said) address book is served
    req = N.get_address_book_url_request(DN_PREFIX + "/cn=Recipients/cn=bob", aux=_aux(s))
    url = "https://%s/mapi/nspi/?MailboxId=%s@contoso.com" % (HOST, mailbox)
    c.add("exchange", _post(s, "GetAddressBookUrl", req, N.get_address_book_url_response(url)))

    c.add("exchange", _unbind(s))
    return [c], {"sessions": [s.facts], "users": ["bob@contoso.com"]}


SCENARIOS = {"addressbook": addressbook, "addressbook-all": addressbook_all}
