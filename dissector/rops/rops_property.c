/*
 * [MS-OXCROPS] 2.2.8 property ROPs, with the field semantics of [MS-OXCPRPT] 2.2:
 * 2.2.8.1 RopGetPropertyIdsFromNames, 2.2.8.2 RopGetNamesFromPropertyIds, 2.2.8.3 RopGetPropertiesSpecific
 * (its response row is decoded with the request's PropertyTags, [MS-OXCDATA] 2.8.1), 2.2.8.4
 * RopGetPropertiesAll, 2.2.8.5 RopGetPropertiesList, 2.2.8.6 RopSetProperties, 2.2.8.7
 * RopSetPropertiesNoReplicate, 2.2.8.8 RopDeleteProperties, 2.2.8.9 RopDeletePropertiesNoReplicate,
 * 2.2.8.10 RopQueryNamedProperties, 2.2.8.11 RopCopyProperties, 2.2.8.12 RopCopyTo, 2.2.8.13 RopProgress.
 *
 * Named properties ([MS-OXCPRPT] 3.1.4.2): RopGetPropertyIdsFromNames, RopGetNamesFromPropertyIds and
 * RopQueryNamedProperties tell which property id (from 0x8000) a PropertyName has in a logon. The mapping
 * is committed to the session only from a response that says it holds (success, or for
 * RopGetPropertyIdsFromNames the ecWarnWithErrors warning, whose ids that are not 0x0000 are valid), for
 * the LogonId of the request, so that later PropertyTags and PropertyValues name them.
 */
#include <stdio.h>
#include <string.h>

#include "../mapi/propname.h"
#include "../mapi/propproblem.h"
#include "../mapi/propvalue.h"
#include "rop_catalog.h"

#define EC_WARN_WITH_ERRORS 0x00040380u /* [MS-OXCDATA] 2.4.3 */

static const mh_vs gpifn_flags_vs[] = { { 0x00, "Find only" }, { 0x02, "Create" } };
const mh_names mh_names_get_property_ids_from_names_flags = MH_NAMES(gpifn_flags_vs);

static const mh_vs query_flags_vs[] = { { 0x01, "NoStrings" }, { 0x02, "NoIds" } };
const mh_names mh_names_query_named_properties_flags = MH_BITS(query_flags_vs);

/* [MS-OXCPRPT] 2.2.10.1 and 2.2.11.1 (the same two bits for RopCopyProperties and RopCopyTo) */
static const mh_vs copy_flags_vs[] = { { 0x01, "Move" }, { 0x02, "NoOverwrite" } };
const mh_names mh_names_property_copy_flags = MH_BITS(copy_flags_vs);

/* ---- named property mappings kept between a request and its response ---- */

/* A PropertyName of the request as the exchange keeps it: Kind, GUID, LID, name length, UTF-8 name. */
static void store_name(mh_exchange *x, mh_rop_req *r, const mh_propname *p)
{
    uint8_t b[1 + 16 + 4 + 2];
    uint16_t n = (uint16_t)(p->name && p->name_len < 0x10000 ? p->name_len : 0);
    b[0] = p->kind;
    memcpy(b + 1, p->guid, 16);
    for (int i = 0; i < 4; i++)
        b[17 + i] = (uint8_t)(p->lid >> (8 * i));
    b[21] = (uint8_t)n;
    b[22] = (uint8_t)(n >> 8);
    mh_exchange_add_data(x, r, b, sizeof b);
    if (n)
        mh_exchange_add_data(x, r, p->name, n);
}

/* The next stored name at *pos (within the ROP's data), or 0 when there is none. */
static int next_name(const mh_exchange *x, const mh_rop_req *r, size_t *pos, mh_propname *p)
{
    size_t end = (size_t)r->data_off + r->data_len;
    if (end > x->ndata || *pos + 23 > end)
        return 0;
    const uint8_t *b = x->data + *pos;
    memset(p, 0, sizeof *p);
    p->kind = b[0];
    memcpy(p->guid, b + 1, 16);
    p->lid = (uint32_t)b[17] | (uint32_t)b[18] << 8 | (uint32_t)b[19] << 16 | (uint32_t)b[20] << 24;
    size_t n = (size_t)b[21] | (size_t)b[22] << 8;
    if (*pos + 23 + n > end)
        return 0;
    p->name = n ? (const char *)(b + 23) : NULL;
    p->name_len = n;
    *pos += 23 + n;
    return 1;
}

static void commit_name(mh_dec *d, uint8_t logon, uint16_t id, const mh_propname *p)
{
    if (!d->sess || id < 0x8000)
        return; /* ids below 0x8000 are not named properties: their PS_MAPI name is the tag itself */
    if (p->kind != MH_PROPNAME_KIND_LID && p->kind != MH_PROPNAME_KIND_NAME)
        return;
    mh_named_put(&d->sess->named, logon, id, p->guid, p->kind, p->lid, p->name, p->name_len);
}

/* ---- 2.2.8.1 RopGetPropertyIdsFromNames ---- */

static void get_property_ids_from_names_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u8(d, MH_F_GPIFN_FLAGS);
    uint16_t n = mh_u16(d, MH_F_GPIFN_PROPERTY_NAME_COUNT);
    if (!mh_cur_ok(&d->c))
        return;
    size_t start = mh_open(d, MH_F_PROPERTY_NAMES, NULL);
    uint16_t got = 0;
    for (uint16_t i = 0; i < n; i++) {
        mh_propname p;
        if (!mh_decode_property_name(d, NULL, &p))
            break;
        if (x && r)
            store_name(x, r, &p);
        got++;
    }
    mh_close(d, start);
    if (r) {
        r->u32a = got;
        r->flags8 = got == n && x && !x->oom; /* every name is known: the response's ids can be paired */
    }
}

static void get_property_ids_from_names_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    /* 2.2.8.1.3: a failure has nothing after ReturnValue; the ecWarnWithErrors warning ([MS-OXCPRPT]
     * 3.2.5.10: some names could not be mapped) has the success layout, unmapped ids being 0x0000 */
    if (rv != 0 && rv != EC_WARN_WITH_ERRORS)
        return;
    size_t count_at = mh_cur_pos(&d->c);
    uint16_t n = mh_u16(d, MH_F_GPIFN_PROPERTY_ID_COUNT);
    if (!mh_cur_ok(&d->c))
        return;
    /* [MS-OXCPRPT] 2.2.12.2: one id per requested name, in order (a request for no names enumerates the
     * registered ids, which then have no names here) */
    int paired = r && r->flags8 && r->u32a > 0;
    if (paired && r->u32a != n) {
        mh_problem(d, MH_PROB_MALFORMED, count_at, 2,
                   "RopGetPropertyIdsFromNames: PropertyIdCount %u differs from the request's %u PropertyNames "
                   "([MS-OXCPRPT] 2.2.12.2); no names are learnt from this response",
                   n, (unsigned)r->u32a);
        paired = 0;
    }
    uint16_t *ids = n ? mh_arena_alloc(d->arena, (size_t)n * sizeof *ids) : NULL;
    size_t start = mh_open(d, MH_F_PROPERTY_IDS, NULL);
    size_t pos = r ? r->data_off : 0;
    for (uint16_t i = 0; i < n; i++) {
        size_t at = mh_cur_pos(&d->c);
        uint16_t id = mh_cur_u16(&d->c, "PropertyId");
        if (!mh_cur_ok(&d->c))
            break;
        char note[600];
        const char *text = NULL;
        mh_propname p;
        if (paired && next_name(x, r, &pos, &p)) {
            if (id == 0)
                snprintf(note, sizeof note, "not mapped");
            else
                mh_propname_format(&p, note, sizeof note);
            text = note;
        }
        mh_emit_uint(d, MH_F_PROPERTY_ID, at, 2, id, text);
        if (ids)
            ids[i] = id;
    }
    mh_close(d, start);
    if (!paired || !ids || !mh_cur_ok(&d->c))
        return;
    pos = r->data_off;
    for (uint16_t i = 0; i < n; i++) {
        mh_propname p;
        if (!next_name(x, r, &pos, &p))
            break;
        if (ids[i] != 0) /* 0x0000: this name could not be mapped */
            commit_name(d, r->logon_id, ids[i], &p);
    }
}

/* ---- 2.2.8.2 RopGetNamesFromPropertyIds ---- */

static void get_names_from_property_ids_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    uint16_t n = mh_u16(d, MH_F_GNFPI_PROPERTY_ID_COUNT);
    if (!mh_cur_ok(&d->c))
        return;
    size_t start = mh_open(d, MH_F_PROPERTY_IDS, NULL);
    for (uint16_t i = 0; i < n; i++) {
        uint16_t id = mh_u16(d, MH_F_PROPERTY_ID);
        if (!mh_cur_ok(&d->c))
            break;
        if (x && r)
            mh_exchange_add_tag(x, r, id); /* kept as property ids, not tags */
    }
    mh_close(d, start);
    if (r)
        r->flags8 = mh_cur_ok(&d->c) && x && !x->oom;
}

static void get_names_from_property_ids_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)rv;
    size_t count_at = mh_cur_pos(&d->c);
    uint16_t n = mh_u16(d, MH_F_GNFPI_PROPERTY_NAME_COUNT);
    if (!mh_cur_ok(&d->c))
        return;
    /* [MS-OXCPRPT] 2.2.13.2: one PropertyName per requested id, in order */
    int paired = r && r->flags8;
    if (paired && r->tag_count != n) {
        mh_problem(d, MH_PROB_MALFORMED, count_at, 2,
                   "RopGetNamesFromPropertyIds: PropertyNameCount %u differs from the request's PropertyIdCount "
                   "%u ([MS-OXCPRPT] 2.2.13.2); no names are learnt from this response",
                   n, (unsigned)r->tag_count);
        paired = 0;
    }
    mh_propname *names = paired && n ? mh_arena_alloc(d->arena, (size_t)n * sizeof *names) : NULL;
    size_t start = mh_open(d, MH_F_PROPERTY_NAMES, NULL);
    uint16_t got = 0;
    for (uint16_t i = 0; i < n; i++) {
        char what[48];
        if (paired)
            snprintf(what, sizeof what, "PropertyName of 0x%04X", (unsigned)mh_exchange_tag(x, r, i));
        mh_propname p;
        if (!mh_decode_property_name(d, paired ? what : NULL, &p))
            break;
        if (names)
            names[i] = p;
        got++;
    }
    mh_close(d, start);
    if (!names || got != n)
        return;
    for (uint16_t i = 0; i < n; i++) /* Kind 0xFF: the id has no name */
        commit_name(d, r->logon_id, (uint16_t)mh_exchange_tag(x, r, i), &names[i]);
}

/* ---- 2.2.8.3 RopGetPropertiesSpecific ---- */

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

/* ---- 2.2.8.4 RopGetPropertiesAll ---- */

static void get_properties_all_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u16(d, MH_F_GPA_PROPERTY_SIZE_LIMIT);
    mh_u16(d, MH_F_GPA_WANT_UNICODE);
}

static void get_properties_all_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    uint16_t n = mh_u16(d, MH_F_GPA_PROPERTY_VALUE_COUNT);
    if (mh_cur_ok(&d->c))
        mh_decode_tagged_values(d, n, NULL, NULL);
}

/* ---- 2.2.8.5 RopGetPropertiesList ---- */

static void get_properties_list_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
}

static void get_properties_list_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    uint16_t n = mh_u16(d, MH_F_GPL_PROPERTY_TAG_COUNT);
    if (mh_cur_ok(&d->c))
        mh_decode_property_tags(d, n, NULL, NULL);
}

/* ---- 2.2.8.6 RopSetProperties, 2.2.8.7 RopSetPropertiesNoReplicate ---- */

/* PropertyValueSize counts the PropertyValueCount and PropertyValues fields ([MS-OXCPRPT] 4.2.1: 0x0024
 * for a count and two values of 34 bytes), so the values are read within that size. */
static void set_properties(mh_dec *d, mh_rop_req *r, mh_field_id size_f, mh_field_id count_f, const char *rop)
{
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    uint16_t size = mh_u16(d, size_f);
    if (!mh_cur_ok(&d->c))
        return;
    mh_dec sub;
    int whole = mh_dec_sub(d, size, "PropertyValueSize", &sub);
    uint16_t n = mh_u16(&sub, count_f);
    if (mh_cur_ok(&sub.c))
        mh_decode_tagged_values(&sub, n, NULL, NULL);
    if (!whole)
        return; /* the declared size ran past the ROP buffer: reported once by mh_dec_sub */
    char what[64];
    snprintf(what, sizeof what, "%s PropertyValues", rop);
    if (mh_check(&sub, what))
        mh_check_leftover(&sub, what);
}

static void set_properties_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    set_properties(d, r, MH_F_SP_PROPERTY_VALUE_SIZE, MH_F_SP_PROPERTY_VALUE_COUNT, "RopSetProperties");
}

static void set_properties_no_replicate_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    set_properties(d, r, MH_F_SPNR_PROPERTY_VALUE_SIZE, MH_F_SPNR_PROPERTY_VALUE_COUNT,
                   "RopSetPropertiesNoReplicate");
}

static void problems(mh_dec *d, mh_field_id count_f)
{
    uint16_t n = mh_u16(d, count_f);
    if (mh_cur_ok(&d->c))
        mh_decode_property_problems(d, n);
}

static void set_properties_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    problems(d, MH_F_SP_PROPERTY_PROBLEM_COUNT);
}

static void set_properties_no_replicate_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    problems(d, MH_F_SPNR_PROPERTY_PROBLEM_COUNT);
}

/* ---- 2.2.8.8 RopDeleteProperties, 2.2.8.9 RopDeletePropertiesNoReplicate ---- */

static void delete_properties(mh_dec *d, mh_exchange *x, mh_rop_req *r, mh_field_id count_f)
{
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    uint16_t n = mh_u16(d, count_f);
    if (mh_cur_ok(&d->c))
        mh_decode_property_tags(d, n, x, r);
}

static void delete_properties_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    delete_properties(d, x, r, MH_F_DP_PROPERTY_TAG_COUNT);
}

static void delete_properties_no_replicate_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    delete_properties(d, x, r, MH_F_DPNR_PROPERTY_TAG_COUNT);
}

static void delete_properties_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    problems(d, MH_F_DP_PROPERTY_PROBLEM_COUNT);
}

static void delete_properties_no_replicate_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r,
                                                    uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    problems(d, MH_F_DPNR_PROPERTY_PROBLEM_COUNT);
}

/* ---- 2.2.8.10 RopQueryNamedProperties ---- */

static void query_named_properties_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u8(d, MH_F_QNP_QUERY_FLAGS);
    uint8_t has_guid = mh_u8(d, MH_F_QNP_HAS_GUID);
    if (!mh_cur_ok(&d->c) || !has_guid)
        return; /* [MS-OXCPRPT] 2.2.9.1: PropertyGuid is present only when HasGuid is nonzero */
    size_t at = mh_cur_pos(&d->c);
    uint8_t g[16];
    mh_cur_guid(&d->c, g, "PropertyGuid");
    if (mh_cur_ok(&d->c))
        mh_emit_guid(d, MH_F_QNP_PROPERTY_GUID, at, g, mh_property_set_name(g));
}

static void query_named_properties_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)rv;
    uint16_t n = mh_u16(d, MH_F_QNP_ID_COUNT);
    if (!mh_cur_ok(&d->c))
        return;
    uint16_t *ids = n ? mh_arena_alloc(d->arena, (size_t)n * sizeof *ids) : NULL;
    size_t start = mh_open(d, MH_F_PROPERTY_IDS, NULL);
    for (uint16_t i = 0; i < n; i++) {
        uint16_t id = mh_u16(d, MH_F_PROPERTY_ID);
        if (!mh_cur_ok(&d->c))
            break;
        if (ids)
            ids[i] = id;
    }
    mh_close(d, start);
    if (!mh_cur_ok(&d->c))
        return;
    /* [MS-OXCPRPT] 2.2.9.2: PropertyNames follow, as many as IdCount, in the order of PropertyIds */
    mh_propname *names = ids ? mh_arena_alloc(d->arena, (size_t)n * sizeof *names) : NULL;
    start = mh_open(d, MH_F_PROPERTY_NAMES, NULL);
    uint16_t got = 0;
    for (uint16_t i = 0; i < n; i++) {
        char what[48];
        if (ids)
            snprintf(what, sizeof what, "PropertyName of 0x%04X", ids[i]);
        mh_propname p;
        if (!mh_decode_property_name(d, ids ? what : NULL, &p))
            break;
        if (names)
            names[i] = p;
        got++;
    }
    mh_close(d, start);
    /* the response names the ids of the request's logon; without the request its LogonId is unknown */
    if (!r || !names || got != n)
        return;
    for (uint16_t i = 0; i < n; i++)
        commit_name(d, r->logon_id, ids[i], &names[i]);
}

/* ---- 2.2.8.11 RopCopyProperties, 2.2.8.12 RopCopyTo ---- */

/* The response's handle index is SourceHandleIndex, which the catalogue pairs as InputHandleIndex. */
static void copy_properties_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    mh_rop_source_dest(d, r);
    mh_u8(d, MH_F_CP_WANT_ASYNCHRONOUS);
    mh_u8(d, MH_F_CP_COPY_FLAGS);
    uint16_t n = mh_u16(d, MH_F_CP_PROPERTY_TAG_COUNT);
    if (mh_cur_ok(&d->c))
        mh_decode_property_tags(d, n, x, r);
}

static void copy_to_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    mh_rop_source_dest(d, r);
    mh_u8(d, MH_F_CT_WANT_ASYNCHRONOUS);
    mh_u8(d, MH_F_CT_WANT_SUB_OBJECTS);
    mh_u8(d, MH_F_CT_COPY_FLAGS);
    uint16_t n = mh_u16(d, MH_F_CT_EXCLUDED_TAG_COUNT);
    if (mh_cur_ok(&d->c))
        mh_decode_property_tag_array(d, MH_F_CT_EXCLUDED_TAGS, n, x, r);
}

/* Success: PropertyProblemCount and PropertyProblems; ecDstNullObject (2.2.8.11.3 / 2.2.8.12.3): a 4-byte
 * DestHandleIndex, the request's; any other failure: nothing. */
static void copy_response(mh_dec *d, const mh_rop_req *r, uint32_t rv, mh_field_id count_f)
{
    if (rv == 0)
        problems(d, count_f);
    else if (rv == EC_DST_NULL_OBJECT)
        mh_rop_null_dest_index(d, r);
}

static void copy_properties_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    copy_response(d, r, rv, MH_F_CP_PROPERTY_PROBLEM_COUNT);
}

static void copy_to_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    copy_response(d, r, rv, MH_F_CT_PROPERTY_PROBLEM_COUNT);
}

/* ---- 2.2.8.13 RopProgress ---- */

static void progress_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    mh_u8(d, MH_F_PROGRESS_WANT_CANCEL);
}

static void progress_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_u8(d, MH_F_ROP_LOGON_ID); /* 2.2.8.13.2: the LogonId of the operation in progress */
    mh_u32(d, MH_F_PROGRESS_COMPLETED_TASK_COUNT);
    mh_u32(d, MH_F_PROGRESS_TOTAL_TASK_COUNT);
}

const mh_rop_impl mh_rops_property[] = {
    { 0x07, MH_ROP_NEEDS_REQUEST, 0, get_properties_specific_request, get_properties_specific_response },
    { 0x08, 0, 0, get_properties_all_request, get_properties_all_response },
    { 0x09, 0, 0, get_properties_list_request, get_properties_list_response },
    { 0x0A, 0, 0, set_properties_request, set_properties_response },
    { 0x0B, 0, 0, delete_properties_request, delete_properties_response },
    { 0x39, MH_ROP_FAILURE_FIELDS | MH_ROP_RESP_SOURCE_INDEX, 0, copy_to_request, copy_to_response },
    { 0x50, 0, 0, progress_request, progress_response },
    { 0x55, 0, 0, get_names_from_property_ids_request, get_names_from_property_ids_response },
    { 0x56, MH_ROP_FAILURE_FIELDS, 0, get_property_ids_from_names_request, get_property_ids_from_names_response },
    { 0x5F, 0, 0, query_named_properties_request, query_named_properties_response },
    { 0x67, MH_ROP_FAILURE_FIELDS | MH_ROP_RESP_SOURCE_INDEX, 0, copy_properties_request, copy_properties_response },
    { 0x79, 0, 0, set_properties_no_replicate_request, set_properties_no_replicate_response },
    { 0x7A, 0, 0, delete_properties_no_replicate_request, delete_properties_no_replicate_response },
};
const size_t mh_rops_property_count = sizeof mh_rops_property / sizeof mh_rops_property[0];
