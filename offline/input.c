/* Whole-file input for raw mode (see input.h). */
#include "input.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int slurp(FILE *f, md_buffer *out, char *why, size_t whysz)
{
    size_t cap = 1 << 16, len = 0;
    uint8_t *buf = malloc(cap);
    if (!buf) {
        snprintf(why, whysz, "out of memory");
        return 0;
    }
    for (;;) {
        if (len == cap) {
            uint8_t *nb = cap > ((size_t)1 << 30) ? NULL : realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                snprintf(why, whysz, "file too large to read into memory");
                return 0;
            }
            buf = nb;
            cap *= 2;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0) {
            if (ferror(f)) {
                free(buf);
                snprintf(why, whysz, "read error: %s", strerror(errno));
                return 0;
            }
            break;
        }
    }
    out->data = buf;
    out->len = len;
    return 1;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* In place: hex digit pairs, whitespace ignored. */
static int unhex(md_buffer *b, char *why, size_t whysz)
{
    size_t o = 0;
    int hi = -1;
    for (size_t i = 0; i < b->len; i++) {
        int c = b->data[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
            continue;
        int v = hexval(c);
        if (v < 0) {
            snprintf(why, whysz, "not hex text: byte 0x%02X at offset %zu", (unsigned)c, i);
            return 0;
        }
        if (hi < 0) {
            hi = v;
        } else {
            b->data[o++] = (uint8_t)(hi * 16 + v);
            hi = -1;
        }
    }
    if (hi >= 0) {
        snprintf(why, whysz, "odd number of hex digits");
        return 0;
    }
    b->len = o;
    return 1;
}

int md_read_input(const char *path, int hex, md_buffer *out, char *why, size_t whysz)
{
    out->data = NULL;
    out->len = 0;
    FILE *f;
    if (strcmp(path, "-") == 0) {
        f = stdin;
    } else {
        struct stat st;
        if (stat(path, &st) != 0) {
            snprintf(why, whysz, "cannot open the body file: %s", strerror(errno));
            return 0;
        }
        if (S_ISDIR(st.st_mode)) {
            snprintf(why, whysz, "is a directory, not a body file");
            return 0;
        }
        f = fopen(path, "rb");
        if (!f) {
            snprintf(why, whysz, "cannot open the body file: %s", strerror(errno));
            return 0;
        }
    }
    int ok = slurp(f, out, why, whysz);
    if (f != stdin)
        fclose(f);
    if (ok && hex && !unhex(out, why, whysz)) {
        md_buffer_free(out);
        return 0;
    }
    return ok;
}

void md_buffer_free(md_buffer *b)
{
    free(b->data);
    b->data = NULL;
    b->len = 0;
}
