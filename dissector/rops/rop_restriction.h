/* RestrictionDataSize and RestrictionData as table and search-folder ROPs carry them (see rop_restriction.c). */
#ifndef MH_ROP_RESTRICTION_H
#define MH_ROP_RESTRICTION_H

#include "../core/dec.h"

/* RestrictionDataSize (2 bytes) then a restriction packet ([MS-OXCDATA] 2.12) of exactly that many bytes;
 * a size of 0 means no restriction. Returns 1 when the ROP can go on after it (the size bounds it: a
 * restriction that cannot be decoded is reported with its bytes and the ROP goes on), 0 when the bytes
 * ran out. */
int mh_rop_restriction_data(mh_dec *d);
/* The same under a ROP's own field names (RopSynchronizationConfigure's). */
int mh_rop_restriction_data_as(mh_dec *d, mh_field_id size_f, mh_field_id data_f);

#endif
