/*
 * A sink in front of another that also keeps the value of one string field: mapidump takes a session's
 * UserDn ([MS-OXCMAPIHTTP] 2.2.4.1.1) from the core's decoding of the Connect request this way, instead
 * of parsing the body a second time.
 */
#ifndef MD_CAPTURE_SINK_H
#define MD_CAPTURE_SINK_H

#include <stddef.h>

#include "core/sink.h"

typedef struct {
    mh_sink base;
    mh_sink *inner;
    mh_field_id field;
    char *out;
    size_t outsz;
} md_capture_sink;

/* Forwards everything to `inner`; the first value of `field` is copied (NUL-terminated) into out. */
void md_capture_sink_init(md_capture_sink *s, mh_sink *inner, mh_field_id field, char *out, size_t outsz);

#endif
