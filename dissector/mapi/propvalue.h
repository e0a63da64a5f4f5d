/* [MS-OXCDATA] property values, rows and tag arrays in ROP buffers (see propvalue.c). */
#ifndef MH_PROPVALUE_H
#define MH_PROPVALUE_H

#include <stdint.h>

#include "../core/dec.h"
#include "../session/session.h"

/* A PropertyValue of `type`; returns 0 when decoding must stop (the problem is reported). */
int mh_decode_property_value(mh_dec *d, uint16_t type);
/* A value of a fixed-size type whose encoding is the same in ROP buffers, address-book bodies and
 * FastTransfer streams ([MS-OXCDATA] 2.11.1: PtypInteger16/32/64, PtypFloating32/64, PtypCurrency,
 * PtypFloatingTime, PtypErrorCode, PtypTime, PtypGuid). 0 for any other type, with nothing read. */
int mh_decode_fixed_value(mh_dec *d, uint16_t type);
/* The same for the property `tag` (its type is the tag's): binary values of EntryID properties are also
 * shown as EntryIDs. */
int mh_decode_property_value_of(mh_dec *d, uint32_t tag);
/* Reads a PropertyTag as field `f`, with the name of a named property (id from 0x8000) of the current
 * logon as a note; returns the tag (0 when the read failed). */
uint32_t mh_property_tag(mh_dec *d, mh_field_id f);
/* The heading of a PropertyValue subtree for `tag`: "PidTagSubject (0x0037001F)", or for a named property
 * "Named property (0x8001001F) = PidLidLocation" when the session knows its name. */
void mh_property_tag_heading(mh_dec *d, uint32_t tag, char *buf, size_t n);
/* A PropertyRow whose columns are `tags`; returns 0 when decoding must stop. */
int mh_decode_property_row(mh_dec *d, const uint32_t *tags, size_t ntags);
/* `count` PropertyTag values in a PropertyTags subtree; when x and r are given they are remembered for the
 * response. */
int mh_decode_property_tags(mh_dec *d, uint16_t count, mh_exchange *x, mh_rop_req *r);
/* The same in a subtree of field `node` (e.g. ExcludedTags). */
int mh_decode_property_tag_array(mh_dec *d, mh_field_id node, uint16_t count, mh_exchange *x, mh_rop_req *r);

/* [MS-OXCDATA] 2.11.4 TaggedPropertyValue: a PropertyValue subtree with the PropertyTag and the value of
 * its type. A hook, when given, may decode the value itself: it returns MH_HOOK_PASS to leave it to the
 * generic decoder, 1 when it decoded it, 0 when decoding must stop. */
#define MH_HOOK_PASS (-1)
typedef int (*mh_value_hook)(mh_dec *d, uint32_t tag, void *ctx);
int mh_decode_tagged_value(mh_dec *d, mh_value_hook hook, void *ctx);
/* `count` TaggedPropertyValue structures in a PropertyValues subtree; returns 0 when decoding must stop. */
int mh_decode_tagged_values(mh_dec *d, uint16_t count, mh_value_hook hook, void *ctx);

#endif
