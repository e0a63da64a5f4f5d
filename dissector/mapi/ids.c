/*
 * [MS-OXCDATA] 2.2.1.1 Folder ID and 2.2.1.2 Message ID: ReplicaId (2 bytes) then GlobalCounter
 * (6 bytes), shown as ReplicaId-GlobalCounter in hex ("0001-00000E8EDF36"). The GlobalCounter is a
 * GLOBCNT ([MS-OXCFXICS] 2.2.2.5), whose bytes run from the most significant; ReplicaId is a
 * little-endian integer like every other field.
 */
#include "ids.h"

#include <stdio.h>
#include <string.h>

#include "../core/strbuf.h"

void mh_format_id(uint64_t id, char out[18])
{
    unsigned replica = (unsigned)(id & 0xFFFF);
    uint64_t counter = 0;
    for (int i = 2; i < 8; i++)
        counter = (counter << 8) | ((id >> (8 * i)) & 0xFF);
    mh_sb s = mh_sb_init(out, 18);
    mh_sb_hex(&s, replica, 4);
    mh_sb_chr(&s, '-');
    mh_sb_hex(&s, counter, 12);
}

uint64_t mh_folder_id(mh_dec *d, mh_field_id f, const char *note)
{
    size_t at = mh_cur_pos(&d->c);
    uint64_t id = mh_cur_u64(&d->c, mh_fields[f].label);
    if (!mh_cur_ok(&d->c))
        return 0;
    char text[18];
    mh_format_id(id, text);
    mh_value v;
    memset(&v, 0, sizeof v);
    v.str = text;
    v.str_len = strlen(text);
    mh_emit(d, f, at, 8, &v, note);
    return id;
}
