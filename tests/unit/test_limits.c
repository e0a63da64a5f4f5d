/*
 * The core's limits (core/limits.h, docs/limits.md): the table and its setter, and each decoder limit at
 * the spot that enforces it, with a buffer just within the limit (decoded, no problem) and one past it (an
 * `unsupported` problem naming the limit and its value, decoding stopped there, and the next part or the
 * next message decoded normally).
 *
 * Inputs are encoded from the specifications: Execute bodies [MS-OXCMAPIHTTP] 2.2.4.2 with RPC_HEADER_EXT
 * [MS-OXCRPC] 2.2.2.1; LZ77 literals [MS-XCA] 2.4.4 (a flag word of 32 zero bits: 32 literal bytes
 * follow); RopRelease [MS-OXCROPS] 2.2.15.3, RopRestrict 2.2.5.3.1, RopGetReceiveFolderTable 2.2.3.4
 * (rows of PidTagFolderId, PidTagMessageClass, PidTagLastModificationTime, [MS-OXCSTOR] 2.2.1.4);
 * restrictions [MS-OXCDATA] 2.12; address book QueryRows response [MS-OXCMAPIHTTP] 2.2.5.12.2 with rows
 * per 2.2.1.7.
 */
#include "builder.h"
#include "check.h"
#include "core/limits.h"
#include "mapihttp.h"
#include "record_sink.h"

static rec_sink rec;

static int execute(mh_session *s, int response, const bld *body, const char *request_id)
{
    mh_header h[1] = { { "X-RequestId", 11, request_id, request_id ? strlen(request_id) : 0 } };
    return rec_decode(&rec, s, response, MH_RT_EXECUTE, request_id ? h : NULL, request_id ? 1 : 0, body->b, body->n,
                      1, NULL);
}

/* The problem message of the one problem reported, which must be `unsupported` and name the limit. */
static const char *limit_problem(const char *name)
{
    const char *m = rec_problem(&rec, MH_PROB_UNSUPPORTED);
    char want[160];
    snprintf(want, sizeof want, "decoder limit %s = ", name);
    CHECK(m && strstr(m, want) != NULL);
    snprintf(want, sizeof want, "raise it with --limit %s=N (mapidump) or mapihttp.%s (Wireshark)", name, name);
    CHECK(m && strstr(m, want) != NULL);
    CHECK_EQ(rec_problems(&rec), 1);
    return m;
}

/* ---- the table and the setter ---- */

static void test_setter(void)
{
    char why[200];
    /* the defaults docs/limits.md documents */
    CHECK_EQ(mh_limit_table[MH_LIMIT_DECOMPRESSED_BYTES].def, 16u << 20);
    CHECK_EQ(mh_limit_table[MH_LIMIT_RESTRICTION_DEPTH].def, 32);
    CHECK_EQ(mh_limit_table[MH_LIMIT_NODES_PER_MESSAGE].def, 1000000);
    CHECK_EQ(mh_limit_table[MH_LIMIT_ROWS_PER_TABLE].def, 100000);
    CHECK_EQ(mh_limit_table[MH_LIMIT_FX_PARTIAL_BYTES].def, 8u << 20);
    CHECK_EQ(mh_limit_table[MH_LIMIT_FLOW_BUFFER].def, 4u << 20);
    CHECK_EQ(mh_limit_table[MH_LIMIT_BODY].def, 16u << 20);
    CHECK_EQ(mh_limit_table[MH_LIMIT_FLOWS].def, 16384);
    CHECK_EQ(mh_limit_table[MH_LIMIT_SESSIONS].def, 4096);
    CHECK_EQ(mh_limit_table[MH_LIMIT_TIMELINE].def, 100000);
    for (int i = 0; i < MH_LIMIT_COUNT; i++) {
        CHECK_EQ(mh_limits[i], mh_limit_table[i].def);
        CHECK_EQ(mh_limit_find(mh_limit_table[i].name, strlen(mh_limit_table[i].name)), i);
    }

    CHECK_EQ(mh_limit_set_arg("rows_per_table=10", why, sizeof why), MH_LIMIT_ROWS_PER_TABLE);
    CHECK_EQ(mh_limits[MH_LIMIT_ROWS_PER_TABLE], 10);
    CHECK_EQ(mh_limit_set_arg("fx_partial_bytes=2k", why, sizeof why), MH_LIMIT_FX_PARTIAL_BYTES);
    CHECK_EQ(mh_limits[MH_LIMIT_FX_PARTIAL_BYTES], 2048);
    CHECK_EQ(mh_limit_set_arg("decompressed_bytes=1M", why, sizeof why), MH_LIMIT_DECOMPRESSED_BYTES);
    CHECK_EQ(mh_limits[MH_LIMIT_DECOMPRESSED_BYTES], 1u << 20);

    CHECK_EQ(mh_limit_set_arg("rows=10", why, sizeof why), -1);
    CHECK(strstr(why, "no limit is named 'rows'") != NULL);
    CHECK_EQ(mh_limit_set_arg("rows_per_table", why, sizeof why), -1);
    CHECK(strstr(why, "NAME=VALUE") != NULL);
    CHECK_EQ(mh_limit_set_arg("rows_per_table=0", why, sizeof why), -1);      /* below the minimum */
    CHECK_EQ(mh_limit_set_arg("rows_per_table=2k", why, sizeof why), -1);     /* a count takes no suffix */
    CHECK_EQ(mh_limit_set_arg("restriction_depth=1001", why, sizeof why), -1); /* above the maximum */
    CHECK(strstr(why, "restriction_depth: '1001' is not a number from 1 to 1000") != NULL);
    CHECK_EQ(mh_limit_set_arg("fx_partial_bytes=2X", why, sizeof why), -1);
    CHECK_EQ(mh_limit_set_arg("fx_partial_bytes=", why, sizeof why), -1);
    CHECK_EQ(mh_limit_set_arg("fx_partial_bytes=99999999999999999999999", why, sizeof why), -1);
    CHECK_EQ(mh_limit_set_arg("fx_partial_bytes=-1", why, sizeof why), -1);
    CHECK_EQ(mh_limits[MH_LIMIT_FX_PARTIAL_BYTES], 2048); /* a rejected value changes nothing */
    CHECK_EQ(mh_limits[MH_LIMIT_RESTRICTION_DEPTH], 32);
    size_t v = 0;
    CHECK(mh_limit_parse(MH_LIMIT_RESTRICTION_DEPTH, "1000", &v) && v == 1000);
    CHECK(mh_limit_parse(MH_LIMIT_BODY, "1G", &v) && v == (size_t)1 << 30);
    mh_limits_reset();
    CHECK_EQ(mh_limits[MH_LIMIT_ROWS_PER_TABLE], 100000);
}

/* ---- decompressed_bytes ---- */

/* The ROP buffer every payload here carries: RopSize 5, RopRelease (LogonId 0, InputHandleIndex 0),
 * one server object handle. 9 bytes. */
static void release_buffer(bld *p)
{
    b_u16(p, 5);
    b_u8(p, 0x01);
    b_u8(p, 0);
    b_u8(p, 0);
    b_u32(p, 0x00000012);
}

/* An Execute request whose RopBuffer is `n` RPC_HEADER_EXT, each a compressed payload of the 9-byte
 * buffer above: 32 literal flags, then the 9 literals. */
static void compressed_execute(bld *out, int n)
{
    bld pl = { .n = 0 };
    release_buffer(&pl);
    out->n = 0;
    b_u32(out, 0);                         /* Flags */
    b_u32(out, (uint32_t)n * (8 + 4 + 9)); /* RopBufferSize */
    for (int i = 0; i < n; i++) {
        b_u16(out, 0);                                      /* Version */
        b_u16(out, (uint16_t)(0x0001 | (i == n - 1 ? 0x0004 : 0))); /* Compressed, Last on the last */
        b_u16(out, 4 + 9);                                  /* Size */
        b_u16(out, 9);                                      /* SizeActual */
        b_u32(out, 0);                                      /* 32 literal flags */
        b_raw(out, pl.b, pl.n);
    }
    b_u32(out, 0x8000); /* MaxRopOut */
    b_u32(out, 0);      /* AuxiliaryBufferSize */
}

static void test_decompressed_bytes(void)
{
    bld one, two;
    compressed_execute(&one, 1);
    compressed_execute(&two, 2);

    /* exactly the message's SizeActual: decoded */
    mh_limits[MH_LIMIT_DECOMPRESSED_BYTES] = 9;
    CHECK_EQ(execute(NULL, 0, &one, NULL), 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.rop.id"), 1);
    /* the budget is per message: the same message again decodes too */
    CHECK_EQ(execute(NULL, 0, &one, NULL), 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.rop.id"), 1);

    /* two payloads of 9 bytes in one message: the second passes 17 and is not decompressed */
    mh_limits[MH_LIMIT_DECOMPRESSED_BYTES] = 17;
    CHECK_EQ(execute(NULL, 0, &two, NULL), 1);
    CHECK_EQ(rec_count(&rec, "mapihttp.rop.id"), 1);
    const char *m = limit_problem("decompressed_bytes");
    CHECK(m && strstr(m, "SizeActual 9 is more than the 8 bytes this message may still decompress"));
    CHECK(m && strstr(m, "decompressed_bytes = 17 bytes"));
    /* the leftover: the second RPC_HEADER_EXT's payload and what follows it in the RopBuffer */
    const rec_event *pe = rec_find(&rec, "mapihttp.problem", 0);
    CHECK(pe && pe->off == 8 + 21 + 8 && pe->len == 13);
    /* the fields after the RopBuffer still decode */
    CHECK_STR(rec_value(&rec, "mapihttp.auxiliary_buffer_size", 0), "0");

    mh_limits[MH_LIMIT_DECOMPRESSED_BYTES] = 18;
    CHECK_EQ(execute(NULL, 0, &two, NULL), 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.rop.id"), 2);

    mh_limits[MH_LIMIT_DECOMPRESSED_BYTES] = 8;
    CHECK_EQ(execute(NULL, 0, &one, NULL), 1);
    CHECK_EQ(rec_count(&rec, "mapihttp.rop.id"), 0);
    limit_problem("decompressed_bytes");
    mh_limits_reset();
}

/* ---- restriction_depth ---- */

/* RopRestrict with Not(Not(...(Exist PidTagDisplayName))) `levels` deep, then RopRelease. */
static void restrict_then_release(bld *body, int levels)
{
    bld r = { .n = 0 };
    b_u8(&r, 0x14); /* RopRestrict */
    b_u8(&r, 0);
    b_u8(&r, 0);
    b_u8(&r, 0x00); /* RestrictFlags */
    b_u16(&r, (uint16_t)(levels - 1 + 5)); /* RestrictionDataSize */
    for (int i = 0; i < levels - 1; i++)
        b_u8(&r, 0x02); /* NotRestriction */
    b_u8(&r, 0x08);     /* ExistRestriction */
    b_u32(&r, 0x3001001F);
    b_u8(&r, 0x01); /* RopRelease */
    b_u8(&r, 0);
    b_u8(&r, 0);
    uint32_t h = 0x00000012;
    b_execute_body(body, 0, &r, &h, 1);
}

static void test_restriction_depth(void)
{
    bld body;
    mh_limits[MH_LIMIT_RESTRICTION_DEPTH] = 4;
    restrict_then_release(&body, 4);
    CHECK_EQ(execute(NULL, 0, &body, NULL), 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.restriction"), 4);

    restrict_then_release(&body, 5);
    CHECK_EQ(execute(NULL, 0, &body, NULL), 1);
    CHECK_EQ(rec_count(&rec, "mapihttp.restriction"), 4);
    const char *m = limit_problem("restriction_depth");
    CHECK(m && strstr(m, "restriction_depth = 4 levels"));
    /* RestrictionDataSize bounds the restriction: the ROP after it decodes */
    CHECK_STR(rec_value(&rec, "mapihttp.rop.id", 1), "RopRelease (0x01)");
    mh_limits_reset();
}

/* ---- nodes_per_message ---- */

static size_t nodes_shown(void)
{
    size_t n = 0;
    for (size_t i = 0; i < rec.n; i++)
        n += !rec.ev[i].is_problem;
    return n;
}

static void test_nodes_per_message(void)
{
    bld r = { .n = 0 }, body;
    for (int i = 0; i < 20; i++) { /* twenty RopRelease */
        b_u8(&r, 0x01);
        b_u8(&r, 0);
        b_u8(&r, 0);
    }
    uint32_t h = 0x00000012;
    b_execute_body(&body, 0, &r, &h, 1);
    bld small_r = { .n = 0 }, small;
    b_u8(&small_r, 0x01);
    b_u8(&small_r, 0);
    b_u8(&small_r, 0);
    b_execute_body(&small, 0, &small_r, &h, 1);

    CHECK_EQ(execute(NULL, 0, &small, NULL), 0);
    size_t small_nodes = nodes_shown();
    CHECK_EQ(execute(NULL, 0, &body, NULL), 0);
    size_t all = nodes_shown();
    CHECK_EQ(rec_count(&rec, "mapihttp.rop.id"), 20);
    CHECK(all > small_nodes + 19 * 3); /* each more RopRelease: a subtree and its three fields at least */

    mh_limits[MH_LIMIT_NODES_PER_MESSAGE] = all;
    CHECK_EQ(execute(NULL, 0, &body, NULL), 0); /* rec_decode counts an unbalanced tree as 1000 problems */
    CHECK_EQ(nodes_shown(), all);

    mh_limits[MH_LIMIT_NODES_PER_MESSAGE] = all - 1;
    CHECK_EQ(execute(NULL, 0, &body, NULL), 1); /* balanced: every subtree shown is closed */
    CHECK_EQ(nodes_shown(), all - 1);
    const char *m = limit_problem("nodes_per_message");
    char want[80];
    snprintf(want, sizeof want, "nodes_per_message = %zu nodes", all - 1);
    CHECK(m && strstr(m, want));
    /* stopped where the limit was reached: nothing is shown after the problem */
    CHECK(rec.n && rec.ev[rec.n - 1].is_problem);

    /* a low limit stops the message early; the next message has a budget of its own */
    mh_limits[MH_LIMIT_NODES_PER_MESSAGE] = 5;
    CHECK_EQ(execute(NULL, 0, &body, NULL), 1);
    CHECK_EQ(nodes_shown(), 5);
    CHECK_EQ(rec_count(&rec, "mapihttp.rop.id"), 0);
    mh_limits[MH_LIMIT_NODES_PER_MESSAGE] = small_nodes;
    CHECK_EQ(execute(NULL, 0, &body, NULL), 1);
    CHECK_EQ(execute(NULL, 0, &small, NULL), 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.rop.id"), 1);
    mh_limits_reset();
}

/* ---- rows_per_table ---- */

/* RopGetReceiveFolderTable response with `rows` rows (FolderId, MessageClass "IPM.Note", a FILETIME),
 * after its request, paired by X-RequestId. */
static int receive_folder_table(int rows)
{
    mh_session s;
    mh_session_init(&s);
    bld req_r = { .n = 0 }, req;
    b_u8(&req_r, 0x68);
    b_u8(&req_r, 0);
    b_u8(&req_r, 0); /* InputHandleIndex */
    uint32_t h = 0x00000012;
    b_execute_body(&req, 0, &req_r, &h, 1);
    const char *id = "{00000000-0000-0000-0000-000000000001}:1";
    CHECK_EQ(execute(&s, 0, &req, id), 0);

    bld resp_r = { .n = 0 }, resp;
    b_u8(&resp_r, 0x68);
    b_u8(&resp_r, 0);   /* InputHandleIndex */
    b_u32(&resp_r, 0);  /* ReturnValue */
    b_u32(&resp_r, (uint32_t)rows);
    for (int i = 0; i < rows; i++) {
        b_u8(&resp_r, 0x00); /* StandardPropertyRow */
        b_u64(&resp_r, 0x0000000000A10001ull + (uint64_t)i);
        b_asciiz(&resp_r, "IPM.Note");
        b_u64(&resp_r, 0x01D0000000000000ull);
    }
    b_execute_body(&resp, 1, &resp_r, &h, 1);
    int p = execute(&s, 1, &resp, id);
    mh_session_free(&s);
    return p;
}

/* An address book QueryRows response of `rows` rows of one PtypInteger32 column (PidTagDisplayType). */
static int nspi_query_rows(int rows)
{
    bld t = { .n = 0 };
    b_u32(&t, 0);    /* StatusCode */
    b_u32(&t, 0);    /* ErrorCode */
    b_u8(&t, 0x00);  /* HasState */
    b_u8(&t, 0xFF);  /* HasColumnsAndRows */
    b_u32(&t, 1);
    b_u32(&t, 0x39000003);
    b_u32(&t, (uint32_t)rows);
    for (int i = 0; i < rows; i++) {
        b_u8(&t, 0x00);
        b_u32(&t, (uint32_t)i);
    }
    b_u32(&t, 0); /* AuxiliaryBufferSize */
    return rec_decode(&rec, NULL, 1, MH_RT_QUERY_ROWS, NULL, 0, t.b, t.n, 1, NULL);
}

static void test_rows_per_table(void)
{
    mh_limits[MH_LIMIT_ROWS_PER_TABLE] = 3;
    CHECK_EQ(receive_folder_table(3), 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.property_row"), 3);

    CHECK_EQ(receive_folder_table(4), 1);
    CHECK_EQ(rec_count(&rec, "mapihttp.property_row"), 3);
    const char *m = limit_problem("rows_per_table");
    CHECK(m && strstr(m, "RopGetReceiveFolderTable: RowCount is 4; the rows after the first 3 are not decoded"));
    /* the leftover: the fourth row (1 + 8 + 9 + 8 bytes), the rest of the ROP list RopSize bounds; it starts
     * after StatusCode, ErrorCode, Flags, RopBufferSize (16), RPC_HEADER_EXT (8), RopSize (2), the ROP's
     * RopId, InputHandleIndex, ReturnValue, RowCount (10) and three rows (78) */
    const rec_event *pe = rec_find(&rec, "mapihttp.problem", 0);
    CHECK(pe && pe->off == 16 + 8 + 2 + 10 + 78 && pe->len == 26);

    CHECK_EQ(nspi_query_rows(3), 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.property_row"), 3);
    CHECK_EQ(nspi_query_rows(5), 1);
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.property_row"), 3);
    m = limit_problem("rows_per_table");
    CHECK(m && strstr(m, "RowData: RowCount is 5; the rows after the first 3 are not decoded"));
    /* the next message decodes normally */
    CHECK_EQ(nspi_query_rows(2), 0);
    CHECK_EQ(rec_count(&rec, "mapihttp.nspi.property_row"), 2);
    mh_limits_reset();
}

int main(void)
{
    RUN(test_setter);
    RUN(test_decompressed_bytes);
    RUN(test_restriction_depth);
    RUN(test_nodes_per_message);
    RUN(test_rows_per_table);
    return check_report();
}
