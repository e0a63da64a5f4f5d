/*
 * TCP reassembly of one direction of a connection (RFC 9293 sequence space): bytes are handed on in
 * order, once. Out-of-order segments wait in a ring buffer until the hole before them fills;
 * retransmitted and overlapping bytes are compared with the copy already held (the first copy wins,
 * a difference is reported as a conflict); a hole that cannot fill any more (the buffer is full, the
 * peer acknowledged past it, or the connection ended) is handed on as a gap of known length.
 *
 * Stream offsets are 64-bit counts from the first byte seen, so sequence wrap-around does not matter.
 * The ring (which also keeps recently delivered bytes, to check retransmissions) is allocated on the
 * first payload, starts small and doubles up to a configured cap: that cap bounds the memory.
 */
#ifndef MD_TCP_H
#define MD_TCP_H

#include <stddef.h>
#include <stdint.h>

#include "packet.h"

#define MD_TCP_MAX_HOLES 32 /* out-of-order ranges held at once */
#define MD_TCP_RING_MIN ((size_t)128 << 10) /* more than the largest segment (64 KiB) */

typedef struct {
    /* In-order bytes. */
    void (*data)(void *arg, int dir, const uint8_t *p, size_t n);
    /* n bytes will never arrive (the next data follows them). */
    void (*gap)(void *arg, int dir, uint64_t n);
    /* The sender's FIN was reached: no more data in this direction. */
    void (*fin)(void *arg, int dir);
} md_tcp_events;

typedef struct {
    uint64_t a, b; /* [a, b) */
} md_range;

typedef struct {
    int started;
    int from_syn;          /* the SYN was seen: offset 0 is the first byte */
    uint32_t seq0;         /* sequence number of offset 0 */
    uint64_t next;         /* offset of the next byte to hand on */
    uint64_t base;         /* the ring holds offsets [base, base + cap) */
    uint8_t *ring;
    size_t cap;            /* a power of two, 0 until the first payload */
    md_range held[MD_TCP_MAX_HOLES]; /* out-of-order data held, sorted, beyond `next` */
    unsigned nheld;
    uint64_t acked;        /* highest offset the peer acknowledged */
    int fin_seen, fin_done;
    uint64_t fin_off;
    /* statistics for the report */
    uint64_t bytes, segments, out_of_order, retransmitted, gaps, gap_bytes, conflicts, conflict_bytes;
    uint64_t first_conflict_off;
} md_tcp_dir;

typedef struct {
    size_t max_ring;       /* per direction */
    const md_tcp_events *ev;
    void *arg;
} md_tcp_cfg;

/* A segment of this direction (dir 0 or 1, passed back in events). */
void md_tcp_segment(md_tcp_dir *t, const md_tcp_cfg *cfg, int dir, const md_segment *s);
/* The other direction acknowledged `ack` (its segment had the ACK flag): a hole before that point is
 * given up at this direction's next segment if that segment does not fill it. */
void md_tcp_acked(md_tcp_dir *t, const md_tcp_cfg *cfg, int dir, uint32_t ack);
/* The connection ends: everything held is handed on, holes as gaps. */
void md_tcp_flush(md_tcp_dir *t, const md_tcp_cfg *cfg, int dir);
void md_tcp_free(md_tcp_dir *t);

#endif
