/*
 * [MS-OXCROPS] 2.2.7 transport ROPs, with the field values of [MS-OXOMSG] 2.2.5 and 2.2.4.4:
 * 2.2.7.1 RopSubmitMessage, 2.2.7.2 RopAbortSubmit, 2.2.7.3 RopGetAddressTypes, 2.2.7.4 RopSetSpooler,
 * 2.2.7.5 RopSpoolerLockMessage, 2.2.7.6 RopTransportSend (its success response carries property values,
 * [MS-OXCDATA] 2.11.4), 2.2.7.7 RopTransportNewMail, 2.2.7.8 RopGetTransportFolder, 2.2.7.9 RopOptionsData.
 */
#include <stdio.h>

#include "../mapi/ids.h"
#include "../mapi/names.h"
#include "../mapi/propvalue.h"
#include "rop_catalog.h"

/* [MS-OXOMSG] 2.2.5.1.1 */
static const mh_vs submit_flags_vs[] = { { 0x00, "None" }, { 0x01, "PreProcess" }, { 0x02, "NeedsSpooler" } };
const mh_names mh_names_submit_flags = MH_NAMES(submit_flags_vs);

/* [MS-OXOMSG] 2.2.5.3.1 (the actions per value: 3.3.5.6) */
static const mh_vs lock_state_vs[] = { { 0x00, "lstLock" }, { 0x01, "lstUnlock" }, { 0x02, "lstFinished" } };
const mh_names mh_names_lock_state = MH_NAMES(lock_state_vs);

/* Requests with nothing but LogonId and InputHandleIndex: RopSetSpooler (2.2.7.4.1), RopGetAddressTypes
 * (2.2.7.3.1), RopTransportSend (2.2.7.6.1), RopGetTransportFolder (2.2.7.8.1). */
static void plain_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
}

/* 2.2.7.1 RopSubmitMessage */
static void submit_message_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    plain_request(d, x, r);
    mh_u8(d, MH_F_SUBMIT_MESSAGE_SUBMIT_FLAGS);
}

/* 2.2.7.2 RopAbortSubmit */
static void abort_submit_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    plain_request(d, x, r);
    mh_folder_id(d, MH_F_FOLDER_ID, NULL);
    mh_folder_id(d, MH_F_MESSAGE_ID, NULL);
}

/* 2.2.7.3.2: AddressTypeCount NUL-terminated strings filling AddressTypeSize bytes. */
static void get_address_types_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    uint16_t n = mh_u16(d, MH_F_GET_ADDRESS_TYPES_ADDRESS_TYPE_COUNT);
    uint16_t size = mh_u16(d, MH_F_GET_ADDRESS_TYPES_ADDRESS_TYPE_SIZE);
    if (!mh_cur_ok(&d->c))
        return;
    size_t start = mh_open(d, MH_F_GET_ADDRESS_TYPES_ADDRESS_TYPES, NULL);
    mh_dec sub;
    if (mh_dec_sub(d, size, "AddressTypes", &sub)) {
        for (unsigned i = 0; i < n && mh_cur_ok(&sub.c); i++)
            mh_asciiz(&sub, MH_F_GET_ADDRESS_TYPES_ADDRESS_TYPE);
        if (mh_check(&sub, "AddressTypes"))
            mh_check_leftover(&sub, "AddressTypes");
    }
    mh_close(d, start);
}

/* 2.2.7.5 RopSpoolerLockMessage */
static void spooler_lock_message_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    plain_request(d, x, r);
    mh_folder_id(d, MH_F_MESSAGE_ID, NULL);
    mh_u8(d, MH_F_SPOOLER_LOCK_MESSAGE_LOCK_STATE);
}

/* [MS-OXCDATA] 2.11.4 TaggedPropertyValue: a PropertyTag, then a PropertyValue of the tag's type (ROP buffer
 * widths, 2.11.1.1). Returns 0 when decoding must stop. */
static int tagged_property_value(mh_dec *d)
{
    size_t at = mh_cur_pos(&d->c);
    uint32_t tag = mh_cur_u32(&d->c, "PropertyTag");
    if (!mh_cur_ok(&d->c))
        return 0;
    char heading[160];
    const char *name = mh_property_tag_name(tag);
    if (name)
        snprintf(heading, sizeof heading, "%s (0x%08X)", name, tag);
    else
        snprintf(heading, sizeof heading, "0x%08X", tag);
    mh_value v = { 0 };
    v.u = tag;
    mh_open_at(d, MH_F_PROPERTY_VALUE, at, &v, heading);
    mh_emit_uint(d, MH_F_PROPERTY_TAG, at, 4, tag, NULL);
    int ok = mh_decode_property_value(d, (uint16_t)(tag & 0xFFFF));
    mh_close(d, at);
    return ok;
}

/* 2.2.7.6.2: PropertyValueCount and PropertyValues are present only when NoPropertiesReturned is zero. */
static void transport_send_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    uint8_t none = mh_u8(d, MH_F_TRANSPORT_SEND_NO_PROPERTIES_RETURNED);
    if (!mh_cur_ok(&d->c) || none)
        return;
    uint16_t n = mh_u16(d, MH_F_TRANSPORT_SEND_PROPERTY_VALUE_COUNT);
    if (!mh_cur_ok(&d->c))
        return;
    size_t start = mh_open(d, MH_F_TRANSPORT_SEND_PROPERTY_VALUES, NULL);
    for (unsigned i = 0; i < n; i++)
        if (!tagged_property_value(d))
            break;
    mh_close(d, start);
}

/* 2.2.7.7 RopTransportNewMail ([MS-OXOMSG] 2.2.5.5.1: MessageFlags is 4 bytes) */
static void transport_new_mail_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    plain_request(d, x, r);
    mh_folder_id(d, MH_F_MESSAGE_ID, NULL);
    mh_folder_id(d, MH_F_FOLDER_ID, NULL);
    mh_asciiz(d, MH_F_TRANSPORT_NEW_MAIL_MESSAGE_CLASS);
    mh_u32(d, MH_F_TRANSPORT_NEW_MAIL_MESSAGE_FLAGS);
}

/* 2.2.7.8.2 */
static void get_transport_folder_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_folder_id(d, MH_F_FOLDER_ID, NULL);
}

/* 2.2.7.9 RopOptionsData */
static void options_data_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    plain_request(d, x, r);
    mh_asciiz(d, MH_F_OPTIONS_DATA_ADDRESS_TYPE);
    mh_u8(d, MH_F_OPTIONS_DATA_WANT_WIN32);
}

/* 2.2.7.9.2: HelpFile and HelpFileName are present only when HelpFileSize is nonzero. */
static void options_data_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_u8(d, MH_F_OPTIONS_DATA_RESERVED);
    uint16_t n = mh_u16(d, MH_F_OPTIONS_DATA_OPTIONS_INFO_SIZE);
    if (mh_cur_ok(&d->c))
        mh_bytes(d, MH_F_OPTIONS_DATA_OPTIONS_INFO, n);
    n = mh_u16(d, MH_F_OPTIONS_DATA_HELP_FILE_SIZE);
    if (!mh_cur_ok(&d->c) || n == 0)
        return;
    mh_bytes(d, MH_F_OPTIONS_DATA_HELP_FILE, n);
    mh_asciiz(d, MH_F_OPTIONS_DATA_HELP_FILE_NAME);
}

const mh_rop_impl mh_rops_transport[] = {
    { 0x32, 0, 0, submit_message_request, mh_rop_response_empty },
    { 0x34, 0, 0, abort_submit_request, mh_rop_response_empty },
    { 0x47, 0, 0, plain_request, mh_rop_response_empty },
    { 0x48, 0, 0, spooler_lock_message_request, mh_rop_response_empty },
    { 0x49, 0, 0, plain_request, get_address_types_response },
    { 0x4A, 0, 0, plain_request, transport_send_response },
    { 0x51, 0, 0, transport_new_mail_request, mh_rop_response_empty },
    { 0x6D, 0, 0, plain_request, get_transport_folder_response },
    { 0x6F, 0, 0, options_data_request, options_data_response },
};
const size_t mh_rops_transport_count = sizeof mh_rops_transport / sizeof mh_rops_transport[0];
