/*
 * [MS-OXORULE] rule structures:
 *   2.2.1.3 RuleData            RuleDataFlags (1: ROW_ADD 0x01, ROW_MODIFY 0x02, ROW_REMOVE 0x04),
 *                               PropertyValueCount (2), PropertyValues (TaggedPropertyValue, [MS-OXCDATA]
 *                               2.11.4); PidTagRuleCondition is a PtypRestriction, PidTagRuleActions a
 *                               PtypRuleAction.
 *   2.2.5   RuleAction          NoOfActions, ActionBlocks
 *   2.2.5.1 ActionBlock         ActionLength (of the fields after it), ActionType (1), ActionFlavor (4),
 *                               ActionFlags (4), ActionData
 *   2.2.5.1.1 ActionFlavor      OP_FORWARD: PR 0x1, NC 0x2, AT 0x4, TM 0x8; OP_REPLY / OP_OOF_REPLY: NS 0x1,
 *                               ST 0x2; every other ActionType: 0
 *   2.2.5.1.2 ActionData        .1 OP_MOVE/OP_COPY (FolderInThisStore, StoreEID, FolderEID; a ServerEid
 *                               2.2.5.1.2.1.1 when the folder is in this store), .2 OP_REPLY/OP_OOF_REPLY
 *                               (template FID, MID, GUID), .3 OP_DEFER_ACTION (client-defined bytes),
 *                               .4 OP_FORWARD/OP_DELEGATE (RecipientCount, RecipientBlockData .4.1),
 *                               .5 OP_BOUNCE (BounceCode), OP_TAG (a TaggedPropertyValue), none for
 *                               OP_DELETE and OP_MARK_AS_READ.
 *
 * Widths: "For extended rules, the size of the NoOfActions field is 4 bytes instead of 2 bytes" (2.2.5),
 * likewise ActionLength (2.2.5.1), and the extended forms of the Move/Copy and Reply ActionData take
 * 4-byte sizes. For RecipientCount and NoOfProperties the section draws "2 bytes or 4 bytes" but its text
 * says 4 bytes; standard rules in ROP buffers use 2 (the same rule as NoOfActions; gromox and MAPI
 * Inspector read 2 bytes there), so every count follows d->wide_counts: 16 bits in ROP buffers, 32 bits
 * in extended rules. ActionLength bounds each ActionBlock, so a block whose ActionData cannot be decoded
 * is shown raw and the next block still decodes.
 */
#include "rule.h"

#include <stdio.h>
#include <string.h>

#include "ids.h"
#include "names.h"
#include "propvalue.h"
#include "report_once.h"

enum {
    OP_MOVE = 0x01, OP_COPY, OP_REPLY, OP_OOF_REPLY, OP_DEFER_ACTION, OP_BOUNCE, OP_FORWARD, OP_DELEGATE,
    OP_TAG, OP_DELETE, OP_MARK_AS_READ
};

static const mh_vs rule_data_flags_vs[] = { { 0x01, "ROW_ADD" }, { 0x02, "ROW_MODIFY" }, { 0x04, "ROW_REMOVE" } };
const mh_names mh_names_rule_data_flags = MH_BITS(rule_data_flags_vs);

static const mh_vs action_type_vs[] = {
    { 0x01, "OP_MOVE" },   { 0x02, "OP_COPY" },         { 0x03, "OP_REPLY" },  { 0x04, "OP_OOF_REPLY" },
    { 0x05, "OP_DEFER_ACTION" }, { 0x06, "OP_BOUNCE" }, { 0x07, "OP_FORWARD" }, { 0x08, "OP_DELEGATE" },
    { 0x09, "OP_TAG" },    { 0x0A, "OP_DELETE" },       { 0x0B, "OP_MARK_AS_READ" },
};
const mh_names mh_names_action_type = MH_NAMES_SORTED(action_type_vs);

/* 2.2.5.1.1: the bits are named by their letters in the specification */
static const mh_vs forward_flavor_vs[] = {
    { 0x1, "PR: preserve sender" }, { 0x2, "NC: no changes" }, { 0x4, "AT: as attachment" },
    { 0x8, "TM: as SMS text message" },
};
const mh_names mh_names_forward_flavor = MH_BITS(forward_flavor_vs);
static const mh_vs reply_flavor_vs[] = { { 0x1, "NS: not to sender" }, { 0x2, "ST: server text" } };
const mh_names mh_names_reply_flavor = MH_BITS(reply_flavor_vs);

/* 2.2.5.1.2.5 */
static const mh_vs bounce_code_vs[] = {
    { 0x0000000D, "Message too large" },
    { 0x0000001F, "Message cannot be displayed" },
    { 0x00000026, "Delivery denied" },
};
const mh_names mh_names_bounce_code = MH_NAMES(bounce_code_vs);

static int rule_actions(mh_dec *d, mh_tag_note_fn note);
static int tagged_value(mh_dec *d, mh_tag_note_fn note);
static int rule_data(mh_dec *d, mh_tag_note_fn note);

/* Internal decoders read straight through and leave a read that ran out in the cursor; the public
 * functions run them through mh_report_once (report_once.h). */
/* mh_decode_restriction reports its own read failures and leaves them in the cursor */
static int restriction_inner(mh_dec *d, mh_tag_note_fn note)
{
    int ok = mh_decode_restriction(d, note);
    if (!mh_cur_ok(&d->c)) {
        /* already reported: end the part as mh_stop does, without a second report */
        mh_cur_clear(&d->c);
        mh_cur_skip(&d->c, mh_cur_left(&d->c), "Restriction");
        ok = 0;
    }
    return ok;
}

/* A count whose width follows wide_counts (2.2.5: 2 bytes in standard rules, 4 in extended rules). */
static uint32_t count_field(mh_dec *d, mh_field_id f)
{
    return d->wide_counts ? mh_u32(d, f) : mh_u16(d, f);
}

static const char *tag_note(mh_dec *d, mh_tag_note_fn note, uint32_t tag, char *buf, size_t n)
{
    return note && (tag >> 16) >= 0x8000 ? note(d, tag, buf, n) : NULL;
}

static int tagged_value(mh_dec *d, mh_tag_note_fn note)
{
    size_t start = mh_cur_pos(&d->c);
    uint32_t tag = mh_cur_u32(&d->c, "PropertyTag");
    if (!mh_cur_ok(&d->c))
        return 1; /* reported by the caller */
    char buf[128], heading[200];
    const char *named = tag_note(d, note, tag, buf, sizeof buf);
    const char *name = named ? named : mh_property_tag_name(tag);
    mh_value v;
    memset(&v, 0, sizeof v);
    v.u = tag;
    if (name)
        snprintf(heading, sizeof heading, "%s (0x%08X)", name, tag);
    mh_open_at(d, MH_F_PROPERTY_VALUE, start, &v, name ? heading : NULL);
    mh_emit_uint(d, MH_F_PROPERTY_TAG, start, 4, tag, named);
    uint16_t type = (uint16_t)(tag & 0xFFFF);
    int ok;
    if (type == 0x00FD) /* PtypRestriction */
        ok = restriction_inner(d, note);
    else if (type == 0x00FE) /* PtypRuleAction */
        ok = rule_actions(d, note);
    else /* 0 after its own mh_stop, or when a read ran out (left in the cursor) */
        ok = mh_decode_property_value(d, type) || !mh_cur_ok(&d->c);
    mh_close(d, start);
    return ok;
}

/* Adapters for mh_report_once: the parameter block is the tag note function. */
#define NOTE_ARG(name, fn)                                     \
    static int name(mh_dec *d, const void *arg)                \
    {                                                          \
        return fn(d, *(const mh_tag_note_fn *)arg);            \
    }
NOTE_ARG(tagged_value_arg, tagged_value)
NOTE_ARG(restriction_arg, restriction_inner)
NOTE_ARG(rule_actions_arg, rule_actions)
NOTE_ARG(rule_data_arg, rule_data)

int mh_decode_rule_tagged_value(mh_dec *d, mh_tag_note_fn note)
{
    return mh_report_once(d, tagged_value_arg, &note, "TaggedPropertyValue");
}

int mh_decode_restriction_value(mh_dec *d)
{
    mh_tag_note_fn none = NULL;
    return mh_report_once(d, restriction_arg, &none, "Restriction");
}

/* `n` TaggedPropertyValues; stops at the first that cannot be decoded. */
static int tagged_values(mh_dec *d, uint32_t n, mh_tag_note_fn note)
{
    int ok = 1;
    /* each value takes at least its 4-byte tag, so a count larger than the bytes stops on its own */
    for (uint32_t i = 0; i < n && ok && mh_cur_ok(&d->c); i++)
        ok = tagged_value(d, note);
    return ok;
}

/* 2.2.5.1.2.1.1 ServerEid: Ours (0x01), FolderId, MessageId (zero), Instance (zero). */
static void server_eid(mh_dec *d)
{
    size_t start = mh_open(d, MH_F_RULE_SERVER_EID, NULL);
    mh_u8(d, MH_F_RULE_SERVER_EID_OURS);
    mh_folder_id(d, MH_F_RULE_SERVER_EID_FOLDER_ID, NULL);
    mh_folder_id(d, MH_F_RULE_SERVER_EID_MESSAGE_ID, NULL);
    mh_u32(d, MH_F_RULE_SERVER_EID_INSTANCE);
    if (mh_check(d, "ServerEid"))
        mh_check_leftover(d, "ServerEid");
    mh_close(d, start);
}

/* 2.2.5.1.2.1 OP_MOVE / OP_COPY. */
static void move_copy(mh_dec *d)
{
    uint8_t in_this_store = 0;
    if (!d->wide_counts)
        in_this_store = mh_u8(d, MH_F_RULE_FOLDER_IN_THIS_STORE);
    /* StoreEID is a Store Object EntryID ([MS-OXCDATA] 2.2.4.3), ignored when FolderInThisStore is set */
    uint32_t n = count_field(d, MH_F_RULE_STORE_EID_SIZE);
    if (mh_cur_ok(&d->c))
        mh_bytes(d, MH_F_RULE_STORE_EID, n);
    n = count_field(d, MH_F_RULE_FOLDER_EID_SIZE);
    if (!mh_cur_ok(&d->c))
        return;
    /* a Folder EntryID ([MS-OXCDATA] 2.2.4.1) when the folder is elsewhere; a size that runs past the
     * ActionData is left in the cursor for the block to report */
    if (!in_this_store || n > mh_cur_left(&d->c)) {
        mh_bytes(d, MH_F_RULE_FOLDER_EID, n);
        return;
    }
    mh_dec sub;
    mh_dec_sub(d, n, "FolderEID", &sub);
    server_eid(&sub);
}

/* 2.2.5.1.2.2 OP_REPLY / OP_OOF_REPLY. */
static void reply(mh_dec *d)
{
    uint8_t g[16];
    if (d->wide_counts) { /* extended rules: a Message EntryID of the template ([MS-OXCDATA] 2.2.4.2) */
        uint32_t n = mh_u32(d, MH_F_RULE_MESSAGE_EID_SIZE);
        if (mh_cur_ok(&d->c))
            mh_bytes(d, MH_F_RULE_REPLY_TEMPLATE_MESSAGE_EID, n);
    } else {
        mh_folder_id(d, MH_F_RULE_REPLY_TEMPLATE_FID, NULL);
        mh_folder_id(d, MH_F_RULE_REPLY_TEMPLATE_MID, NULL);
    }
    mh_guid(d, MH_F_RULE_REPLY_TEMPLATE_GUID, g);
}

/* 2.2.5.1.2.4 OP_FORWARD / OP_DELEGATE. */
static int forward_delegate(mh_dec *d, mh_tag_note_fn note)
{
    uint32_t n = count_field(d, MH_F_RULE_RECIPIENT_COUNT);
    size_t start = mh_open(d, MH_F_RULE_RECIPIENT_BLOCKS, NULL);
    int ok = 1;
    /* each block takes at least 3 bytes, so a count larger than the bytes stops on its own */
    for (uint32_t i = 0; i < n && ok && mh_cur_ok(&d->c); i++) {
        size_t b = mh_open(d, MH_F_RULE_RECIPIENT_BLOCK, NULL);
        mh_u8(d, MH_F_RULE_RECIPIENT_RESERVED);
        uint32_t props = count_field(d, MH_F_RULE_RECIPIENT_NO_OF_PROPERTIES);
        ok = tagged_values(d, props, note);
        mh_close(d, b);
    }
    mh_close(d, start);
    return ok;
}

/* The ActionData of one ActionBlock; `d` covers exactly its bytes (a decoder of its own). `cut`: the
 * block's bytes ran out, which is reported already: what exists is shown without a second report. */
static void action_data(mh_dec *d, uint8_t type, mh_tag_note_fn note, int cut)
{
    size_t start = mh_cur_pos(&d->c);
    if ((type == OP_DELETE || type == OP_MARK_AS_READ) && !mh_cur_left(&d->c))
        return; /* these actions have no ActionData */
    if (type == OP_DEFER_ACTION) { /* the whole ActionData is the client's: one opaque field */
        mh_bytes(d, MH_F_RULE_DEFER_ACTION_DATA, mh_cur_left(&d->c));
        return;
    }
    mh_open(d, MH_F_RULE_ACTION_DATA, NULL);
    int ok = 1;
    switch (type) {
    case OP_MOVE:
    case OP_COPY:
        move_copy(d);
        break;
    case OP_REPLY:
    case OP_OOF_REPLY:
        reply(d);
        break;
    case OP_BOUNCE:
        mh_u32(d, MH_F_RULE_BOUNCE_CODE);
        break;
    case OP_FORWARD:
    case OP_DELEGATE:
        ok = forward_delegate(d, note);
        break;
    case OP_TAG:
        ok = tagged_value(d, note);
        break;
    case OP_DELETE:
    case OP_MARK_AS_READ:
        break; /* bytes left are reported below */
    default:
        mh_stop(d, MH_PROB_UNSUPPORTED, start,
                "ActionType 0x%02X is not defined by [MS-OXORULE] 2.2.5.1; its ActionData is shown raw", type);
        ok = 0;
        break;
    }
    if (ok && !cut && mh_check(d, "ActionData"))
        mh_check_leftover(d, "ActionData");
    mh_close(d, start);
}

/* 2.2.5.1 ActionBlock; returns 0 when the blocks after it cannot be found. */
static int action_block(mh_dec *d, mh_tag_note_fn note)
{
    size_t start = mh_cur_pos(&d->c);
    size_t width = d->wide_counts ? 4 : 2;
    uint32_t len = d->wide_counts ? mh_cur_u32(&d->c, "ActionLength") : mh_cur_u16(&d->c, "ActionLength");
    if (!mh_cur_ok(&d->c))
        return 1; /* the read that ran out is reported where the RuleAction ends */
    uint8_t type = 0;
    char heading[64] = "ActionBlock";
    if (len && mh_cur_peek_u8(&d->c, 0, &type)) {
        const char *name = mh_names_find(&mh_names_action_type, type);
        snprintf(heading, sizeof heading, "ActionBlock: %s (0x%02X)", name ? name : "Unknown", type);
    }
    mh_open_at(d, MH_F_RULE_ACTION_BLOCK, start, NULL, heading);
    mh_emit_uint(d, MH_F_RULE_ACTION_LENGTH, start, width, len, NULL);
    /* ActionLength bounds the block: what goes wrong inside it is reported inside it */
    mh_dec b;
    int whole = mh_dec_sub(d, len, "ActionBlock", &b);
    type = mh_u8(&b, MH_F_RULE_ACTION_TYPE);
    size_t flavor_at = mh_cur_pos(&b.c);
    mh_field_id ff = type == OP_FORWARD ? MH_F_RULE_ACTION_FORWARD_FLAVOR
                   : (type == OP_REPLY || type == OP_OOF_REPLY) ? MH_F_RULE_ACTION_REPLY_FLAVOR
                                                                 : MH_F_RULE_ACTION_FLAVOR;
    uint32_t flavor = mh_u32(&b, ff);
    mh_u32(&b, MH_F_RULE_ACTION_FLAGS);
    if (!whole ? mh_cur_ok(&b.c) : mh_check(&b, "ActionBlock")) {
        /* 2.2.5.1.1 rules the layout does not depend on: reported, decoding goes on */
        if (ff == MH_F_RULE_ACTION_FLAVOR && flavor)
            mh_problem(&b, MH_PROB_MALFORMED, flavor_at, 4,
                       "ActionFlavor 0x%08X: it MUST be 0 for this ActionType ([MS-OXORULE] 2.2.5.1.1)", flavor);
        else if (ff == MH_F_RULE_ACTION_FORWARD_FLAVOR && (flavor & 0xC) && flavor != 0x4 && flavor != 0x8)
            mh_problem(&b, MH_PROB_MALFORMED, flavor_at, 4,
                       "ActionFlavor 0x%08X: AT and TM MUST NOT be combined with other flags ([MS-OXORULE] 2.2.5.1.1)",
                       flavor);
        action_data(&b, type, note, !whole);
    }
    mh_close(d, start);
    return whole;
}

static int rule_actions(mh_dec *d, mh_tag_note_fn note)
{
    size_t start = mh_cur_pos(&d->c);
    if (d->depth >= mh_limits[MH_LIMIT_RESTRICTION_DEPTH]) {
        /* an OP_TAG value can itself be a RuleAction: bound the recursion as restrictions do */
        mh_limit_stop(d, MH_LIMIT_RESTRICTION_DEPTH, start, "rule actions nested deeper than %zu levels are not decoded",
                      mh_limits[MH_LIMIT_RESTRICTION_DEPTH]);
        return 0;
    }
    d->depth++;
    mh_open(d, MH_F_RULE_ACTION, NULL);
    uint32_t n = count_field(d, MH_F_RULE_ACTION_NO_OF_ACTIONS);
    int ok = 1;
    /* every ActionBlock takes at least its ActionLength, so a count larger than the bytes stops */
    for (uint32_t i = 0; i < n && ok && mh_cur_ok(&d->c); i++)
        ok = action_block(d, note);
    mh_close(d, start);
    d->depth--;
    return ok;
}

int mh_decode_rule_actions(mh_dec *d)
{
    mh_tag_note_fn none = NULL;
    return mh_report_once(d, rule_actions_arg, &none, "RuleAction");
}

int mh_decode_rule_actions_named(mh_dec *d, mh_tag_note_fn tag_note)
{
    return mh_report_once(d, rule_actions_arg, &tag_note, "RuleAction");
}

static int rule_data(mh_dec *d, mh_tag_note_fn note)
{
    size_t start = mh_open(d, MH_F_RULE_DATA, NULL);
    mh_u8(d, MH_F_RULE_DATA_FLAGS);
    /* RuleData exists only in RopModifyRules: its count is 2 bytes whatever the context */
    uint16_t n = mh_u16(d, MH_F_RULE_DATA_PROPERTY_VALUE_COUNT);
    int ok = 1;
    if (mh_cur_ok(&d->c)) {
        size_t v = mh_open(d, MH_F_RULE_DATA_PROPERTY_VALUES, NULL);
        ok = tagged_values(d, n, note);
        mh_close(d, v);
    }
    mh_close(d, start);
    return ok;
}

int mh_decode_rule_data(mh_dec *d, mh_tag_note_fn note)
{
    return mh_report_once(d, rule_data_arg, &note, "RuleData");
}
