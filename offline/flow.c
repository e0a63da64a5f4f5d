/* Flow table (see flow.h): chained hash buckets plus a doubly linked list by last activity. */
#include "flow.h"

#include <stdlib.h>
#include <string.h>

static uint32_t mix(uint32_t h, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

/* The same value for both directions: the endpoints are combined in a fixed order. */
static uint32_t flow_hash(const md_segment *s)
{
    size_t al = s->af == 4 ? 4 : 16;
    int c = memcmp(s->src, s->dst, al);
    int first_src = c < 0 || (c == 0 && s->sport <= s->dport);
    const uint8_t *a = first_src ? s->src : s->dst, *b = first_src ? s->dst : s->src;
    uint16_t pa = first_src ? s->sport : s->dport, pb = first_src ? s->dport : s->sport;
    uint8_t ports[4] = { (uint8_t)(pa >> 8), (uint8_t)pa, (uint8_t)(pb >> 8), (uint8_t)pb };
    uint32_t h = mix(2166136261u, &s->af, 1);
    h = mix(h, a, al);
    h = mix(h, b, al);
    return mix(h, ports, 4);
}

int md_flows_init(md_flows *t, size_t max_flows)
{
    memset(t, 0, sizeof *t);
    t->max = max_flows ? max_flows : 1;
    size_t nb = 1024;
    while (nb < t->max && nb < ((size_t)1 << 22))
        nb *= 2;
    t->bucket = calloc(nb, sizeof *t->bucket);
    t->nbuckets = nb;
    return t->bucket != NULL;
}

md_flow *md_flows_find(md_flows *t, const md_segment *s, int *dir)
{
    uint32_t h = flow_hash(s);
    size_t al = s->af == 4 ? 4 : 16;
    for (md_flow *f = t->bucket[h & (t->nbuckets - 1)]; f; f = f->hnext) {
        if (f->hash != h || f->af != s->af)
            continue;
        if (f->port[0] == s->sport && f->port[1] == s->dport && !memcmp(f->addr[0], s->src, al) &&
            !memcmp(f->addr[1], s->dst, al)) {
            *dir = 0;
            return f;
        }
        if (f->port[1] == s->sport && f->port[0] == s->dport && !memcmp(f->addr[1], s->src, al) &&
            !memcmp(f->addr[0], s->dst, al)) {
            *dir = 1;
            return f;
        }
    }
    return NULL;
}

static void unlink_list(md_flows *t, md_flow *f)
{
    if (f->older)
        f->older->newer = f->newer;
    else
        t->oldest = f->newer;
    if (f->newer)
        f->newer->older = f->older;
    else
        t->newest = f->older;
    f->older = f->newer = NULL;
}

static void push_newest(md_flows *t, md_flow *f)
{
    f->older = t->newest;
    f->newer = NULL;
    if (t->newest)
        t->newest->newer = f;
    else
        t->oldest = f;
    t->newest = f;
}

md_flow *md_flows_add(md_flows *t, const md_segment *s, uint64_t now)
{
    md_flow *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->hash = flow_hash(s);
    f->af = s->af;
    memcpy(f->addr[0], s->src, 16);
    memcpy(f->addr[1], s->dst, 16);
    f->port[0] = s->sport;
    f->port[1] = s->dport;
    f->id = t->next_id++;
    f->client = -1;
    f->first_us = f->last_us = now;
    size_t b = f->hash & (t->nbuckets - 1);
    f->hnext = t->bucket[b];
    t->bucket[b] = f;
    push_newest(t, f);
    t->n++;
    return f;
}

void md_flows_touch(md_flows *t, md_flow *f, uint64_t now)
{
    if (now > f->last_us)
        f->last_us = now;
    if (t->newest != f) {
        unlink_list(t, f);
        push_newest(t, f);
    }
}

void md_flows_remove(md_flows *t, md_flow *f)
{
    md_flow **pp = &t->bucket[f->hash & (t->nbuckets - 1)];
    while (*pp && *pp != f)
        pp = &(*pp)->hnext;
    if (*pp)
        *pp = f->hnext;
    unlink_list(t, f);
    md_tcp_free(&f->tcp[0]);
    md_tcp_free(&f->tcp[1]);
    free(f);
    t->n--;
}

void md_flows_free(md_flows *t)
{
    while (t->oldest)
        md_flows_remove(t, t->oldest);
    free(t->bucket);
    t->bucket = NULL;
}

void md_flows_note_closed(md_flows *t, const md_flow *f, uint64_t now)
{
    md_closed *c = &t->closed[f->hash & (MD_CLOSED_SLOTS - 1)];
    c->used = 1;
    c->hash = f->hash;
    c->until_us = now + MD_CLOSED_LINGER_US;
    c->port[0] = f->port[0];
    c->port[1] = f->port[1];
    for (int d = 0; d < 2; d++)
        c->seq_end[d] = f->tcp[d].seq0 + (uint32_t)f->tcp[d].next + (f->tcp[d].fin_seen ? 1u : 0u);
}

int md_flows_recently_closed(const md_flows *t, const md_segment *s, uint64_t now)
{
    uint32_t h = flow_hash(s);
    const md_closed *c = &t->closed[h & (MD_CLOSED_SLOTS - 1)];
    if (!c->used || c->hash != h || now > c->until_us)
        return 0;
    int d;
    if (c->port[0] == s->sport && c->port[1] == s->dport)
        d = 0;
    else if (c->port[1] == s->sport && c->port[0] == s->dport)
        d = 1;
    else
        return 0;
    /* at or before where that direction ended: old bytes of the old connection */
    return (int32_t)(s->seq - c->seq_end[d]) <= 0;
}
