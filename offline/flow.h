/*
 * The flow table: one entry per TCP connection (addresses and ports, either way round), found by hash,
 * kept in least-recently-active order so that idle connections can be ended and, when the table is
 * full, the oldest one makes room. A new SYN on a connection that ended, or with another initial
 * sequence number, starts a new connection on the same ports (port reuse). Entries are allocated per
 * connection, never per packet, and freed when the connection ends.
 */
#ifndef MD_FLOW_H
#define MD_FLOW_H

#include <stddef.h>
#include <stdint.h>

#include "packet.h"
#include "tcp.h"

struct md_conn;

typedef struct md_flow {
    struct md_flow *hnext;             /* hash chain */
    struct md_flow *older, *newer;     /* activity list */
    uint32_t hash;
    uint8_t af;
    uint8_t addr[2][16];
    uint16_t port[2];                  /* endpoint 0 sent the first packet seen */
    uint64_t id;                       /* numbered in order of appearance, like tshark's tcp.stream */
    uint64_t first_us, last_us;
    int closed;                        /* ended: only a SYN brings the ports back to life */
    int client;                        /* endpoint that sent the SYN (-1 unknown) */
    md_tcp_dir tcp[2];                 /* data sent by endpoint 0 / 1 */
    struct md_conn *conn;              /* what the bytes are (created at the first payload) */
} md_flow;

/* Connections that ended recently, by address/port hash: late retransmissions and acknowledgements
 * of an ended connection are recognised and dropped instead of starting a connection "in the middle".
 * Direct-mapped: a collision forgets the older entry. */
#define MD_CLOSED_SLOTS 4096
#define MD_CLOSED_LINGER_US (120ull * 1000000ull)

typedef struct {
    uint32_t hash;
    uint8_t used;
    uint64_t until_us;
    uint32_t seq_end[2];    /* next sequence number of endpoint 0 / 1 when it ended */
    uint16_t port[2];
} md_closed;

typedef struct {
    md_closed closed[MD_CLOSED_SLOTS];
    md_flow **bucket;
    size_t nbuckets;
    md_flow *oldest, *newest;
    size_t n, max;
    uint64_t next_id;
} md_flows;

int md_flows_init(md_flows *t, size_t max_flows);
void md_flows_free(md_flows *t);
/* The flow of a segment and its direction (0: sent by endpoint 0), or NULL. */
md_flow *md_flows_find(md_flows *t, const md_segment *s, int *dir);
/* A new flow for a segment (its sender is endpoint 0); NULL when memory is short. The caller ends and
 * removes the oldest flow first when md_flows_full(). */
md_flow *md_flows_add(md_flows *t, const md_segment *s, uint64_t now);
static inline int md_flows_full(const md_flows *t) { return t->n >= t->max; }
void md_flows_touch(md_flows *t, md_flow *f, uint64_t now);
void md_flows_remove(md_flows *t, md_flow *f);
/* Remembers that a flow ended (before it is removed). */
void md_flows_note_closed(md_flows *t, const md_flow *f, uint64_t now);
/* A segment of a connection that ended recently (not a new SYN): to be dropped. */
int md_flows_recently_closed(const md_flows *t, const md_segment *s, uint64_t now);

#endif
