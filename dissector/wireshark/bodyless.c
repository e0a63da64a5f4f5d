/*
 * MAPI/HTTP requests without a body. [MS-OXCMAPIHTTP] 2.2.6 PING has none, and Wireshark's HTTP
 * dissector calls no subdissector for an empty body, so neither the media_type table nor a heuristic
 * ever sees it. Without it, its response could not be paired (responses carry no X-RequestType) and
 * would be decoded without its request type.
 *
 * So a postdissector looks at the HTTP requests of each frame that HTTP dissected: it asks for the
 * HTTP header lines (http.request.line, one per header) and request URIs as "wanted" fields, groups
 * the lines by HTTP message (each after its request line's URI in the same buffer), and hands a request that carries
 * X-RequestType, goes to /mapi/emsmdb/ or /mapi/nspi/ and declares no body (no Transfer-Encoding, no
 * Content-Length other than 0) to the dissector as a message with an empty body. Messages with a body
 * are left to the media_type / heuristic path, which has already shown them.
 *
 * The HTTP fields are only certain to be there on the first pass (tshark's second pass and a click in
 * the GUI do not build "wanted" fields), so the first pass keeps the indexes of the records it made
 * per frame and later passes show those.
 */
#include <epan/proto.h>
#include <string.h>

#include "mhws.h"

static int proto_http = -1;
static int hf_request_line = -1;
static int hf_request_uri = -1;

typedef struct {
    tvbuff_t *tvb;       /* where the HTTP dissector found the request line */
    gint start;          /* of its URI */
    const char *uri;
    wmem_map_t *headers; /* lower-cased name -> value, as the HTTP dissector hands to subdissectors */
} http_request;

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

/* The request a header line belongs to: the last request line before it in the same buffer (the
 * messages of one segment share a buffer, and their fields one protocol layer number). */
static http_request *request_of(wmem_array_t *reqs, const field_info *fi)
{
    http_request *found = NULL;
    for (guint i = 0; i < wmem_array_get_count(reqs); i++) {
        http_request *r = wmem_array_index(reqs, i);
        if (r->tvb == fi->ds_tvb && r->start <= fi->start)
            found = r;
    }
    return found;
}

static int path_is_mapi(const char *uri)
{
    if (!uri)
        return 0;
    gchar *lower = g_ascii_strdown(uri, -1);
    int yes = strstr(lower, "/mapi/emsmdb") != NULL || strstr(lower, "/mapi/nspi") != NULL;
    g_free(lower);
    return yes;
}

static int has_no_body(wmem_map_t *h)
{
    if (wmem_map_lookup(h, "transfer-encoding"))
        return 0;
    const char *cl = wmem_map_lookup(h, "content-length");
    return !cl || strspn(cl, "0") == strlen(cl);
}

static int postdissect(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    (void)data;
    if (PINFO_FD_VISITED(pinfo))
        return mhws_dissect_bodyless_again(tvb, pinfo, tree);
    if (!tree || hf_request_line < 0 || hf_request_uri < 0 || !proto_is_frame_protocol(pinfo->layers, "http"))
        return 0;
    GPtrArray *lines = proto_get_finfo_ptr_array(tree, hf_request_line);
    if (!lines || !lines->len)
        return 0;
    GPtrArray *uris = proto_get_finfo_ptr_array(tree, hf_request_uri);
    if (!uris || !uris->len)
        return 0;
    wmem_array_t *reqs = wmem_array_new(pinfo->pool, sizeof(http_request));
    for (guint i = 0; i < uris->len; i++) {
        field_info *fi = g_ptr_array_index(uris, i);
        http_request r = { fi->ds_tvb, fi->start, fvalue_get_string(&fi->value),
                           wmem_map_new(pinfo->pool, g_str_hash, g_str_equal) };
        wmem_array_append_one(reqs, r);
    }
    for (guint i = 0; i < lines->len; i++) {
        field_info *fi = g_ptr_array_index(lines, i);
        const char *line = fvalue_get_string(&fi->value);
        http_request *r = request_of(reqs, fi);
        if (line && r)
            add_line(pinfo, r->headers, line);
    }
    int shown = 0;
    for (guint i = 0; i < wmem_array_get_count(reqs); i++) {
        http_request *r = wmem_array_index(reqs, i);
        if (!wmem_map_lookup(r->headers, "x-requesttype") || !path_is_mapi(r->uri) || !has_no_body(r->headers))
            continue;
        tvbuff_t *at = r->tvb ? tvb_new_subset_length(r->tvb, 0, 0) : tvb;
        shown += mhws_dissect_bodyless_request(at, pinfo, tree, r->headers);
    }
    return shown ? 1 : 0;
}

void mhws_bodyless_handoff(void)
{
    proto_http = proto_get_id_by_filter_name("http");
    hf_request_line = proto_registrar_get_id_byname("http.request.line");
    hf_request_uri = proto_registrar_get_id_byname("http.request.uri");
    if (proto_http < 0 || hf_request_line < 0 || hf_request_uri < 0)
        return;
    dissector_handle_t h = create_dissector_handle(postdissect, mhws.proto);
    register_postdissector(h);
    /* fields a postdissector wants are built even when nothing else needs the tree */
    GArray *wanted = g_array_new(FALSE, FALSE, (guint)sizeof(int));
    g_array_append_val(wanted, hf_request_line);
    g_array_append_val(wanted, hf_request_uri);
    set_postdissector_wanted_hfids(h, wanted);
}
