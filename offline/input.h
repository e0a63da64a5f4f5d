/* Reading a whole input file (binary, or hex text with --hex) for mapidump's raw mode. */
#ifndef MD_INPUT_H
#define MD_INPUT_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint8_t *data;
    size_t len;
} md_buffer;

/* Reads `path` ("-" = standard input). With `hex`, the file is hex digit pairs with any whitespace in
 * between. On failure returns 0 and writes a one-line reason (without the file name) into `why`. */
int md_read_input(const char *path, int hex, md_buffer *out, char *why, size_t whysz);
void md_buffer_free(md_buffer *b);

#endif
