/*
 * [MS-OXORULE] rule structures, encoded by hand: 2.2.5 RuleAction and 2.2.5.1 ActionBlock with every
 * ActionData form of 2.2.5.1.2 (standard rules: 16-bit counts and lengths, as in ROP buffers; extended
 * rules: 32-bit, d->wide_counts), the flavors of 2.2.5.1.1, 2.2.1.3 RuleData with a PtypRestriction
 * condition, PtypRestriction values, the recursion limit, and problems: an undefined ActionType, an
 * ActionLength too short or too long, truncation. Every problem is reported once, and the caller's
 * cursor never keeps an error that was already reported.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "builder.h"
#include "check.h"
#include "core/arena.h"
#include "core/dec.h"
#include "mapi/rule.h"
#include "record_sink.h"

enum { OP_MOVE = 1, OP_COPY, OP_REPLY, OP_OOF_REPLY, OP_DEFER_ACTION, OP_BOUNCE, OP_FORWARD, OP_DELEGATE, OP_TAG,
       OP_DELETE, OP_MARK_AS_READ };

static rec_sink rec;
static int problems;
static size_t used;
static int cursor_ok;
static int wide;

/* a count or length in the width of the context */
static void cnt(bld *t, uint32_t n)
{
    if (wide)
        b_u32(t, n);
    else
        b_u16(t, (uint16_t)n);
}

/* Starts an ActionBlock: ActionLength (patched by end_block), ActionType, ActionFlavor, ActionFlags. */
static size_t begin_block(bld *t, uint8_t type, uint32_t flavor)
{
    size_t at = t->n;
    cnt(t, 0);
    b_u8(t, type);
    b_u32(t, flavor);
    b_u32(t, 0);
    return at;
}

static void end_block(bld *t, size_t at)
{
    size_t w = wide ? 4 : 2;
    uint32_t len = (uint32_t)(t->n - at - w);
    if (wide)
        b_put32(t, at, len);
    else
        b_put16(t, at, (uint16_t)len);
}

static void fid(bld *t, uint16_t replica, uint64_t counter)
{
    b_u16(t, replica);
    for (int i = 5; i >= 0; i--)
        b_u8(t, (uint8_t)(counter >> (8 * i)));
}

static const char *named(mh_dec *d, uint32_t tag, char *buf, size_t n)
{
    (void)d;
    snprintf(buf, n, "Test:0x%04X", (unsigned)(tag >> 16));
    return buf;
}

enum { ACTIONS, RULE_DATA, RESTRICTION_VALUE, TAGGED_VALUE };

static int decode(const bld *t, int complete, int what, mh_tag_note_fn note)
{
    mh_arena arena;
    mh_arena_init(&arena, 0);
    mh_dec d;
    rec_dec_init(&rec, &d, &arena, &problems, t->b, t->n, complete);
    d.wide_counts = (unsigned char)wide;
    int ok = 0;
    switch (what) {
    case ACTIONS: ok = note ? mh_decode_rule_actions_named(&d, note) : mh_decode_rule_actions(&d); break;
    case RULE_DATA: ok = mh_decode_rule_data(&d, note); break;
    case RESTRICTION_VALUE: ok = mh_decode_restriction_value(&d); break;
    case TAGGED_VALUE: ok = mh_decode_rule_tagged_value(&d, note); break;
    }
    used = mh_cur_pos(&d.c);
    cursor_ok = mh_cur_ok(&d.c);
    CHECK_EQ(d.depth, 0);
    mh_arena_free(&arena);
    CHECK_EQ(rec.depth, 0);
    return ok;
}

/* one RecipientBlockData (2.2.5.1.2.4.1): Reserved, NoOfProperties, PidTagDisplayName, PidTagEntryId */
static void recipient(bld *t, const char *name)
{
    b_u8(t, 0x01);
    cnt(t, 2);
    b_u32(t, 0x3001001F);
    b_utf16z(t, name);
    b_u32(t, 0x0FFF0102);   /* PtypBinary: its COUNT follows the context width ([MS-OXCDATA] 2.11.1.1) */
    cnt(t, 3);
    b_u8(t, 0xAA); b_u8(t, 0xBB); b_u8(t, 0xCC);
}

/* All eleven ActionTypes in one RuleAction, in the width of the context. */
static void all_actions(bld *t)
{
    cnt(t, 11); /* NoOfActions */
    size_t b = begin_block(t, OP_MOVE, 0);
    if (!wide) {               /* 2.2.5.1.2.1 standard: FolderInThisStore, StoreEID, ServerEid */
        b_u8(t, 0x01);
        cnt(t, 1); b_u8(t, 0x00);
        cnt(t, 21);
        b_u8(t, 0x01); fid(t, 1, 0xB5); b_u64(t, 0); b_u32(t, 0);
    } else {                   /* extended: StoreEIDSize, StoreEID, FolderEIDSize, Folder EntryID */
        cnt(t, 2); b_u8(t, 0x01); b_u8(t, 0x02);
        cnt(t, 4); b_u32(t, 0x44332211);
    }
    end_block(t, b);
    b = begin_block(t, OP_COPY, 0);
    if (!wide) {               /* a folder in another store: both EntryIDs as bytes */
        b_u8(t, 0x00);
        cnt(t, 2); b_u8(t, 0x10); b_u8(t, 0x11);
        cnt(t, 3); b_u8(t, 0x20); b_u8(t, 0x21); b_u8(t, 0x22);
    } else {
        cnt(t, 0);
        cnt(t, 1); b_u8(t, 0x30);
    }
    end_block(t, b);
    for (uint8_t type = OP_REPLY; type <= OP_OOF_REPLY; type++) {
        b = begin_block(t, type, type == OP_REPLY ? 0x00000001 : 0);  /* NS */
        if (!wide) {            /* 2.2.5.1.2.2 standard: ReplyTemplateFID, ReplyTemplateMID, GUID */
            fid(t, 1, 0xA5);
            fid(t, 1, 0x1234);
        } else {                /* extended: MessageEIDSize, ReplyTemplateMessageEID */
            cnt(t, 2); b_u8(t, 0x70); b_u8(t, 0x71);
        }
        for (int i = 0; i < 16; i++)
            b_u8(t, (uint8_t)i);
        end_block(t, b);
    }
    b = begin_block(t, OP_DEFER_ACTION, 0);
    b_u8(t, 0xDE); b_u8(t, 0xAD);
    end_block(t, b);
    b = begin_block(t, OP_BOUNCE, 0);
    b_u32(t, 0x00000026);
    end_block(t, b);
    b = begin_block(t, OP_FORWARD, 0x00000003);  /* PR | NC */
    cnt(t, 2);                                   /* RecipientCount */
    recipient(t, "Bob");
    recipient(t, "Carol");
    end_block(t, b);
    b = begin_block(t, OP_DELEGATE, 0);
    cnt(t, 1);
    recipient(t, "Dave");
    end_block(t, b);
    b = begin_block(t, OP_TAG, 0);
    b_u32(t, 0x00170003); b_u32(t, 2);           /* PidTagImportance */
    end_block(t, b);
    end_block(t, begin_block(t, OP_DELETE, 0));
    end_block(t, begin_block(t, OP_MARK_AS_READ, 0));
}

static void check_all_actions(void)
{
    CHECK_EQ(rec_count(&rec, "mapihttp.rule_action.action_block"), 11);
    CHECK_STR(rec_value(&rec, "mapihttp.rule_action.no_of_actions", 0), "11");
    CHECK_STR(rec_value(&rec, "mapihttp.rule_action.action_type", 0), "OP_MOVE (0x01)");
    CHECK_STR(rec_value(&rec, "mapihttp.rule_action.action_type", 10), "OP_MARK_AS_READ (0x0B)");
    CHECK_STR(rec_value(&rec, "mapihttp.rule_action.reply_flavor", 0), "0x00000001 (NS: not to sender)");
    CHECK_STR(rec_value(&rec, "mapihttp.rule_action.forward_flavor", 0),
              "0x00000003 (PR: preserve sender, NC: no changes)");
    CHECK_STR(rec_value(&rec, "mapihttp.rule_action.defer_action_data", 0), "dead");
    CHECK_STR(rec_value(&rec, "mapihttp.rule_action.bounce_code", 0), "Delivery denied (0x00000026)");
    CHECK_STR(rec_value(&rec, "mapihttp.rule_action.recipient_count", 0), "2");
    CHECK_EQ(rec_count(&rec, "mapihttp.rule_action.recipient_block"), 3);
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 0), "Bob");
    CHECK_STR(rec_value(&rec, "mapihttp.value.string", 2), "Dave");
    CHECK_STR(rec_value(&rec, "mapihttp.value.binary", 2), "aabbcc");
    CHECK_STR(rec_value(&rec, "mapihttp.value.int32", 0), "2");
    CHECK_STR(rec_value(&rec, "mapihttp.rule_action.reply_template_guid", 0), "{03020100-0504-0706-0809-0A0B0C0D0E0F}");
    CHECK_EQ(rec_count(&rec, "mapihttp.rule_action.action_data"), 8); /* none for delete/read, defer is bytes */
}

static void test_standard_actions(void)
{
    wide = 0;
    bld t = { .n = 0 };
    all_actions(&t);
    CHECK_EQ(decode(&t, 1, ACTIONS, NULL), 1);
    CHECK_EQ(used, t.n);
    CHECK_EQ(problems, 0);
    check_all_actions();
    const rec_event *e = rec_find(&rec, "mapihttp.rule_action.action_length", 0);
    CHECK(e && e->len == 2 && strcmp(e->value, "36") == 0); /* 9 + 1 + 2 + 1 + 2 + 21 */
    CHECK_STR(rec_value(&rec, "mapihttp.rule_action.folder_in_this_store", 0), "True");
    CHECK_STR(rec_value(&rec, "mapihttp.rule_action.server_eid.ours", 0), "0x01");
    CHECK_STR(rec_value(&rec, "mapihttp.rule_action.server_eid.folder_id", 0), "0001-0000000000B5");
    CHECK_STR(rec_value(&rec, "mapihttp.rule_action.server_eid.message_id", 0), "0000-000000000000");
    CHECK_STR(rec_value(&rec, "mapihttp.rule_action.folder_in_this_store", 1), "False");
    CHECK_STR(rec_value(&rec, "mapihttp.rule_action.folder_eid", 0), "202122");
    CHECK_STR(rec_value(&rec, "mapihttp.rule_action.reply_template_fid", 0), "0001-0000000000A5");
    CHECK_STR(rec_value(&rec, "mapihttp.rule_action.reply_template_mid", 1), "0001-000000001234");
    e = rec_find(&rec, "mapihttp.rule_action.recipient_block.no_of_properties", 0);
    CHECK(e && e->len == 2);
}

static void test_extended_actions(void)
{
    wide = 1;
    bld t = { .n = 0 };
    all_actions(&t);
    CHECK_EQ(decode(&t, 1, ACTIONS, NULL), 1);
    CHECK_EQ(used, t.n);
    CHECK_EQ(problems, 0);
    check_all_actions();
    const rec_event *e = rec_find(&rec, "mapihttp.rule_action.no_of_actions", 0);
    CHECK(e && e->len == 4);
    e = rec_find(&rec, "mapihttp.rule_action.action_length", 0);
    CHECK(e && e->len == 4);
    CHECK(rec_find(&rec, "mapihttp.rule_action.folder_in_this_store", 0) == NULL);
    CHECK_STR(rec_value(&rec, "mapihttp.rule_action.folder_eid", 0), "11223344");
    CHECK_STR(rec_value(&rec, "mapihttp.rule_action.reply_template_message_eid", 1), "7071");
    CHECK(rec_find(&rec, "mapihttp.rule_action.reply_template_fid", 0) == NULL);
    e = rec_find(&rec, "mapihttp.rule_action.recipient_block.no_of_properties", 0);
    CHECK(e && e->len == 4);
    wide = 0;
}

/* ActionLength bounds each block: what goes wrong inside one is reported there, and the next decodes. */
static void test_block_bounds(void)
{
    wide = 0;
    bld t = { .n = 0 };
    cnt(&t, 4);
    size_t b = begin_block(&t, 0x0C, 0);          /* undefined ActionType */
    b_u8(&t, 1); b_u8(&t, 2);
    end_block(&t, b);
    b = begin_block(&t, OP_BOUNCE, 0);            /* ActionData one byte short of its BounceCode */
    b_u8(&t, 0x0D); b_u8(&t, 0); b_u8(&t, 0);
    end_block(&t, b);
    b = begin_block(&t, OP_DELETE, 0x00000001);   /* a flavor where it MUST be 0, and an extra byte */
    b_u8(&t, 0x99);
    end_block(&t, b);
    end_block(&t, begin_block(&t, OP_MARK_AS_READ, 0));
    CHECK_EQ(decode(&t, 1, ACTIONS, NULL), 1);
    CHECK_EQ(used, t.n);
    CHECK_EQ(rec_count(&rec, "mapihttp.rule_action.action_block"), 4);
    CHECK_STR(rec_value(&rec, "mapihttp.rule_action.action_type", 3), "OP_MARK_AS_READ (0x0B)");
    CHECK_EQ(problems, 4);
    const char *m = rec_problem(&rec, MH_PROB_UNSUPPORTED);
    CHECK(m && strstr(m, "ActionType 0x0C"));
    m = rec_problem(&rec, MH_PROB_MALFORMED);
    CHECK(m && strstr(m, "BounceCode"));
    CHECK(rec_find(&rec, "mapihttp.rule_action.bounce_code", 0) == NULL);

    /* ActionLength shorter than ActionType + ActionFlavor + ActionFlags */
    t.n = 0;
    cnt(&t, 2);
    b_u16(&t, 5); b_u8(&t, OP_DELETE); b_u32(&t, 0);
    end_block(&t, begin_block(&t, OP_DELETE, 0));
    CHECK_EQ(decode(&t, 1, ACTIONS, NULL), 1);
    CHECK_EQ(used, t.n);
    CHECK_EQ(problems, 1);
    CHECK_EQ(rec_count(&rec, "mapihttp.rule_action.action_block"), 2);
    CHECK_EQ(rec_count(&rec, "mapihttp.rule_action.action_flags"), 1);

    /* AT combined with another forward flavor ([MS-OXORULE] 2.2.5.1.1) */
    t.n = 0;
    cnt(&t, 1);
    b = begin_block(&t, OP_FORWARD, 0x00000005);
    cnt(&t, 1);
    recipient(&t, "Eve");
    end_block(&t, b);
    CHECK_EQ(decode(&t, 1, ACTIONS, NULL), 1);
    CHECK_EQ(problems, 1);
    CHECK(rec_problem(&rec, MH_PROB_MALFORMED) && strstr(rec_problem(&rec, MH_PROB_MALFORMED), "AT and TM"));
}

/* Cut short: reported once, the caller's cursor at its limit and without an error. */
static void test_truncated(void)
{
    wide = 0;
    bld t = { .n = 0 };
    all_actions(&t);
    size_t full = t.n;
    for (size_t n = 0; n < full; n += 7) {
        t.n = n;
        int ok = decode(&t, 0, ACTIONS, NULL);
        CHECK_EQ(ok, 0);
        CHECK_EQ(problems, 1);
        CHECK(rec_problem(&rec, MH_PROB_TRUNCATED) != NULL);
        CHECK_EQ(used, n);
        CHECK_EQ(cursor_ok, 1);
    }
    /* an ActionLength past the end of the buffer: the block is cut, and so is the list */
    t.n = 0;
    cnt(&t, 2);
    b_u16(&t, 40); b_u8(&t, OP_DELETE); b_u32(&t, 0); b_u32(&t, 0);
    CHECK_EQ(decode(&t, 1, ACTIONS, NULL), 0);
    CHECK(rec_problem(&rec, MH_PROB_MALFORMED) != NULL);
    CHECK_EQ(used, t.n);
    CHECK_EQ(cursor_ok, 1);
}

/* RuleData with a condition (PtypRestriction) and actions (PtypRuleAction), tags from 0x8000 named. */
static void test_rule_data(void)
{
    wide = 0;
    bld t = { .n = 0 };
    b_u8(&t, 0x01);                               /* ROW_ADD */
    b_u16(&t, 3);
    b_u32(&t, 0x6682001F); b_utf16z(&t, "Flag it");          /* PidTagRuleName */
    b_u32(&t, 0x667900FD);                        /* PidTagRuleCondition: Exist of a named property */
    b_u8(&t, 0x08); b_u32(&t, 0x8005000B);
    b_u32(&t, 0x668000FE);                        /* PidTagRuleActions: OP_TAG of a named property */
    cnt(&t, 1);
    size_t b = begin_block(&t, OP_TAG, 0);
    b_u32(&t, 0x8005000B); b_u8(&t, 1);
    end_block(&t, b);
    CHECK_EQ(decode(&t, 1, RULE_DATA, named), 1);
    CHECK_EQ(used, t.n);
    CHECK_EQ(problems, 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rule_data.rule_data_flags", 0), "0x01 (ROW_ADD)");
    CHECK_STR(rec_value(&rec, "mapihttp.rule_data.property_value_count", 0), "3");
    CHECK_STR(rec_value(&rec, "mapihttp.restriction.restrict_type", 0), "ExistRestriction (0x08)");
    const rec_event *e = rec_find(&rec, "mapihttp.restriction.prop_tag", 0);
    CHECK(e && strcmp(e->note, "Test:0x8005") == 0);
    e = rec_find(&rec, "mapihttp.property_tag", 3);
    CHECK(e && strcmp(e->value, "Named property (0x8005000B)") == 0 && strcmp(e->note, "Test:0x8005") == 0);
    CHECK_STR(rec_value(&rec, "mapihttp.value.boolean", 0), "True");

    /* a condition cut inside: reported once (by the restriction), nothing after it decodes */
    t.n = 0;
    b_u8(&t, 0x02);
    b_u16(&t, 2);
    b_u32(&t, 0x667900FD);
    b_u8(&t, 0x00); b_u16(&t, 2); b_u8(&t, 0x08);  /* AndRestriction of 2, the first cut */
    CHECK_EQ(decode(&t, 0, RULE_DATA, NULL), 0);
    CHECK_EQ(problems, 1);
    CHECK_EQ(used, t.n);
    CHECK_EQ(cursor_ok, 1);
}

static void test_values(void)
{
    wide = 0;
    bld t = { .n = 0 };
    b_u8(&t, 0x04); b_u8(&t, 0x04); b_u32(&t, 0x0037001E); b_u32(&t, 0x0037001E); b_asciiz(&t, "Hi");
    CHECK_EQ(decode(&t, 1, RESTRICTION_VALUE, NULL), 1);
    CHECK_EQ(used, t.n);
    CHECK_STR(rec_value(&rec, "mapihttp.value.string8", 0), "Hi");
    t.n -= 2;
    CHECK_EQ(decode(&t, 0, RESTRICTION_VALUE, NULL), 0);
    CHECK_EQ(problems, 1);
    CHECK_EQ(cursor_ok, 1);
    CHECK_EQ(used, t.n);

    /* a TaggedPropertyValue of a type [MS-OXCDATA] 2.11.1 does not define: one problem, stopped */
    t.n = 0;
    b_u32(&t, 0x00370099); b_u32(&t, 1);
    CHECK_EQ(decode(&t, 1, TAGGED_VALUE, NULL), 0);
    CHECK_EQ(problems, 1);
    CHECK(rec_problem(&rec, MH_PROB_UNSUPPORTED) != NULL);
    CHECK_EQ(cursor_ok, 1);
}

/* An OP_TAG whose value is itself a RuleAction, nested beyond the decoder's limit: stopped, reported. */
static void test_nesting_limit(void)
{
    wide = 0;
    bld t = { .n = 0 };
    size_t at[64];
    int levels = 40;
    for (int i = 0; i < levels; i++) {
        cnt(&t, 1);
        at[i] = begin_block(&t, OP_TAG, 0);
        b_u32(&t, 0x668000FE);
    }
    cnt(&t, 0);
    for (int i = levels; i-- > 0;)
        end_block(&t, at[i]);
    CHECK_EQ(decode(&t, 1, ACTIONS, NULL), 1); /* the outer blocks go on: their lengths bound them */
    const char *m = rec_problem(&rec, MH_PROB_UNSUPPORTED);
    CHECK(m && strstr(m, "nested deeper"));
    CHECK_EQ(problems, 1);
    CHECK_EQ(used, t.n);
}

int main(void)
{
    RUN(test_standard_actions);
    RUN(test_extended_actions);
    RUN(test_block_bounds);
    RUN(test_truncated);
    RUN(test_rule_data);
    RUN(test_values);
    RUN(test_nesting_limit);
    return check_report();
}
