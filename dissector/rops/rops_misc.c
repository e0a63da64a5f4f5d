/* [MS-OXCROPS] 2.2.15 other ROPs: 2.2.15.3 RopRelease (request only: the server never answers it). */
#include "rop_catalog.h"

static void release_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
}

const mh_rop_impl mh_rops_misc[] = {
    { 0x01, 0, 0, release_request, NULL },
};
const size_t mh_rops_misc_count = sizeof mh_rops_misc / sizeof mh_rops_misc[0];
