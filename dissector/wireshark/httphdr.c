/* HTTP/1.1 header maps as the HTTP dissector hands them over (see httphdr.h). */
#include "httphdr.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    mh_header *h;
    size_t n, cap;
    wmem_allocator_t *pool;
} header_list;

static void collect_header(gpointer key, gpointer value, gpointer user)
{
    header_list *l = user;
    if (!key || !value || l->n == l->cap)
        return;
    mh_header *h = &l->h[l->n++];
    h->name = key;
    h->name_len = strlen(key);
    h->value = value;
    h->value_len = strlen(value);
}

static int header_order(const void *a, const void *b)
{
    return strcmp(((const mh_header *)a)->name, ((const mh_header *)b)->name);
}

/* The header map as the core's header list. The map does not keep the order of the message, so the
 * headers are given in name order: the tree then does not depend on hash order. */
mh_header *mhws_headers_of(wmem_map_t *map, packet_info *pinfo, size_t *n)
{
    *n = 0;
    if (!map)
        return NULL;
    header_list l = { NULL, 0, wmem_map_size(map), pinfo->pool };
    if (!l.cap)
        return NULL;
    l.h = wmem_alloc0_array(pinfo->pool, mh_header, l.cap);
    wmem_map_foreach(map, collect_header, &l);
    qsort(l.h, l.n, sizeof *l.h, header_order);
    *n = l.n;
    return l.h;
}

const char *mhws_header(wmem_map_t *map, const char *lower_name)
{
    return map ? wmem_map_lookup(map, lower_name) : NULL;
}

/* A header value without surrounding blanks, in packet scope ("" when absent). */
const char *mhws_trimmed(packet_info *pinfo, const char *v)
{
    if (!v)
        return "";
    char *t = wmem_strdup(pinfo->pool, v);
    return g_strstrip(t);
}
