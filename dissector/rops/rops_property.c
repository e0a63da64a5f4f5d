/* [MS-OXCROPS] 2.2.8 property ROPs: 2.2.8.3 RopGetPropertiesSpecific (its response row is decoded with
 * the request's PropertyTags, [MS-OXCDATA] 2.8.1). */
#include "../mapi/propvalue.h"
#include "rop_catalog.h"

static void get_properties_specific_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u16(d, MH_F_GPS_PROPERTY_SIZE_LIMIT);
    uint16_t want_unicode = mh_u16(d, MH_F_GPS_WANT_UNICODE);
    uint16_t n = mh_u16(d, MH_F_GPS_PROPERTY_TAG_COUNT);
    if (r)
        r->flags16 = want_unicode;
    if (mh_cur_ok(&d->c))
        mh_decode_property_tags(d, n, x, r);
}

static void get_properties_specific_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)rv;
    mh_decode_property_row(d, r->tag_count ? &x->tags[r->tags_off] : NULL, r->tag_count);
}

const mh_rop_impl mh_rops_property[] = {
    { 0x07, MH_ROP_NEEDS_REQUEST, 0, get_properties_specific_request, get_properties_specific_response },
};
const size_t mh_rops_property_count = sizeof mh_rops_property / sizeof mh_rops_property[0];
