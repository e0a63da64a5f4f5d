/* MAPI sessions by cookie and request/response pairing per TCP conversation (see sessions.h). */
#include "sessions.h"

#include <epan/conversation.h>
#include <string.h>

#include "mhws.h"

static GHashTable *by_key;     /* key -> mhws_session* (not owned) */
static GPtrArray *all;         /* every session of the file (owned) */

typedef struct {
    mhws_frame_rec *req;
    mhws_session *sess;
} pending;

/* Per TCP conversation, in file scope. */
typedef struct {
    wmem_list_t *waiting;      /* of pending*, oldest first */
    mhws_session *unnamed;     /* a session begun here without cookies, until its response names it */
    mhws_session *latest;      /* the session of the last message here */
} conv_data;

void mhws_sessions_cleanup(void);

static void free_session(gpointer p)
{
    mhws_session *s = p;
    mh_session_free(&s->core);
    g_free(s->key);
    g_free(s);
}

void mhws_sessions_init(void)
{
    mhws_sessions_cleanup(); /* a file closed without its cleanup routine, or a second init */
    by_key = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    all = g_ptr_array_new_with_free_func(free_session);
}

void mhws_sessions_cleanup(void)
{
    if (by_key)
        g_hash_table_destroy(by_key);
    if (all)
        g_ptr_array_free(all, TRUE);
    by_key = NULL;
    all = NULL;
}

static mhws_session *new_session(void)
{
    if (!all)
        mhws_sessions_init();
    mhws_session *s = g_new0(mhws_session, 1);
    mh_session_init(&s->core);
    g_ptr_array_add(all, s);
    s->number = all->len;
    return s;
}

static mhws_session *lookup(const char *key)
{
    return key[0] && by_key ? g_hash_table_lookup(by_key, key) : NULL;
}

/* Names s with key, unless the key already names a session. */
static void bind(mhws_session *s, const char *key)
{
    if (!key[0] || !s || lookup(key))
        return;
    if (!by_key)
        mhws_sessions_init();
    g_hash_table_insert(by_key, g_strdup(key), s);
    if (!s->key)
        s->key = g_strdup(key);
}

static conv_data *conv_of(packet_info *pinfo)
{
    conversation_t *conv = find_or_create_conversation(pinfo);
    conv_data *cd = conversation_get_proto_data(conv, mhws.proto);
    if (!cd) {
        cd = wmem_new0(wmem_file_scope(), conv_data);
        cd->waiting = wmem_list_new(wmem_file_scope());
        conversation_add_proto_data(conv, mhws.proto, cd);
    }
    return cd;
}

mhws_session *mhws_session_for_request(packet_info *pinfo, const mhws_cookie_keys *keys)
{
    conv_data *cd = conv_of(pinfo);
    /* MapiContext names the session; sid only when there is no MapiContext (or it is not known yet, e.g.
     * when the Set-Cookie that named the session carried only sid) */
    mhws_session *s = lookup(keys->context);
    if (!s && !keys->context[0])
        s = lookup(keys->sid);
    if (!s && keys->context[0] && keys->sid[0]) {
        mhws_session *by_sid = lookup(keys->sid);
        if (by_sid && (!by_sid->key || strncmp(by_sid->key, "sid=", 4) == 0))
            s = by_sid; /* a session only known by its sid so far */
    }
    if (!s && !keys->context[0] && !keys->sid[0]) {
        /* no cookies: a new session (Connect), or the conversation's session still unnamed */
        if (!cd->unnamed)
            cd->unnamed = new_session();
        s = cd->unnamed;
    }
    if (!s)
        s = new_session();
    bind(s, keys->context);
    bind(s, keys->sid);
    cd->latest = s;
    return s;
}

mhws_session *mhws_session_for_response(packet_info *pinfo, mhws_session *of_request,
                                        const mhws_cookie_keys *set_keys)
{
    conv_data *cd = conv_of(pinfo);
    mhws_session *s = of_request;
    if (!s)
        s = lookup(set_keys->context);
    if (!s)
        s = lookup(set_keys->sid);
    if (!s)
        s = cd->latest;
    if (s && (set_keys->context[0] || set_keys->sid[0])) {
        bind(s, set_keys->context);
        bind(s, set_keys->sid);
        if (cd->unnamed == s)
            cd->unnamed = NULL; /* named now: the next request without cookies begins a new session */
    }
    if (s)
        cd->latest = s;
    return s;
}

void mhws_pair_add_request(packet_info *pinfo, mhws_frame_rec *req, mhws_session *s)
{
    conv_data *cd = conv_of(pinfo);
    pending *p = wmem_new0(wmem_file_scope(), pending);
    p->req = req;
    p->sess = s;
    wmem_list_append(cd->waiting, p);
}

mhws_frame_rec *mhws_pair_take_request(packet_info *pinfo, const char *request_id, mhws_session **s)
{
    conv_data *cd = conv_of(pinfo);
    wmem_list_frame_t *f = wmem_list_head(cd->waiting);
    wmem_list_frame_t *chosen = f;
    if (request_id && request_id[0]) {
        /* by X-RequestId; the oldest only when it has none to compare (a request this plugin did not
         * see, such as a PING without body, must not take another request's place) */
        const pending *head = f ? wmem_list_frame_data(f) : NULL;
        if (head && head->req->request_id && head->req->request_id[0])
            chosen = NULL;
        for (; f; f = wmem_list_frame_next(f)) {
            pending *p = wmem_list_frame_data(f);
            if (p->req->request_id && strcmp(p->req->request_id, request_id) == 0) {
                chosen = f;
                break;
            }
        }
    }
    if (!chosen) {
        *s = NULL;
        return NULL;
    }
    pending *p = wmem_list_frame_data(chosen);
    wmem_list_remove_frame(cd->waiting, chosen);
    *s = p->sess;
    return p->req;
}

int mhws_pair_waiting(packet_info *pinfo)
{
    conversation_t *conv = find_conversation_pinfo(pinfo, 0);
    conv_data *cd = conv ? conversation_get_proto_data(conv, mhws.proto) : NULL;
    return cd && wmem_list_count(cd->waiting) > 0;
}
