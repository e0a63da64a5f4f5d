/* mapidump: decodes MAPI over HTTP ([MS-OXCMAPIHTTP]) messages into text or JSON. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "raw.h"

#ifndef MAPIHTTP_VERSION
#define MAPIHTTP_VERSION "0"
#endif

static void usage(FILE *f)
{
    fputs("Usage:\n"
          "  mapidump --raw-request TYPE FILE [--raw-response TYPE FILE] [--hex] [-T text|json]\n"
          "  mapidump --raw-response TYPE FILE [--hex] [-T text|json]\n"
          "\n"
          "Decodes single MAPI/HTTP bodies: a request body, a response body (starting at the PROCESSING/\n"
          "PENDING/DONE meta-tags or at the binary body), or a request and then its response, the request\n"
          "giving the response its context. TYPE is an X-RequestType value (Connect, Execute, Disconnect,\n"
          "NotificationWait, PING, Bind, ...). FILE is binary, or hex text with --hex; - reads standard input.\n"
          "\n"
          "Options:\n"
          "  --raw-request TYPE FILE   decode FILE as the body of a TYPE request\n"
          "  --raw-response TYPE FILE  decode FILE as the body of a TYPE response\n"
          "  --hex                     FILEs are hex text (whitespace ignored)\n"
          "  -T, --format text|json    output format (default text)\n"
          "  -h, --help                show this help\n"
          "  --version                 show the version\n"
          "\n"
          "Exit status: 0 decoded cleanly, 1 a problem was reported (truncated, malformed, unsupported,\n"
          "missing context), 2 usage or I/O error.\n",
          f);
}

enum { OPT_RAW_REQUEST = 256, OPT_RAW_RESPONSE, OPT_HEX, OPT_VERSION };

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "raw-request", required_argument, NULL, OPT_RAW_REQUEST },
        { "raw-response", required_argument, NULL, OPT_RAW_RESPONSE },
        { "hex", no_argument, NULL, OPT_HEX },
        { "format", required_argument, NULL, 'T' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, OPT_VERSION },
        { NULL, 0, NULL, 0 },
    };
    md_raw_options o;
    memset(&o, 0, sizeof o);
    o.output = MD_OUT_TEXT;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":T:h", longopts, NULL)) != -1) {
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
            if (strcmp(optarg, "text") == 0)
                o.output = MD_OUT_TEXT;
            else if (strcmp(optarg, "json") == 0)
                o.output = MD_OUT_JSON;
            else {
                fprintf(stderr, "mapidump: unknown output format '%s' for -T (text or json)\n", optarg);
                return 2;
            }
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
    if (optind < argc) {
        fprintf(stderr, "mapidump: unexpected argument '%s' (see --help)\n", argv[optind]);
        return 2;
    }
    if (!o.req_file && !o.resp_file) {
        fprintf(stderr, "mapidump: nothing to decode: give --raw-request and/or --raw-response (see --help)\n");
        return 2;
    }
    return md_raw_run(&o);
}
