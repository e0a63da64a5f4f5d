/* Decoder events -> proto_tree (see tree_sink.h). */
#include "tree_sink.h"

#include <stdio.h>
#include <string.h>

#include "core/utf8.h"
#include "mhws.h"

#define LABEL_MAX 512       /* Wireshark cuts labels at 240 characters anyway */
#define LABEL_MAX_BYTES 48  /* bytes shown in a label before the count */

static mhws_tree_sink *ts(mh_sink *s) { return (mhws_tree_sink *)s; }

/* ---- text ---- */

/* Text for a label, escaped as mapidump's text output does: control characters and bytes that are not
 * UTF-8 as \xNN, a backslash doubled, so that what comes from packets cannot disguise itself. */
static void label_text(const char *in, size_t n, char *out, size_t outsz)
{
    const unsigned char *p = (const unsigned char *)in;
    size_t o = 0, i = 0;
    while (i < n && o + 5 < outsz) {
        unsigned char c = p[i];
        if (c >= 0x20 && c < 0x7F && c != '\\') {
            out[o++] = (char)c;
            i++;
        } else if (c == '\\') {
            out[o++] = '\\';
            out[o++] = '\\';
            i++;
        } else if (c >= 0x80 && mh_utf8_seq_len(p + i, n - i) && !(c == 0xC2 && p[i + 1] < 0xA0)) {
            size_t len = mh_utf8_seq_len(p + i, n - i);
            if (o + len + 1 >= outsz)
                break;
            memcpy(out + o, p + i, len);
            o += len;
            i += len;
        } else {
            o += (size_t)snprintf(out + o, outsz - o, "\\x%02x", c);
            i++;
        }
    }
    out[o] = 0;
}

/* A string value as Wireshark must hold it: valid UTF-8, each byte that is not replaced by U+FFFD (as
 * mapidump's JSON does), cut at an embedded NUL. In packet memory. */
static const char *string_value(packet_info *pinfo, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    char *out = wmem_alloc(pinfo->pool, n * 3 + 1);
    size_t o = 0, i = 0;
    while (p && i < n && p[i]) {
        size_t len = p[i] < 0x80 ? 1 : mh_utf8_seq_len(p + i, n - i);
        if (len) {
            memcpy(out + o, p + i, len);
            o += len;
            i += len;
        } else {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        }
    }
    out[o] = 0;
    return out;
}

/* ---- where items go ---- */

static proto_tree *cur_tree(mhws_tree_sink *s)
{
    if (s->depth == 0)
        return s->root ? s->root_tree : s->parent;
    unsigned top = s->depth <= MHWS_TREE_MAX_DEPTH ? s->depth : MHWS_TREE_MAX_DEPTH;
    return s->node[top - 1].tree;
}

static tvbuff_t *cur_tvb(mhws_tree_sink *s)
{
    if (s->nsrc == 0)
        return s->body;
    unsigned top = s->nsrc <= MHWS_TREE_MAX_SOURCES ? s->nsrc : MHWS_TREE_MAX_SOURCES;
    return s->src[top - 1];
}

/* An event's range as a tvb range Wireshark accepts without throwing: inside the captured bytes. */
static void clamp(tvbuff_t *tvb, size_t off, size_t len, gint *o, gint *l)
{
    size_t cap = tvb ? tvb_captured_length(tvb) : 0;
    if (off == MH_OFF_GENERATED) {
        *o = 0;
        *l = 0;
        return;
    }
    if (off > cap)
        off = cap;
    if (len > cap - off)
        len = cap - off;
    *o = (gint)off;
    *l = (gint)len;
}

static void push_node(mhws_tree_sink *s, proto_item *item, proto_tree *tree, tvbuff_t *tvb, gint start,
                      mh_field_id id, const char *text, int generated)
{
    if (s->depth < MHWS_TREE_MAX_DEPTH) {
        mhws_tree_node *n = &s->node[s->depth];
        n->item = item;
        n->tree = tree;
        n->tvb = tvb;
        n->start = start;
        n->id = id;
        n->text = text;
        n->src_level = s->nsrc;
        n->generated = generated;
    }
    s->depth++;
}

static void pop_node(mhws_tree_sink *s, int set_len, size_t len)
{
    if (!s->depth)
        return;
    s->depth--;
    if (!set_len || s->depth >= MHWS_TREE_MAX_DEPTH)
        return;
    mhws_tree_node *n = &s->node[s->depth];
    if (!n->item || !n->tvb)
        return;
    gint o, l;
    clamp(n->tvb, (size_t)n->start, len, &o, &l);
    proto_item_set_len(n->item, l);
}

/* ---- items ---- */

/* One item of field `id` holding value v. `line` is the whole text (headings) when `full`, else the
 * value text shown after "Label: ". */
static proto_item *add_item(mhws_tree_sink *s, proto_tree *tree, mh_field_id id, tvbuff_t *tvb, gint o, gint l,
                            const mh_value *v, const char *line, int full)
{
    const mh_field *f = &mh_fields[id];
    int hf = mhws.hf[id];
    if (hf < 0)
        return NULL;
    if (id == MH_F_MAPIHTTP)
        return proto_tree_add_protocol_format(tree, hf, tvb, o, l, "%s%s%s", MHWS_PROTO_NAME, *line ? ", " : "",
                                              line);
    if (f->type == MH_FT_NONE) {
        if (full || !*line)
            return proto_tree_add_none_format(tree, hf, tvb, o, l, "%s", full ? line : f->label);
        return proto_tree_add_none_format(tree, hf, tvb, o, l, "%s %s", f->label, line);
    }
    if (!v) {
        /* a typed field shown without a value (e.g. a heading): Wireshark has no item of an integer
         * field without its value, so this one is a text item; its children stay filterable */
        proto_item *it = NULL;
        proto_tree_add_subtree_format(tree, tvb, o, l, mhws.ett[id], &it, "%s", full || !*line ? (full ? line : f->label) : line);
        return it;
    }
#define ADD(fn, val)                                                        \
    (full ? proto_tree_add_##fn##_format(tree, hf, tvb, o, l, val, "%s", line) \
          : proto_tree_add_##fn##_format_value(tree, hf, tvb, o, l, val, "%s", line))
    switch (f->type) {
    case MH_FT_BOOLEAN:
        return ADD(boolean, (guint32)(v->u != 0));
    case MH_FT_UINT8:
    case MH_FT_UINT16:
    case MH_FT_UINT32:
        return ADD(uint, (guint32)v->u);
    case MH_FT_UINT64:
        return ADD(uint64, v->u);
    case MH_FT_INT32:
        return ADD(int, (gint32)v->i);
    case MH_FT_INT64:
        return ADD(int64, v->i);
    case MH_FT_DOUBLE:
        return ADD(double, v->d);
    case MH_FT_STRING:
        return ADD(string, string_value(s->pinfo, v->str, v->str ? v->str_len : 0));
    case MH_FT_GUID: {
        /* [MS-DTYP] 2.3.4.2: Data1..Data3 little-endian on the wire */
        const uint8_t *g = v->guid;
        e_guid_t guid;
        guid.data1 = (guint32)g[0] | (guint32)g[1] << 8 | (guint32)g[2] << 16 | (guint32)g[3] << 24;
        guid.data2 = (guint16)(g[4] | g[5] << 8);
        guid.data3 = (guint16)(g[6] | g[7] << 8);
        memcpy(guid.data4, g + 8, 8);
        return ADD(guid, &guid);
    }
    case MH_FT_FILETIME: {
        /* 100 ns ticks since 1601-01-01 -> seconds since 1970-01-01 */
        nstime_t t;
        t.secs = (time_t)(v->u / 10000000u) - (time_t)11644473600;
        t.nsecs = (int)(v->u % 10000000u) * 100;
        return ADD(time, &t);
    }
    case MH_FT_BYTES: {
        static const guint8 empty[1];
        const guint8 *p = v->bytes.base ? v->bytes.base + v->bytes.off : empty;
        gint plen = v->bytes.base && v->bytes.len <= G_MAXINT ? (gint)v->bytes.len : 0;
        proto_item *it = proto_tree_add_bytes_with_length(tree, hf, tvb, o, l, p, plen);
        if (full)
            proto_item_set_text(it, "%s", line);
        else
            proto_item_set_text(it, "%s: %s", f->label, line);
        return it;
    }
    case MH_FT_NONE:
        break;
    }
#undef ADD
    return NULL;
}

/* The value's display text as the text output shows it, escaped for a label. */
static void display(const mh_field *f, const mh_value *v, const char *note, char *out, size_t outsz)
{
    char raw[LABEL_MAX];
    out[0] = 0;
    if (v && f->type != MH_FT_NONE) {
        size_t n = mh_format_value(f, v, raw, sizeof raw, LABEL_MAX_BYTES);
        label_text(raw, n, out, outsz);
    }
    if (note) {
        size_t o = strlen(out);
        const char *sep = v && f->type != MH_FT_NONE ? " = " : "= ";
        size_t sl = strlen(sep);
        if (o + sl + 1 < outsz) {
            memcpy(out + o, sep, sl + 1);
            o += sl;
            label_text(note, strlen(note), out + o, outsz - o);
        }
    }
}

/* ---- sink operations ---- */

static void t_message_begin(mh_sink *sk, const uint8_t *body, size_t len)
{
    (void)body;
    (void)len;
    mhws_tree_sink *s = ts(sk);
    s->depth = 0;
    s->nsrc = 0;
}

static void t_message_end(mh_sink *sk)
{
    mhws_tree_sink *s = ts(sk);
    while (s->depth)
        pop_node(s, 0, 0);
    s->nsrc = 0;
}

static void t_source_push(mh_sink *sk, mh_field_id id, const char *name, const uint8_t *data, size_t len)
{
    static const guint8 empty[1];
    mhws_tree_sink *s = ts(sk);
    if (id >= MH_F_COUNT)
        id = MH_F_BUFFER;
    if (!name)
        name = "";
    proto_tree *tree = cur_tree(s);
    tvbuff_t *child = NULL;
    if (len <= (size_t)G_MAXINT && s->body) {
        child = tvb_new_child_real_data(s->body, data ? data : empty, (guint)(data ? len : 0),
                                        (gint)(data ? len : 0));
        add_new_data_source(s->pinfo, child, name);
    }
    if (s->nsrc < MHWS_TREE_MAX_SOURCES) {
        s->src[s->nsrc] = child ? child : cur_tvb(s);
        s->src_node_depth[s->nsrc] = s->depth;
    }
    s->nsrc++;
    /* the node that holds the buffer's fields, "Decompressed ROP buffer (191 bytes)" as in mapidump */
    char line[LABEL_MAX + 32] = "", esc[LABEL_MAX];
    if (s->labels) {
        label_text(name, strlen(name), esc, sizeof esc);
        snprintf(line, sizeof line, "%s (%zu bytes)", esc, len);
    }
    tvbuff_t *tvb = cur_tvb(s);
    gint o, l;
    clamp(tvb, 0, len, &o, &l);
    proto_item *it = add_item(s, tree, id, tvb, o, l, NULL, line, 1);
    proto_tree *sub = it ? proto_item_add_subtree(it, mhws.ett[id]) : NULL;
    push_node(s, it, sub, tvb, o, id, NULL, 0);
}

static void t_source_pop(mh_sink *sk)
{
    mhws_tree_sink *s = ts(sk);
    if (!s->nsrc)
        return;
    s->nsrc--;
    unsigned to = s->nsrc < MHWS_TREE_MAX_SOURCES ? s->src_node_depth[s->nsrc] : s->depth ? s->depth - 1 : 0;
    while (s->depth > to)
        pop_node(s, 0, 0);
}

static void t_open(mh_sink *sk, mh_field_id id, size_t off, size_t len, const mh_value *v, const char *text)
{
    mhws_tree_sink *s = ts(sk);
    if (id >= MH_F_COUNT)
        return;
    const mh_field *f = &mh_fields[id];
    tvbuff_t *tvb = cur_tvb(s);
    gint o, l;
    clamp(tvb, off, len, &o, &l);
    char line[LABEL_MAX] = "";
    int full = text != NULL;
    if (!s->labels)
        ;
    else if (text)
        label_text(text, strlen(text), line, sizeof line);
    else
        display(f, v, NULL, line, sizeof line);
    proto_tree *parent = cur_tree(s);
    proto_item *it = add_item(s, parent, id, tvb, o, l, v, line, full || id == MH_F_MAPIHTTP);
    if (off == MH_OFF_GENERATED)
        proto_item_set_generated(it);
    proto_tree *sub = it ? proto_item_add_subtree(it, mhws.ett[id]) : NULL;
    if (id == MH_F_MAPIHTTP && !s->root && it) {
        s->root = it;
        s->root_tree = sub;
    }
    push_node(s, it, sub, tvb, o, id, text, off == MH_OFF_GENERATED);
}

static void t_close(mh_sink *sk, size_t len)
{
    mhws_tree_sink *s = ts(sk);
    /* a node whose length is not in the buffer (generated) keeps its zero length */
    int generated = s->depth && s->depth <= MHWS_TREE_MAX_DEPTH && s->node[s->depth - 1].generated;
    pop_node(s, !generated, len);
}

/* The heading of the innermost ROP being shown, for "RopOpenFolder (0x02) failed: ..." */
static const char *enclosing_rop(mhws_tree_sink *s)
{
    unsigned top = s->depth <= MHWS_TREE_MAX_DEPTH ? s->depth : MHWS_TREE_MAX_DEPTH;
    for (unsigned i = top; i-- > 0;)
        if (s->node[i].id == MH_F_ROP && s->node[i].text)
            return s->node[i].text;
    return "ROP";
}

static void t_field(mh_sink *sk, mh_field_id id, size_t off, size_t len, const mh_value *v, const char *note)
{
    mhws_tree_sink *s = ts(sk);
    if (id >= MH_F_COUNT)
        return;
    const mh_field *f = &mh_fields[id];
    tvbuff_t *tvb = cur_tvb(s);
    gint o, l;
    clamp(tvb, off, len, &o, &l);
    char line[LABEL_MAX] = "";
    /* the expert infos below need the text even when no label is shown */
    int expert = v && v->u != 0 && (id == MH_F_RESPONSE_CODE || id == MH_F_ROP_RETURN_VALUE);
    if (s->labels || expert)
        display(f, v, note, line, sizeof line);
    proto_item *it = add_item(s, cur_tree(s), id, tvb, o, l, v, line, 0);
    if (off == MH_OFF_GENERATED)
        proto_item_set_generated(it);
    if (!expert)
        return;
    if (id == MH_F_RESPONSE_CODE && !s->response_code_reported) {
        s->response_code_reported = 1;
        expert_add_info_format(s->pinfo, it, &mhws.ei_response_code, "X-ResponseCode: %s", line);
    } else if (id == MH_F_ROP_RETURN_VALUE) {
        char rop[LABEL_MAX];
        const char *h = enclosing_rop(s);
        label_text(h, strlen(h), rop, sizeof rop);
        expert_add_info_format(s->pinfo, it, &mhws.ei_rop_failure, "%s failed: %s", rop, line);
    }
}

static void t_problem(mh_sink *sk, mh_problem_kind k, size_t off, size_t len, const char *msg)
{
    mhws_tree_sink *s = ts(sk);
    if ((unsigned)k > MH_PROB_MISSING_CONTEXT)
        return;
    tvbuff_t *tvb = cur_tvb(s);
    gint o, l;
    clamp(tvb, off, len, &o, &l);
    size_t n = msg ? strlen(msg) : 0;
    char line[LABEL_MAX];
    label_text(msg ? msg : "", n, line, sizeof line);
    int hf = mhws.hf[MH_F_PROBLEM];
    proto_item *it = proto_tree_add_string_format(cur_tree(s), hf, tvb, o, l, string_value(s->pinfo, msg, n),
                                                  "[%s] %s", mh_problem_name(k), line);
    if (off == MH_OFF_GENERATED)
        proto_item_set_generated(it);
    expert_add_info_format(s->pinfo, it, &mhws.ei_problem[k], "[%s] %s", mh_problem_name(k), line);
    if (l > 0) {
        proto_tree *sub = proto_item_add_subtree(it, mhws.ett[MH_F_PROBLEM]);
        proto_item *lo = proto_tree_add_item(sub, mhws.hf[MH_F_LEFTOVER], tvb, o, l, ENC_NA);
        proto_item_set_text(lo, "%s (%d at offset %d)", mh_fields[MH_F_LEFTOVER].label, l, o);
    }
}

static const mh_sink_ops tree_ops = { t_message_begin, t_message_end, t_source_push, t_source_pop,
                                      t_open,          t_close,       t_field,       t_problem };

void mhws_tree_sink_init(mhws_tree_sink *s, packet_info *pinfo, proto_tree *tree, tvbuff_t *body)
{
    memset(s, 0, sizeof *s);
    s->base.ops = &tree_ops;
    s->pinfo = pinfo;
    s->parent = tree;
    s->body = body;
    /* Labels are only seen in a visible tree (tshark -V, the GUI's details pane); otherwise Wireshark
     * keeps just the values that filters and fields ask for, and formatting text would be wasted */
    s->labels = tree && PTREE_DATA(tree) && PTREE_DATA(tree)->visible;
}
