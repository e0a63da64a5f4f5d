/* Progress bar (see progress.h). */
#include "progress.h"

#include <stdio.h>
#include <unistd.h>

#define AUTO_THRESHOLD 50000000ull /* 50 MB */
#define WIDTH 30

static double secs(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void md_progress_init(md_progress *p, int mode, uint64_t total)
{
    p->on = total && (mode > 0 || (mode == 0 && total > AUTO_THRESHOLD && isatty(STDERR_FILENO)));
    p->total = total;
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    p->last = p->start;
}

void md_progress_update(md_progress *p, uint64_t done)
{
    if (!p->on)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (secs(&p->last, &now) < 0.2)
        return;
    p->last = now;
    double frac = done >= p->total ? 1.0 : (double)done / (double)p->total;
    int fill = (int)(frac * WIDTH);
    char bar[WIDTH + 1];
    for (int i = 0; i < WIDTH; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[WIDTH] = 0;
    double el = secs(&p->start, &now);
    fprintf(stderr, "\r[%s] %3.0f%% %llu/%llu MB %.0f MB/s", bar, frac * 100, (unsigned long long)(done / 1000000),
            (unsigned long long)(p->total / 1000000), el > 0 ? (double)done / 1e6 / el : 0.0);
    fflush(stderr);
}

void md_progress_end(md_progress *p)
{
    if (p->on)
        fprintf(stderr, "\r%*s\r", 70, "");
}
