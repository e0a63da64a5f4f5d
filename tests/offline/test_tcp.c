/*
 * TCP reassembly of one direction (offline/tcp.c), RFC 9293 sequence space: in-order delivery, out-of-order
 * segments held until the hole fills, retransmissions compared with the first copy (which wins), a hole the
 * peer acknowledged given up as a gap, the FIN, sequence number wrap-around, keep-alives, and a ring too
 * small for what is held.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "tcp.h"

typedef struct {
    char out[1 << 18];
    size_t n;
    uint64_t gaps, gap_bytes;
    int fin;
} sinkrec;

static void on_data(void *arg, int dir, const uint8_t *p, size_t n)
{
    sinkrec *s = arg;
    (void)dir;
    memcpy(s->out + s->n, p, n);
    s->n += n;
    s->out[s->n] = 0;
}

static void on_gap(void *arg, int dir, uint64_t n)
{
    sinkrec *s = arg;
    (void)dir;
    s->gaps++;
    s->gap_bytes += n;
    memset(s->out + s->n, '_', (size_t)n); /* holes shown as underscores */
    s->n += (size_t)n;
    s->out[s->n] = 0;
}

static void on_fin(void *arg, int dir)
{
    (void)dir;
    ((sinkrec *)arg)->fin = 1;
}

static const md_tcp_events ev = { on_data, on_gap, on_fin };

static void seg(md_tcp_dir *t, md_tcp_cfg *c, uint32_t seq, const char *data, uint8_t flags)
{
    md_segment s;
    memset(&s, 0, sizeof s);
    s.seq = seq;
    s.flags = flags;
    s.payload = (const uint8_t *)data;
    s.caplen = s.len = (uint32_t)strlen(data);
    md_tcp_segment(t, c, 0, &s);
}

#define SETUP                                    \
    static sinkrec r;                            \
    memset(&r, 0, sizeof r);                     \
    md_tcp_dir t;                                \
    memset(&t, 0, sizeof t);                     \
    md_tcp_cfg c = { (size_t)1 << 20, &ev, &r }

static void in_order(void)
{
    SETUP;
    seg(&t, &c, 999, "", MD_TCP_SYN);
    seg(&t, &c, 1000, "hello ", MD_TCP_ACK);
    seg(&t, &c, 1006, "world", MD_TCP_ACK);
    seg(&t, &c, 1011, "", MD_TCP_FIN);
    CHECK_STR(r.out, "hello world");
    CHECK_EQ(r.fin, 1);
    CHECK_EQ(r.gaps, 0);
    md_tcp_free(&t);
}

static void out_of_order(void)
{
    SETUP;
    seg(&t, &c, 999, "", MD_TCP_SYN);
    seg(&t, &c, 1006, "world", 0);
    seg(&t, &c, 1011, "!", MD_TCP_FIN);
    CHECK_EQ(r.n, 0);     /* held */
    CHECK_EQ(r.fin, 0);   /* the FIN waits for the data before it */
    seg(&t, &c, 1000, "hello ", 0);
    CHECK_STR(r.out, "hello world!");
    CHECK_EQ(r.fin, 1);
    CHECK_EQ(t.out_of_order, 2);
    md_tcp_free(&t);
}

static void retransmission_first_copy_wins(void)
{
    SETUP;
    seg(&t, &c, 999, "", MD_TCP_SYN);
    seg(&t, &c, 1000, "abcdef", 0);
    seg(&t, &c, 1000, "abcdef", 0); /* identical: nothing to report */
    CHECK_EQ(t.conflicts, 0);
    seg(&t, &c, 1003, "XYZghi", 0); /* overlaps "def" with other bytes, then new "ghi" */
    CHECK_STR(r.out, "abcdefghi");
    CHECK_EQ(t.conflicts, 1);
    CHECK_EQ(t.first_conflict_off, 3);
    /* held out-of-order data wins over a later overlapping copy too */
    seg(&t, &c, 1012, "mno", 0);
    seg(&t, &c, 1009, "jklMNO", 0);
    CHECK_STR(r.out, "abcdefghijklmno");
    CHECK_EQ(t.conflicts, 2);
    md_tcp_free(&t);
}

static void acknowledged_hole_is_a_gap(void)
{
    SETUP;
    seg(&t, &c, 999, "", MD_TCP_SYN);
    seg(&t, &c, 1000, "aaaa", 0);
    seg(&t, &c, 1008, "cccc", 0);       /* "bbbb" at 1004 was not captured */
    md_tcp_acked(&t, &c, 0, 1012);      /* the peer has everything up to 1012 */
    CHECK_EQ(r.gaps, 0);                /* not yet: a reordered capture could still bring it */
    seg(&t, &c, 1012, "dd", 0);         /* the next segment does not fill it: given up */
    CHECK_STR(r.out, "aaaa____ccccdd");
    CHECK_EQ(r.gaps, 1);
    CHECK_EQ(r.gap_bytes, 4);
    md_tcp_free(&t);
}

static void reordered_after_ack(void)
{
    SETUP;
    seg(&t, &c, 999, "", MD_TCP_SYN);
    seg(&t, &c, 1004, "bbbb", 0);
    md_tcp_acked(&t, &c, 0, 1008);
    seg(&t, &c, 1000, "aaaa", 0);       /* arrives after the acknowledgement: no gap */
    CHECK_STR(r.out, "aaaabbbb");
    CHECK_EQ(r.gaps, 0);
    md_tcp_free(&t);
}

static void flush_gives_up_holes(void)
{
    SETUP;
    seg(&t, &c, 999, "", MD_TCP_SYN);
    seg(&t, &c, 1000, "aa", 0);
    seg(&t, &c, 1005, "bb", MD_TCP_FIN);
    md_tcp_flush(&t, &c, 0);
    CHECK_STR(r.out, "aa___bb");
    CHECK_EQ(r.fin, 1);
    md_tcp_free(&t);
}

static void wraparound_and_midstream(void)
{
    SETUP;
    /* no SYN: the stream starts at the first data seen, near the top of sequence space */
    seg(&t, &c, 0xFFFFFFFC, "abcd", 0);
    seg(&t, &c, 2, "gh", 0);
    seg(&t, &c, 0, "ef", 0);
    CHECK_STR(r.out, "abcdefgh");
    CHECK_EQ(t.from_syn, 0);
    md_tcp_free(&t);
}

static void keepalive(void)
{
    SETUP;
    seg(&t, &c, 999, "", MD_TCP_SYN);
    seg(&t, &c, 1000, "abc", 0);
    seg(&t, &c, 1002, "Z", 0); /* a keep-alive probe: one garbage byte just below the next sequence number */
    CHECK_EQ(t.conflicts, 0);
    CHECK_STR(r.out, "abc");
    md_tcp_free(&t);
}

static void small_ring(void)
{
    SETUP;
    c.max_ring = MD_TCP_RING_MIN;
    seg(&t, &c, 999, "", MD_TCP_SYN);
    /* data far beyond what the ring can hold ahead: the hole before it is given up */
    static char big[1000];
    memset(big, 'x', sizeof big - 1);
    seg(&t, &c, 1000 + (uint32_t)MD_TCP_RING_MIN + 10, big, 0);
    CHECK_EQ(r.gaps, 1);
    CHECK_EQ(r.gap_bytes, MD_TCP_RING_MIN + 10);
    CHECK_EQ(r.n, MD_TCP_RING_MIN + 10 + sizeof big - 1);
    md_tcp_free(&t);
}

int main(void)
{
    RUN(in_order);
    RUN(out_of_order);
    RUN(retransmission_first_copy_wins);
    RUN(acknowledged_hole_is_a_gap);
    RUN(reordered_after_ack);
    RUN(flush_gives_up_holes);
    RUN(wraparound_and_midstream);
    RUN(keepalive);
    RUN(small_ring);
    return check_report();
}
