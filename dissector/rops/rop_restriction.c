/*
 * The RestrictionDataSize / RestrictionData pair of [MS-OXCROPS] 2.2.5.3.1 RopRestrict, 2.2.5.13.1
 * RopFindRow, 2.2.4.4.1 RopSetSearchCriteria, 2.2.4.5.2 RopGetSearchCriteria and 2.2.13.2.1
 * RopSynchronizationConfigure: a restriction packet
 * ([MS-OXCDATA] 2.12, RestrictCount 16 bits wide in ROP buffers) of RestrictionDataSize bytes. The size
 * bounds it, so a restriction that cannot be decoded (or bytes left after it) is reported inside it and
 * the fields after it still decode.
 */
#include "rop_restriction.h"

#include "../mapi/restriction.h"
#include "rop_context.h"

int mh_rop_restriction_data(mh_dec *d)
{
    return mh_rop_restriction_data_as(d, MH_F_ROP_RESTRICTION_DATA_SIZE, MH_F_ROP_RESTRICTION_DATA);
}

int mh_rop_restriction_data_as(mh_dec *d, mh_field_id size_f, mh_field_id data_f)
{
    uint16_t n = mh_u16(d, size_f);
    if (!mh_cur_ok(&d->c))
        return 0;
    if (n == 0)
        return 1; /* no restriction: RopRestrict removes it, the search criteria stay as they were */
    mh_dec sub;
    int whole = mh_dec_sub(d, n, "RestrictionData", &sub);
    size_t start = mh_open(&sub, data_f, NULL);
    sub.wide_counts = 0;
    if (mh_decode_restriction(&sub, mh_rop_named_note))
        mh_check_leftover(&sub, "RestrictionData");
    mh_close(&sub, start);
    return whole;
}
