/*
 * MAPI/HTTP that does not come as application/mapi-http: a request to /mapi/emsmdb/ or /mapi/nspi/ that
 * carries X-RequestType, or the response to a request this plugin decoded.
 *
 * Two doors, because Wireshark 4.0's HTTP dissector tries its heuristic list only for bodies no
 * media_type entry took, and 4.0 gives application/octet-stream to the Data dissector:
 * application/octet-stream comes through our own media_type entry (which hands every other body to
 * Data, as Wireshark did without the plugin), any other type through the "http" heuristic list.
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

/* The request URI the HTTP dissector is working on (its conversation data, public in packet-http.h). */
static const char *request_uri(packet_info *pinfo)
{
    if (proto_http < 0)
        proto_http = proto_get_id_by_filter_name("http");
    conversation_t *conv = find_conversation_pinfo(pinfo, 0);
    http_conv_t *hc = conv && proto_http >= 0 ? conversation_get_proto_data(conv, proto_http) : NULL;
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
    if (mi->type == HTTP_RESPONSE)
        return mhws_pair_waiting(pinfo);
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

int mhws_dissect_octet_stream(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    /* through the protocol's own handle, so that it counts as a mapihttp layer and obeys
     * Analyze > Enabled Protocols */
    if (proto_is_protocol_enabled(find_protocol_by_id(mhws.proto)) && is_mapihttp(pinfo, data))
        return call_dissector_with_data(find_dissector(MHWS_PROTO_FILTER), tvb, pinfo, tree, data);
    /* not ours: what Wireshark does with application/octet-stream without this plugin */
    return call_data_dissector(tvb, pinfo, tree);
}
