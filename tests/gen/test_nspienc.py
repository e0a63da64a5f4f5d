#!/usr/bin/env python3
"""Checks tests/gen/nspienc.py against mapidump: for each of the 19 address book request types of
[MS-OXCMAPIHTTP] 2.2.5, a request body and a response body are encoded from the inputs below (choosing
the optional fields and value kinds the golden inputs do not: Has* FALSE, PtypUnspecified columns, flagged
rows, HasValue FALSE, multi-valued binaries, ...), decoded by `mapidump -T json --raw-request TYPE FILE
--raw-response TYPE FILE`, and every decoded field of each body is compared, in order, with the fields the
spec's 2.2.5.x.1 / 2.2.5.x.2 tables list for those inputs (built here from the inputs, not from mapidump).

Usage: test_nspienc.py MAPIDUMP
"""
import datetime
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import auxenc as A  # noqa: E402
import nspienc as N  # noqa: E402
import propenc as P  # noqa: E402
import restrenc as R  # noqa: E402

SERVER = "{6F1E2D3C-4B5A-4978-8695-A4B3C2D1E0F9}"
NAMEGUID = "{00062004-0000-0000-C000-000000000046}"
DN = "/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=3f2a-mlopez"
DISPLAY_NAME, DISPLAY_NAME_A, SMTP, DISPLAY_TYPE = 0x3001001F, 0x3001001E, 0x39FE001F, 0x39000003
ENTRY_ID, TITLE, ANY = 0x0FFF0102, 0x3A17001F, 0x80120000   # ANY: a PtypUnspecified column
CERTS, CREATED, FLAGS_MV, IS_MASTER = 0x8C6A1102, 0x30070040, 0x80201003, 0xFFFB000B
HOME_MDB, MEMBER, COUNT64 = 0x8006001E, 0x8009000D, 0x6F000014


# ---- what the decoder must show, field by field (names as [MS-OXCMAPIHTTP] / [MS-OXNSPI] give them) ----

def f(name, value):
    return ("mapihttp." + name, value)


def stat_fields(sort_type=0, container_id=0, current_rec=0, delta=0, num_pos=0, total_recs=0, code_page=1252,
                template_locale=0x409, sort_locale=0x409):
    kw = dict(sort_type=sort_type, container_id=container_id, current_rec=current_rec, delta=delta, num_pos=num_pos,
              total_recs=total_recs, code_page=code_page, template_locale=template_locale, sort_locale=sort_locale)
    return [f("nspi.stat." + k, v) for k, v in kw.items()], kw


def state(**kw):
    """HasState TRUE and the State; the encoded STAT and its expected fields from the same inputs."""
    fields, kw = stat_fields(**kw)
    return N.stat(**kw), [f("nspi.has_state", True)] + fields


def tags(ts, has=None):
    out = [f(has, True)] if has else []
    return out + [f("nspi.property_tag_array.count", len(ts))] + [f("nspi.property_tag", t) for t in ts]


def mids(ms, count="nspi.minimal_id_count"):
    return [f("nspi.has_minimal_ids", True), f(count, len(ms))] + [f("nspi.minimal_id", m) for m in ms]


def value(ptype, v):
    """An AddressBookPropertyValue (2.2.1.1): HasValue for the counted and multi-valued types."""
    if ptype in (P.PT_UNICODE, P.PT_STRING8, P.PT_BINARY) or ptype & P.MV:
        if v is None:
            return [f("nspi.value.has_value", 0x00)]
        out = [f("nspi.value.has_value", 0xFF)]
    else:
        out = []
    if ptype & P.MV:
        out.append(f("value.count", len(v)))
        base = ptype & ~P.MV
        for x in v:
            out += value(base, x) if base in (P.PT_UNICODE, P.PT_STRING8, P.PT_BINARY) else plain(base, x)
        return out
    return out + plain(ptype, v)


def plain(ptype, v):
    if ptype == P.PT_BINARY:
        return [f("value.count", len(v)), f("value.binary", v.hex())]
    if ptype == P.PT_SYSTIME:
        return [f("value.time", filetime(v))]
    name = {P.PT_UNICODE: "string", P.PT_STRING8: "string8", P.PT_LONG: "int32", P.PT_BOOLEAN: "boolean",
            P.PT_I8: "int64", P.PT_ERROR: "error_code"}[ptype]
    return [f("value." + name, v)]


def filetime(ft):
    """A PtypTime ([MS-OXCDATA] 2.11.1: FILETIME, 100 ns since 1601-01-01 UTC) as ISO 8601 with 7 digits."""
    t = datetime.datetime(1601, 1, 1) + datetime.timedelta(seconds=ft // 10**7)
    return t.strftime("%Y-%m-%dT%H:%M:%S") + ".%07dZ" % (ft % 10**7)


def value_list(items):
    out = [f("nspi.value_list.count", len(items))]
    for t, v in items:
        out += [f("property_type", t & 0xFFFF), f("nspi.value.property_id", t >> 16)] + value(t & 0xFFFF, v)
    return out


def row(columns, values):
    flagged = any(isinstance(v, N.Err) or v is N.NO_VALUE or
                  (isinstance(v, N.Typed) and (isinstance(v.v, N.Err) or v.v is N.NO_VALUE)) for v in values)
    out = [f("nspi.property_row.flags", 1 if flagged else 0)]
    for c, v in zip(columns, values):
        t = c & 0xFFFF
        if t == P.PT_UNSPECIFIED:
            out.append(f("property_type", v.ptype))
            t, v = v.ptype, v.v
        if flagged:
            if isinstance(v, N.Err):
                out += [f("nspi.value.flag", 0x0A), f("value.error_code", v.code)]
                continue
            if v is N.NO_VALUE:
                out.append(f("nspi.value.flag", 0x01))
                continue
            out.append(f("nspi.value.flag", 0x00))
        out += value(t, v)
    return out


def table(columns, rows, has):
    out = [f(has, True)] + tags(columns) + [f("nspi.row_count", len(rows))]
    for r in rows:
        out += row(columns, r)
    return out


def entry_id_fields(eid):
    """[MS-OXNSPI] 2.2.9.2 / 2.2.9.3 from the inputs that made eid: ("eph", mid, guid, dt) / ("perm", dn, dt)."""
    head = [f("nspi.entry_id.r1", 0), f("nspi.entry_id.r2", 0), f("nspi.entry_id.r3", 0)]
    if eid[0] == "eph":
        return ([f("nspi.entry_id.id_type", 0x87)] + head + [f("nspi.entry_id.provider_uid", eid[2]),
                f("nspi.entry_id.r4", 1), f("nspi.entry_id.display_type", eid[3]), f("nspi.entry_id.mid", eid[1])])
    return ([f("nspi.entry_id.id_type", 0x00)] + head + [f("nspi.entry_id.provider_uid", N.GUID_NSPI),
            f("nspi.entry_id.r4", 1), f("nspi.entry_id.display_type_string", eid[2]),
            f("nspi.entry_id.distinguished_name", eid[1])])


def ok(error_code=0):
    return [f("status_code", 0), f("nspi.error_code", error_code)]


def aux_end(size=0):
    return [f("auxiliary_buffer_size", size)]


# ---- the cases: (type, request body, its fields, response body, its fields) ----

def cases():
    c = []
    aux = [A.aux_perf_requestid(3, 9)]
    aux_size = len(A.aux_buffer(aux)) - 4
    st, st_f = state(sort_type=N.SORT_TYPE_DISPLAY_NAME_W, container_id=0x1234, current_rec=0x4A1, delta=-5,
                     num_pos=3, total_recs=40, code_page=N.CP_WINUNICODE, template_locale=0x407, sort_locale=0x40C)
    st0, st0_f = state()

    c.append(("Bind", N.bind_request(st, flags=N.F_ANONYMOUS_LOGIN, aux=aux),
              [f("nspi.bind.flags", 0x20)] + st_f + aux_end(aux_size),
              N.bind_response(SERVER), ok() + [f("nspi.bind.server_guid", SERVER)] + aux_end()))
    c.append(("Bind", N.bind_request(None), [f("nspi.bind.flags", 0), f("nspi.has_state", False)] + aux_end(),
              N.failure_response(0x80040111), [f("status_code", 0x80040111)] + aux_end()))
    c.append(("Unbind", N.unbind_request(), [f("nspi.reserved", 0)] + aux_end(),
              N.unbind_response(error_code=0x80004005), ok(0x80004005) + aux_end()))
    c.append(("CompareMIds", N.compare_mids_request(st0, 0x4A2, 0x4B7),
              [f("nspi.reserved", 0)] + st0_f + [f("nspi.compare_mids.minimal_id1", 0x4A2),
                                                f("nspi.compare_mids.minimal_id2", 0x4B7)] + aux_end(),
              N.compare_mids_response(-1), ok() + [f("nspi.compare_mids.result", -1)] + aux_end()))
    c.append(("DNToMId", N.dntomid_request([DN, "/o=Contoso/cn=x"]),
              [f("nspi.reserved", 0), f("nspi.has_names", True), f("nspi.strings.count", 2),
               f("nspi.strings.string", DN), f("nspi.strings.string", "/o=Contoso/cn=x")] + aux_end(),
              N.dntomid_response(None), ok() + [f("nspi.has_minimal_ids", False)] + aux_end()))

    # GetMatches: MinimalIds and PropertyName present, a NotRestriction of an ExistRestriction, a
    # PtypUnspecified column; rows: a standard one (HasValue FALSE, a multiple binary with a FALSE element)
    # and a flagged one (typed error, no value)
    cols = [DISPLAY_NAME, ANY, CERTS, TITLE]
    rows = [["M\u00e9lanie L\u00f3pez", N.Typed(P.PT_LONG, 7), [b"\x30\x82\x01", None], None],
            ["Mo Chen", N.Typed(P.PT_UNICODE, N.Err(0x8004010F)), N.NO_VALUE, "CFO"]]
    # and a PropertyRestriction on a binary, whose byte count is 32 bits wide here ([MS-OXCDATA] 2.11.1.1)
    search_key = 0x300B0102
    flt = R.and_(R.not_(R.exist(SMTP)), R.property_(R.RELOP_EQ, search_key, b"SMTP:MO@", wide=True), wide=True)
    req = N.get_matches_request(st0, 25, cols, mids=[0x4A1, 0x4A2], interface_option_flags=0,
                                filter_=flt, property_name=(NAMEGUID, 0x8233))
    req_f = ([f("nspi.reserved", 0)] + st0_f + mids([0x4A1, 0x4A2]) +
             [f("nspi.get_matches.interface_option_flags", 0), f("nspi.get_matches.has_filter", True),
              f("restriction.restrict_type", 0x00), f("restriction.restrict_count", 2),
              f("restriction.restrict_type", 0x02), f("restriction.restrict_type", 0x08),
              f("restriction.prop_tag", SMTP),
              f("restriction.restrict_type", 0x04), f("restriction.relop", R.RELOP_EQ),
              f("restriction.prop_tag", search_key), f("restriction.tagged_value.property_tag", search_key),
              f("value.count", 8), f("value.binary", b"SMTP:MO@".hex()),
              f("nspi.get_matches.has_property_name", True), f("nspi.get_matches.property_name_guid", NAMEGUID),
              f("nspi.get_matches.property_name_id", 0x8233), f("nspi.row_count", 25)] +
             tags(cols, "nspi.has_columns") + aux_end())
    st2, st2_f = state(current_rec=0x4A1, total_recs=2)
    c.append(("GetMatches", req, req_f, N.get_matches_response(st2, [0x4A1, 0x4A9], (cols, rows)),
              ok() + st2_f + mids([0x4A1, 0x4A9]) + table(cols, rows, "nspi.has_columns_and_rows") + aux_end()))

    c.append(("GetPropList", N.get_prop_list_request(0x4A1, flags=0, code_page=N.CP_WINUNICODE),
              [f("nspi.get_prop_list.flags", 0), f("nspi.minimal_id", 0x4A1), f("nspi.code_page", 1200)] + aux_end(),
              N.get_prop_list_response(None), ok() + [f("nspi.has_property_tags", False)] + aux_end()))

    # GetProps: PropertyTags absent (all properties); values of many types, one binary without a value
    vals = [(DISPLAY_NAME_A, "Mo Chen"), (CREATED, 0x01DA9BB2A4F0C000), (IS_MASTER, True), (FLAGS_MV, [1, 2, 40000]),
            (HOME_MDB, "/o=Contoso/cn=MDB01"), (ENTRY_ID, None), (COUNT64, 1 << 40), (0x3A08000A, 0x8004010F)]
    c.append(("GetProps", N.get_props_request(st, None, flags=0),
              [f("nspi.get_props.flags", 0)] + st_f + [f("nspi.has_property_tags", False)] + aux_end(),
              N.get_props_response(vals, code_page=1252, error_code=0x00040380),
              ok(0x00040380) + [f("nspi.code_page", 1252), f("nspi.has_property_values", True)] +
              value_list(vals) + aux_end()))

    c.append(("GetSpecialTable", N.get_special_table_request(st0, flags=N.NSPI_ADDRESS_CREATION_TEMPLATES),
              [f("nspi.get_special_table.flags", 0x2)] + st0_f + [f("nspi.get_special_table.has_version", False)] +
              aux_end(),
              N.get_special_table_response(None, version=7),
              ok() + [f("nspi.code_page", 1252), f("nspi.get_special_table.has_version", True),
                      f("nspi.get_special_table.version", 7), f("nspi.get_special_table.has_rows", False)] + aux_end()))

    tdn = "/o=Contoso/cn=Display-Templates/cn=0409/cn=00000000"
    c.append(("GetTemplateInfo", N.get_template_info_request(N.DT_MAILUSER, flags=N.TI_HELPFILE_NAME, template_dn=tdn,
                                                             code_page=1252, locale_id=0x40C),
              [f("nspi.get_template_info.flags", 0x20), f("nspi.get_template_info.display_type", 0),
               f("nspi.get_template_info.has_template_dn", True), f("nspi.get_template_info.template_dn", tdn),
               f("nspi.code_page", 1252), f("nspi.get_template_info.locale_id", 0x40C)] + aux_end(),
              N.get_template_info_response(None),
              ok() + [f("nspi.code_page", 1252), f("nspi.get_template_info.has_row", False)] + aux_end()))

    eids = [("eph", 0x4A7, SERVER, N.DT_DISTLIST), ("perm", DN, N.DT_MAILUSER)]
    enc = [N.ephemeral_entry_id(0x4A7, SERVER, N.DT_DISTLIST), N.permanent_entry_id(DN, N.DT_MAILUSER)]
    mla_f = [f("nspi.mod_link_att.flags", 0), f("nspi.mod_link_att.property_tag", MEMBER), f("nspi.minimal_id", 0x4C0),
             f("nspi.mod_link_att.has_entry_ids", True), f("nspi.mod_link_att.entry_id_count", 2)]
    for e, b in zip(eids, enc):
        mla_f += [f("nspi.mod_link_att.entry_id_cb", len(b))] + entry_id_fields(e)
    c.append(("ModLinkAtt", N.mod_link_att_request(MEMBER, 0x4C0, enc), mla_f + aux_end(),
              N.mod_link_att_response(), ok() + aux_end()))
    c.append(("ModLinkAtt", N.mod_link_att_request(MEMBER, 0x4C0, None, flags=N.F_DELETE),
              [f("nspi.mod_link_att.flags", 1), f("nspi.mod_link_att.property_tag", MEMBER),
               f("nspi.minimal_id", 0x4C0),
               f("nspi.mod_link_att.has_entry_ids", False)] + aux_end(),
              N.mod_link_att_response(0x80070005), ok(0x80070005) + aux_end()))

    mp_vals = [(TITLE, "Chief Financial Officer"), (CERTS, [b"\x01\x02"])]
    c.append(("ModProps", N.mod_props_request(st, mp_vals, tags_to_remove=[SMTP, TITLE]),
              [f("nspi.reserved", 0)] + st_f + tags([SMTP, TITLE], "nspi.mod_props.has_property_tags_to_remove") +
              [f("nspi.has_property_values", True)] + value_list(mp_vals) + aux_end(),
              N.mod_props_response(), ok() + aux_end()))

    c.append(("QueryColumns", N.query_columns_request(0),
              [f("nspi.reserved", 0), f("nspi.query_columns.mapi_flags", 0)] + aux_end(),
              N.query_columns_response([DISPLAY_NAME, ANY, CERTS]),
              ok() + tags([DISPLAY_NAME, ANY, CERTS], "nspi.has_columns") + aux_end()))

    c.append(("QueryRows", N.query_rows_request(st, 10, None, explicit_table=[0x4A1, 0x4A5], flags=0),
              [f("nspi.query_rows.flags", 0)] + st_f +
              [f("nspi.explicit_table_count", 2), f("nspi.minimal_id", 0x4A1), f("nspi.minimal_id", 0x4A5),
               f("nspi.row_count", 10), f("nspi.has_columns", False)] + aux_end(),
              N.query_rows_response(st0, None),
              ok() + st0_f + [f("nspi.has_columns_and_rows", False)] + aux_end()))

    rn_cols = [DISPLAY_NAME, ENTRY_ID]
    eid = N.ephemeral_entry_id(0x4A1, SERVER)
    c.append(("ResolveNames", N.resolve_names_request(st0, None, ["M\u00e9lanie", "zz"]),
              [f("nspi.reserved", 0)] + st0_f +
              [f("nspi.has_property_tags", False), f("nspi.has_names", True), f("nspi.resolve_names.name_count", 2),
               f("nspi.resolve_names.name_value", "M\u00e9lanie"), f("nspi.resolve_names.name_value", "zz")] +
              aux_end(),
              N.resolve_names_response([0x4A1, N.MID_UNRESOLVED], (rn_cols, [["M\u00e9lanie L\u00f3pez", eid]])),
              ok() + [f("nspi.code_page", 1200)] + mids([0x4A1, 0]) +
              table(rn_cols, [["M\u00e9lanie L\u00f3pez", eid]], "nspi.resolve_names.has_rows_and_columns") +
              aux_end()))

    c.append(("ResortRestriction", N.resort_restriction_request(st0, None),
              [f("nspi.reserved", 0)] + st0_f + [f("nspi.has_minimal_ids", False)] + aux_end(),
              N.resort_restriction_response(None, [0x4A2]),
              ok() + [f("nspi.has_state", False)] + mids([0x4A2]) + aux_end()))

    c.append(("SeekEntries", N.seek_entries_request(st0, (DISPLAY_NAME_A, "Mo"), None, explicit_table=[0x4A1]),
              [f("nspi.reserved", 0)] + st0_f +
              [f("nspi.seek_entries.has_target", True), f("property_type", 0x001E), f("nspi.value.property_id", 0x3001),
               f("nspi.value.has_value", 0xFF), f("value.string8", "Mo"), f("nspi.has_explicit_table", True),
               f("nspi.explicit_table_count", 1), f("nspi.minimal_id", 0x4A1), f("nspi.has_columns", False)] +
              aux_end(),
              N.seek_entries_response(st2, ([DISPLAY_NAME_A], [["Mo Chen"]])),
              ok() + st2_f + table([DISPLAY_NAME_A], [["Mo Chen"]], "nspi.has_columns_and_rows") + aux_end()))

    c.append(("UpdateStat", N.update_stat_request(st, delta_requested=0x00),
              [f("nspi.reserved", 0)] + st_f + [f("nspi.update_stat.delta_requested", False)] + aux_end(),
              N.update_stat_response(st0, None),
              ok() + st0_f + [f("nspi.update_stat.has_delta", False)] + aux_end()))

    sdn = "/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/cn=ex1"
    url = "https://mail.contoso.com/mapi/emsmdb/?MailboxId=9c1f@contoso.com"
    c.append(("GetMailboxUrl", N.get_mailbox_url_request(sdn, flags=0),
              [f("nspi.get_mailbox_url.flags", 0), f("nspi.get_mailbox_url.server_dn", sdn)] + aux_end(),
              N.get_mailbox_url_response(url), ok() + [f("nspi.server_url", url)] + aux_end()))
    url = "https://mail.contoso.com/mapi/nspi/?MailboxId=9c1f@contoso.com"
    c.append(("GetAddressBookUrl", N.get_address_book_url_request(DN, flags=0),
              [f("nspi.get_address_book_url.flags", 0), f("nspi.get_address_book_url.user_dn", DN)] + aux_end(),
              N.get_address_book_url_response(url), ok() + [f("nspi.server_url", url)] + aux_end()))
    return c


def leaves(node, out):
    if not node["children"]:
        out.append((node["field"], node["value"]))
    for ch in node["children"]:
        leaves(ch, out)
    return out


def body_fields(msg):
    """The body's leaf fields in order, without the auxiliary buffer's own structures (checked apart)."""
    body = msg["children"][-1]
    return [(k, v) for k, v in leaves(body, []) if not k.startswith(("mapihttp.aux.", "mapihttp.rpc_header_ext"))]


def main():
    mapidump = sys.argv[1]
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, (rtype, req, req_f, resp, resp_f) in enumerate(cases()):
            paths = [os.path.join(tmp, "%d.%s" % (i, d)) for d in ("req", "resp")]
            for p, b in zip(paths, (req, resp)):
                with open(p, "wb") as fh:
                    fh.write(b)
            r = subprocess.run([mapidump, "-T", "json", "--raw-request", rtype, paths[0], "--raw-response", rtype,
                                paths[1]], capture_output=True, text=True, timeout=30)
            msgs = json.loads(r.stdout) if r.stdout.strip() else []
            errors = []
            if r.returncode != 0 or len(msgs) != 2:
                errors.append("mapidump exit %d, %d messages: %s" % (r.returncode, len(msgs), r.stderr.strip()))
            for msg, want, what in zip(msgs, (req_f, resp_f), ("request", "response")):
                got = body_fields(msg)
                if got != want:
                    n = next((j for j, (g, w) in enumerate(zip(got, want)) if g != w), min(len(got), len(want)))
                    errors.append("%s field %d: got %s, expected %s (%d fields, expected %d)" % (
                        what, n, got[n] if n < len(got) else None, want[n] if n < len(want) else None,
                        len(got), len(want)))
            if rtype == "Bind" and i == 0 and msgs:
                aux = [(k, v) for k, v in leaves(msgs[0], []) if k in ("mapihttp.aux.session_id",
                                                                        "mapihttp.aux.request_id")]
                if aux != [("mapihttp.aux.session_id", 3), ("mapihttp.aux.request_id", 9)]:
                    errors.append("request AUX_PERF_REQUESTID: %s" % aux)
            print("%s %s%s" % ("FAIL" if errors else "ok  ", rtype, "".join("\n     " + e for e in errors)))
            failed += bool(errors)
    types = {c[0] for c in cases()}
    if len(types) != 19:
        print("FAIL: %d request types covered, not 19" % len(types))
        failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
