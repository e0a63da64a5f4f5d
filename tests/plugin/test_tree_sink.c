/*
 * The Wireshark tree sink against any event sequence, with the real libwireshark but without tshark,
 * so that it runs under AddressSanitizer like any unit test.
 *
 * The test registers the plugin (plugin_register(), as Wireshark's loader would) and a small protocol of
 * its own on the wtap_encap table; each fake packet handed to epan_dissect_run() is dissected by that
 * protocol, which drives a mhws_tree_sink over the packet's tvb with a random sequence of events:
 * opens and closes in any balance, sources pushed and popped out of order, ids out of range, offsets
 * past the buffer and SIZE_MAX, strings with invalid UTF-8, control characters and NULs, problems of
 * kinds that do not exist. Every label of the resulting tree is then rendered. Nothing may crash, throw
 * (an exception would end the dissection: the test protocol counts the sequences that completed) or
 * read out of bounds. A last part replays real event logs of the golden bodies into the sink.
 */
#include <epan/epan.h>
#include <epan/epan_dissect.h>
#include <epan/frame_data.h>
#include <epan/packet.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wiretap/wtap.h>
#include <wsutil/privileges.h>

#include "check.h"
#include "mapihttp.h"
#include "wireshark/eventlog.h"
#include "wireshark/tree_sink.h"

void plugin_register(void); /* the plugin's entry point (plugin.c) */

static int proto_test = -1;
static unsigned long completed, labels;

/* xorshift: the same sequences every run */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}
static size_t pick(size_t n) { return n ? (size_t)(rnd() % n) : 0; }

static uint8_t scratch[4][96];

static const char *texts[] = {
    "RopLogon (0xFE)", "", "plain", "ctl\x01\x1b[2J", "bad \xff\xfe utf-8", "\xc3\xa9t\xc3\xa9", "x\\y",
    "\xe2\x82", "tab\there", "a very long heading that goes on and on and on and on and on and on and on "
                             "and on and on and on and on and on and on and on and on and on and on and on "
                             "and on and on and on and on and on and on and on and on and on and on and on",
};

static size_t random_off(size_t len)
{
    switch (pick(6)) {
    case 0: return MH_OFF_GENERATED;
    case 1: return len + pick(100);
    case 2: return (size_t)-2;
    default: return pick(len + 1);
    }
}

static size_t random_len(void)
{
    switch (pick(5)) {
    case 0: return (size_t)-1;
    case 1: return (size_t)1 << 40;
    default: return pick(200);
    }
}

static mh_field_id random_id(void)
{
    return pick(50) == 0 ? (mh_field_id)(MH_F_COUNT + pick(3)) : (mh_field_id)pick(MH_F_COUNT);
}

static void random_value(mh_value *v)
{
    memset(v, 0, sizeof *v);
    v->u = rnd();
    v->i = (int64_t)rnd();
    v->d = (double)(int64_t)rnd() / 7.0;
    if (pick(4) == 0)
        v->d = pick(2) ? INFINITY : NAN;
    uint8_t *buf = scratch[pick(4)];
    size_t off = pick(sizeof scratch[0]);
    size_t len = pick(sizeof scratch[0] - off + 1);
    v->str = pick(8) ? (const char *)buf + off : NULL;
    v->str_len = v->str ? len : 0;
    v->bytes.base = pick(8) ? buf : NULL;
    v->bytes.off = v->bytes.base ? off : 0;
    v->bytes.len = v->bytes.base ? len : 0;
    for (int i = 0; i < 16; i++)
        v->guid[i] = (uint8_t)rnd();
}

static void random_sequence(mh_sink *s, size_t body_len)
{
    unsigned n = 1 + (unsigned)pick(300);
    mh_value v;
    if (pick(4))
        s->ops->message_begin(s, NULL, body_len);
    for (unsigned i = 0; i < n; i++) {
        const char *t = pick(3) ? texts[pick(sizeof texts / sizeof texts[0])] : NULL;
        /* one random draw per statement: argument evaluation order differs between compilers */
        mh_field_id id = random_id();
        size_t off = random_off(body_len);
        size_t len = random_len();
        int with_value = pick(8) != 0;
        random_value(&v);
        switch (pick(10)) {
        case 0: {
            uint8_t *buf = scratch[pick(4)];
            size_t n = pick(sizeof scratch[0] + 1);
            s->ops->source_push(s, id, t ? t : "Decompressed ROP buffer", with_value ? buf : NULL, n);
            break;
        }
        case 1:
            s->ops->source_pop(s);
            break;
        case 2:
        case 3:
            s->ops->open(s, id, off, len, with_value ? &v : NULL, t);
            break;
        case 4:
        case 5:
            s->ops->close(s, len);
            break;
        case 6:
        case 7:
            s->ops->field(s, id, off, len, with_value ? &v : NULL, t);
            break;
        case 8:
            s->ops->problem(s, (mh_problem_kind)(id % 6), off, len, t ? t : "msg");
            break;
        default:
            if (pick(10) == 0)
                s->ops->message_end(s);
            break;
        }
    }
    if (pick(2))
        s->ops->message_end(s);
}

static void render_labels(proto_node *node, gpointer data)
{
    (void)data;
    field_info *fi = PNODE_FINFO(node);
    if (fi) {
        gchar label[ITEM_LABEL_LENGTH];
        if (fi->rep)
            memcpy(label, fi->rep->representation, sizeof label);
        else
            proto_item_fill_label(fi, label);
        labels++;
    }
    proto_tree_children_foreach(node, render_labels, NULL);
}

/* What the fake packets carry: a mode byte, then the body the sink's offsets refer to. */
static const uint8_t *replay_log;
static size_t replay_log_len;

static int dissect_test(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    (void)data;
    mhws_tree_sink ts;
    tvbuff_t *body = tvb_new_subset_remaining(tvb, 1);
    mhws_tree_sink_init(&ts, pinfo, tree, body);
    if (tvb_get_guint8(tvb, 0) == 0) {
        random_sequence(&ts.base, tvb_captured_length(body));
    } else {
        size_t len = tvb_captured_length(body);
        const uint8_t *p = len ? tvb_get_ptr(body, 0, (gint)len) : NULL;
        CHECK_EQ(mhws_log_replay(replay_log, replay_log_len, p, len, &ts.base), 0);
    }
    completed++;
    return tvb_captured_length(tvb);
}

static void register_test(void)
{
    proto_test = proto_register_protocol("mapihttp tree sink test", "MHWSTEST", "mhwstest");
}

static void handoff_test(void)
{
    dissector_add_uint("wtap_encap", WTAP_ENCAP_USER15, create_dissector_handle(dissect_test, proto_test));
}

static void dissect_packet(epan_t *session, guint32 num, const uint8_t *data, size_t len)
{
    wtap_rec rec;
    wtap_rec_init(&rec);
    rec.rec_type = REC_TYPE_PACKET;
    rec.presence_flags = WTAP_HAS_TS | WTAP_HAS_CAP_LEN;
    rec.ts.secs = 1391517296;
    rec.rec_header.packet_header.caplen = (guint32)len;
    rec.rec_header.packet_header.len = (guint32)len;
    rec.rec_header.packet_header.pkt_encap = WTAP_ENCAP_USER15;
    frame_data fd;
    frame_data_init(&fd, num, &rec, 0, 0);
    epan_dissect_t *edt = epan_dissect_new(session, TRUE, TRUE);
    tvbuff_t *tvb = tvb_new_real_data(data, (guint)len, (gint)len);
    epan_dissect_run(edt, WTAP_FILE_TYPE_SUBTYPE_UNKNOWN, &rec, tvb, &fd, NULL);
    render_labels(edt->tree, NULL);
    epan_dissect_free(edt);
    frame_data_destroy(&fd);
    wtap_rec_cleanup(&rec);
}

static uint8_t *read_hex(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char hex[1 << 20];
    size_t got = fread(hex, 1, sizeof hex - 1, f);
    fclose(f);
    hex[got] = 0;
    uint8_t *out = malloc(got / 2 + 2);
    size_t n = 0;
    int hi = -1;
    for (size_t i = 0; i < got; i++) {
        int c = hex[i], v;
        if (c >= '0' && c <= '9') v = c - '0';
        else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
        else continue;
        if (hi < 0) {
            hi = v;
        } else {
            out[1 + n++] = (uint8_t)(hi * 16 + v);
            hi = -1;
        }
    }
    *len = n;
    return out;
}

/* Real logs: the demo Execute request and response, decoded by the core, replayed into the sink. */
static void replay_real(epan_t *session, const char *dir)
{
    static const char *files[] = { "execute_request.hex", "execute_response.hex" };
    mh_session sess;
    mh_session_init(&sess);
    mh_arena arena;
    mh_arena_init(&arena, 0);
    for (int i = 0; i < 2; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        size_t len;
        uint8_t *pkt = read_hex(path, &len);
        CHECK(pkt != NULL);
        if (!pkt)
            continue;
        pkt[0] = 1;
        mhws_recorder rec;
        mhws_recorder_init(&rec);
        mh_message m = { i, MH_RT_EXECUTE, NULL, 0, pkt + 1, len, 1 };
        mh_decode_message(&sess, &m, &rec.base, &arena, NULL);
        replay_log = rec.buf;
        replay_log_len = rec.len;
        unsigned long before = completed;
        dissect_packet(session, 100000 + (guint32)i, pkt, len + 1);
        CHECK_EQ(completed, before + 1);
        mhws_recorder_free(&rec);
        free(pkt);
    }
    mh_session_free(&sess);
    mh_arena_free(&arena);
}

static const nstime_t *frame_ts(struct packet_provider_data *prov, guint32 frame_num)
{
    (void)prov;
    (void)frame_num;
    static const nstime_t t = { 1391517296, 0 };
    return &t;
}

int main(int argc, char **argv)
{
    init_process_policies();
    relinquish_special_privs_perm();
    wtap_init(FALSE);
    plugin_register();
    static proto_plugin test_plugin;
    test_plugin.register_protoinfo = register_test;
    test_plugin.register_handoff = handoff_test;
    proto_register_plugin(&test_plugin);
    if (!epan_init(NULL, NULL, FALSE)) {
        fprintf(stderr, "epan_init failed\n");
        return 1;
    }
    static const struct packet_provider_funcs funcs = { frame_ts, NULL, NULL, NULL };
    epan_t *session = epan_new(NULL, &funcs);

    const unsigned packets = 3000;
    for (unsigned i = 0; i < packets; i++) {
        uint8_t pkt[80];
        size_t len = 1 + pick(sizeof pkt);
        for (size_t k = 0; k < len; k++)
            pkt[k] = (uint8_t)rnd();
        for (int k = 0; k < 4; k++)
            for (size_t b = 0; b < sizeof scratch[k]; b++)
                scratch[k][b] = (uint8_t)rnd();
        pkt[0] = 0;
        dissect_packet(session, i + 1, pkt, len);
    }
    CHECK_EQ(completed, packets);
    fprintf(stderr, "%lu random event sequences rendered, %lu labels\n", completed, labels);
    CHECK(labels > packets);
    if (argc > 1)
        replay_real(session, argv[1]);

    epan_free(session);
    epan_cleanup();
    wtap_cleanup();
    return check_report();
}
