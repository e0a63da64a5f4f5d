/* Memory output stream (see memout.h). */
#define _GNU_SOURCE /* fopencookie */
#include "memout.h"

static ssize_t mem_write(void *cookie, const char *p, size_t n)
{
    md_buf *b = cookie;
    size_t room = MD_MEMOUT_MAX - b->len;
    md_buf_append(b, p, n < room ? n : room, MD_MEMOUT_MAX);
    return (ssize_t)n;
}

FILE *md_memout_open(md_buf *b)
{
    cookie_io_functions_t io = { NULL, mem_write, NULL, NULL };
    return fopencookie(b, "w", io);
}
