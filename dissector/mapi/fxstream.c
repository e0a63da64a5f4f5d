/*
 * [MS-OXCFXICS] 2.2.4 FastTransfer stream, decoded across buffers (see fxstream.h):
 * - 2.2.4.1 lexical structure: an element is a marker (2.2.4.1.4, a property tag alone) or a propValue:
 *   propType, propInfo (a property id below 0x8000, or a named property: id, propertySet GUID, Kind,
 *   then a dispid or a NUL-terminated UTF-16LE name), and the value: fixedPropType values as in
 *   [MS-OXCDATA] 2.11.1 except PtypBoolean, 2 bytes here (2.2.4.1.3); varPropType values (PtypString,
 *   PtypString8, PtypBinary, PtypServerId, PtypObject, code page strings 2.2.4.1.1.1) as a 4-byte
 *   length and the bytes; mvPropType values as a 4-byte count and the values, variable ones each with
 *   its length;
 * - 2.2.4.1.5 meta-properties and the ICS state properties of 2.2.1.1 / 2.2.1.3, whose IDSETs are
 *   decoded (MetaTagIdsetGiven is typed PtypInteger32 but carries PtypBinary data, 3.1.5.2.1);
 * - 2.2.4.3 syntax only as far as start and end markers pair up.
 *
 * Each element is first measured without output (measure()): only when all its bytes are present is it
 * decoded and shown (emit_element()), so an element split between buffers is decoded exactly once.
 */
#include "fxstream.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/limits.h"
#include "../session/named.h"
#include "../session/objects.h"
#include "idset.h"
#include "names.h"
#include "propvalue.h"


/* 2.2.4.1.4 markers, sorted by tag */
static const mh_vs marker_vs[] = {
    { 0x40000003, "NewAttach" },         { 0x40010003, "StartEmbed" },         { 0x40020003, "EndEmbed" },
    { 0x40030003, "StartRecip" },        { 0x40040003, "EndToRecip" },         { 0x40090003, "StartTopFld" },
    { 0x400A0003, "StartSubFld" },       { 0x400B0003, "EndFolder" },          { 0x400C0003, "StartMessage" },
    { 0x400D0003, "EndMessage" },        { 0x400E0003, "EndAttach" },          { 0x40100003, "StartFAIMsg" },
    { 0x40120003, "IncrSyncChg" },       { 0x40130003, "IncrSyncDel" },        { 0x40140003, "IncrSyncEnd" },
    { 0x40150003, "IncrSyncMessage" },   { 0x40180003, "FXErrorInfo" },        { 0x402F0003, "IncrSyncRead" },
    { 0x403A0003, "IncrSyncStateBegin" }, { 0x403B0003, "IncrSyncStateEnd" },  { 0x4074000B, "IncrSyncProgressMode" },
    { 0x4075000B, "IncrSyncProgressPerMsg" }, { 0x407B0102, "IncrSyncGroupInfo" }, { 0x407D0003, "IncrSyncChgPartial" },
};
const mh_names mh_names_fx_marker = MH_NAMES_SORTED(marker_vs);

const char *mh_fx_meta_name(uint32_t tag);

/* 2.2.4.1.5 meta-properties, 2.2.1.1 ICS state properties, 2.2.1.3 deletion and read-state
 * meta-properties, sorted by tag */
static const mh_vs meta_vs[] = {
    { 0x4008001E, "MetaTagDnPrefix" },         { 0x400F0003, "MetaTagEcWarning" },
    { 0x40110102, "MetaTagNewFXFolder" },      { 0x40160003, "MetaTagFXDelProp" },
    { 0x40170003, "MetaTagIdsetGiven" },       { 0x40170102, "MetaTagIdsetGiven" },
    { 0x40210102, "MetaTagIdsetNoLongerInScope" }, { 0x402D0102, "MetaTagIdsetRead" },
    { 0x402E0102, "MetaTagIdsetUnread" },      { 0x407A0003, "MetaTagIncrementalSyncMessagePartial" },
    { 0x407C0003, "MetaTagIncrSyncGroupId" },  { 0x67930102, "MetaTagIdsetExpired" },
    { 0x67960102, "MetaTagCnsetSeen" },        { 0x67D20102, "MetaTagCnsetRead" },
    { 0x67DA0102, "MetaTagCnsetSeenFAI" },     { 0x67E50102, "MetaTagIdsetDeleted" },
};

/* Tags in a stream: meta-properties and ICS state properties by their [MS-OXCFXICS] names, the others
 * as everywhere ([MS-OXPROPS]; ids from 0x8000 are named properties, named by their namedPropInfo). */
static const char *fx_property_tag_lookup(const mh_names *n, uint64_t v)
{
    (void)n;
    const char *name = mh_fx_meta_name((uint32_t)v);
    if (!name)
        name = mh_property_tag_name((uint32_t)v);
    if (!name && ((v >> 16) & 0xFFFF) >= 0x8000)
        name = "Named property";
    return name;
}
const mh_names mh_names_fx_property_tag = { NULL, 0, 0, 0, fx_property_tag_lookup };

/* [MS-OXCDATA] 2.6.1 PropertyName Kind, as the namedPropInfo of 2.2.4.1.1 uses it */
static const mh_vs named_kind_vs[] = { { 0x00, "dispid" }, { 0x01, "name" } };
const mh_names mh_names_fx_named_kind = MH_NAMES(named_kind_vs);

#define TAG_IDSET_GIVEN 0x40170003u
/* PtypInteger32 meta-properties whose value is itself a tag or a code (2.2.4.1.5.1, 2.2.4.1.5.2):
 * shown by name, as the property tags and error codes elsewhere are */
#define TAG_FX_DEL_PROP 0x40160003u
#define TAG_EC_WARNING 0x400F0003u
#define CODE_PAGE_FLAG 0x8000u
#define MV_FLAG 0x1000u
#define CP_UNICODE 1200

const char *mh_fx_marker_name(uint32_t tag)
{
    return mh_vs_bsearch(marker_vs, sizeof marker_vs / sizeof marker_vs[0], tag);
}

const char *mh_fx_meta_name(uint32_t tag)
{
    return mh_vs_bsearch(meta_vs, sizeof meta_vs / sizeof meta_vs[0], tag);
}

/* Which properties hold IDSETs, and how they name replicas (2.2.1.1.x REPLGUID, 2.2.1.3.x REPLID). */
static int idset_kind(uint32_t tag, mh_idset_kind *kind)
{
    switch (tag) {
    case 0x40170003: case 0x40170102: case 0x67960102: case 0x67DA0102: case 0x67D20102:
        *kind = MH_IDSET_REPLGUID;
        return 1;
    case 0x67E50102: case 0x40210102: case 0x67930102: case 0x402D0102: case 0x402E0102:
        *kind = MH_IDSET_REPLID;
        return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------------------------------------------
 * State */

static void state_free(struct mh_fx_state *st)
{
    if (!st)
        return;
    free(st->carry);
    free(st->undo.carry);
    free(st);
}

mh_fx_state *mh_fx_state_new(void)
{
    mh_fx_state_free_hook = state_free;
    return calloc(1, sizeof(mh_fx_state));
}

void mh_fx_state_free(mh_fx_state *st)
{
    state_free(st);
}

static void drop_carry(mh_fx_state *st)
{
    /* keep a small buffer for the next split element; give large ones back */
    if (st->carry_cap > 65536) {
        free(st->carry);
        st->carry = NULL;
        st->carry_cap = 0;
    }
    st->carry_len = 0;
    st->p.carry_buffers = 0;
}

static void set_lost(mh_fx_state *st, const char *why)
{
    if (st->p.lost)
        return;
    st->p.lost = 1;
    snprintf(st->p.lost_why, sizeof st->p.lost_why, "%s", why);
    drop_carry(st);
    st->p.skip = 0;
}

void mh_fx_mark_lost(mh_fx_state **slot, const char *why)
{
    if (!slot)
        return;
    if (!*slot)
        *slot = mh_fx_state_new();
    if (*slot)
        set_lost(*slot, why);
}

/* ---------------------------------------------------------------------------------------------------
 * Lexical sizes */

static size_t fixed_size(uint16_t type)
{
    switch (type) {
    case 0x0002: return 2;  /* PtypInteger16 */
    case 0x0003: return 4;  /* PtypInteger32 */
    case 0x0004: return 4;  /* PtypFloating32 */
    case 0x0005: return 8;  /* PtypFloating64 */
    case 0x0006: return 8;  /* PtypCurrency */
    case 0x0007: return 8;  /* PtypFloatingTime */
    case 0x000A: return 4;  /* PtypErrorCode */
    case 0x000B: return 2;  /* PtypBoolean: 2 bytes in FastTransfer streams (2.2.4.1.3) */
    case 0x0014: return 8;  /* PtypInteger64 */
    case 0x0040: return 8;  /* PtypTime */
    case 0x0048: return 16; /* PtypGuid */
    }
    return 0;
}

static int is_var(uint16_t type)
{
    if (type & CODE_PAGE_FLAG)
        return 1;
    switch (type) {
    case 0x001E: case 0x001F: case 0x0102: case 0x00FB: case 0x000D:
        return 1;
    }
    return 0;
}

/* [MS-OXCDATA] 2.11.1 multiple-valued types; their base type is a fixed or variable one (2.2.4.1.1). */
static int is_mv(uint16_t type)
{
    switch (type) {
    case 0x1002: case 0x1003: case 0x1004: case 0x1005: case 0x1006: case 0x1007:
    case 0x1014: case 0x101E: case 0x101F: case 0x1040: case 0x1048: case 0x1102:
        return 1;
    }
    return 0;
}

static uint16_t value_type(uint32_t tag)
{
    /* MetaTagIdsetGiven's tag says PtypInteger32, its data is PtypBinary (3.1.5.2.1) */
    return tag == TAG_IDSET_GIVEN ? 0x0102 : (uint16_t)(tag & 0xFFFF);
}

enum { EL_OK, EL_SHORT, EL_BAD };

typedef struct {
    size_t len;      /* EL_OK: bytes of the element */
    uint64_t total;  /* EL_SHORT: the element's size when its header says it, else 0 */
    uint32_t tag;    /* the tag, when its 4 bytes were there */
} el_size;

/* The size of the element at the cursor (a copy: nothing is emitted and the caller's cursor does not
 * move). Any failed read means the bytes ran out before the element's end. */
static int measure(mh_cursor c, el_size *out)
{
    memset(out, 0, sizeof *out);
    mh_cur_clear(&c);
    size_t start = mh_cur_pos(&c);
    uint32_t tag = mh_cur_u32(&c, "tag");
    if (!mh_cur_ok(&c))
        return EL_SHORT;
    out->tag = tag;
    if (mh_fx_marker_name(tag)) {
        out->len = 4;
        return EL_OK;
    }
    if ((tag >> 16) >= 0x8000) { /* namedPropInfo */
        mh_cur_skip(&c, 16, "propertySet");
        uint8_t kind = mh_cur_u8(&c, "Kind");
        if (!mh_cur_ok(&c))
            return EL_SHORT;
        if (kind == 0x00)
            mh_cur_skip(&c, 4, "dispid");
        else if (kind == 0x01)
            mh_cur_utf16z(&c, "name");
        else
            return EL_BAD;
        if (!mh_cur_ok(&c))
            return EL_SHORT;
    }
    uint16_t type = value_type(tag);
    size_t fs = fixed_size(type);
    if (fs) {
        mh_cur_skip(&c, fs, "value");
    } else if (is_var(type)) {
        uint32_t n = mh_cur_u32(&c, "length");
        if (!mh_cur_ok(&c))
            return EL_SHORT;
        out->total = (uint64_t)(mh_cur_pos(&c) - start) + n;
        mh_cur_skip(&c, n, "value");
    } else if (is_mv(type)) {
        uint16_t base = type & (uint16_t)~MV_FLAG;
        uint32_t count = mh_cur_u32(&c, "count");
        if (!mh_cur_ok(&c))
            return EL_SHORT;
        size_t bs = fixed_size(base);
        if (bs) {
            uint64_t need = (uint64_t)count * bs;
            out->total = (uint64_t)(mh_cur_pos(&c) - start) + need;
            if (need > mh_cur_left(&c))
                return EL_SHORT;
            mh_cur_skip(&c, (size_t)need, "values");
        } else {
            /* each variable value costs at least its 4-byte length, so this ends with the bytes */
            for (uint32_t i = 0; i < count && mh_cur_ok(&c); i++) {
                uint32_t n = mh_cur_u32(&c, "length");
                mh_cur_skip(&c, n, "value");
            }
        }
    } else {
        return EL_BAD;
    }
    if (!mh_cur_ok(&c))
        return EL_SHORT;
    out->len = mh_cur_pos(&c) - start;
    return EL_OK;
}

/* ---------------------------------------------------------------------------------------------------
 * Decoding one complete element */

/* A fixed-size value: as in ROP buffers ([MS-OXCDATA] 2.11.1), but for PtypBoolean. */
static void fixed_value(mh_dec *d, uint16_t type)
{
    size_t at = mh_cur_pos(&d->c);
    if (type == 0x000B) { /* 2 bytes here, "01 00" for TRUE (2.2.4.1.3) */
        uint16_t v = mh_cur_u16(&d->c, "PtypBoolean");
        if (mh_cur_ok(&d->c))
            mh_emit_uint(d, MH_F_VALUE_BOOLEAN, at, 2, v, NULL);
        return;
    }
    mh_decode_fixed_value(d, type);
}

/* A string of n bytes whose terminating NUL(s) are dropped only when present (2.2.4.1.3). */
static void string_value(mh_dec *d, mh_field_id f, size_t n, int utf16)
{
    size_t at = mh_cur_pos(&d->c);
    mh_span s = mh_cur_bytes(&d->c, n, mh_fields[f].label);
    if (!mh_cur_ok(&d->c))
        return;
    size_t term = utf16 ? 2 : 1;
    size_t tl = n;
    if (n >= term && mh_span_byte(s, n - 1) == 0 && (!utf16 || mh_span_byte(s, n - 2) == 0))
        tl = n - term;
    size_t len;
    const char *t = utf16 ? mh_text_utf16(d, mh_span_sub(s, 0, tl), &len) : mh_text_latin1(d, mh_span_sub(s, 0, tl), &len);
    if (!t) {
        mh_problem(d, MH_PROB_UNSUPPORTED, at, n, "%s: string of %zu bytes exceeds the memory bound",
                   mh_fields[f].label, n);
        return;
    }
    mh_emit_str(d, f, at, n, t, len);
}

/* length + bytes of a variable-size value */
static void var_value(mh_dec *d, uint32_t tag, uint16_t type)
{
    uint32_t n = mh_u32(d, MH_F_FX_LENGTH);
    if (!mh_cur_ok(&d->c))
        return;
    mh_idset_kind kind;
    if (type & CODE_PAGE_FLAG) {
        if ((type & 0x7FFF) == CP_UNICODE)
            string_value(d, MH_F_VALUE_STRING, n, 1);
        else /* other code pages are shown as their bytes: their character sets are not known here */
            mh_bytes(d, MH_F_FX_CODE_PAGE_STRING, n);
        return;
    }
    switch (type) {
    case 0x001F:
        string_value(d, MH_F_VALUE_STRING, n, 1);
        break;
    case 0x001E:
        string_value(d, MH_F_VALUE_STRING8, n, 0);
        break;
    case 0x0102:
        if (idset_kind(tag, &kind))
            mh_decode_idset(d, n, kind);
        else
            mh_bytes(d, MH_F_VALUE_BINARY, n);
        break;
    case 0x00FB:
        mh_bytes(d, MH_F_VALUE_SERVER_ID, n);
        break;
    case 0x000D:
        mh_bytes(d, MH_F_FX_OBJECT, n);
        break;
    }
}

static void tag_heading(uint32_t tag, const char *named, char *buf, size_t n)
{
    const char *name = named ? named : mh_fx_meta_name(tag);
    if (!name)
        name = mh_property_tag_name(tag);
    if (name)
        snprintf(buf, n, "%s (0x%08X)", name, tag);
    else
        snprintf(buf, n, "0x%08X", tag);
}

/* Start markers and the end markers that close them (2.2.4.3). */
static uint32_t closes(uint32_t end_marker, int *is_end)
{
    *is_end = 1;
    switch (end_marker) {
    case 0x400B0003: return 0x40090003; /* EndFolder: StartTopFld or StartSubFld */
    case 0x400D0003: return 0x400C0003; /* EndMessage: StartMessage or StartFAIMsg */
    case 0x40020003: return 0x40010003; /* EndEmbed: StartEmbed */
    case 0x40040003: return 0x40030003; /* EndToRecip: StartRecip */
    case 0x400E0003: return 0x40000003; /* EndAttach: NewAttach */
    case 0x403B0003: return 0x403A0003; /* IncrSyncStateEnd: IncrSyncStateBegin */
    }
    *is_end = 0;
    return 0;
}

static int is_start(uint32_t m)
{
    switch (m) {
    case 0x40090003: case 0x400A0003: case 0x400C0003: case 0x40100003: case 0x40010003:
    case 0x40030003: case 0x40000003: case 0x403A0003:
        return 1;
    }
    return 0;
}

static int pairs(uint32_t start, uint32_t want)
{
    if (want == 0x40090003)
        return start == 0x40090003 || start == 0x400A0003;
    if (want == 0x400C0003)
        return start == 0x400C0003 || start == 0x40100003;
    return start == want;
}

static void marker(mh_dec *d, mh_fx_state *st, size_t at, uint32_t tag)
{
    char note[96];
    int is_end;
    uint32_t want = closes(tag, &is_end);
    note[0] = 0;
    if (is_start(tag)) {
        if (st->p.depth < MH_FX_DEPTH_MAX)
            st->p.stack[st->p.depth] = tag;
        st->p.depth++;
        snprintf(note, sizeof note, "opens level %u", st->p.depth);
    } else if (is_end) {
        if (!st->p.depth) {
            mh_emit_uint(d, MH_F_FX_MARKER, at, 4, tag, NULL);
            mh_problem(d, MH_PROB_MALFORMED, at, 4,
                       "FastTransfer stream: %s closes nothing that was opened ([MS-OXCFXICS] 2.2.4.3)",
                       mh_fx_marker_name(tag));
            return;
        }
        uint32_t top = st->p.depth <= MH_FX_DEPTH_MAX ? st->p.stack[st->p.depth - 1] : 0;
        st->p.depth--;
        if (top && !pairs(top, want)) {
            mh_emit_uint(d, MH_F_FX_MARKER, at, 4, tag, NULL);
            mh_problem(d, MH_PROB_MALFORMED, at, 4,
                       "FastTransfer stream: %s does not close %s ([MS-OXCFXICS] 2.2.4.3)", mh_fx_marker_name(tag),
                       mh_fx_marker_name(top));
            return;
        }
        if (top)
            snprintf(note, sizeof note, "closes %s", mh_fx_marker_name(top));
    }
    mh_emit_uint(d, MH_F_FX_MARKER, at, 4, tag, note[0] ? note : NULL);
}

/* Decodes and shows the element at the cursor, whose bytes are all there (measured). Returns 0 when a
 * problem stopped it (reported; the part ends). */
static int emit_element(mh_dec *d, mh_fx_state *st)
{
    size_t at = mh_cur_pos(&d->c);
    uint32_t tag = mh_cur_u32(&d->c, "PropertyTag");
    if (!mh_cur_ok(&d->c))
        return mh_check(d, "FastTransfer element");
    if (mh_fx_marker_name(tag)) {
        marker(d, st, at, tag);
        return 1;
    }
    uint16_t id = (uint16_t)(tag >> 16);
    /* read the named property's information first: the subtree's heading names it */
    char named[160];
    const char *named_p = NULL;
    mh_cursor peek = d->c;
    if (id >= 0x8000) {
        mh_named_entry e;
        memset(&e, 0, sizeof e);
        mh_cur_guid(&peek, e.guid, "propertySet");
        e.kind = mh_cur_u8(&peek, "Kind");
        if (e.kind == 0x00)
            e.lid = mh_cur_u32(&peek, "dispid");
        else if (e.kind == 0x01) {
            size_t n;
            e.name = (char *)mh_text_utf16(d, mh_cur_utf16z(&peek, "name"), &n);
        }
        if (mh_cur_ok(&peek) && (e.kind == 0x00 || (e.kind == 0x01 && e.name))) {
            mh_named_format(&e, named, sizeof named);
            named_p = named;
        }
    }
    char heading[200];
    tag_heading(tag, named_p, heading, sizeof heading);
    mh_value v;
    memset(&v, 0, sizeof v);
    v.u = tag;
    mh_open_at(d, MH_F_PROPERTY_VALUE, at, &v, heading);
    mh_emit_uint(d, MH_F_FX_PROPERTY_TAG, at, 4, tag, NULL);
    int ok = 1;
    if (id >= 0x8000) {
        uint8_t g[16];
        size_t gat = mh_cur_pos(&d->c);
        mh_cur_guid(&d->c, g, "propertySet");
        if (mh_cur_ok(&d->c))
            mh_emit_guid(d, MH_F_FX_PROPERTY_SET, gat, g, mh_property_set_name(g));
        size_t kat = mh_cur_pos(&d->c);
        uint8_t kind = mh_u8(d, MH_F_FX_NAMED_KIND);
        if (kind == 0x00)
            mh_u32(d, MH_F_FX_DISPID);
        else if (kind == 0x01)
            mh_utf16z(d, MH_F_FX_NAME);
        else if (mh_cur_ok(&d->c)) {
            mh_stop(d, MH_PROB_MALFORMED, kat,
                    "FastTransfer stream: named property Kind 0x%02X is neither 0x00 (dispid) nor 0x01 (name) "
                    "([MS-OXCFXICS] 2.2.4.1.1); the rest of the stream cannot be decoded",
                    kind);
            ok = 0;
        }
    }
    uint16_t type = value_type(tag);
    if (ok && mh_cur_ok(&d->c)) {
        if (type & CODE_PAGE_FLAG) /* the code page is part of the propType (2.2.4.1.1.1) */
            mh_emit_uint(d, MH_F_FX_CODE_PAGE, at, 2, type & 0x7FFF, NULL);
        if (tag == TAG_FX_DEL_PROP) {
            mh_u32(d, MH_F_FX_DEL_PROP);
        } else if (tag == TAG_EC_WARNING) {
            mh_u32(d, MH_F_FX_EC_WARNING);
        } else if (fixed_size(type)) {
            fixed_value(d, type);
        } else if (is_var(type)) {
            var_value(d, tag, type);
        } else if (is_mv(type)) {
            uint16_t base = type & (uint16_t)~MV_FLAG;
            uint32_t count = mh_u32(d, MH_F_VALUE_COUNT);
            for (uint32_t i = 0; i < count && mh_cur_ok(&d->c); i++) {
                if (fixed_size(base))
                    fixed_value(d, base);
                else
                    var_value(d, tag, base);
            }
        } else {
            mh_stop(d, type == 0x0000 ? MH_PROB_MALFORMED : MH_PROB_UNSUPPORTED, at,
                    "FastTransfer stream: property type 0x%04X is not a fixedPropType, varPropType or mvPropType "
                    "([MS-OXCFXICS] 2.2.4.1.1); its size is unknown, so the rest of the stream cannot be decoded",
                    type);
            ok = 0;
        }
    }
    if (ok)
        ok = mh_check(d, "FastTransfer propValue");
    mh_close(d, at);
    return ok;
}

/* ---------------------------------------------------------------------------------------------------
 * Buffers */

/* Appends bytes to the carried element; 0 when memory is short. */
static int carry_append(mh_fx_state *st, mh_span s)
{
    size_t need = st->carry_len + s.len;
    if (need > st->carry_cap) {
        size_t cap = st->carry_cap ? st->carry_cap : 1024;
        while (cap < need)
            cap *= 2;
        uint8_t *p = realloc(st->carry, cap);
        if (!p)
            return 0;
        st->carry = p;
        st->carry_cap = cap;
    }
    st->carry_len += mh_span_copy(s, st->carry + st->carry_len, s.len);
    return 1;
}

/* The element still misses bytes: the rest of this buffer is kept for the next one, within the memory
 * bound. `so_far` is the size of the carried bytes before this buffer. */
static void keep_partial(mh_dec *d, mh_fx_state *st, const el_size *m, size_t so_far)
{
    size_t at = mh_cur_pos(&d->c);
    mh_span rest = mh_cur_rest(&d->c);
    char note[160];
    if (so_far)
        snprintf(note, sizeof note, "continues an element started in an earlier buffer; %zu bytes so far, still incomplete",
                 st->carry_len);
    else
        snprintf(note, sizeof note, "an element that continues in the next buffer");
    mh_value v;
    memset(&v, 0, sizeof v);
    v.bytes = rest;
    mh_emit(d, MH_F_FX_PARTIAL, at, rest.len, &v, note);
    size_t max = mh_limits[MH_LIMIT_FX_PARTIAL_BYTES];
    if (st->carry_len <= max)
        return;
    /* past the bound: drop what was kept */
    if (m->total > st->carry_len) {
        st->p.skip = m->total - st->carry_len;
        st->p.skip_tag = m->tag;
        mh_limit_problem(d, MH_LIMIT_FX_PARTIAL_BYTES, at, rest.len,
                         "FastTransfer stream: element 0x%08X of %llu bytes, more than the memory bound of %zu bytes "
                         "for one carried between buffers: not decoded, its remaining %llu bytes are skipped",
                         m->tag, (unsigned long long)m->total, max, (unsigned long long)st->p.skip);
        drop_carry(st);
    } else {
        mh_limit_problem(d, MH_LIMIT_FX_PARTIAL_BYTES, at, rest.len,
                         "FastTransfer stream: an element carried between buffers grew past the memory bound of %zu "
                         "bytes and its size is not known: the rest of the stream is shown raw",
                         max);
        set_lost(st, "an earlier element passed the memory bound for carried elements; where the stream continues is "
                     "not known");
    }
}

/* The carried element with this buffer's bytes appended: decode it if it is complete now. */
static void continue_carried(mh_dec *d, mh_fx_state *st)
{
    size_t old = st->carry_len;
    mh_cursor tmp = d->c;
    mh_span rest = mh_cur_rest(&tmp);
    if (!carry_append(st, rest)) {
        mh_stop(d, MH_PROB_UNSUPPORTED, mh_cur_pos(&d->c),
                "FastTransfer stream: no memory to keep an element split between buffers");
        set_lost(st, "memory ran short while an element was split between buffers");
        return;
    }
    mh_cursor c;
    mh_cur_init(&c, st->carry, st->carry_len);
    el_size m;
    int r = measure(c, &m);
    if (r == EL_SHORT) {
        st->p.carry_buffers++;
        keep_partial(d, st, &m, old);
        return;
    }
    /* complete (or undecodable): show it where it ends, from a reassembled copy */
    size_t len = r == EL_OK ? m.len : st->carry_len;
    size_t here = len - old;
    char head[160];
    if (st->p.carry_buffers > 1)
        snprintf(head, sizeof head, "Element started %u buffers earlier: %zu bytes there, %zu here", st->p.carry_buffers,
                 old, here);
    else
        snprintf(head, sizeof head, "Element started in the previous buffer: %zu bytes there, %zu here", old, here);
    size_t at = mh_open(d, MH_F_FX_CONTINUED, head);
    mh_dec child;
    mh_dec_child_begin(&child, d, MH_F_FX_REASSEMBLED, "Reassembled FastTransfer element", st->carry, len);
    mh_cur_set_complete(&child.c, 1);
    int ok = emit_element(&child, st);
    mh_dec_child_end(&child);
    mh_cur_skip(&d->c, here, "continued element");
    mh_close(d, at);
    drop_carry(st);
    if (!ok || r == EL_BAD)
        set_lost(st, "an earlier element of this stream could not be decoded");
}

static void decode_elements(mh_dec *d, mh_fx_state *st)
{
    while (mh_cur_left(&d->c) > 0 && !st->p.lost) {
        if (st->p.skip) {
            size_t n = mh_cur_left(&d->c) < st->p.skip ? mh_cur_left(&d->c) : (size_t)st->p.skip;
            size_t at = mh_cur_pos(&d->c);
            mh_span s = mh_cur_bytes(&d->c, n, "skipped element");
            st->p.skip -= n;
            char note[120];
            snprintf(note, sizeof note, "part of the element with tag 0x%08X past the memory bound; %llu bytes still to come",
                     st->p.skip_tag, (unsigned long long)st->p.skip);
            mh_value v;
            memset(&v, 0, sizeof v);
            v.bytes = s;
            mh_emit(d, MH_F_FX_SKIPPED, at, n, &v, note);
            continue;
        }
        if (st->carry_len) {
            continue_carried(d, st);
            continue;
        }
        el_size m;
        int r = measure(d->c, &m);
        if (r == EL_SHORT) {
            mh_cursor tmp = d->c;
            if (!carry_append(st, mh_cur_rest(&tmp))) {
                mh_stop(d, MH_PROB_UNSUPPORTED, mh_cur_pos(&d->c),
                        "FastTransfer stream: no memory to keep an element split between buffers");
                set_lost(st, "memory ran short while an element was split between buffers");
                return;
            }
            st->p.carry_buffers = 1;
            keep_partial(d, st, &m, 0);
            return;
        }
        if (!emit_element(d, st) || r == EL_BAD) {
            set_lost(st, "an earlier element of this stream could not be decoded");
            return;
        }
    }
}

/* ---------------------------------------------------------------------------------------------------
 * Upload transactions */

static void undo_clear(mh_fx_state *st)
{
    free(st->undo.carry);
    memset(&st->undo, 0, sizeof st->undo);
}

/* Before an upload buffer: remember where the stream stands, unless an earlier buffer of the same
 * request is still unanswered (then the earliest position is the one to return to). */
static void begin_upload(mh_dec *d, mh_fx_state *st, uint64_t tx)
{
    if (st->undo.active && st->undo.tx == tx) {
        st->undo.count++;
        return;
    }
    if (st->undo.active)
        mh_problem(d, MH_PROB_MISSING_CONTEXT, mh_cur_pos(&d->c), 0,
                   "FastTransfer stream: the response to this context's previous upload buffer was not seen; this "
                   "buffer is decoded as its continuation");
    undo_clear(st);
    st->undo.active = 1;
    st->undo.count = 1;
    st->undo.tx = tx;
    st->undo.p = st->p;
    st->undo.complete = 1;
    if (st->carry_len) {
        st->undo.carry = st->carry_len <= MH_FX_UNDO_MAX ? malloc(st->carry_len) : NULL;
        if (st->undo.carry) {
            memcpy(st->undo.carry, st->carry, st->carry_len);
            st->undo.carry_len = st->carry_len;
        } else {
            st->undo.complete = 0;
        }
    }
}

void mh_fx_settle(mh_fx_state *st, int accepted, const char *why)
{
    if (!st || !st->undo.active)
        return;
    if (accepted) {
        if (--st->undo.count == 0)
            undo_clear(st);
        return;
    }
    /* not taken: back to where the stream stood before, when that is known exactly */
    if (st->undo.count == 1 && st->undo.complete) {
        size_t n = st->undo.carry_len;
        drop_carry(st);
        mh_span s = { st->undo.carry, 0, n };
        if (n && !carry_append(st, s)) {
            undo_clear(st);
            set_lost(st, why);
            return;
        }
        st->p = st->undo.p;
        undo_clear(st);
        return;
    }
    undo_clear(st);
    set_lost(st, why);
}

static void decode_buffer(mh_dec *d, size_t len, mh_fx_state **slot, const char *missing, int last,
                          int upload, uint64_t tx)
{
    mh_dec sub;
    int whole = mh_dec_sub(d, len, "FastTransfer stream buffer", &sub);
    mh_fx_state *st = slot ? *slot : NULL;
    if (slot && !st)
        st = *slot = mh_fx_state_new();
    if (st && missing)
        set_lost(st, missing);
    char head[160];
    if (st)
        snprintf(head, sizeof head, "FastTransfer stream, buffer %llu of this transfer (stream offset %llu, %zu bytes)",
                 (unsigned long long)st->p.buffers + 1, (unsigned long long)st->p.offset, len);
    else
        snprintf(head, sizeof head, "FastTransfer stream (%zu bytes)", len);
    size_t start = mh_open(&sub, MH_F_FX_STREAM, head);
    if (st && upload)
        begin_upload(&sub, st, tx);
    if (!st) {
        mh_stop(&sub, MH_PROB_MISSING_CONTEXT, mh_cur_pos(&sub.c), "FastTransfer stream: %s; the buffer is shown raw",
                missing ? missing : "no memory for the stream's state");
    } else if (st->p.lost) {
        if (mh_cur_left(&sub.c))
            mh_stop(&sub, MH_PROB_MISSING_CONTEXT, mh_cur_pos(&sub.c),
                    "FastTransfer stream: %s; the buffer is shown raw", st->p.lost_why);
    } else if (st->p.done) {
        if (mh_cur_left(&sub.c))
            mh_stop(&sub, MH_PROB_MALFORMED, mh_cur_pos(&sub.c),
                    "FastTransfer stream: a buffer after the one that ended the stream (TransferStatus Done); "
                    "shown raw");
    } else {
        decode_elements(&sub, st);
    }
    if (st && !st->p.lost && !st->p.done && last) {
        if (st->p.skip)
            mh_problem(&sub, MH_PROB_MALFORMED, mh_cur_pos(&sub.c), 0,
                       "FastTransfer stream: the stream ended (TransferStatus Done) inside an element; %llu of its "
                       "bytes never came",
                       (unsigned long long)st->p.skip);
        else if (st->carry_len)
            mh_problem(&sub, MH_PROB_MALFORMED, mh_cur_pos(&sub.c), 0,
                       "FastTransfer stream: the stream ended (TransferStatus Done) inside an element whose first "
                       "%zu bytes came",
                       st->carry_len);
        drop_carry(st);
        st->p.skip = 0;
        st->p.done = 1;
    }
    if (st && !whole)
        set_lost(st, "part of an earlier buffer of this stream was not captured");
    mh_close(&sub, start);
    if (st) {
        st->p.buffers++;
        st->p.offset += len;
    }
}

void mh_fx_decode_buffer(mh_dec *d, size_t len, mh_fx_state **slot, const char *missing, int last)
{
    decode_buffer(d, len, slot, missing, last, 0, 0);
}

void mh_fx_decode_upload(mh_dec *d, size_t len, mh_fx_state **slot, const char *missing, uint64_t tx)
{
    decode_buffer(d, len, slot, missing, 0, 1, tx);
}

int mh_fx_decode_detached(mh_dec *d, size_t len, uint16_t *depth)
{
    mh_fx_state *st = mh_fx_state_new();
    decode_buffer(d, len, &st, st ? NULL : "no memory for the stream's state", 0, 0, 0);
    int clean = st && !st->p.lost && !st->carry_len && !st->p.skip;
    *depth = st ? (uint16_t)(st->p.depth > 0xFFFF ? 0xFFFF : st->p.depth) : 0;
    mh_fx_state_free(st);
    return clean;
}

void mh_fx_attach(mh_fx_state **slot, size_t len, int clean, uint16_t depth)
{
    if (!slot || *slot)
        return; /* the context already has a stream */
    mh_fx_state *st = *slot = mh_fx_state_new();
    if (!st)
        return;
    st->p.buffers = 1;
    st->p.offset = len;
    /* the open start markers are not known, only how many: end markers are not checked against them */
    st->p.depth = depth;
    if (!clean)
        set_lost(st, "the stream's first buffer, sent in the request that created the context, ended inside an "
                     "element whose bytes were not kept");
}
