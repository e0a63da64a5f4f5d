/*
 * Context behaviour of the store and folder ROPs ([MS-OXCROPS] 2.2.3, 2.2.4): the objects RopOpenFolder,
 * RopCreateFolder, RopGetHierarchyTable and RopGetContentsTable create (committed only when ReturnValue is
 * 0, visible to later ROPs through their handle indexes), RopWritePerUserInformation's ReplGuid decided by
 * the logon's LogonFlags, and the response forms with fields after a nonzero ReturnValue (PartialCompletion,
 * ecDstNullObject's 4-byte DestHandleIndex). Bytes are encoded from the request and response buffers of
 * [MS-OXCROPS] 2.2.3.13.1, 2.2.4.1 - 2.2.4.14 field by field; the expected notes follow from the handle
 * tables the tests give.
 */
#include "builder.h"
#include "check.h"
#include "mapihttp.h"
#include "record_sink.h"

static rec_sink rec;

/* Decodes a request or response ROP list with its handle table, paired by X-RequestId. */
static int exec(mh_session *s, int response, const char *request_id, const bld *rops, const uint32_t *h, size_t nh)
{
    bld body;
    b_execute_body(&body, response, rops, h, nh);
    char id[64]; /* [MS-OXCMAPIHTTP] 2.2.3.1.5 X-RequestId: {GUID}:counter */
    snprintf(id, sizeof id, "{00000000-0000-0000-0000-000000000001}:%s", request_id);
    mh_header hd[1] = { { "X-RequestId", 11, id, strlen(id) } };
    return rec_decode(&rec, s, response, MH_RT_EXECUTE, hd, 1, body.b, body.n, 1, NULL);
}

static void fid(bld *b, uint16_t replica, uint64_t counter)
{
    b_u16(b, replica);
    for (int i = 5; i >= 0; i--)
        b_u8(b, (uint8_t)(counter >> (8 * i)));
}

static const char *note_of(const char *filter, int k)
{
    const rec_event *e = rec_find(&rec, filter, k);
    return e ? e->note : NULL;
}

/* 2.2.4.1.1 RopOpenFolder request */
static void open_folder(bld *r, uint8_t in, uint8_t out, uint64_t counter)
{
    b_u8(r, 0x02); b_u8(r, 0); b_u8(r, in); b_u8(r, out);
    fid(r, 1, counter);
    b_u8(r, 0x00); /* OpenModeFlags */
}

/* 2.2.4.1.2 RopOpenFolder response: HasRules, IsGhosted (0) */
static void open_folder_ok(bld *r, uint8_t out)
{
    b_u8(r, 0x02); b_u8(r, out); b_u32(r, 0);
    b_u8(r, 0); b_u8(r, 0);
}

/* 2.2.4.14.1 RopGetContentsTable / 2.2.4.13.1 RopGetHierarchyTable request */
static void get_table(bld *r, uint8_t rop, uint8_t in, uint8_t out)
{
    b_u8(r, rop); b_u8(r, 0); b_u8(r, in); b_u8(r, out); b_u8(r, 0x40);
}

static void get_table_ok(bld *r, uint8_t rop, uint8_t out, uint32_t rows)
{
    b_u8(r, rop); b_u8(r, out); b_u32(r, 0); b_u32(r, rows);
}

/* 2.2.5.1.1 RopSetColumns on a handle index, to see what the index refers to */
static void set_columns(bld *r, uint8_t in)
{
    b_u8(r, 0x12); b_u8(r, 0); b_u8(r, in); b_u8(r, 0); b_u16(r, 1); b_u32(r, 0x3001001F);
}

static void test_open_folder_then_table(void)
{
    mh_session s;
    mh_session_init(&s);
    bld q = { { 0 }, 0 }, p = { { 0 }, 0 };
    open_folder(&q, 0, 1, 0xA5);
    uint32_t rq[2] = { 0x45, 0xFFFFFFFF }, rp[2] = { 0x45, 0x46 };
    CHECK_EQ(exec(&s, 0, "11", &q, rq, 2), 0);
    open_folder_ok(&p, 1);
    CHECK_EQ(exec(&s, 1, "11", &p, rp, 2), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.open_folder.is_ghosted", 0), "False");

    /* a later Execute: the folder is known by its handle */
    q.n = p.n = 0;
    get_table(&q, 0x05, 1, 2);
    uint32_t rq2[3] = { 0x45, 0x46, 0xFFFFFFFF }, rp2[3] = { 0x45, 0x46, 0x47 };
    CHECK_EQ(exec(&s, 0, "12", &q, rq2, 3), 0);
    CHECK_STR(note_of("mapihttp.rop.input_handle_index", 0),
              "handle 0x00000046 = folder 0001-0000000000A5 opened by RopOpenFolder");
    get_table_ok(&p, 0x05, 2, 7);
    CHECK_EQ(exec(&s, 1, "12", &p, rp2, 3), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.get_contents_table.row_count", 0), "7");

    /* the table remembers the folder it was opened on */
    q.n = 0;
    set_columns(&q, 2);
    uint32_t rq3[3] = { 0x45, 0x46, 0x47 };
    CHECK_EQ(exec(&s, 0, "13", &q, rq3, 3), 0);
    CHECK_STR(note_of("mapihttp.rop.input_handle_index", 0),
              "handle 0x00000047 = table 0001-0000000000A5 opened by RopGetContentsTable");
    mh_session_free(&s);
}

static void test_failure_does_not_commit(void)
{
    mh_session s;
    mh_session_init(&s);
    bld q = { { 0 }, 0 }, p = { { 0 }, 0 };
    open_folder(&q, 0, 1, 0xA5);
    uint32_t rq[2] = { 0x45, 0xFFFFFFFF }, rp[2] = { 0x45, 0x46 };
    exec(&s, 0, "21", &q, rq, 2);
    b_u8(&p, 0x02); b_u8(&p, 1); b_u32(&p, 0x8004010F); /* 2.2.4.1.3: nothing after ReturnValue */
    /* even with a handle at the output index, a nonzero ReturnValue creates nothing */
    CHECK_EQ(exec(&s, 1, "21", &p, rp, 2), 0);
    CHECK(rec_find(&rec, "mapihttp.rop.open_folder.has_rules", 0) == NULL);
    q.n = 0;
    get_table(&q, 0x04, 1, 2);
    uint32_t rq2[3] = { 0x45, 0x46, 0xFFFFFFFF };
    exec(&s, 0, "22", &q, rq2, 3);
    CHECK_STR(note_of("mapihttp.rop.input_handle_index", 0), "handle 0x00000046");
    mh_session_free(&s);
}

static void create_folder(bld *r, uint8_t in, uint8_t out)
{
    b_u8(r, 0x1C); b_u8(r, 0); b_u8(r, in); b_u8(r, out);
    b_u8(r, 0x01); /* FolderType: FOLDER_GENERIC */
    b_u8(r, 0);    /* UseUnicodeStrings: 8-bit strings */
    b_u8(r, 0);    /* OpenExisting */
    b_u8(r, 0);    /* Reserved */
    b_asciiz(r, "New");
    b_asciiz(r, "");
}

static void test_create_folder_id_from_response(void)
{
    mh_session s;
    mh_session_init(&s);
    /* RopCreateFolder and RopGetHierarchyTable on the new folder in one request: the FolderId exists only
     * in the response, so the table gets it when the responses are decoded */
    bld q = { { 0 }, 0 }, p = { { 0 }, 0 };
    create_folder(&q, 1, 2);
    get_table(&q, 0x04, 2, 3);
    uint32_t rq[4] = { 0x45, 0x46, 0xFFFFFFFF, 0xFFFFFFFF }, rp[4] = { 0x45, 0x46, 0x50, 0x51 };
    CHECK_EQ(exec(&s, 0, "31", &q, rq, 4), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.create_folder.display_name", 0), "New");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.create_folder.comment", 0), "");
    CHECK_STR(note_of("mapihttp.rop.input_handle_index", 1), "output of RopCreateFolder earlier in this request");
    b_u8(&p, 0x1C); b_u8(&p, 2); b_u32(&p, 0);
    fid(&p, 1, 0x1234);
    b_u8(&p, 0); /* IsExistingFolder */
    get_table_ok(&p, 0x04, 3, 0);
    CHECK_EQ(exec(&s, 1, "31", &p, rp, 4), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.folder_id", 0), "0001-000000001234");

    q.n = 0;
    set_columns(&q, 2);
    set_columns(&q, 3);
    uint32_t rq2[4] = { 0x45, 0x46, 0x50, 0x51 };
    exec(&s, 0, "32", &q, rq2, 4);
    CHECK_STR(note_of("mapihttp.rop.input_handle_index", 0),
              "handle 0x00000050 = folder 0001-000000001234 opened by RopCreateFolder");
    CHECK_STR(note_of("mapihttp.rop.input_handle_index", 1),
              "handle 0x00000051 = table 0001-000000001234 opened by RopGetHierarchyTable");

    /* the same response without its request: every field still decodes, no object gets made up */
    mh_session s2;
    mh_session_init(&s2);
    CHECK_EQ(exec(&s2, 1, "39", &p, rp, 4), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.create_folder.is_existing_folder", 0), "False");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.get_hierarchy_table.row_count", 0), "0");
    mh_session_free(&s2);
    mh_session_free(&s);
}

/* 2.2.3.1.1 RopLogon request and 2.2.3.1.2 private mailbox response */
static void logon(mh_session *s, const char *id, uint8_t flags)
{
    bld q = { { 0 }, 0 }, p = { { 0 }, 0 };
    b_u8(&q, 0xFE); b_u8(&q, 0); b_u8(&q, 0); b_u8(&q, flags);
    b_u32(&q, 0x01000000 | (flags & 1 ? 0 : 0x02)); b_u32(&q, 0);
    b_u16(&q, 0);
    uint32_t rq[1] = { 0xFFFFFFFF }, rp[1] = { 0x45 };
    exec(s, 0, id, &q, rq, 1);
    b_u8(&p, 0xFE); b_u8(&p, 0); b_u32(&p, 0); b_u8(&p, flags);
    for (int i = 0; i < 13; i++)
        fid(&p, 1, 0xA1 + i);
    if (flags & 1) {
        static const uint8_t z[16] = { 0 };
        b_u8(&p, 0x01); b_raw(&p, z, 16); b_u16(&p, 1); b_raw(&p, z, 16);
        for (int i = 0; i < 6; i++)
            b_u8(&p, 1);
        b_u16(&p, 2014); b_u64(&p, 0); b_u32(&p, 0);
    } else {
        static const uint8_t z[16] = { 0 };
        b_u16(&p, 1); b_raw(&p, z, 16); b_raw(&p, z, 16);
    }
    exec(s, 1, id, &p, rp, 1);
}

/* 2.2.3.13.1 RopWritePerUserInformation with DataOffset 0, then `tail` bytes (a ReplGuid or a next ROP) */
static void write_per_user(bld *q, const uint8_t *tail, size_t ntail)
{
    b_u8(q, 0x64); b_u8(q, 0); b_u8(q, 0);
    for (int i = 0; i < 16; i++)
        b_u8(q, (uint8_t)i); /* LongTermID: DatabaseGuid */
    fid(q, 0, 0x1234);       /* GlobalCounter (6 bytes) after 2 bytes that are part of the GUID here */
    b_u8(q, 1);              /* HasFinished */
    b_u32(q, 0);             /* DataOffset */
    b_u16(q, 2); b_u8(q, 0xAB); b_u8(q, 0xCD);
    b_raw(q, tail, ntail);
}

static void test_write_per_user_replguid(void)
{
    static const uint8_t repl[16] = { 0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x33, 0x33,
                                      0x44, 0x44, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55 };
    static const uint8_t release[3] = { 0x01, 0x00, 0x00 }; /* RopRelease after it */
    uint32_t h[1] = { 0x45 };
    bld q = { { 0 }, 0 };

    /* LogonFlags committed by an earlier Execute: private mailbox, so ReplGuid follows Data */
    mh_session s;
    mh_session_init(&s);
    logon(&s, "41", 0x01);
    write_per_user(&q, repl, 16);
    b_raw(&q, release, 3);
    CHECK_EQ(exec(&s, 0, "42", &q, h, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.write_per_user_information.repl_guid", 0),
              "{11111111-2222-3333-4444-555555555555}");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.id", 1), "RopRelease (0x01)");
    mh_session_free(&s);

    /* public folders logon: no ReplGuid, the next ROP follows Data */
    mh_session_init(&s);
    logon(&s, "43", 0x00);
    q.n = 0;
    write_per_user(&q, release, 3);
    CHECK_EQ(exec(&s, 0, "44", &q, h, 1), 0);
    CHECK(rec_find(&rec, "mapihttp.rop.write_per_user_information.repl_guid", 0) == NULL);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.id", 1), "RopRelease (0x01)");
    mh_session_free(&s);

    /* no logon seen: 3 bytes left cannot hold a 16-byte ReplGuid, so the next ROP decodes */
    mh_session_init(&s);
    CHECK_EQ(exec(&s, 0, "45", &q, h, 1), 0);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.id", 1), "RopRelease (0x01)");
    /* ... but 19 bytes could be either: missing context, the rest shown raw */
    q.n = 0;
    write_per_user(&q, repl, 16);
    b_raw(&q, release, 3);
    CHECK_EQ(exec(&s, 0, "46", &q, h, 1), 1);
    const char *msg = rec_problem(&rec, MH_PROB_MISSING_CONTEXT);
    CHECK(msg && strstr(msg, "LogonId 0"));
    const rec_event *e = rec_find(&rec, "mapihttp.problem", 0);
    CHECK(e && e->len == 19);
    CHECK_EQ(rec_count(&rec, "mapihttp.rop.id"), 1);
    mh_session_free(&s);
}

static void test_null_destination_and_partial(void)
{
    mh_session s;
    mh_session_init(&s);
    /* 2.2.4.7.1 RopMoveFolder then 2.2.3.5.1 RopGetStoreState */
    bld q = { { 0 }, 0 }, p = { { 0 }, 0 };
    b_u8(&q, 0x35); b_u8(&q, 0); b_u8(&q, 1); b_u8(&q, 2);
    b_u8(&q, 0); b_u8(&q, 1); fid(&q, 1, 0x1234); b_utf16z(&q, "X");
    b_u8(&q, 0x7B); b_u8(&q, 0); b_u8(&q, 0);
    uint32_t h[3] = { 0x45, 0x46, 0x47 };
    CHECK_EQ(exec(&s, 0, "51", &q, h, 3), 0);
    CHECK_STR(note_of("mapihttp.rop.source_handle_index", 0), "handle 0x00000046");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.dest_handle_index", 0), "2");
    /* 2.2.4.7.3: ecDstNullObject, DestHandleIndex (4 bytes), PartialCompletion; the list goes on */
    b_u8(&p, 0x35); b_u8(&p, 1); b_u32(&p, 0x00000503); b_u32(&p, 2); b_u8(&p, 0);
    b_u8(&p, 0x7B); b_u8(&p, 0); b_u32(&p, 0); b_u32(&p, 0);
    CHECK_EQ(exec(&s, 1, "51", &p, h, 3), 0);
    const rec_event *e = rec_find(&rec, "mapihttp.rop.dest_handle_index", 0);
    CHECK(e && strcmp(e->value, "2") == 0 && e->len == 4);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.partial_completion", 0), "False");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.get_store_state.store_state", 0), "0x00000000");

    /* a DestHandleIndex that does not repeat the request's is reported */
    exec(&s, 0, "52", &q, h, 3);
    p.b[6] = 5;
    CHECK_EQ(exec(&s, 1, "52", &p, h, 3), 1);
    CHECK(rec_problem(&rec, MH_PROB_MALFORMED) != NULL);

    /* any other ReturnValue: PartialCompletion right after it */
    exec(&s, 0, "53", &q, h, 3);
    p.n = 0;
    b_u8(&p, 0x35); b_u8(&p, 1); b_u32(&p, 0x8004010F); b_u8(&p, 1);
    b_u8(&p, 0x7B); b_u8(&p, 0); b_u32(&p, 0); b_u32(&p, 0x01000000);
    CHECK_EQ(exec(&s, 1, "53", &p, h, 3), 0);
    CHECK(rec_find(&rec, "mapihttp.rop.dest_handle_index", 0) == NULL);
    CHECK_STR(rec_value(&rec, "mapihttp.rop.partial_completion", 0), "True");
    CHECK_STR(rec_value(&rec, "mapihttp.rop.get_store_state.store_state", 0), "0x01000000 (STORE_HAS_SEARCHES)");

    /* 2.2.4.9.2: a failed RopEmptyFolder still carries PartialCompletion; without it the buffer is short */
    q.n = p.n = 0;
    b_u8(&q, 0x58); b_u8(&q, 0); b_u8(&q, 1); b_u8(&q, 0); b_u8(&q, 0);
    exec(&s, 0, "54", &q, h, 3);
    b_u8(&p, 0x58); b_u8(&p, 1); b_u32(&p, 0x80070005);
    CHECK_EQ(exec(&s, 1, "54", &p, h, 3), 1);
    CHECK(rec_problem(&rec, MH_PROB_MALFORMED) || rec_problem(&rec, MH_PROB_TRUNCATED));
    mh_session_free(&s);
}

static void test_truncated_message_ids(void)
{
    /* 2.2.4.11.1 RopDeleteMessages announcing 5 Message IDs but carrying 1 */
    bld q = { { 0 }, 0 };
    b_u8(&q, 0x1E); b_u8(&q, 0); b_u8(&q, 0); b_u8(&q, 0); b_u8(&q, 0);
    b_u16(&q, 5);
    fid(&q, 1, 0x100);
    uint32_t h[1] = { 0x46 };
    mh_session s;
    mh_session_init(&s);
    CHECK_EQ(exec(&s, 0, "61", &q, h, 1), 1);
    CHECK_EQ(rec_count(&rec, "mapihttp.message_id"), 1);
    const char *msg = rec_problem(&rec, MH_PROB_MALFORMED);
    CHECK(msg && strstr(msg, "MessageId needs 8 bytes"));
    CHECK_EQ(rec.depth, 0);
    mh_session_free(&s);
}

int main(void)
{
    RUN(test_open_folder_then_table);
    RUN(test_failure_does_not_commit);
    RUN(test_create_folder_id_from_response);
    RUN(test_write_per_user_replguid);
    RUN(test_null_destination_and_partial);
    RUN(test_truncated_message_ids);
    return check_report();
}
