/*
 * [MS-OXCDATA] 2.7 PropertyProblem: Index (2 bytes, into the request's array of properties), PropertyTag
 * (4 bytes), ErrorCode (4 bytes, a property error code of 2.4.2). ROP responses carry them as a
 * PropertyProblemCount followed by that many structures (RopSetProperties, RopDeleteProperties, their
 * NoReplicate forms, RopCopyProperties, RopCopyTo).
 */
#include "propproblem.h"

#include "propvalue.h"

int mh_decode_property_problems(mh_dec *d, uint16_t count)
{
    size_t start = mh_open(d, MH_F_PROPERTY_PROBLEMS, NULL);
    for (uint16_t i = 0; i < count && mh_cur_ok(&d->c); i++) {
        size_t at = mh_open(d, MH_F_PROPERTY_PROBLEM, NULL);
        mh_u16(d, MH_F_PROPERTY_PROBLEM_INDEX);
        mh_property_tag(d, MH_F_PROPERTY_TAG);
        mh_u32(d, MH_F_PROPERTY_PROBLEM_ERROR_CODE);
        mh_close(d, at);
    }
    mh_close(d, start);
    return mh_cur_ok(&d->c);
}
