/*
 * Reading a capture with libpcap (pcap and pcapng, from a file or standard input). libpcap reads
 * through a stdio stream of ours (fopencookie) so that mapidump counts the bytes consumed (for the
 * progress bar) and sees pcapng Decryption Secrets Blocks go by (pcapng_dsb.h), still in one pass.
 */
#ifndef MD_PCAPIN_H
#define MD_PCAPIN_H

#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>

#include "pcapng_dsb.h"

typedef struct {
    const char *name;      /* as given on the command line ("-" for standard input) */
    FILE *raw;             /* the file, or stdin */
    FILE *tee;             /* what libpcap reads */
    pcap_t *pc;
    int linktype;          /* DLT_* */
    uint64_t bytes_read;   /* consumed from `raw` so far */
    uint64_t size;         /* of a regular file, else 0 */
    uint64_t packets;
    md_dsb_scanner dsb;
    char err[PCAP_ERRBUF_SIZE + 128];
} md_pcapin;

/* Opens the capture. On failure returns 0 with a one-line reason in in->err (without the name) and
 * *not_capture set when the file was read but is not a capture. */
int md_pcapin_open(md_pcapin *in, const char *path, md_secrets_fn secrets, void *arg, int *not_capture);
/* The next packet: 1, 0 at the end, -1 when the capture is damaged or cut short (reason in in->err). */
int md_pcapin_next(md_pcapin *in, struct pcap_pkthdr **h, const uint8_t **data);
void md_pcapin_close(md_pcapin *in);

#endif
