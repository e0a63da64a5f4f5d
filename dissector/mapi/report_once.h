/*
 * Running a structure decoder so that a read that ran out is reported once, by the structure, and never
 * again by the decoders around it (a ROP, a property row), which report whatever error their cursor
 * carries where they end.
 *
 * The inner decoder reads straight through and leaves a failed read as the cursor's sticky error (it
 * returns 0 only after mh_stop, when a value that decides the layout is unknown). mh_report_once() runs
 * it on a copy of the decoder, reports that error naming `what`, and moves the caller's cursor past what
 * was decoded, or to its limit when decoding stopped, as mh_stop does: the caller's cursor never holds an
 * error that was already reported.
 */
#ifndef MH_REPORT_ONCE_H
#define MH_REPORT_ONCE_H

#include "../core/dec.h"

/* `arg` is the inner decoder's own parameter block. */
typedef int (*mh_inner_fn)(mh_dec *d, const void *arg);

static inline int mh_report_once(mh_dec *d, mh_inner_fn fn, const void *arg, const char *what)
{
    mh_dec s = *d;
    int ok = fn(&s, arg);
    if (!mh_cur_ok(&s.c))
        ok = mh_check(&s, what);
    size_t from = mh_cur_pos(&d->c);
    mh_cur_skip(&d->c, ok ? mh_cur_pos(&s.c) - from : mh_cur_left(&d->c), what);
    return ok;
}

#endif
