/*
 * Scanning text that arrives in header values and meta-tag lines ([MS-OXCMAPIHTTP] 2.2.3, 2.2.7):
 * decimal numbers, GUIDs in registry form, trimming, case-insensitive comparison. Reads go through
 * bounds-checked span accessors.
 */
#ifndef MH_TEXT_H
#define MH_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "cursor.h"

/* A span over a C string the caller owns (e.g. a header value handed over by a front end). */
mh_span mh_span_of(const char *s, size_t n);
mh_span mh_text_trim(mh_span s);
/* Case-insensitive equality with an ASCII literal. */
int mh_text_ieq(mh_span s, const char *lit);
/* Whole span is an unsigned decimal number that fits in 64 bits (after trimming). */
int mh_text_uint(mh_span s, uint64_t *out);
/* "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}" (braces optional) into wire order (Data1..3 little-endian). */
int mh_text_guid(mh_span s, uint8_t out[16]);
/* Position of the first byte equal to ch at or after `from`, or s.len. */
size_t mh_text_find(mh_span s, size_t from, uint8_t ch);

#endif
