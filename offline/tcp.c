/*
 * TCP reassembly of one direction (see tcp.h). The ring maps stream offset o to ring[o & (cap - 1)] and
 * holds offsets [base, base + cap): below `next` are bytes already handed on (kept to compare
 * retransmissions with), from `next` on the out-of-order ranges in `held`. `base` only moves forward
 * and never past `next`, so held data is never overwritten.
 */
#include "tcp.h"

#include <stdlib.h>
#include <string.h>

/* The stream offset of a sequence number, relative to `next` (valid within 2 GiB of it); 0 when it
 * lies before the first byte this direction started with. */
static int offset_of(const md_tcp_dir *t, uint32_t seq, uint64_t *off)
{
    uint32_t next_seq = t->seq0 + (uint32_t)t->next;
    int32_t d = (int32_t)(seq - next_seq);
    if (d < 0 && (uint64_t)(-(int64_t)d) > t->next)
        return 0;
    *off = (uint64_t)((int64_t)t->next + d);
    return 1;
}

static int ensure_ring(md_tcp_dir *t, size_t want, size_t max)
{
    if (max < MD_TCP_RING_MIN)
        max = MD_TCP_RING_MIN;
    if (want <= t->cap)
        return 1;
    size_t cap = t->cap ? t->cap : MD_TCP_RING_MIN;
    while (cap < want && cap <= max / 2)
        cap *= 2;
    if (cap < want || cap > max)
        return 0;
    uint8_t *r = malloc(cap);
    if (!r)
        return 0;
    if (t->ring) {
        /* move what is held, offsets [base, base + old cap), to its place in the larger ring */
        for (uint64_t o = t->base, end = t->base + t->cap; o < end;) {
            size_t from = (size_t)(o & (t->cap - 1)), to = (size_t)(o & (cap - 1));
            size_t n = t->cap - from;
            if (n > cap - to)
                n = cap - to;
            if (n > end - o)
                n = (size_t)(end - o);
            memcpy(r + to, t->ring + from, n);
            o += n;
        }
        free(t->ring);
    }
    t->ring = r;
    t->cap = cap;
    return 1;
}

/* Copies between the ring and a flat buffer; `to_ring` picks the direction. */
static void ring_copy(md_tcp_dir *t, uint64_t off, uint8_t *flat, size_t n, int to_ring)
{
    while (n) {
        size_t at = (size_t)(off & (t->cap - 1));
        size_t k = t->cap - at < n ? t->cap - at : n;
        if (to_ring)
            memcpy(t->ring + at, flat, k);
        else
            memcpy(flat, t->ring + at, k);
        flat += k;
        off += k;
        n -= k;
    }
}

/* Compares n bytes at `off` with the ring; counts a conflict when they differ. */
static void compare(md_tcp_dir *t, uint64_t off, const uint8_t *p, size_t n)
{
    while (n) {
        size_t at = (size_t)(off & (t->cap - 1));
        size_t k = t->cap - at < n ? t->cap - at : n;
        if (memcmp(t->ring + at, p, k) != 0) {
            if (!t->conflicts)
                t->first_conflict_off = off;
            t->conflicts++;
            t->conflict_bytes += k;
            return;
        }
        p += k;
        off += k;
        n -= k;
    }
}

static void deliver_from_ring(md_tcp_dir *t, const md_tcp_cfg *cfg, int dir, uint64_t end)
{
    while (t->next < end) {
        size_t at = (size_t)(t->next & (t->cap - 1));
        size_t k = t->cap - at;
        if (k > end - t->next)
            k = (size_t)(end - t->next);
        t->next += k;
        cfg->ev->data(cfg->arg, dir, t->ring + at, k);
    }
}

static void check_fin(md_tcp_dir *t, const md_tcp_cfg *cfg, int dir)
{
    if (t->fin_seen && !t->fin_done && t->next >= t->fin_off && t->nheld == 0) {
        t->fin_done = 1;
        cfg->ev->fin(cfg->arg, dir);
    }
}

static void declare_gap(md_tcp_dir *t, const md_tcp_cfg *cfg, int dir, uint64_t to)
{
    if (to <= t->next)
        return;
    uint64_t n = to - t->next;
    t->gaps++;
    t->gap_bytes += n;
    t->next = to;
    t->base = to; /* the ring holds nothing valid for the hole: no history to compare with */
    cfg->ev->gap(cfg->arg, dir, n);
}

/* Hands on held ranges that now start at `next`. */
static void drain(md_tcp_dir *t, const md_tcp_cfg *cfg, int dir)
{
    while (t->nheld && t->held[0].a <= t->next) {
        uint64_t end = t->held[0].b;
        memmove(&t->held[0], &t->held[1], (t->nheld - 1) * sizeof t->held[0]);
        t->nheld--;
        if (end > t->next)
            deliver_from_ring(t, cfg, dir, end);
    }
}

/* The first hole is given up: declared a gap, and what follows it handed on. */
static void give_up_first_hole(md_tcp_dir *t, const md_tcp_cfg *cfg, int dir)
{
    if (!t->nheld)
        return;
    declare_gap(t, cfg, dir, t->held[0].a);
    drain(t, cfg, dir);
}

/* Room in the ring for offsets up to `end`: history is dropped first, then the ring grows. */
static int make_room(md_tcp_dir *t, const md_tcp_cfg *cfg, uint64_t end)
{
    if (t->cap && end - t->base <= t->cap)
        return 1;
    if (t->cap && end - t->next <= t->cap) {
        t->base = end - t->cap; /* <= next */
        return 1;
    }
    uint64_t need = end - (t->base < t->next ? t->base : t->next);
    if (need <= cfg->max_ring && ensure_ring(t, (size_t)need, cfg->max_ring))
        return 1;
    if (end - t->next <= cfg->max_ring && ensure_ring(t, (size_t)(end - t->next), cfg->max_ring)) {
        if (end - t->base > t->cap)
            t->base = end - t->cap;
        return 1;
    }
    return 0;
}

/* Records [a, b) as held (merging neighbours); returns 0 when there is no slot left. */
static int hold(md_tcp_dir *t, uint64_t a, uint64_t b)
{
    unsigned i = 0;
    while (i < t->nheld && t->held[i].b < a)
        i++;
    unsigned j = i;
    while (j < t->nheld && t->held[j].a <= b) {
        if (t->held[j].a < a)
            a = t->held[j].a;
        if (t->held[j].b > b)
            b = t->held[j].b;
        j++;
    }
    if (i == j) {
        if (t->nheld == MD_TCP_MAX_HOLES)
            return 0;
        memmove(&t->held[i + 1], &t->held[i], (t->nheld - i) * sizeof t->held[0]);
        t->nheld++;
    } else if (j > i + 1) {
        memmove(&t->held[i + 1], &t->held[j], (t->nheld - j) * sizeof t->held[0]);
        t->nheld -= j - i - 1;
    }
    t->held[i].a = a;
    t->held[i].b = b;
    return 1;
}

/* Writes [s, s + n) into the ring where nothing is held yet, comparing where something is. */
static void write_new(md_tcp_dir *t, uint64_t s, const uint8_t *p, size_t n)
{
    uint64_t pos = s, e = s + n;
    for (unsigned i = 0; i < t->nheld && pos < e; i++) {
        md_range r = t->held[i];
        if (r.b <= pos)
            continue;
        if (r.a >= e)
            break;
        if (r.a > pos) {
            ring_copy(t, pos, (uint8_t *)(p + (pos - s)), (size_t)(r.a - pos), 1);
            pos = r.a;
        }
        uint64_t ov = r.b < e ? r.b : e;
        compare(t, pos, p + (pos - s), (size_t)(ov - pos));
        pos = ov;
    }
    if (pos < e)
        ring_copy(t, pos, (uint8_t *)(p + (pos - s)), (size_t)(e - pos), 1);
}

/* New bytes at offset s >= next. */
static void new_data(md_tcp_dir *t, const md_tcp_cfg *cfg, int dir, uint64_t s, const uint8_t *p, size_t n)
{
    uint64_t e = s + n;
    if (s == t->next && t->nheld == 0) {
        /* the common case: in order, nothing held; keep a copy as history, hand on from the packet */
        if (make_room(t, cfg, e))
            ring_copy(t, s, (uint8_t *)p, n, 1);
        t->next = e;
        if (t->cap && t->next - t->base > t->cap)
            t->base = t->next - t->cap;
        cfg->ev->data(cfg->arg, dir, p, n);
        return;
    }
    if (s > t->next)
        t->out_of_order++;
    while (!make_room(t, cfg, e)) {
        if (t->nheld && t->held[0].a < s) {
            give_up_first_hole(t, cfg, dir);
        } else if (s > t->next) {
            declare_gap(t, cfg, dir, s); /* nothing held before it: the hole before it is lost */
            drain(t, cfg, dir);
        } else {
            break; /* cannot happen: n <= 64 KiB fits the smallest ring */
        }
    }
    if (!make_room(t, cfg, e))
        return;
    write_new(t, s, p, n);
    while (!hold(t, s, e))
        give_up_first_hole(t, cfg, dir);
    drain(t, cfg, dir);
}

void md_tcp_segment(md_tcp_dir *t, const md_tcp_cfg *cfg, int dir, const md_segment *s)
{
    uint32_t seq = s->seq;
    if (s->flags & MD_TCP_SYN) {
        if (!t->started) {
            t->started = 1;
            t->from_syn = 1;
            t->seq0 = seq + 1;
        }
        seq++;
    }
    if (!t->started) {
        if (s->len == 0 && !(s->flags & MD_TCP_FIN))
            return; /* nothing to anchor the stream on yet */
        t->started = 1;
        t->seq0 = seq;
    }
    t->segments++;
    /* The peer acknowledged bytes before held data (or before the FIN) that never came: lost by the
     * capture, not by the network. Given up only if this segment does not bring them either, because a
     * capture may also show a segment after the acknowledgement that covers it. */
    int acked_hole = (t->nheld && t->acked >= t->held[0].a) ||
                     (t->fin_seen && t->acked >= t->fin_off && t->next < t->fin_off);
    uint64_t off;
    if (!offset_of(t, seq, &off)) {
        t->retransmitted++; /* older than where this direction was first seen: nothing to compare */
        return;
    }
    const uint64_t seg_off = off;
    if (s->flags & MD_TCP_FIN && !t->fin_seen) {
        t->fin_seen = 1;
        t->fin_off = off + s->len;
    }
    if (s->caplen) {
        uint64_t end = off + s->caplen;
        const uint8_t *p = s->payload;
        size_t n = s->caplen;
        if (off < t->next) {
            /* TCP keep-alive: one garbage byte (or none) just below `next`, not a retransmission */
            int keepalive = s->len <= 1 && off + 1 == t->next;
            if (!keepalive) {
                t->retransmitted++;
                uint64_t lo = off > t->base ? off : t->base;
                uint64_t hi = end < t->next ? end : t->next;
                if (t->cap && lo < hi)
                    compare(t, lo, p + (lo - off), (size_t)(hi - lo));
            }
            if (end <= t->next) {
                check_fin(t, cfg, dir);
                return;
            }
            p += t->next - off;
            n = (size_t)(end - t->next);
            off = t->next;
        }
        t->bytes += n;
        new_data(t, cfg, dir, off, p, n);
        /* bytes the snapshot length cut off, right where the stream stands: they never come */
        if (s->len > s->caplen && t->next == end && t->nheld == 0)
            declare_gap(t, cfg, dir, seg_off + s->len);
    }
    if (acked_hole && (s->caplen || (s->flags & MD_TCP_FIN))) {
        while (t->nheld && t->acked >= t->held[0].a)
            give_up_first_hole(t, cfg, dir);
        if (t->fin_seen && t->acked >= t->fin_off && t->next < t->fin_off)
            declare_gap(t, cfg, dir, t->fin_off);
    }
    check_fin(t, cfg, dir);
}

void md_tcp_acked(md_tcp_dir *t, const md_tcp_cfg *cfg, int dir, uint32_t ack)
{
    (void)cfg;
    (void)dir;
    if (!t->started)
        return;
    uint32_t next_seq = t->seq0 + (uint32_t)t->next;
    int32_t d = (int32_t)(ack - next_seq);
    if (d <= 0 || d > (1 << 30))
        return;
    uint64_t a = t->next + (uint64_t)d;
    if (t->fin_seen && a == t->fin_off + 1)
        a = t->fin_off; /* the FIN takes one sequence number */
    if (a > t->acked)
        t->acked = a;
}

void md_tcp_flush(md_tcp_dir *t, const md_tcp_cfg *cfg, int dir)
{
    while (t->nheld)
        give_up_first_hole(t, cfg, dir);
    if (t->fin_seen && t->next < t->fin_off)
        declare_gap(t, cfg, dir, t->fin_off);
    check_fin(t, cfg, dir);
}

void md_tcp_free(md_tcp_dir *t)
{
    free(t->ring);
    t->ring = NULL;
    t->cap = 0;
}
