/* Lists of servers holding replicas of a public folder (see servers.c). */
#ifndef MH_SERVERS_H
#define MH_SERVERS_H

#include <stdint.h>

#include "../core/dec.h"

/* `count` NUL-terminated ASCII strings (each the ESSDN of a server) as the subtree `list`; the first
 * `cheap` entries are noted as the lowest-cost ones. Returns 0 when a string is cut off (the cursor
 * records why). */
int mh_decode_servers(mh_dec *d, mh_field_id list, uint16_t count, uint16_t cheap);

#endif
