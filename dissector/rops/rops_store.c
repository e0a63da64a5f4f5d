/*
 * [MS-OXCROPS] 2.2.3 logon and store ROPs, fields per [MS-OXCSTOR] 2.2.1:
 * - 2.2.3.1 RopLogon. Its success response has one form for a private mailbox (2.2.3.1.2) and another
 *   for public folders (2.2.3.1.3), chosen by the Private bit of the request's LogonFlags ([MS-OXCSTOR]
 *   2.2.1.1.3); ecWrongServer has a redirect form with the server name (2.2.3.1.4). Flag values from
 *   [MS-OXCSTOR] 2.2.1.1.1 and 2.2.1.1.3.
 * - 2.2.3.2 RopGetReceiveFolder, 2.2.3.3 RopSetReceiveFolder, 2.2.3.4 RopGetReceiveFolderTable (rows with
 *   the fixed columns of [MS-OXCSTOR] 2.2.1.4.2), 2.2.3.5 RopGetStoreState, 2.2.3.6 RopGetOwningServers,
 *   2.2.3.7 RopPublicFolderIsGhosted, 2.2.3.8 RopLongTermIdFromId, 2.2.3.9 RopIdFromLongTermId,
 *   2.2.3.10 RopGetPerUserLongTermIds, 2.2.3.11 RopGetPerUserGuid, 2.2.3.12 RopReadPerUserInformation,
 *   2.2.3.13 RopWritePerUserInformation (whose ReplGuid depends on the logon's LogonFlags).
 * All but RopLogon answer with InputHandleIndex and have a failure form with nothing after ReturnValue.
 */
#include <stdio.h>

#include "../core/limits.h"
#include "../mapi/ids.h"
#include "../mapi/longterm.h"
#include "../mapi/propvalue.h"
#include "../mapi/servers.h"
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
        mh_named_forget_logon(&d->sess->named, r->logon_id); /* a new store: its own named ids */
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

/* [MS-OXCSTOR] 2.2.1.5.2: the only StoreState bit */
static const mh_vs store_state_vs[] = { { 0x01000000, "STORE_HAS_SEARCHES" } };
const mh_names mh_names_store_state = MH_BITS(store_state_vs);

/* Requests of the store ROPs that carry nothing but LogonId and InputHandleIndex. */
static void plain_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    (void)x;
    mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
}

/* 2.2.3.2.1 MessageClass; 2.2.3.2.2 FolderId, ExplicitMessageClass */
static void get_receive_folder_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    plain_request(d, x, r);
    mh_asciiz(d, MH_F_GET_RECEIVE_FOLDER_MESSAGE_CLASS);
}

static void get_receive_folder_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_folder_id(d, MH_F_FOLDER_ID, NULL);
    mh_asciiz(d, MH_F_GET_RECEIVE_FOLDER_EXPLICIT_MESSAGE_CLASS);
}

/* 2.2.3.3.1 FolderId, MessageClass; the response (2.2.3.3.2) has nothing after ReturnValue */
static void set_receive_folder_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    plain_request(d, x, r);
    mh_folder_id(d, MH_F_FOLDER_ID, NULL);
    mh_asciiz(d, MH_F_SET_RECEIVE_FOLDER_MESSAGE_CLASS);
}

/* 2.2.3.4.2 RowCount, Rows. [MS-OXCSTOR] 2.2.1.4.2: each row is a StandardPropertyRow or a
 * FlaggedPropertyRow ([MS-OXCDATA] 2.8.1) of three fixed columns, PidTagFolderId (PtypInteger64),
 * PidTagMessageClass (PtypString8) and PidTagLastModificationTime (PtypTime), so no SetColumns is needed. */
static const uint32_t receive_folder_columns[3] = { 0x67480014, 0x001A001E, 0x30080040 };

static void get_receive_folder_table_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    uint32_t n = mh_u32(d, MH_F_GET_RECEIVE_FOLDER_TABLE_ROW_COUNT);
    if (!mh_cur_ok(&d->c))
        return;
    size_t start = mh_open(d, MH_F_GET_RECEIVE_FOLDER_TABLE_ROWS, NULL);
    /* every row takes at least its Flag byte, so a count larger than the bytes ends in truncation */
    size_t max = mh_limits[MH_LIMIT_ROWS_PER_TABLE], i;
    for (i = 0; i < n && i < max && mh_cur_ok(&d->c); i++)
        if (!mh_decode_property_row(d, receive_folder_columns, 3))
            break;
    mh_limit_rows_cut(d, n, i, "RopGetReceiveFolderTable");
    mh_close(d, start);
}

/* 2.2.3.5.2 StoreState */
static void get_store_state_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_u32(d, MH_F_GET_STORE_STATE_STORE_STATE);
}

/* 2.2.3.6.1 and 2.2.3.7.1: FolderId */
static void folder_id_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    plain_request(d, x, r);
    mh_folder_id(d, MH_F_FOLDER_ID, NULL);
}

/* 2.2.3.6.2 OwningServersCount, CheapServersCount, OwningServers */
static void get_owning_servers_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    uint16_t n = mh_u16(d, MH_F_GET_OWNING_SERVERS_OWNING_SERVERS_COUNT);
    uint16_t cheap = mh_u16(d, MH_F_GET_OWNING_SERVERS_CHEAP_SERVERS_COUNT);
    if (mh_cur_ok(&d->c))
        mh_decode_servers(d, MH_F_GET_OWNING_SERVERS_OWNING_SERVERS, n, cheap);
}

/* 2.2.3.7.2 IsGhosted; ServersCount, CheapServersCount and Servers only when IsGhosted is nonzero */
static void public_folder_is_ghosted_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    uint8_t ghosted = mh_u8(d, MH_F_PUBLIC_FOLDER_IS_GHOSTED_IS_GHOSTED);
    if (!mh_cur_ok(&d->c) || !ghosted)
        return;
    uint16_t n = mh_u16(d, MH_F_PUBLIC_FOLDER_IS_GHOSTED_SERVERS_COUNT);
    uint16_t cheap = mh_u16(d, MH_F_PUBLIC_FOLDER_IS_GHOSTED_CHEAP_SERVERS_COUNT);
    if (mh_cur_ok(&d->c))
        mh_decode_servers(d, MH_F_PUBLIC_FOLDER_IS_GHOSTED_SERVERS, n, cheap);
}

/* 2.2.3.8.1 ObjectId (a Folder ID or Message ID); 2.2.3.8.2 LongTermId */
static void long_term_id_from_id_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    plain_request(d, x, r);
    mh_folder_id(d, MH_F_LONG_TERM_ID_FROM_ID_OBJECT_ID, NULL);
}

static void long_term_id_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_long_term_id(d, MH_F_LONG_TERM_ID);
}

/* 2.2.3.9.1 LongTermId; 2.2.3.9.2 ObjectId. 2.2.3.11.1 RopGetPerUserGuid has the same request. */
static void long_term_id_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    plain_request(d, x, r);
    mh_long_term_id(d, MH_F_LONG_TERM_ID);
}

static void id_from_long_term_id_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_folder_id(d, MH_F_ID_FROM_LONG_TERM_ID_OBJECT_ID, NULL);
}

/* 2.2.3.10.1 DatabaseGuid; 2.2.3.10.2 LongTermIdCount, LongTermIds */
static void get_per_user_long_term_ids_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    uint8_t g[16];
    plain_request(d, x, r);
    mh_guid(d, MH_F_GET_PER_USER_LONG_TERM_IDS_DATABASE_GUID, g);
}

static void get_per_user_long_term_ids_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    uint16_t n = mh_u16(d, MH_F_GET_PER_USER_LONG_TERM_IDS_LONG_TERM_ID_COUNT);
    if (!mh_cur_ok(&d->c))
        return;
    size_t start = mh_open(d, MH_F_GET_PER_USER_LONG_TERM_IDS_LONG_TERM_IDS, NULL);
    for (unsigned i = 0; i < n; i++)
        if (!mh_long_term_id(d, MH_F_LONG_TERM_ID))
            break;
    mh_close(d, start);
}

/* 2.2.3.11.2 DatabaseGuid */
static void get_per_user_guid_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    uint8_t g[16];
    (void)x;
    (void)r;
    (void)rv;
    mh_guid(d, MH_F_GET_PER_USER_GUID_DATABASE_GUID, g);
}

/* 2.2.3.12.1 FolderId (a LongTermID), Reserved, DataOffset, MaxDataSize */
static void read_per_user_information_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    plain_request(d, x, r);
    if (!mh_long_term_id(d, MH_F_READ_PER_USER_INFORMATION_FOLDER_ID))
        return;
    mh_u8(d, MH_F_READ_PER_USER_INFORMATION_RESERVED);
    mh_u32(d, MH_F_READ_PER_USER_INFORMATION_DATA_OFFSET);
    mh_u16(d, MH_F_READ_PER_USER_INFORMATION_MAX_DATA_SIZE);
}

/* 2.2.3.12.2 HasFinished, DataSize, Data */
static void read_per_user_information_response(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv)
{
    (void)x;
    (void)r;
    (void)rv;
    mh_u8(d, MH_F_READ_PER_USER_INFORMATION_HAS_FINISHED);
    uint16_t n = mh_u16(d, MH_F_READ_PER_USER_INFORMATION_DATA_SIZE);
    if (mh_cur_ok(&d->c))
        mh_bytes(d, MH_F_READ_PER_USER_INFORMATION_DATA, n);
}

/* Whether a LogonId names a private mailbox logon: 1, 0, or -1 when no RopLogon for it was seen. An earlier
 * RopLogon in the same request decides first (the client lays out its later ROPs by the LogonFlags it
 * sent, and a RopLogon on an active LogonId replaces that logon, [MS-OXCROPS] 2.2.3.1.1); else the
 * LogonFlags committed by a successful RopLogon response. */
static int logon_is_private(const mh_dec *d, const mh_exchange *x, uint8_t logon_id)
{
    if (x)
        for (size_t i = x->cur_rop < x->nrops ? x->cur_rop : x->nrops; i-- > 0;)
            if (x->rops[i].rop_id == 0xFE && x->rops[i].logon_id == logon_id)
                return (x->rops[i].flags8 & LOGON_PRIVATE) != 0;
    if (d->sess && d->sess->logon_known[logon_id])
        return (d->sess->logon_flags[logon_id] & LOGON_PRIVATE) != 0;
    return -1;
}

/* 2.2.3.13.1 FolderId (a LongTermID), HasFinished, DataOffset, DataSize, Data, and ReplGuid, present only
 * when DataOffset is 0 and the logon was created with the Private bit of LogonFlags set. */
static void write_per_user_information_request(mh_dec *d, mh_exchange *x, mh_rop_req *r)
{
    uint8_t g[16];
    uint8_t logon_id = mh_rop_logon_id(d, r);
    mh_rop_input_handle_index(d, r);
    if (!mh_long_term_id(d, MH_F_WRITE_PER_USER_INFORMATION_FOLDER_ID))
        return;
    mh_u8(d, MH_F_WRITE_PER_USER_INFORMATION_HAS_FINISHED);
    uint32_t offset = mh_u32(d, MH_F_WRITE_PER_USER_INFORMATION_DATA_OFFSET);
    uint16_t n = mh_u16(d, MH_F_WRITE_PER_USER_INFORMATION_DATA_SIZE);
    if (!mh_cur_ok(&d->c))
        return;
    mh_bytes(d, MH_F_WRITE_PER_USER_INFORMATION_DATA, n);
    if (!mh_cur_ok(&d->c) || offset != 0)
        return;
    int priv = logon_is_private(d, x, logon_id);
    /* without the logon, the RopsList can still tell: fewer than 16 bytes left cannot hold a ReplGuid */
    if (priv < 0 && mh_cur_left(&d->c) < 16)
        priv = 0;
    if (priv < 0) {
        mh_stop(d, MH_PROB_MISSING_CONTEXT, mh_cur_pos(&d->c),
                "RopWritePerUserInformation: ReplGuid follows Data only for a private mailbox logon ([MS-OXCROPS] "
                "2.2.3.13.1), and no RopLogon for LogonId %u was seen; a ROP has no length, so the rest of the "
                "list is shown raw",
                logon_id);
        return;
    }
    if (priv)
        mh_guid(d, MH_F_WRITE_PER_USER_INFORMATION_REPL_GUID, g);
}

const mh_rop_impl mh_rops_store[] = {
    { 0xFE, MH_ROP_RESP_OUTPUT | MH_ROP_FAILURE_FIELDS, MH_OBJ_LOGON, logon_request, logon_response },
    { 0x27, 0, 0, get_receive_folder_request, get_receive_folder_response },
    { 0x26, 0, 0, set_receive_folder_request, mh_rop_response_empty },
    { 0x68, 0, 0, plain_request, get_receive_folder_table_response },
    { 0x7B, 0, 0, plain_request, get_store_state_response },
    { 0x42, 0, 0, folder_id_request, get_owning_servers_response },
    { 0x45, 0, 0, folder_id_request, public_folder_is_ghosted_response },
    { 0x43, 0, 0, long_term_id_from_id_request, long_term_id_response },
    { 0x44, 0, 0, long_term_id_request, id_from_long_term_id_response },
    { 0x60, 0, 0, get_per_user_long_term_ids_request, get_per_user_long_term_ids_response },
    { 0x61, 0, 0, long_term_id_request, get_per_user_guid_response },
    { 0x63, 0, 0, read_per_user_information_request, read_per_user_information_response },
    { 0x64, 0, 0, write_per_user_information_request, mh_rop_response_empty },
};
const size_t mh_rops_store_count = sizeof mh_rops_store / sizeof mh_rops_store[0];
