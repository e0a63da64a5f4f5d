/*
 * MAPI sessions of the open capture file and the pairing of requests with responses.
 *
 * Sessions: one core mh_session per MAPI session, found by its cookies (cookie.h) in a file-scope map
 * and freed when the file is closed. A request without cookies (Connect, the first Bind) gets a fresh
 * session tied to its TCP conversation; the Set-Cookie of its response then names that session, so the
 * requests that follow (on any connection) find it. Sessions change only on the first pass.
 *
 * Pairing: HTTP/1.1 answers requests in order on a connection, so each TCP conversation keeps a FIFO of
 * the MAPI/HTTP requests not yet answered; a response takes the one with its X-RequestId, else the
 * oldest. The request's frame record then learns its response (for "Response in" on later passes).
 */
#ifndef MHWS_SESSIONS_H
#define MHWS_SESSIONS_H

#include <epan/packet.h>

#include "cookie.h"
#include "mapihttp.h"

typedef struct mhws_session {
    mh_session core;
    char *key;        /* the first key it was named by, NULL while unnamed */
    unsigned number;  /* 1, 2, ... in order of creation */
} mhws_session;

/* What the plugin keeps per decoded message, in file scope. */
typedef struct mhws_frame_rec {
    uint8_t *log;          /* the event log (eventlog.h) */
    size_t log_len;
    int log_overflow;
    mh_result res;
    int is_response;
    guint32 frame;
    nstime_t ts;
    struct mhws_frame_rec *peer; /* request <-> response */
    char *request_id;      /* X-RequestId of a request, for pairing */
    unsigned session_number; /* mhws_session.number, 0 for none */
    int bodyless;          /* found by bodyless.c, not handed over with a body */
} mhws_frame_rec;

void mhws_sessions_init(void);
void mhws_sessions_cleanup(void);

/* The session a request belongs to (first pass only): by its Cookie keys, else the conversation's
 * unnamed session, else a new one. */
mhws_session *mhws_session_for_request(packet_info *pinfo, const mhws_cookie_keys *keys);
/* The session a response belongs to: its request's, else one named by its Set-Cookie, else the
 * conversation's latest. May be NULL. Names the session with the Set-Cookie keys. */
mhws_session *mhws_session_for_response(packet_info *pinfo, mhws_session *of_request,
                                        const mhws_cookie_keys *set_keys);

/* Pairing, first pass only. */
void mhws_pair_add_request(packet_info *pinfo, mhws_frame_rec *req, mhws_session *s);
/* Takes the request this response answers off the conversation's list; NULL when none is waiting. */
mhws_frame_rec *mhws_pair_take_request(packet_info *pinfo, const char *request_id, mhws_session **s);
/* Whether a request waits for its response on this conversation (for the heuristic). */
int mhws_pair_waiting(packet_info *pinfo);

#endif
