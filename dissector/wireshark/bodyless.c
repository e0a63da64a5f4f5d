/*
 * MAPI/HTTP messages without a body. A [MS-OXCMAPIHTTP] 2.2.6 PING request has none (and a response may
 * come empty), and Wireshark's HTTP dissector calls no subdissector for an empty body, so neither the
 * media_type table nor a heuristic ever sees them. Without the request, its response could not be
 * paired (responses carry no X-RequestType) and would be decoded without its request type.
 *
 * So a postdissector looks at the HTTP messages of each frame: it asks for HTTP's header lines
 * (http.request.line / http.response.line, one per header) and the request URIs and status codes as
 * "wanted" fields, groups the lines by message (each after its request or status line in the same
 * buffer), and hands to the dissector, with an empty body,
 *   - a request that carries X-RequestType, goes to /mapi/emsmdb/ or /mapi/nspi/ and declares no body
 *     (no Transfer-Encoding, no Content-Length other than 0);
 *   - a response declared application/mapi-http, with no Content-Length other than 0;
 * unless the same message (same direction and X-RequestId) was shown already through the media_type /
 * heuristic path, because it had a body.
 *
 * The HTTP fields are only certain to be there on the first pass (tshark's second pass and a click in
 * the GUI do not build "wanted" fields), so the first pass keeps the indexes of the records it made
 * per frame and later passes show those.
 */
#include <epan/proto.h>
#include <string.h>

#include "mhws.h"

typedef struct {
    const char *line_field;   /* one item per header line */
    const char *marker_field; /* one item per message, before its header lines */
    int hf_line, hf_marker;
    int is_response;
} direction;

static direction directions[2] = {
    { "http.request.line", "http.request.uri", -1, -1, 0 },
    { "http.response.line", "http.response.code", -1, -1, 1 },
};

typedef struct {
    tvbuff_t *tvb;       /* where the HTTP dissector found the request or status line */
    gint start;          /* of its marker field */
    const char *uri;     /* requests */
    wmem_map_t *headers; /* lower-cased name -> value, as the HTTP dissector hands to subdissectors */
} http_message;

/* "Name: value\r\n" into the map (a later header of the same name wins, as in HTTP's own map). */
static void add_line(packet_info *pinfo, wmem_map_t *map, const char *line)
{
    const char *colon = strchr(line, ':');
    if (!colon || colon == line)
        return;
    char *name = wmem_strndup(pinfo->pool, line, (size_t)(colon - line));
    for (char *c = name; *c; c++)
        *c = g_ascii_tolower(*c);
    g_strstrip(name);
    char *value = wmem_strdup(pinfo->pool, colon + 1);
    g_strstrip(value); /* also drops the CRLF */
    wmem_map_insert(map, name, value);
}

/* The message a header line belongs to: the last one that began before it in the same buffer (the
 * messages of one segment share a buffer, and their fields one protocol layer number). */
static http_message *message_of(wmem_array_t *msgs, const field_info *fi)
{
    http_message *found = NULL;
    for (guint i = 0; i < wmem_array_get_count(msgs); i++) {
        http_message *m = wmem_array_index(msgs, i);
        if (m->tvb == fi->ds_tvb && m->start <= fi->start)
            found = m;
    }
    return found;
}

static int declares_no_body(wmem_map_t *h)
{
    if (wmem_map_lookup(h, "transfer-encoding"))
        return 0;
    const char *cl = wmem_map_lookup(h, "content-length");
    return !cl || strspn(cl, "0") == strlen(cl);
}

/* A response with no body to show: chunked ones may be empty (their body would otherwise have come
 * through the media_type table), a Content-Length must be 0. */
static int may_have_no_body(wmem_map_t *h)
{
    const char *cl = wmem_map_lookup(h, "content-length");
    return !cl || strspn(cl, "0 ") == strlen(cl);
}

static int is_mapi_type(wmem_map_t *h)
{
    const char *ct = wmem_map_lookup(h, "content-type");
    return ct && g_ascii_strncasecmp(ct, "application/mapi-http", 21) == 0 &&
           (ct[21] == 0 || ct[21] == ';' || ct[21] == ' ');
}

static int one_direction(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const direction *d)
{
    GPtrArray *lines = proto_get_finfo_ptr_array(tree, d->hf_line);
    GPtrArray *markers = proto_get_finfo_ptr_array(tree, d->hf_marker);
    if (!lines || !lines->len || !markers || !markers->len)
        return 0;
    wmem_array_t *msgs = wmem_array_new(pinfo->pool, sizeof(http_message));
    for (guint i = 0; i < markers->len; i++) {
        field_info *fi = g_ptr_array_index(markers, i);
        http_message m = { fi->ds_tvb, fi->start, d->is_response ? NULL : fvalue_get_string(&fi->value),
                           wmem_map_new(pinfo->pool, g_str_hash, g_str_equal) };
        wmem_array_append_one(msgs, m);
    }
    for (guint i = 0; i < lines->len; i++) {
        field_info *fi = g_ptr_array_index(lines, i);
        const char *line = fvalue_get_string(&fi->value);
        http_message *m = message_of(msgs, fi);
        if (line && m)
            add_line(pinfo, m->headers, line);
    }
    int shown = 0;
    for (guint i = 0; i < wmem_array_get_count(msgs); i++) {
        http_message *m = wmem_array_index(msgs, i);
        if (d->is_response ? !is_mapi_type(m->headers) || !may_have_no_body(m->headers)
                           : !wmem_map_lookup(m->headers, "x-requesttype") || !mhws_path_is_mapi(m->uri) ||
                                 !declares_no_body(m->headers))
            continue;
        tvbuff_t *at = m->tvb ? tvb_new_subset_length(m->tvb, 0, 0) : tvb;
        shown += mhws_dissect_bodyless(at, pinfo, tree, m->headers, d->is_response);
    }
    return shown;
}

static int postdissect(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    (void)data;
    if (PINFO_FD_VISITED(pinfo))
        return mhws_dissect_bodyless_again(tvb, pinfo, tree);
    if (!tree || !proto_is_frame_protocol(pinfo->layers, "http"))
        return 0;
    int shown = 0;
    for (int i = 0; i < 2; i++)
        if (directions[i].hf_line >= 0 && directions[i].hf_marker >= 0)
            shown += one_direction(tvb, pinfo, tree, &directions[i]);
    return shown ? 1 : 0;
}

void mhws_bodyless_handoff(void)
{
    GArray *wanted = g_array_new(FALSE, FALSE, (guint)sizeof(int));
    for (int i = 0; i < 2; i++) {
        direction *d = &directions[i];
        d->hf_line = proto_registrar_get_id_byname(d->line_field);
        d->hf_marker = proto_registrar_get_id_byname(d->marker_field);
        if (d->hf_line >= 0 && d->hf_marker >= 0) {
            g_array_append_val(wanted, d->hf_line);
            g_array_append_val(wanted, d->hf_marker);
        }
    }
    if (!wanted->len) {
        g_array_free(wanted, TRUE);
        return;
    }
    dissector_handle_t h = create_dissector_handle(postdissect, mhws.proto);
    register_postdissector(h);
    /* fields a postdissector wants are built on the first pass even when nothing else needs the tree */
    set_postdissector_wanted_hfids(h, wanted);
}

int mhws_http_line_hf(int is_response)
{
    return directions[is_response ? 1 : 0].hf_line;
}

int mhws_http_marker_hf(int is_response)
{
    return directions[is_response ? 1 : 0].hf_marker;
}
