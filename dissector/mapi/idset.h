/* [MS-OXCFXICS] 2.2.2.4 IDSET, 2.2.2.6 GLOBSET, 2.2.2.2 XID and 2.2.2.3 PredecessorChangeList (see idset.c). */
#ifndef MH_IDSET_H
#define MH_IDSET_H

#include <stddef.h>
#include <stdint.h>

#include "../core/dec.h"

/* How an IDSET names its replicas: by 2-byte REPLID (2.2.2.4.1) or by 16-byte REPLGUID (2.2.2.4.2). */
typedef enum { MH_IDSET_REPLID, MH_IDSET_REPLGUID } mh_idset_kind;

/* Decodes the next n bytes as a serialized IDSET: REPLID/REPLGUID and GLOBSET pairs until the n bytes
 * end. Returns 0 when a problem stopped it (reported; the rest of the n bytes is shown as leftover). */
int mh_decode_idset(mh_dec *d, size_t n, mh_idset_kind kind);
/* One serialized GLOBSET (commands up to and including End); `replid` >= 0 prefixes the decoded ranges
 * with that REPLID ("0001-000000000001"). Returns 0 when a problem stopped it. */
int mh_decode_globset(mh_dec *d, long replid);
/* An XID of `size` bytes (NamespaceGuid, then LocalId of size - 16 bytes) as a subtree of field `f`. */
void mh_decode_xid(mh_dec *d, mh_field_id f, size_t size);
/* A PredecessorChangeList of `size` bytes: SizedXid structures (XidSize, XID) until the bytes end. */
void mh_decode_pcl(mh_dec *d, mh_field_id f, size_t size);

#endif
