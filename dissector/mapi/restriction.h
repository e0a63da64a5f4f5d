/* [MS-OXCDATA] 2.12 restrictions (see restriction.c). */
#ifndef MH_RESTRICTION_H
#define MH_RESTRICTION_H

#include "../core/dec.h"

/* Nesting of restrictions (And, Or, Not, SubObject, Comment and Count contain other restrictions) is
 * bounded by the limit restriction_depth (core/limits.h). The specification sets none; this one bounds
 * recursion and output, and a deeper restriction is reported as unsupported with its bytes shown. */
#include "../core/limits.h"

/* Names a property tag whose id is 0x8000 or above; such ids are named properties of the logon in a
 * mailbox (ROP decoders can pass mh_rop_named_note) and fixed properties in the address book. Returns
 * the note (in buf or static), or NULL. */
typedef const char *(*mh_tag_note_fn)(mh_dec *d, uint32_t tag, char *buf, size_t n);

/* One restriction at the cursor; tag_note (may be NULL) names the tags from 0x8000. The RestrictCount
 * of And/Or restrictions is 16 bits wide in ROP buffers and 32 bits when d->wide_counts is set
 * (extended rules, address book bodies); the values of TaggedValue fields follow the same flag. Returns 1 when decoding can go on, 0 when it stopped (the
 * problem, truncated / malformed / unsupported, is reported). */
int mh_decode_restriction(mh_dec *d, mh_tag_note_fn tag_note);

#endif
