/*
 * Replica server lists: OwningServers of RopGetOwningServers ([MS-OXCSTOR] 2.2.1.6.2), Servers of
 * RopPublicFolderIsGhosted ([MS-OXCSTOR] 2.2.1.7.2), RopOpenFolder and RopCreateFolder ([MS-OXCFOLD]
 * 2.2.1.1.2, 2.2.1.2.2): null-terminated ASCII strings, sorted by network cost, the first
 * CheapServersCount of them sharing the lowest cost.
 */
#include "servers.h"

#include <stdio.h>
#include <string.h>

int mh_decode_servers(mh_dec *d, mh_field_id list, uint16_t count, uint16_t cheap)
{
    size_t start = mh_open(d, list, NULL);
    if (cheap > count) /* the cheap ones are counted among the servers; the layout does not depend on it */
        mh_problem(d, MH_PROB_MALFORMED, start, 0, "%s: %u lowest-cost servers announced among %u servers",
                   mh_fields[list].label, cheap, count);
    int ok = 1;
    for (unsigned i = 0; i < count; i++) {
        size_t at = mh_cur_pos(&d->c);
        mh_span s = mh_cur_asciiz(&d->c, mh_fields[MH_F_SERVER].label);
        if (!mh_cur_ok(&d->c)) {
            ok = 0;
            break;
        }
        size_t n;
        const char *t = mh_text_latin1(d, s, &n);
        char note[40];
        snprintf(note, sizeof note, i < cheap ? "server %u, lowest cost" : "server %u", i);
        mh_value v;
        memset(&v, 0, sizeof v);
        v.str = t ? t : "";
        v.str_len = t ? n : 0;
        mh_emit(d, MH_F_SERVER, at, mh_cur_pos(&d->c) - at, &v, note);
    }
    mh_close(d, start);
    return ok;
}
