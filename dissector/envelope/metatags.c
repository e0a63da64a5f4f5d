/*
 * [MS-OXCMAPIHTTP] 2.2.2.2 common response format and 2.2.7 meta-tags: a response body starts with
 * "PROCESSING" CRLF, zero or more "PENDING" CRLF keep-alives, "DONE" CRLF, then the additional headers
 * (3.2.5.2: X-ElapsedTime, X-StartTime, possibly X-ResponseCode), an empty line, and the binary body.
 * A response cut off before DONE (an unfinished NotificationWait, a capture that ends) is reported with
 * what was seen.
 */
#include "metatags.h"

#include "../core/text.h"

static int meta_kind(mh_span line)
{
    if (mh_span_eq_str(line, "PROCESSING"))
        return 1;
    if (mh_span_eq_str(line, "PENDING"))
        return 2;
    if (mh_span_eq_str(line, "DONE"))
        return 3;
    return 0;
}

/* The next line without its CRLF (a bare LF is accepted); *ok = 0 when no line end is left. */
static mh_span next_line(mh_dec *d, int *ok)
{
    long lf = mh_cur_find(&d->c, '\n');
    mh_span line = { NULL, 0, 0 };
    if (lf < 0) {
        *ok = 0;
        return line;
    }
    line = mh_cur_bytes(&d->c, (size_t)lf + 1, "line");
    *ok = 1;
    size_t n = line.len - 1;
    if (n && mh_span_byte(line, n - 1) == '\r')
        n--;
    return mh_span_sub(line, 0, n);
}

int mh_starts_with_meta_tag(const mh_cursor *c)
{
    mh_cursor probe = *c;
    long lf = mh_cur_find(&probe, '\n');
    if (lf < 0 || lf > 16)
        return 0;
    mh_span line = mh_cur_bytes(&probe, (size_t)lf, "line");
    if (line.len && mh_span_byte(line, line.len - 1) == '\r')
        line = mh_span_sub(line, 0, line.len - 1);
    return meta_kind(line) != 0;
}

mh_meta_status mh_decode_meta_tags(mh_dec *d, mh_header_info *info, unsigned *pending_out)
{
    unsigned processing = 0, pending = 0;
    int done = 0, ok = 1;
    size_t start = mh_open(d, MH_F_META_TAGS, NULL);
    while (!done) {
        size_t at = mh_cur_pos(&d->c);
        mh_span line = next_line(d, &ok);
        if (!ok)
            break;
        int k = meta_kind(line);
        if (!k) {
            mh_close(d, start);
            mh_stop(d, MH_PROB_MALFORMED, at, "meta-tags: expected PROCESSING, PENDING or DONE, found \"%.*s\"",
                    (int)(line.len > 40 ? 40 : line.len), mh_span_chars(line));
            return MH_META_BAD;
        }
        size_t len = mh_cur_pos(&d->c) - at;
        const char *text = k == 1 ? "PROCESSING" : k == 2 ? "PENDING" : "DONE";
        mh_emit_str(d, MH_F_META_TAG, at, len, text, k == 1 ? 10 : k == 2 ? 7 : 4);
        processing += k == 1;
        pending += k == 2;
        done = k == 3;
    }
    if (pending)
        mh_emit_uint(d, MH_F_PENDING_COUNT, MH_OFF_GENERATED, 0, pending, NULL);
    mh_close(d, start);
    if (pending_out)
        *pending_out = pending;
    if (!done) {
        size_t at = mh_cur_pos(&d->c);
        mh_stop(d, MH_PROB_TRUNCATED, at,
                "response cut off before DONE (seen: %u PROCESSING, %u PENDING): an unfinished request such as "
                "a NotificationWait still waiting, or a capture that ends here",
                processing, pending);
        return MH_META_UNFINISHED;
    }

    /* additional headers, up to the empty line */
    size_t hstart = mh_open(d, MH_F_ADDITIONAL_HEADERS, NULL);
    for (;;) {
        size_t at = mh_cur_pos(&d->c);
        mh_span line = next_line(d, &ok);
        if (!ok) {
            mh_close(d, hstart);
            mh_stop(d, MH_PROB_TRUNCATED, at, "additional headers after DONE end without the empty line");
            return MH_META_UNFINISHED;
        }
        if (line.len == 0)
            break;
        size_t colon = mh_text_find(line, 0, ':');
        if (colon == line.len) {
            mh_close(d, hstart);
            mh_stop(d, MH_PROB_MALFORMED, at, "additional header without a colon: \"%.*s\"",
                    (int)(line.len > 40 ? 40 : line.len), mh_span_chars(line));
            return MH_META_BAD;
        }
        /* the line, with the header it carries decoded under it */
        mh_open_str(d, MH_F_ADDITIONAL_HEADER, at, line.len, mh_span_chars(line), line.len);
        mh_decode_additional_header(d, mh_span_sub(line, 0, colon),
                                    mh_span_sub(line, colon + 1, line.len - colon - 1), at + colon + 1, info);
        mh_close_len(d, line.len);
    }
    mh_close(d, hstart);
    return MH_META_DONE;
}
