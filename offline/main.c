/* mapidump: decodes MAPI over HTTP ([MS-OXCMAPIHTTP]) from captures (pcap/pcapng, TLS decrypted with a
 * key log) or from single message bodies (raw mode), into text or JSON. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "capture.h"
#include "core/limits.h"
#include "raw.h"
#include "rops/rop_catalog.h"

#ifndef MAPIHTTP_VERSION
#define MAPIHTTP_VERSION "0"
#endif

static void usage(FILE *f)
{
    fputs("Usage:\n"
          "  mapidump [options] CAPTURE\n"
          "  mapidump --raw-request TYPE FILE [--raw-response TYPE FILE] [--hex] [-T text|json]\n"
          "  mapidump --raw-response TYPE FILE [--hex] [-T text|json]\n"
          "\n"
          "Reads a capture (pcap or pcapng; - for standard input), reassembles TCP, decrypts TLS with the keys\n"
          "of an NSS key log (or of the capture's pcapng Decryption Secrets Blocks), parses HTTP/1.1 and\n"
          "decodes every MAPI/HTTP message, following MAPI sessions across connections.\n"
          "\n"
          "Output:\n"
          "  (default)                 one line per MAPI/HTTP message\n"
          "  -V, --verbose             the full decoded tree of each message\n"
          "  -T, --format text|json    json: one JSON object per message (field names as in Wireshark)\n"
          "  --sessions                a timeline per MAPI session instead of per message\n"
          "Filters:\n"
          "  --session ID              only this session (sN as shown, or its MapiContext cookie)\n"
          "  --request-type TYPE       only this X-RequestType (Connect, Execute, NotificationWait, ...)\n"
          "  --rop NAME                only Execute requests/responses with this ROP (RopLogon, or 0xFE)\n"
          "TLS:\n"
          "  -k, --keylog FILE         NSS key log (SSLKEYLOGFILE format); may be given more than once\n"
          "  --tls-debug FILE          write a log of key lookups and decryption to FILE\n"
          "  --export-bodies FILE      write each MAPI/HTTP body given to the decoder to FILE (hex, one a line)\n"
          "Limits:\n"
          "  --max-flow-buffer SIZE    out-of-order bytes held per TCP direction (default 4M)\n"
          "  --max-body SIZE           largest HTTP body kept for decoding (default 16M)\n"
          "  --max-flows N             open TCP connections (default 16384)\n"
          "  --max-sessions N          open MAPI sessions (default 4096)\n"
          "  --max-timeline N          requests listed per session by --sessions (default 100000)\n"
          "  --idle-timeout SECONDS    end connections idle this long in capture time (default 600)\n"
          "  --limit NAME=VALUE        set any limit by name, decoder limits too (--limit help lists them)\n"
          "Other:\n"
          "  -q, --quiet               no report on standard error at the end\n"
          "  --progress, --no-progress show a progress bar on standard error (default: on a terminal,\n"
          "                            for files over 50 MB)\n"
          "  -h, --help                show this help\n"
          "  --version                 show the version\n"
          "\n"
          "Raw mode decodes single MAPI/HTTP bodies: a request body, a response body (starting at the PROCESSING/\n"
          "PENDING/DONE meta-tags or at the binary body), or a request and then its response, the request\n"
          "giving the response its context. TYPE is an X-RequestType value (Connect, Execute, Disconnect,\n"
          "NotificationWait, PING, Bind, ...). FILE is binary, or hex text with --hex; - reads standard input.\n"
          "  --raw-request TYPE FILE   decode FILE as the body of a TYPE request\n"
          "  --raw-response TYPE FILE  decode FILE as the body of a TYPE response\n"
          "  --hex                     FILEs are hex text (whitespace ignored)\n"
          "\n"
          "Exit status: 0 decoded cleanly, 1 decoded with problems (a problem in a message, a connection not\n"
          "decrypted, a TCP gap, a truncated capture), 2 usage or I/O error.\n",
          f);
}

enum {
    OPT_RAW_REQUEST = 256, OPT_RAW_RESPONSE, OPT_HEX, OPT_VERSION, OPT_TLS_DEBUG, OPT_SESSIONS, OPT_SESSION,
    OPT_REQUEST_TYPE, OPT_ROP, OPT_MAX_FLOW_BUFFER, OPT_MAX_BODY, OPT_MAX_FLOWS, OPT_MAX_SESSIONS, OPT_MAX_TIMELINE,
    OPT_IDLE_TIMEOUT, OPT_PROGRESS, OPT_NO_PROGRESS, OPT_EXPORT_BODIES, OPT_LIMIT
};

/* A size as --limit takes it: the largest of G, M, k that divides it. */
static void print_size(FILE *f, size_t v, int is_size)
{
    static const char unit[] = "GMk";
    for (int i = 0; is_size && v && i < 3; i++) {
        size_t mul = (size_t)1 << (10 * (3 - i));
        if (v % mul == 0) {
            fprintf(f, "%zu%c", v / mul, unit[i]);
            return;
        }
    }
    fprintf(f, "%zu", v);
}

/* --limit help: every limit with its default, from the core's table. */
static void limits_help(FILE *f)
{
    fputs("Limits, set with --limit NAME=VALUE (sizes in bytes, or with k, M, G); see docs/limits.md.\n"
          "A decoder limit that is hit is reported as a problem in the message, which stops there; the next\n"
          "message decodes normally.\n",
          f);
    for (int i = 0; i < MH_LIMIT_COUNT; i++) {
        const mh_limit_info *l = &mh_limit_table[i];
        if (i == 0 || i == MH_LIMIT_CORE_COUNT)
            fputs(i == 0 ? "Decoder (also the Wireshark preferences mapihttp.NAME):\n" : "Capture:\n", f);
        fprintf(f, "  %-20s default ", l->name);
        print_size(f, l->def, l->is_size);
        fprintf(f, " %s%s%s%s\n      %s\n", l->unit, l->option ? " (also " : "", l->option ? l->option : "",
                l->option ? ")" : "", l->meaning);
    }
}

/* The --max-* option that sets this limit. */
static mh_limit_id max_option_limit(int c)
{
    switch (c) {
    case OPT_MAX_FLOW_BUFFER: return MH_LIMIT_FLOW_BUFFER;
    case OPT_MAX_BODY: return MH_LIMIT_BODY;
    case OPT_MAX_FLOWS: return MH_LIMIT_FLOWS;
    case OPT_MAX_SESSIONS: return MH_LIMIT_SESSIONS;
    default: return MH_LIMIT_TIMELINE;
    }
}

static int parse_rop(const char *s, int *out)
{
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        char *end;
        unsigned long v = strtoul(s + 2, &end, 16);
        if (*end || end == s + 2 || v > 255)
            return 0;
        *out = (int)v;
        return 1;
    }
    for (int id = 0; id < 256; id++) {
        const char *n = mh_rop_name((uint8_t)id);
        if (n && (strcasecmp(n, s) == 0 || (strncasecmp(n, "Rop", 3) == 0 && strcasecmp(n + 3, s) == 0))) {
            *out = id;
            return 1;
        }
    }
    return 0;
}

/* A filter keeps one value: a second one would silently replace the first. */
static int filter_twice(const char *opt)
{
    fprintf(stderr, "mapidump: %s given twice: it filters on one value; run mapidump once per value\n", opt);
    return 2;
}

static int bad_value(const char *opt, const char *v, const char *what)
{
    fprintf(stderr, "mapidump: %s: '%s' is not %s\n", opt, v, what);
    return 2;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "raw-request", required_argument, NULL, OPT_RAW_REQUEST },
        { "raw-response", required_argument, NULL, OPT_RAW_RESPONSE },
        { "hex", no_argument, NULL, OPT_HEX },
        { "format", required_argument, NULL, 'T' },
        { "verbose", no_argument, NULL, 'V' },
        { "keylog", required_argument, NULL, 'k' },
        { "tls-debug", required_argument, NULL, OPT_TLS_DEBUG },
        { "export-bodies", required_argument, NULL, OPT_EXPORT_BODIES },
        { "sessions", no_argument, NULL, OPT_SESSIONS },
        { "session", required_argument, NULL, OPT_SESSION },
        { "request-type", required_argument, NULL, OPT_REQUEST_TYPE },
        { "rop", required_argument, NULL, OPT_ROP },
        { "max-flow-buffer", required_argument, NULL, OPT_MAX_FLOW_BUFFER },
        { "max-body", required_argument, NULL, OPT_MAX_BODY },
        { "max-flows", required_argument, NULL, OPT_MAX_FLOWS },
        { "max-sessions", required_argument, NULL, OPT_MAX_SESSIONS },
        { "max-timeline", required_argument, NULL, OPT_MAX_TIMELINE },
        { "idle-timeout", required_argument, NULL, OPT_IDLE_TIMEOUT },
        { "limit", required_argument, NULL, OPT_LIMIT },
        { "quiet", no_argument, NULL, 'q' },
        { "progress", no_argument, NULL, OPT_PROGRESS },
        { "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, OPT_VERSION },
        { NULL, 0, NULL, 0 },
    };
    md_raw_options o;
    memset(&o, 0, sizeof o);
    o.output = MD_OUT_TEXT;
    md_options co;
    md_options_defaults(&co);
    const char *capture_opt = NULL; /* the first capture-only option, for the raw-mode conflict message */
    const char *format_opt = NULL;  /* -T's value, refused when given again with another */
    int json = 0, verbose = 0;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":T:hVk:q", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_RAW_REQUEST:
        case OPT_RAW_RESPONSE: {
            /* TYPE is the option's argument, FILE the next word */
            const char *name = c == OPT_RAW_REQUEST ? "--raw-request" : "--raw-response";
            if (optind >= argc) {
                fprintf(stderr, "mapidump: %s needs TYPE and FILE\n", name);
                return 2;
            }
            const char **type = c == OPT_RAW_REQUEST ? &o.req_type : &o.resp_type;
            const char **file = c == OPT_RAW_REQUEST ? &o.req_file : &o.resp_file;
            if (*type) {
                fprintf(stderr, "mapidump: %s given twice\n", name);
                return 2;
            }
            *type = optarg;
            *file = argv[optind++];
            break;
        }
        case OPT_HEX:
            o.hex = 1;
            break;
        case 'T':
            if (format_opt && strcmp(format_opt, optarg) != 0) {
                fprintf(stderr, "mapidump: -T given twice, as '%s' and as '%s': choose one\n", format_opt, optarg);
                return 2;
            }
            format_opt = optarg;
            if (strcmp(optarg, "text") == 0)
                o.output = MD_OUT_TEXT, json = 0;
            else if (strcmp(optarg, "json") == 0)
                o.output = MD_OUT_JSON, json = 1;
            else {
                fprintf(stderr, "mapidump: unknown output format '%s' for -T (text or json)\n", optarg);
                return 2;
            }
            break;
        case 'V':
            verbose = 1;
            capture_opt = "-V";
            break;
        case 'k':
            if (co.nkeylogs == MD_MAX_KEYLOGS) {
                fprintf(stderr, "mapidump: at most %d key logs\n", MD_MAX_KEYLOGS);
                return 2;
            }
            co.keylogs[co.nkeylogs++] = optarg;
            capture_opt = "-k";
            break;
        case OPT_TLS_DEBUG:
            co.tls_debug = optarg;
            capture_opt = "--tls-debug";
            break;
        case OPT_EXPORT_BODIES:
            co.export_bodies = optarg;
            capture_opt = "--export-bodies";
            break;
        case OPT_SESSIONS:
            co.sessions = 1;
            capture_opt = "--sessions";
            break;
        case OPT_SESSION:
            if (co.session_filter && strcmp(co.session_filter, optarg) != 0)
                return filter_twice("--session");
            co.session_filter = optarg;
            capture_opt = "--session";
            break;
        case OPT_REQUEST_TYPE: {
            mh_request_type t = mh_request_type_parse(optarg, strlen(optarg));
            if (t == MH_RT_UNKNOWN)
                return bad_value("--request-type", optarg, "an X-RequestType (Connect, Execute, Disconnect, "
                                                           "NotificationWait, PING, Bind, ...)");
            if (co.type_filter != MH_RT_UNKNOWN && co.type_filter != t)
                return filter_twice("--request-type");
            co.type_filter = t;
            capture_opt = "--request-type";
            break;
        }
        case OPT_ROP: {
            int rop;
            if (!parse_rop(optarg, &rop))
                return bad_value("--rop", optarg, "a ROP name (RopLogon, RopSetColumns, ...) or RopId (0xFE)");
            if (co.rop_filter >= 0 && co.rop_filter != rop)
                return filter_twice("--rop");
            co.rop_filter = rop;
            capture_opt = "--rop";
            break;
        }
        case OPT_MAX_FLOW_BUFFER:
        case OPT_MAX_BODY:
        case OPT_MAX_FLOWS:
        case OPT_MAX_SESSIONS:
        case OPT_MAX_TIMELINE: {
            mh_limit_id id = max_option_limit(c);
            const mh_limit_info *l = &mh_limit_table[id];
            if (!mh_limit_parse(id, optarg, &mh_limits[id])) {
                char what[64];
                if (l->is_size)
                    snprintf(what, sizeof what, "a size (bytes, or with k, M, G)");
                else
                    snprintf(what, sizeof what, "a count from %zu to %zu", l->min, l->max);
                return bad_value(l->option, optarg, what);
            }
            capture_opt = l->option;
            break;
        }
        case OPT_LIMIT: {
            if (strcmp(optarg, "help") == 0) {
                limits_help(stdout);
                return 0;
            }
            char why[200];
            int id = mh_limit_set_arg(optarg, why, sizeof why);
            if (id < 0) {
                fprintf(stderr, "mapidump: --limit: %s\n", why);
                return 2;
            }
            /* a capture limit is a capture option: say which one in the raw-mode conflict message */
            static char limit_opt[80];
            if (id >= MH_LIMIT_CORE_COUNT) {
                snprintf(limit_opt, sizeof limit_opt, "--limit %s", mh_limit_table[id].name);
                capture_opt = limit_opt;
            }
            break;
        }
        case OPT_IDLE_TIMEOUT: {
            char *end;
            unsigned long n = strtoul(optarg, &end, 10);
            if (*end || end == optarg || n == 0 || n > 86400ul * 365)
                return bad_value("--idle-timeout", optarg, "a number of seconds");
            co.idle_timeout_us = (uint64_t)n * 1000000u;
            capture_opt = "--idle-timeout";
            break;
        }
        case 'q':
            co.quiet = 1;
            capture_opt = "-q";
            break;
        case OPT_PROGRESS:
        case OPT_NO_PROGRESS:
            if (co.progress && co.progress != (c == OPT_PROGRESS ? 1 : -1)) {
                fprintf(stderr, "mapidump: --progress and --no-progress contradict each other: choose one\n");
                return 2;
            }
            co.progress = c == OPT_PROGRESS ? 1 : -1;
            capture_opt = c == OPT_PROGRESS ? "--progress" : "--no-progress";
            break;
        case 'h':
            usage(stdout);
            return 0;
        case OPT_VERSION:
            printf("mapidump %s\n", MAPIHTTP_VERSION);
            return 0;
        case ':':
            fprintf(stderr, "mapidump: option %s needs an argument\n", argv[optind - 1]);
            return 2;
        default:
            fprintf(stderr, "mapidump: unknown option '%s' (see --help)\n", argv[optind - 1]);
            return 2;
        }
    }
    if (o.req_file || o.resp_file) {
        if (optind < argc) {
            fprintf(stderr, "mapidump: unexpected argument '%s': --raw-request/--raw-response decode single "
                            "bodies, not a CAPTURE (see --help)\n", argv[optind]);
            return 2;
        }
        if (capture_opt) {
            fprintf(stderr, "mapidump: %s is for captures, not for --raw-request/--raw-response\n", capture_opt);
            return 2;
        }
        return md_raw_run(&o);
    }
    if (optind >= argc) {
        fprintf(stderr, "mapidump: nothing to decode: give a CAPTURE file (- for standard input), or "
                        "--raw-request/--raw-response (see --help)\n");
        return 2;
    }
    if (optind + 1 < argc) {
        fprintf(stderr, "mapidump: unexpected argument '%s' (one CAPTURE at a time; see --help)\n", argv[optind + 1]);
        return 2;
    }
    if (o.hex) {
        fprintf(stderr, "mapidump: --hex is for --raw-request/--raw-response, not for captures\n");
        return 2;
    }
    if (json && verbose) {
        fprintf(stderr, "mapidump: -V is for text output; -T json already carries every field: drop one of them\n");
        return 2;
    }
    co.capture = argv[optind];
    md_options_take_limits(&co);
    co.format = json ? MD_FMT_JSON : verbose ? MD_FMT_VERBOSE : MD_FMT_SUMMARY;
    return md_capture_run(&co);
}
