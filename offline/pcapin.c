/* libpcap input through a counting, DSB-watching stdio stream (see pcapin.h). */
#define _GNU_SOURCE /* fopencookie */
#include "pcapin.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* libpcap's reads land here: straight from the file descriptor into libpcap's stdio buffer (no second
 * buffer), counted and shown to the DSB scanner on the way. */
static ssize_t tee_read(void *cookie, char *buf, size_t size)
{
    md_pcapin *in = cookie;
    ssize_t n;
    do
        n = read(fileno(in->raw), buf, size);
    while (n < 0 && errno == EINTR);
    if (n <= 0)
        return n;
    in->bytes_read += (uint64_t)n;
    md_dsb_feed(&in->dsb, (const uint8_t *)buf, (size_t)n);
    return n;
}

static int tee_close(void *cookie)
{
    md_pcapin *in = cookie;
    if (in->raw && in->raw != stdin)
        fclose(in->raw);
    in->raw = NULL;
    return 0;
}

int md_pcapin_open(md_pcapin *in, const char *path, md_secrets_fn secrets, void *arg, int *not_capture)
{
    memset(in, 0, sizeof *in);
    in->name = path;
    *not_capture = 0;
    md_dsb_init(&in->dsb, secrets, arg);
    if (strcmp(path, "-") == 0) {
        in->raw = stdin;
    } else {
        struct stat st;
        if (stat(path, &st) != 0) {
            snprintf(in->err, sizeof in->err, "cannot open the capture: %s", strerror(errno));
            return 0;
        }
        if (S_ISDIR(st.st_mode)) {
            snprintf(in->err, sizeof in->err, "is a directory, not a capture file");
            return 0;
        }
        if (S_ISREG(st.st_mode))
            in->size = (uint64_t)st.st_size;
        in->raw = fopen(path, "rb");
        if (!in->raw) {
            snprintf(in->err, sizeof in->err, "cannot open the capture: %s", strerror(errno));
            return 0;
        }
    }
    cookie_io_functions_t io = { tee_read, NULL, NULL, tee_close };
    in->tee = fopencookie(in, "rb", io);
    if (!in->tee) {
        snprintf(in->err, sizeof in->err, "%s", strerror(errno));
        tee_close(in);
        return 0;
    }
    /* libpcap reads record by record; a large buffer keeps the number of read(2) calls low */
    setvbuf(in->tee, NULL, _IOFBF, 1 << 20);
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    in->pc = pcap_fopen_offline(in->tee, errbuf);
    if (!in->pc) {
        if (strstr(errbuf, "unknown file format") || strstr(errbuf, "bad dump file format") ||
            (in->bytes_read == 0 && strstr(errbuf, "truncated"))) {
            *not_capture = 1;
            if (in->bytes_read == 0)
                snprintf(in->err, sizeof in->err, "not a capture (the file is empty)");
            else
                snprintf(in->err, sizeof in->err, "not a pcap or pcapng capture (%s)", errbuf);
        } else if (strstr(errbuf, "truncated")) {
            /* a pcap or pcapng magic number, then the end of the file before its header is whole */
            snprintf(in->err, sizeof in->err, "the capture is cut short inside its file header, before any "
                     "packet (%s); nothing to decode", errbuf);
        } else {
            snprintf(in->err, sizeof in->err, "cannot read the capture: %s", errbuf);
        }
        fclose(in->tee); /* closes raw through tee_close */
        in->tee = NULL;
        md_dsb_free(&in->dsb);
        return 0;
    }
    in->linktype = pcap_datalink(in->pc);
    return 1;
}

int md_pcapin_next(md_pcapin *in, struct pcap_pkthdr **h, const uint8_t **data)
{
    const u_char *d;
    int r = pcap_next_ex(in->pc, h, &d);
    if (r == 1) {
        in->packets++;
        *data = d;
        return 1;
    }
    if (r == PCAP_ERROR_BREAK)
        return 0;
    snprintf(in->err, sizeof in->err, "%s", pcap_geterr(in->pc));
    return -1;
}

void md_pcapin_close(md_pcapin *in)
{
    if (in->pc)
        pcap_close(in->pc); /* closes the tee stream, which closes raw */
    in->pc = NULL;
    in->tee = NULL;
    md_dsb_free(&in->dsb);
}
