/*
 * [MS-OXCROPS] 2.2.3 logon and store ROPs: 2.2.3.1 RopLogon. Its success response has one form for a
 * private mailbox (2.2.3.1.2) and another for public folders (2.2.3.1.3), chosen by the Private bit of
 * the request's LogonFlags ([MS-OXCSTOR] 2.2.1.1.3); ecWrongServer has a redirect form with the server
 * name (2.2.3.1.4). Flag values from [MS-OXCSTOR] 2.2.1.1.1 and 2.2.1.1.3.
 */
#include <stdio.h>

#include "../mapi/ids.h"
#include "rop_catalog.h"

#define LOGON_PRIVATE 0x01
#define EC_WRONG_SERVER 0x00000478

static const mh_vs logon_flags_vs[] = { { 0x01, "Private" }, { 0x02, "Undercover" }, { 0x04, "Ghosted" } };
const mh_names mh_names_logon_flags = MH_BITS(logon_flags_vs);

static const mh_vs open_flags_vs[] = {
    { 0x00000001, "USE_ADMIN_PRIVILEGE" },  { 0x00000002, "PUBLIC" },
    { 0x00000004, "HOME_LOGON" },           { 0x00000008, "TAKE_OWNERSHIP" },
    { 0x00000100, "ALTERNATE_SERVER" },     { 0x00000200, "IGNORE_HOME_MDB" },
    { 0x00000400, "NO_MAIL" },              { 0x01000000, "USE_PER_MDB_REPLID_MAPPING" },
    { 0x20000000, "SUPPORT_PROGRESS" },
};
const mh_names mh_names_logon_open_flags = MH_BITS(open_flags_vs);

static const mh_vs response_flags_vs[] = {
    { 0x01, "Reserved" }, { 0x02, "OwnerRight" }, { 0x04, "SendAsRight" }, { 0x10, "OOF" } };
const mh_names mh_names_logon_response_flags = MH_BITS(response_flags_vs);

static const mh_vs day_of_week_vs[] = { { 0, "Sunday" },   { 1, "Monday" }, { 2, "Tuesday" }, { 3, "Wednesday" },
                                        { 4, "Thursday" }, { 5, "Friday" }, { 6, "Saturday" } };
const mh_names mh_names_day_of_week = MH_NAMES(day_of_week_vs);

/* The folders a private mailbox logon returns, in order ([MS-OXCSTOR] 2.2.1.1.3). */
static const char *const private_folders[13] = {
    "Mailbox Root", "Deferred Action", "Spooler Queue", "IPM Subtree", "Inbox", "Outbox", "Sent Items",
    "Deleted Items", "Common Views", "Schedule", "Search", "Views", "Shortcuts",
};

/* An 8-bit string of exactly `size` bytes that should end with its NUL terminator. */
static void sized_asciiz(mh_dec *d, mh_field_id f, size_t size, const char *what)
{
    size_t at = mh_cur_pos(&d->c);
    mh_span s = mh_cur_bytes(&d->c, size, mh_fields[f].label);
    if (!mh_cur_ok(&d->c) || size == 0)
        return;
    size_t n = 0;
    while (n < s.len && mh_span_byte(s, n) != 0)
        n++;
    size_t tlen;
    const char *t = mh_text_latin1(d, mh_span_sub(s, 0, n), &tlen);
    mh_emit_str(d, f, at, size, t, tlen);
    if (n == s.len)
        mh_problem(d, MH_PROB_MALFORMED, at, 0, "%s: %s of %zu bytes has no NUL terminator", what,
                   mh_fields[f].label, size);
}

static void logon_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_output_handle_index(d, r);
    uint8_t flags = mh_u8(d, MH_F_LOGON_LOGON_FLAGS);
    if (r)
        r->flags8 = flags;
    mh_u32(d, MH_F_LOGON_OPEN_FLAGS);
    mh_u32(d, MH_F_LOGON_STORE_STATE);
    uint16_t n = mh_u16(d, MH_F_LOGON_ESSDN_SIZE);
    if (mh_cur_ok(&d->c))
        sized_asciiz(d, MH_F_LOGON_ESSDN, n, "RopLogon");
}

static void folder_ids(mh_dec *d, int private_logon)
{
    size_t start = mh_open(d, MH_F_LOGON_FOLDER_IDS, NULL);
    for (int i = 0; i < 13 && mh_cur_ok(&d->c); i++)
        mh_folder_id(d, MH_F_FOLDER_ID, private_logon ? private_folders[i] : NULL);
    mh_close(d, start);
}

static void logon_time(mh_dec *d)
{
    size_t start = mh_open(d, MH_F_LOGON_LOGON_TIME, NULL);
    mh_u8(d, MH_F_LOGON_TIME_SECONDS);
    mh_u8(d, MH_F_LOGON_TIME_MINUTES);
    mh_u8(d, MH_F_LOGON_TIME_HOUR);
    mh_u8(d, MH_F_LOGON_TIME_DAY_OF_WEEK);
    mh_u8(d, MH_F_LOGON_TIME_DAY);
    mh_u8(d, MH_F_LOGON_TIME_MONTH);
    mh_u16(d, MH_F_LOGON_TIME_YEAR);
    mh_close(d, start);
}

static void logon_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    uint8_t g[16];
    (void)x;
    if (rv == EC_WRONG_SERVER) { /* 2.2.3.1.4 redirect */
        mh_u8(d, MH_F_LOGON_LOGON_FLAGS);
        uint8_t n = mh_u8(d, MH_F_LOGON_SERVER_NAME_SIZE);
        if (mh_cur_ok(&d->c))
            sized_asciiz(d, MH_F_LOGON_SERVER_NAME, n, "RopLogon redirect");
        return;
    }
    if (rv != 0)
        return; /* 2.2.3.1.5 failure: nothing after ReturnValue */
    size_t at = mh_cur_pos(&d->c);
    uint8_t flags = mh_u8(d, MH_F_LOGON_LOGON_FLAGS);
    if (!mh_cur_ok(&d->c))
        return;
    /* The server echoes the request's LogonFlags ([MS-OXCSTOR] 2.2.1.1.3), so without the request the
     * response's own copy decides the form. */
    uint8_t decide = r ? r->flags8 : flags;
    if (r && ((r->flags8 ^ flags) & LOGON_PRIVATE))
        mh_problem(d, MH_PROB_MALFORMED, at, 1,
                   "RopLogon: response LogonFlags 0x%02X differ from the request's 0x%02X in the Private bit; "
                   "the request's decides the response form",
                   flags, r->flags8);
    if (d->sess && r) { /* per-LogonId facts later ROPs and responses rely on */
        d->sess->logon_flags[r->logon_id] = decide;
        d->sess->logon_known[r->logon_id] = 1;
    }
    if (decide & LOGON_PRIVATE) {
        folder_ids(d, 1);
        mh_u8(d, MH_F_LOGON_RESPONSE_FLAGS);
        mh_guid(d, MH_F_LOGON_MAILBOX_GUID, g);
        mh_u16(d, MH_F_LOGON_REPL_ID);
        mh_guid(d, MH_F_LOGON_REPL_GUID, g);
        logon_time(d);
        mh_u64(d, MH_F_LOGON_GWART_TIME);
        mh_u32(d, MH_F_LOGON_STORE_STATE);
    } else {
        folder_ids(d, 0);
        mh_u16(d, MH_F_LOGON_REPL_ID);
        mh_guid(d, MH_F_LOGON_REPL_GUID, g);
        mh_guid(d, MH_F_LOGON_PER_USER_GUID, g);
    }
}

const mh_rop_impl mh_rops_store[] = {
    { 0xFE, MH_ROP_RESP_OUTPUT | MH_ROP_FAILURE_FIELDS, MH_OBJ_LOGON, logon_request, logon_response },
};
const size_t mh_rops_store_count = sizeof mh_rops_store / sizeof mh_rops_store[0];
