/*
 * Decryption Secrets Blocks of pcapng captures (draft-ietf-opsawg-pcapng, section 4.7, block type
 * 0x0000000A; Secrets Type 0x544c534b "TLSK" carries an NSS key log). libpcap skips these blocks, so
 * mapidump watches the bytes libpcap reads go by: this scanner follows the pcapng block structure
 * (block type, total length, in each section's byte order given by its Section Header Block's
 * byte-order magic) and hands the key-log text of each DSB to a callback. It keeps no more than one
 * DSB's body at a time and never reads the file itself, so captures read from a pipe work too.
 */
#ifndef MD_PCAPNG_DSB_H
#define MD_PCAPNG_DSB_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define MD_DSB_SECRETS_TLS_KEYLOG 0x544c534bu
#define MD_DSB_MAX ((size_t)16 << 20) /* a larger DSB is skipped (and reported) */

typedef void (*md_secrets_fn)(void *arg, const uint8_t *text, size_t len, uint64_t block_no);

typedef struct {
    int state;           /* 0 undecided, 1 block header, 2 block body, 3 not pcapng or gave up */
    int big_endian;      /* byte order of the current section */
    uint8_t hdr[12];
    size_t hdr_len, hdr_need;
    uint64_t remaining;  /* bytes of the current block body still to come */
    int keep;            /* the current block is a DSB: its body is collected */
    md_buf body;
    uint64_t blocks;     /* blocks seen */
    unsigned skipped;    /* DSBs not used (too large, or another secrets type) */
    md_secrets_fn fn;
    void *arg;
} md_dsb_scanner;

void md_dsb_init(md_dsb_scanner *s, md_secrets_fn fn, void *arg);
/* Bytes of the capture file, in order, as they are read. */
void md_dsb_feed(md_dsb_scanner *s, const uint8_t *p, size_t n);
void md_dsb_free(md_dsb_scanner *s);

#endif
