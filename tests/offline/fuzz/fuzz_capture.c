/* Fuzz harness for the whole capture pipeline (libpcap input to output): the input is a capture file,
 * decoded with -V and --sessions in turn, standard output discarded. */
#define _GNU_SOURCE /* memfd_create */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "capture.h"
#include "fuzz.h"

static int run(const char *path, int sessions)
{
    md_options o;
    md_options_defaults(&o);
    o.capture = path;
    o.format = sessions ? MD_FMT_SUMMARY : MD_FMT_VERBOSE;
    o.sessions = sessions;
    o.rop_filter = sessions ? -1 : 0x07;
    /* small limits, so that inputs reach them */
    o.max_flow_buffer = (size_t)1 << 20;
    o.max_body = (size_t)1 << 20;
    o.max_flows = 64;
    o.max_sessions = 8;
    o.max_timeline = 16;
    o.quiet = 1;
    o.progress = -1;
    return md_capture_run(&o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int quiet;
    if (!quiet) {
        /* the decoded output is not what is tested; standard error stays for the sanitizers' reports */
        if (!freopen("/dev/null", "w", stdout))
            return 0;
        quiet = 1;
    }
    int fd = memfd_create("capture", 0);
    if (fd < 0)
        return 0;
    if (write(fd, data, size) == (ssize_t)size) {
        char path[64];
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
        run(path, 0);
        run(path, 1);
    }
    close(fd);
    return 0;
}
