/*
 * MAPI/HTTP that does not come as application/mapi-http: a request to /mapi/emsmdb/ or /mapi/nspi/ that
 * carries X-RequestType, or the response to a request this plugin decoded.
 *
 * Two kinds of doors, because Wireshark 4.0's HTTP dissector tries its heuristic list only for bodies no
 * media_type entry took: the types 4.0 already gives to a dissector (application/octet-stream to Data,
 * text/html and text/plain to its text dissector) come through media_type entries of ours, which hand
 * every other body to the dissector they displaced; any other type comes through the "http" heuristic.
 */
#include <epan/conversation.h>
#include <epan/dissectors/packet-http.h>
#include <string.h>

#include "httphdr.h"
#include "mhws.h"
#include "sessions.h"

static int proto_http = -1;

int mhws_path_is_mapi(const char *uri)
{
    if (!uri)
        return 0;
    gchar *lower = g_ascii_strdown(uri, -1);
    int yes = strstr(lower, "/mapi/emsmdb") != NULL || strstr(lower, "/mapi/nspi") != NULL;
    g_free(lower);
    return yes;
}

/* The HTTP dissector's conversation data (public in packet-http.h): the request URI and the status code
 * of the message it is working on. */
static const http_conv_t *http_conv(packet_info *pinfo)
{
    if (proto_http < 0)
        proto_http = proto_get_id_by_filter_name("http");
    conversation_t *conv = find_conversation_pinfo(pinfo, 0);
    return conv && proto_http >= 0 ? conversation_get_proto_data(conv, proto_http) : NULL;
}

static const char *request_uri(packet_info *pinfo)
{
    const http_conv_t *hc = http_conv(pinfo);
    return hc ? hc->request_uri : NULL;
}

/* Whether a body that did not come as application/mapi-http is MAPI/HTTP: a request to /mapi/emsmdb/ or
 * /mapi/nspi/ with X-RequestType, or the response to a request this plugin decoded. The same answer on
 * every pass: later passes look for the record the first pass kept. */
static int is_mapihttp(packet_info *pinfo, const http_message_info_t *mi)
{
    if (!mi || (mi->type != HTTP_REQUEST && mi->type != HTTP_RESPONSE) || !mi->data)
        return 0;
    if (PINFO_FD_VISITED(pinfo))
        return mhws_next_has_body_record(pinfo);
    wmem_map_t *h = mi->data;
    if (mi->type == HTTP_RESPONSE) {
        /* as mapidump: a MAPI/HTTP response body comes with 200 or with an X-ResponseCode
         * ([MS-OXCMAPIHTTP] 2.2.3.3.3); the page of a 401 or a 500 is not one */
        const http_conv_t *hc = http_conv(pinfo);
        if (!mhws_header(h, "x-responsecode") && (!hc || hc->response_code != 200))
            return 0;
        return mhws_pair_waiting(pinfo);
    }
    const char *rt = mhws_header(h, "x-requesttype");
    if (!rt)
        return 0;
    const char *uri = request_uri(pinfo);
    /* the path is what makes it MAPI/HTTP; without the HTTP dissector's URI, a known request type */
    return uri ? mhws_path_is_mapi(uri) : mh_request_type_parse(rt, strlen(rt)) != MH_RT_UNKNOWN;
}

gboolean mhws_dissect_heur(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    if (!is_mapihttp(pinfo, data))
        return FALSE;
    mhws_dissect_media(tvb, pinfo, tree, data);
    return TRUE;
}

/* The Content-Types a MAPI/HTTP body may come with that Wireshark 4.0 already gives to a dissector of
 * its own, so that the "http" heuristic list is never tried for them: application/octet-stream (Data), and
 * the text a server sends with a nonzero X-ResponseCode ([MS-OXCMAPIHTTP] 2.2.3.3.3: diagnostic text, e.g.
 * text/html). Each gets a door here; what is not MAPI/HTTP goes to the dissector the door displaced. */
static const char *const door_types[] = { "application/octet-stream", "text/html", "text/plain" };
static dissector_handle_t displaced[G_N_ELEMENTS(door_types)];

static int take_or_pass(size_t i, tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    /* through the protocol's own handle, so that it counts as a mapihttp layer and obeys
     * Analyze > Enabled Protocols */
    if (proto_is_protocol_enabled(find_protocol_by_id(mhws.proto)) && is_mapihttp(pinfo, data))
        return call_dissector_with_data(find_dissector(MHWS_PROTO_FILTER), tvb, pinfo, tree, data);
    /* not ours: what Wireshark does with this type without the plugin */
    if (displaced[i])
        return call_dissector_with_data(displaced[i], tvb, pinfo, tree, data);
    return call_data_dissector(tvb, pinfo, tree);
}

static int door_octet_stream(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    return take_or_pass(0, tvb, pinfo, tree, data);
}

static int door_text_html(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    return take_or_pass(1, tvb, pinfo, tree, data);
}

static int door_text_plain(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    return take_or_pass(2, tvb, pinfo, tree, data);
}

void mhws_recognise_handoff(void)
{
    static dissector_t const doors[G_N_ELEMENTS(door_types)] = { door_octet_stream, door_text_html,
                                                                door_text_plain };
    dissector_table_t media = find_dissector_table("media_type");
    for (size_t i = 0; i < G_N_ELEMENTS(door_types); i++) {
        displaced[i] = media ? dissector_get_string_handle(media, door_types[i]) : NULL;
        /* no protocol of its own: a body that is not ours must not list mapihttp in frame.protocols */
        dissector_add_string("media_type", door_types[i], create_dissector_handle(doors[i], -1));
    }
}
