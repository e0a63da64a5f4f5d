/*
 * [MS-OXCDATA] 2.6.1 PropertyName: Kind (1 byte: 0x00 LID, 0x01 Name, 0xFF no name), GUID (16 bytes, the
 * property set, always present), LID (4 bytes, only for Kind 0x00), NameSize (1 byte, only for Kind 0x01,
 * the size in bytes of Name) and Name (UTF-16LE followed by a two-byte NUL terminator; NameSize counts the
 * terminator, as the string "followed by two zero bytes" is the Name field whose size NameSize gives).
 * Any other Kind leaves the rest of the structure without a known layout, so decoding stops there.
 * For Kind 0xFF, [MS-OXCPRPT] 3.2.5.9 says "there is no other return data", but 2.6.1 does not make the
 * GUID optional; the structure of 2.6.1 is followed (GUID present, no LID, no Name), as other decoders of
 * RopGetNamesFromPropertyIds responses do.
 * A PS_MAPI name with a LID below 0x8000 stands for the tagged property whose id is the LID
 * ([MS-OXCPRPT] 3.2.5.9, 3.2.5.10), so it is named after that property.
 *
 * The structure is first read on a copy of the cursor, so that the subtree's heading can name the
 * property; the fields are then emitted from what was read and the copy's position (and any error)
 * becomes the decoder's.
 */
#include "propname.h"

#include <stdio.h>
#include <string.h>

#include "../generated/tables.h"
#include "../session/named.h"
#include "names.h"

static const mh_vs kind_vs[] = { { 0x00, "LID" }, { 0x01, "Name" }, { 0xFF, "No property name" } };
const mh_names mh_names_property_name_kind = MH_NAMES(kind_vs);

typedef struct {
    size_t off;
    int got;             /* fields read: 1 Kind, 2 GUID, 3 LID or NameSize, 4 Name */
    int bad_kind;
    uint8_t name_size;
    mh_span name;        /* Name bytes (NameSize of them) */
    size_t text_units;   /* UTF-16 code units before the terminator */
    int terminated;
} raw_name;

static void parse(mh_cursor *c, mh_propname *p, raw_name *r)
{
    memset(r, 0, sizeof *r);
    r->off = mh_cur_pos(c);
    p->kind = mh_cur_u8(c, "Kind");
    if (!mh_cur_ok(c))
        return;
    r->got = 1;
    if (p->kind != MH_PROPNAME_KIND_LID && p->kind != MH_PROPNAME_KIND_NAME && p->kind != MH_PROPNAME_KIND_NONE) {
        r->bad_kind = 1;
        return;
    }
    mh_cur_guid(c, p->guid, "GUID");
    if (!mh_cur_ok(c))
        return;
    r->got = 2;
    if (p->kind == MH_PROPNAME_KIND_LID) {
        p->lid = mh_cur_u32(c, "LID");
        if (mh_cur_ok(c))
            r->got = 3;
    } else if (p->kind == MH_PROPNAME_KIND_NAME) {
        uint8_t size = mh_cur_u8(c, "NameSize");
        if (!mh_cur_ok(c))
            return;
        r->got = 3;
        r->name_size = size;
        r->name = mh_cur_bytes(c, size, "Name");
        if (!mh_cur_ok(c))
            return;
        r->got = 4;
        size_t units = size / 2;
        r->text_units = units;
        for (size_t i = 0; i < units; i++) {
            if (mh_span_byte(r->name, 2 * i) == 0 && mh_span_byte(r->name, 2 * i + 1) == 0) {
                r->text_units = i;
                r->terminated = 1;
                break;
            }
        }
    }
}

/* The tagged property a PS_MAPI LID stands for, or NULL. */
static const char *ps_mapi_tag(const mh_propname *p)
{
    if (p->kind != MH_PROPNAME_KIND_LID || p->lid >= 0x8000)
        return NULL;
    const char *set = mh_property_set_name(p->guid);
    if (!set || strcmp(set, "PS_MAPI") != 0)
        return NULL;
    return mh_property_tag_name(p->lid << 16); /* by property id: the type is not part of a name */
}

size_t mh_propname_format(const mh_propname *p, char *out, size_t outsz)
{
    if (p->kind == MH_PROPNAME_KIND_NONE)
        return (size_t)snprintf(out, outsz, "no property name");
    const char *tag = ps_mapi_tag(p);
    if (tag)
        return (size_t)snprintf(out, outsz, "%s", tag);
    char name[512];
    mh_named_entry e;
    memset(&e, 0, sizeof e);
    e.kind = p->kind;
    e.lid = p->lid;
    memcpy(e.guid, p->guid, 16);
    if (p->kind == MH_PROPNAME_KIND_NAME) {
        size_t n = p->name && p->name_len < sizeof name ? p->name_len : 0;
        if (n)
            memcpy(name, p->name, n);
        name[n] = 0;
        e.name = name;
    }
    return mh_named_format(&e, out, outsz);
}

/* The canonical name of a LID or string in a property set, for the LID / Name fields' notes. */
static const char *canonical(const mh_propname *p)
{
    const char *tag = ps_mapi_tag(p);
    if (tag)
        return tag;
    if (p->kind == MH_PROPNAME_KIND_LID) {
        for (size_t i = 0; i < mh_named_lids_count; i++)
            if (mh_named_lids[i].lid == p->lid && memcmp(mh_named_lids[i].guid, p->guid, 16) == 0)
                return mh_named_lids[i].name;
    } else if (p->kind == MH_PROPNAME_KIND_NAME && p->name) {
        for (size_t i = 0; i < mh_named_strings_count; i++)
            if (strlen(mh_named_strings[i].string) == p->name_len &&
                memcmp(mh_named_strings[i].string, p->name, p->name_len) == 0 &&
                memcmp(mh_named_strings[i].guid, p->guid, 16) == 0)
                return mh_named_strings[i].name;
    }
    return NULL;
}

int mh_decode_property_name(mh_dec *d, const char *what, mh_propname *out)
{
    mh_propname p;
    memset(&p, 0, sizeof p);
    raw_name r;
    mh_cursor c = d->c;
    parse(&c, &p, &r);
    if (r.got >= 4) {
        p.name = mh_text_utf16(d, mh_span_sub(r.name, 0, 2 * r.text_units), &p.name_len);
        if (!p.name)
            p.name_len = 0;
    }
    char text[600];
    char heading[700];
    int complete = mh_cur_ok(&c) && !r.bad_kind;
    if (complete) {
        mh_propname_format(&p, text, sizeof text);
        snprintf(heading, sizeof heading, "%s: %s", what ? what : "PropertyName", text);
    } else {
        snprintf(heading, sizeof heading, "%s", what ? what : "PropertyName");
    }
    mh_value v;
    memset(&v, 0, sizeof v);
    mh_open_at(d, MH_F_PROPERTY_NAME, r.off, &v, heading);
    if (r.got >= 1)
        mh_emit_uint(d, MH_F_PROPERTY_NAME_KIND, r.off, 1, p.kind, NULL);
    if (r.got >= 2) {
        mh_emit_guid(d, MH_F_PROPERTY_NAME_GUID, r.off + 1, p.guid, mh_property_set_name(p.guid));
    }
    const char *canon = complete ? canonical(&p) : NULL;
    if (r.got >= 3 && p.kind == MH_PROPNAME_KIND_LID)
        mh_emit_uint(d, MH_F_PROPERTY_NAME_LID, r.off + 17, 4, p.lid, canon);
    if (r.got >= 3 && p.kind == MH_PROPNAME_KIND_NAME)
        mh_emit_uint(d, MH_F_PROPERTY_NAME_NAME_SIZE, r.off + 17, 1, r.name_size, NULL);
    if (r.got >= 4) {
        memset(&v, 0, sizeof v);
        v.str = p.name ? p.name : "";
        v.str_len = p.name ? p.name_len : 0;
        mh_emit(d, MH_F_PROPERTY_NAME_NAME, r.off + 18, r.name.len, &v, canon);
    }
    d->c = c; /* position and any read error of the structure */
    int ok = complete;
    if (r.bad_kind) {
        mh_stop(d, MH_PROB_MALFORMED, r.off + 1,
                "PropertyName: Kind 0x%02X is not 0x00 (LID), 0x01 (Name) or 0xFF ([MS-OXCDATA] 2.6.1); the rest "
                "of its layout is unknown",
                p.kind);
    } else if (complete && p.kind == MH_PROPNAME_KIND_NAME && (r.name.len % 2 || !r.terminated)) {
        /* the size is still right for moving on; only the text is suspect */
        mh_problem(d, MH_PROB_MALFORMED, r.off + 18, r.name.len,
                   "PropertyName: Name of NameSize %zu bytes is not a NUL-terminated UTF-16 string", r.name.len);
    }
    mh_close_len(d, mh_cur_pos(&d->c) - r.off);
    if (out)
        *out = p;
    return ok;
}
