/* The progress bar on standard error for large capture files: bytes read of the file's size, rate,
 * redrawn at most a few times a second and erased at the end. */
#ifndef MD_PROGRESS_H
#define MD_PROGRESS_H

#include <stdint.h>
#include <time.h>

typedef struct {
    int on;
    uint64_t total;
    struct timespec start, last;
} md_progress;

/* On when `mode` is 1, or 0 (auto) with standard error a terminal and `total` above 50 MB. */
void md_progress_init(md_progress *p, int mode, uint64_t total);
void md_progress_update(md_progress *p, uint64_t done);
void md_progress_end(md_progress *p);

#endif
