/*
 * [MS-OXCDATA] 2.2.1.3.1 LongTermID: DatabaseGuid (16 bytes, the replica's GUID where a Folder ID or
 * Message ID has a 2-byte ReplicaId), GlobalCounter (6 bytes, a GLOBCNT whose bytes run from the most
 * significant, [MS-OXCFXICS] 2.2.2.5) and Pad (2 bytes, MUST be 0x0000). It is shown like a Folder ID,
 * replica then counter: "{DatabaseGuid}-GlobalCounter".
 */
#include "longterm.h"

#include <stdio.h>
#include <string.h>

void mh_format_long_term_id(const uint8_t guid[16], const uint8_t counter[6], char *out, size_t outsz)
{
    char g[40];
    mh_format_guid(guid, g, sizeof g);
    snprintf(out, outsz, "%s-%02X%02X%02X%02X%02X%02X", g, counter[0], counter[1], counter[2], counter[3],
             counter[4], counter[5]);
}

int mh_long_term_id(mh_dec *d, mh_field_id f)
{
    size_t at = mh_cur_pos(&d->c);
    /* the heading needs all 24 bytes: look at them through a copy of the cursor first */
    mh_cursor peek = d->c;
    mh_span all = mh_cur_bytes(&peek, MH_LONG_TERM_ID_SIZE, mh_fields[f].label);
    if (!mh_cur_ok(&peek)) {
        d->c = peek; /* the same failure, recorded where the LongTermID starts */
        return 0;
    }
    uint8_t g[16], counter[6];
    mh_span_copy(mh_span_sub(all, 0, 16), g, sizeof g);
    mh_span_copy(mh_span_sub(all, 16, 6), counter, sizeof counter);
    char text[64];
    mh_format_long_term_id(g, counter, text, sizeof text);
    mh_open_str(d, f, at, MH_LONG_TERM_ID_SIZE, text, strlen(text));

    mh_guid(d, MH_F_LONG_TERM_ID_DATABASE_GUID, g);
    size_t cat = mh_cur_pos(&d->c);
    mh_cur_bytes(&d->c, 6, mh_fields[MH_F_LONG_TERM_ID_GLOBAL_COUNTER].label);
    mh_emit_str(d, MH_F_LONG_TERM_ID_GLOBAL_COUNTER, cat, 6, text + strlen(text) - 12, 12);
    size_t pat = mh_cur_pos(&d->c);
    uint16_t pad = mh_cur_u16(&d->c, mh_fields[MH_F_LONG_TERM_ID_PAD].label);
    mh_emit_uint(d, MH_F_LONG_TERM_ID_PAD, pat, 2, pad, pad ? "MUST be 0x0000" : NULL);
    mh_close_len(d, MH_LONG_TERM_ID_SIZE);
    return 1;
}
