/*
 * State shared by the plugin's files: the protocol, field, subtree and expert ids Wireshark hands out at
 * registration, and the entry points of each part.
 *
 *   plugin.c     the four symbols Wireshark 4.0's plugin loader looks for
 *   register.c   protocol, hf array built from the core's field registry, subtrees, expert infos,
 *                dissector and heuristic registration, init/cleanup routines
 *   fieldmap.c   core field type/base -> Wireshark FT_* / BASE_*
 *   dissect.c    one MAPI/HTTP message: first-pass decode, per-frame records, replay, links, tap
 *   recognise.c  MAPI/HTTP with another Content-Type: octet-stream entry and HTTP heuristic
 *   httphdr.c    HTTP's header map as the core's header list
 *   info.c       the Info column
 *   tree_sink.c  decoder events -> proto_tree items and expert infos
 *   bodyless.c   messages without a body (PING requests), which HTTP hands to no subdissector
 *   sessions.c   MAPI sessions by cookie, request/response pairing per TCP conversation
 *   cookie.c     session cookies as session keys (no Wireshark header)
 *   stats.c      service response time table and stats tree
 *   eventlog.c   the per-frame event log (no Wireshark header)
 */
#ifndef MHWS_H
#define MHWS_H

#include <epan/expert.h>
#include <epan/packet.h>

#include "core/registry.h"
#include "core/sink.h"

#define MHWS_PROTO_NAME "MAPI over HTTP"
#define MHWS_PROTO_SHORT "MAPIHTTP"
#define MHWS_PROTO_FILTER "mapihttp"

typedef struct {
    int proto;
    int hf[MH_F_COUNT];      /* hf[MH_F_MAPIHTTP] is the protocol itself */
    gint ett[MH_F_COUNT];    /* one subtree type per field: Wireshark remembers expansion per type */
    /* fields of the Wireshark front end itself, not of the core */
    int hf_response_in;
    int hf_request_in;
    int hf_time;
    int hf_session;
    expert_field ei_problem[4]; /* indexed by mh_problem_kind */
    expert_field ei_response_code;
    expert_field ei_rop_failure;
    expert_field ei_log_overflow;
    int tap;
} mhws_ids;

extern mhws_ids mhws;

/* register.c */
void mhws_register_protocol(void);
void mhws_register_handoff(void);

/* dissect.c */
int mhws_dissect_media(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data);
/* First pass: a message without body (a PING request, an empty response) whose headers bodyless.c found
 * in the HTTP tree; returns 0 when the message was shown already. Later passes: the frame's bodyless
 * messages found then. */
int mhws_dissect_bodyless(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, wmem_map_t *headers, int is_response);
int mhws_dissect_bodyless_again(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree);
/* On a later pass, whether the frame's next message was decoded from a body on the first pass. */
int mhws_next_has_body_record(packet_info *pinfo);
void mhws_dissect_init(void);     /* a new capture file */
void mhws_dissect_cleanup(void);  /* the file is closed */
void mhws_dissect_shutdown(void); /* Wireshark exits */

/* recognise.c */
gboolean mhws_dissect_heur(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data);
/* media_type entries for the types Wireshark already gives to a dissector (recognise.c) */
void mhws_recognise_handoff(void);
int mhws_path_is_mapi(const char *uri);

/* bodyless.c */
void mhws_bodyless_handoff(void);
/* The HTTP dissector's per-header-line fields (bodyless.c looks them up at handoff), -1 when absent. */
int mhws_http_line_hf(int is_response);
int mhws_http_marker_hf(int is_response);

/* info.c */
struct mhws_frame_rec;
/* Adds the message to the frame's Info text `acc` and sets the Info and Protocol columns. */
void mhws_info_column(packet_info *pinfo, const struct mhws_frame_rec *rec, wmem_strbuf_t *acc);

/* stats.c */
void mhws_stats_register(void); /* at protocol registration (SRT needs the protocol id) */
void mhws_stats_handoff(void);  /* stats tree */

#endif
