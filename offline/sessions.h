/*
 * MAPI sessions as mapidump follows them: one per session cookie (MapiContext, else sid; [MS-OXCMAPIHTTP]
 * 2.2.3.2.3-2.2.3.2.4), spanning TCP connections, each with the core's session context (mh_session)
 * and, for --sessions, a timeline of its requests. A Connect or Bind sent without a cookie starts an
 * anonymous session that the Set-Cookie of its response names. Sessions end at the Disconnect or
 * Unbind response, when idle too long, or when the table is full (the least recently used goes): only
 * open sessions hold memory.
 */
#ifndef MD_SESSIONS_H
#define MD_SESSIONS_H

#include <stddef.h>
#include <stdint.h>

#include "mapihttp.h"

#define MD_COOKIE_MAX 128
#define MD_SESSION_CONNS 8

/* One request of a session's timeline (--sessions). */
typedef struct {
    uint64_t req_us;        /* the request started (0: request not seen) */
    uint64_t done_us;       /* DONE (or the end of the response), 0: no response */
    uint64_t conn;
    uint8_t type;           /* mh_request_type */
    uint8_t answered;
    uint8_t has_rc, has_status;
    uint32_t rc, status;
    uint16_t http_status;
    uint16_t problems;      /* of request and response */
    uint16_t rop_failures;
    uint8_t nrops;
    uint8_t rops[13];       /* the request's first ROP ids */
} md_tl_entry;

typedef struct md_sess {
    uint32_t num;           /* shown as sN */
    char key[MD_COOKIE_MAX];/* cookie value; "" while anonymous */
    uint64_t anon_conn;     /* anonymous: the connection whose Connect/Bind started it (+1) */
    int established;        /* a response named it, or requests carried its cookie */
    int ended;
    mh_session core;
    uint64_t first_us, last_us;
    char user_dn[256], auth_user[240], client_app[128];
    uint64_t conns[MD_SESSION_CONNS];
    unsigned nconns;
    /* timeline and totals */
    md_tl_entry *tl;
    size_t ntl, tlcap;
    uint64_t tl_dropped;
    uint64_t requests, responses, by_type[MH_RT_COUNT], errors, problems;
} md_sess;

typedef struct {
    md_sess **s;            /* open sessions */
    size_t n, cap, max;
    uint32_t next_num;
    size_t max_timeline;    /* timeline entries kept per session (0: no timeline) */
} md_sessions;

void md_sessions_init(md_sessions *t, size_t max_sessions, size_t max_timeline);
/* The session of a cookie, created when new. *evicted receives a session pushed out to make room (the
 * caller reports and frees it with md_session_free), or NULL. */
md_sess *md_sessions_get(md_sessions *t, const char *key, size_t n, uint64_t now, md_sess **evicted);
/* A new anonymous session, or the connection's own anonymous one when it has not been named yet. */
md_sess *md_sessions_anonymous(md_sessions *t, uint64_t conn, uint64_t now, md_sess **evicted);
/* The connection's anonymous session not named yet, or NULL. */
md_sess *md_sessions_find_anonymous(md_sessions *t, uint64_t conn);
md_sess *md_sessions_by_num(md_sessions *t, uint32_t num);
/* Names an anonymous session (Set-Cookie) and returns it; when a session with this cookie exists
 * already, that one is returned and the anonymous one is left to the caller to end. */
md_sess *md_sessions_name(md_sessions *t, md_sess *s, const char *key, size_t n);
/* Takes the session out of the table (the caller frees it). */
void md_sessions_remove(md_sessions *t, md_sess *s);
/* The least recently active session idle since before `before`, taken out, or NULL. */
md_sess *md_sessions_expire(md_sessions *t, uint64_t before);

void md_session_note_conn(md_sess *s, uint64_t conn);
/* A new timeline entry (NULL when the timeline is off or full; counted then). */
md_tl_entry *md_session_add(md_sess *s, size_t max_timeline, size_t *index);
void md_session_free(md_sess *s);

/* The session cookie of a Cookie or Set-Cookie value: MapiContext, else sid. Returns its length. */
size_t md_session_cookie(const char *v, size_t n, int set_cookie, const char **out);

#endif
