/*
 * [MS-OXCMAPIHTTP] 2.2.5 address book bodies, the part every request type shares:
 *   request body (2.2.5.x.1): the type's fields, AuxiliaryBufferSize, AuxiliaryBuffer;
 *   success response body (2.2.5.x.2): StatusCode (0), ErrorCode ([MS-OXNSPI] 2.2.1.2), the type's
 *     fields, AuxiliaryBufferSize, AuxiliaryBuffer;
 *   failure response body (2.2.5.x.3): StatusCode (nonzero), AuxiliaryBufferSize, AuxiliaryBuffer.
 * (An older revision of the spec said the failure StatusCode MUST be 0 and gave the Unbind failure body
 * an ErrorCode; the current text is followed: a nonzero StatusCode selects the failure body.)
 * Address book structures use 32-bit counts ([MS-OXCDATA] 2.11.1.1: PtypBinary counts are 16 bits only
 * in ROP buffers), so d->wide_counts is set while a body is decoded.
 */
#include "nspi.h"

#include "internal.h"

#include "../rpc/aux.h"

static const struct {
    mh_field_id request, response;
} nodes[MH_RT_COUNT] = {
    [MH_RT_BIND] = { MH_F_NSPI_BIND_REQUEST, MH_F_NSPI_BIND_RESPONSE },
    [MH_RT_UNBIND] = { MH_F_NSPI_UNBIND_REQUEST, MH_F_NSPI_UNBIND_RESPONSE },
    [MH_RT_COMPARE_MIDS] = { MH_F_NSPI_COMPARE_MIDS_REQUEST, MH_F_NSPI_COMPARE_MIDS_RESPONSE },
    [MH_RT_DNTOMID] = { MH_F_NSPI_DNTOMID_REQUEST, MH_F_NSPI_DNTOMID_RESPONSE },
    [MH_RT_GET_MATCHES] = { MH_F_NSPI_GET_MATCHES_REQUEST, MH_F_NSPI_GET_MATCHES_RESPONSE },
    [MH_RT_GET_PROP_LIST] = { MH_F_NSPI_GET_PROP_LIST_REQUEST, MH_F_NSPI_GET_PROP_LIST_RESPONSE },
    [MH_RT_GET_PROPS] = { MH_F_NSPI_GET_PROPS_REQUEST, MH_F_NSPI_GET_PROPS_RESPONSE },
    [MH_RT_GET_SPECIAL_TABLE] = { MH_F_NSPI_GET_SPECIAL_TABLE_REQUEST, MH_F_NSPI_GET_SPECIAL_TABLE_RESPONSE },
    [MH_RT_GET_TEMPLATE_INFO] = { MH_F_NSPI_GET_TEMPLATE_INFO_REQUEST, MH_F_NSPI_GET_TEMPLATE_INFO_RESPONSE },
    [MH_RT_MOD_LINK_ATT] = { MH_F_NSPI_MOD_LINK_ATT_REQUEST, MH_F_NSPI_MOD_LINK_ATT_RESPONSE },
    [MH_RT_MOD_PROPS] = { MH_F_NSPI_MOD_PROPS_REQUEST, MH_F_NSPI_MOD_PROPS_RESPONSE },
    [MH_RT_QUERY_COLUMNS] = { MH_F_NSPI_QUERY_COLUMNS_REQUEST, MH_F_NSPI_QUERY_COLUMNS_RESPONSE },
    [MH_RT_QUERY_ROWS] = { MH_F_NSPI_QUERY_ROWS_REQUEST, MH_F_NSPI_QUERY_ROWS_RESPONSE },
    [MH_RT_RESOLVE_NAMES] = { MH_F_NSPI_RESOLVE_NAMES_REQUEST, MH_F_NSPI_RESOLVE_NAMES_RESPONSE },
    [MH_RT_RESORT_RESTRICTION] = { MH_F_NSPI_RESORT_RESTRICTION_REQUEST, MH_F_NSPI_RESORT_RESTRICTION_RESPONSE },
    [MH_RT_SEEK_ENTRIES] = { MH_F_NSPI_SEEK_ENTRIES_REQUEST, MH_F_NSPI_SEEK_ENTRIES_RESPONSE },
    [MH_RT_UPDATE_STAT] = { MH_F_NSPI_UPDATE_STAT_REQUEST, MH_F_NSPI_UPDATE_STAT_RESPONSE },
    [MH_RT_GET_MAILBOX_URL] = { MH_F_NSPI_GET_MAILBOX_URL_REQUEST, MH_F_NSPI_GET_MAILBOX_URL_RESPONSE },
    [MH_RT_GET_ADDRESS_BOOK_URL] = { MH_F_NSPI_GET_ADDRESS_BOOK_URL_REQUEST, MH_F_NSPI_GET_ADDRESS_BOOK_URL_RESPONSE },
};

/* AuxiliaryBufferSize, AuxiliaryBuffer, and nothing after them. */
static void tail(mh_dec *d, const char *what)
{
    if (mh_check(d, what) && mh_decode_aux_buffer_field(d) && mh_check(d, what))
        mh_check_leftover(d, what);
}

void mh_decode_nspi_request(mh_dec *d, mh_request_type t)
{
    if (!mh_request_type_is_nspi(t))
        return;
    unsigned char wide = d->wide_counts;
    d->wide_counts = 1;
    mh_field_id node = nodes[t].request;
    const char *what = mh_fields[node].label;
    size_t start = mh_open(d, node, NULL);
    if (mh_nspi_request_fields[t](d, what))
        tail(d, what);
    mh_close(d, start);
    d->wide_counts = wide;
}

int mh_decode_nspi_response(mh_dec *d, mh_request_type t, uint32_t *status)
{
    if (!mh_request_type_is_nspi(t))
        return 0;
    unsigned char wide = d->wide_counts;
    d->wide_counts = 1;
    mh_field_id node = nodes[t].response;
    const char *what = mh_fields[node].label;
    size_t start = mh_open(d, node, NULL);
    uint32_t code = mh_u32(d, MH_F_STATUS_CODE);
    int have_status = mh_check(d, what);
    if (have_status) {
        *status = code;
        if (code != 0) {
            tail(d, what); /* failure body: no ErrorCode, no fields */
        } else {
            mh_u32(d, MH_F_NSPI_ERROR_CODE);
            if (mh_check(d, what) && mh_nspi_response_fields[t](d, what))
                tail(d, what);
        }
    }
    mh_close(d, start);
    d->wide_counts = wide;
    return have_status;
}
