/* MAPI session table (see sessions.h). Sessions are few (a client keeps a handful open), so the table
 * is an array searched linearly; the bound on its size keeps that cheap. */
#include "sessions.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

void md_sessions_init(md_sessions *t, size_t max_sessions, size_t max_timeline)
{
    memset(t, 0, sizeof *t);
    t->max = max_sessions ? max_sessions : 1;
    t->max_timeline = max_timeline;
}

static md_sess *lru_take(md_sessions *t)
{
    size_t best = 0;
    for (size_t i = 1; i < t->n; i++)
        if (t->s[i]->last_us < t->s[best]->last_us)
            best = i;
    md_sess *s = t->s[best];
    t->s[best] = t->s[--t->n];
    return s;
}

static md_sess *create(md_sessions *t, uint64_t now, md_sess **evicted)
{
    *evicted = NULL;
    if (t->n == t->max)
        *evicted = lru_take(t);
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        md_sess **ns = realloc(t->s, cap * sizeof *ns);
        if (!ns)
            return NULL;
        t->s = ns;
        t->cap = cap;
    }
    md_sess *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    mh_session_init(&s->core);
    s->num = ++t->next_num;
    s->first_us = s->last_us = now;
    t->s[t->n++] = s;
    return s;
}

/* Cookies longer than the key field are compared by their first MD_COOKIE_MAX - 1 bytes. */
static size_t key_len(size_t n)
{
    return n < MD_COOKIE_MAX ? n : MD_COOKIE_MAX - 1;
}

static md_sess *find_key(md_sessions *t, const char *key, size_t n, const md_sess *except)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->s[i] != except && strlen(t->s[i]->key) == n && memcmp(t->s[i]->key, key, n) == 0)
            return t->s[i];
    return NULL;
}

static void set_key(md_sess *s, const char *key, size_t n)
{
    memcpy(s->key, key, n);
    s->key[n] = 0;
    s->established = 1;
}

md_sess *md_sessions_get(md_sessions *t, const char *key, size_t n, uint64_t now, md_sess **evicted)
{
    *evicted = NULL;
    n = key_len(n);
    md_sess *s = find_key(t, key, n, NULL);
    if (s)
        return s;
    s = create(t, now, evicted);
    if (s)
        set_key(s, key, n);
    return s;
}

md_sess *md_sessions_find_anonymous(md_sessions *t, uint64_t conn)
{
    for (size_t i = 0; i < t->n; i++)
        if (!t->s[i]->key[0] && t->s[i]->anon_conn == conn + 1 && !t->s[i]->established)
            return t->s[i];
    return NULL;
}

md_sess *md_sessions_anonymous(md_sessions *t, uint64_t conn, uint64_t now, md_sess **evicted)
{
    *evicted = NULL;
    md_sess *s = md_sessions_find_anonymous(t, conn);
    if (s)
        return s;
    s = create(t, now, evicted);
    if (s)
        s->anon_conn = conn + 1;
    return s;
}

md_sess *md_sessions_by_num(md_sessions *t, uint32_t num)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->s[i]->num == num)
            return t->s[i];
    return NULL;
}

void md_sessions_remove(md_sessions *t, md_sess *s)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->s[i] == s) {
            t->s[i] = t->s[--t->n];
            return;
        }
}

md_sess *md_sessions_name(md_sessions *t, md_sess *s, const char *key, size_t n)
{
    n = key_len(n);
    md_sess *o = find_key(t, key, n, s);
    if (o)
        return o; /* requests with the cookie came before this response (a reordered capture) */
    set_key(s, key, n);
    return s;
}

md_sess *md_sessions_expire(md_sessions *t, uint64_t before)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->s[i]->last_us < before) {
            md_sess *s = t->s[i];
            t->s[i] = t->s[--t->n];
            return s;
        }
    return NULL;
}

void md_session_note_conn(md_sess *s, uint64_t conn)
{
    for (unsigned i = 0; i < s->nconns; i++)
        if (s->conns[i] == conn)
            return;
    if (s->nconns < MD_SESSION_CONNS)
        s->conns[s->nconns++] = conn;
}

md_tl_entry *md_session_add(md_sess *s, size_t max_timeline, size_t *index)
{
    if (!max_timeline)
        return NULL;
    if (s->ntl == max_timeline) {
        s->tl_dropped++;
        return NULL;
    }
    if (s->ntl == s->tlcap) {
        size_t cap = s->tlcap ? s->tlcap * 2 : 64;
        if (cap > max_timeline)
            cap = max_timeline;
        md_tl_entry *n = realloc(s->tl, cap * sizeof *n);
        if (!n) {
            s->tl_dropped++;
            return NULL;
        }
        s->tl = n;
        s->tlcap = cap;
    }
    md_tl_entry *e = &s->tl[s->ntl];
    memset(e, 0, sizeof *e);
    *index = s->ntl++;
    return e;
}

void md_session_free(md_sess *s)
{
    if (!s)
        return;
    mh_session_free(&s->core);
    free(s->tl);
    free(s);
}

size_t md_session_cookie(const char *v, size_t n, int set_cookie, const char **out)
{
    const char *sid = NULL;
    size_t sid_len = 0;
    size_t pos = 0;
    while (pos < n) {
        const char *semi = memchr(v + pos, ';', n - pos);
        size_t end = semi ? (size_t)(semi - v) : n;
        size_t a = pos, b = end;
        while (a < b && (v[a] == ' ' || v[a] == '\t'))
            a++;
        const char *eq = memchr(v + a, '=', b - a);
        if (eq) {
            size_t nl = (size_t)(eq - (v + a));
            while (nl && (v[a + nl - 1] == ' ' || v[a + nl - 1] == '\t'))
                nl--;
            size_t va = (size_t)(eq - v) + 1;
            while (va < b && (v[va] == ' ' || v[va] == '\t'))
                va++;
            while (b > va && (v[b - 1] == ' ' || v[b - 1] == '\t'))
                b--;
            if (nl == 11 && strncasecmp(v + a, "MapiContext", 11) == 0 && b > va) {
                *out = v + va;
                return b - va;
            }
            if (nl == 3 && strncasecmp(v + a, "sid", 3) == 0 && b > va && !sid) {
                sid = v + va;
                sid_len = b - va;
            }
        }
        if (set_cookie)
            break; /* attributes follow the first name=value of a Set-Cookie */
        pos = end + 1;
    }
    *out = sid;
    return sid ? sid_len : 0;
}
