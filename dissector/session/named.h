/*
 * Named property mappings of a MAPI session ([MS-OXCPRPT] 3.1.4.2 / 3.2.5.x, [MS-OXCDATA] 2.6.1
 * PropertyName): per logon, property id (0x8000 and up) <-> property set GUID + LID or name, learned from
 * RopGetPropertyIdsFromNames and RopGetNamesFromPropertyIds responses, so that named properties print
 * with their names wherever they appear later. Bounded: at most MH_NAMED_MAX mappings per session.
 */
#ifndef MH_NAMED_H
#define MH_NAMED_H

#include <stddef.h>
#include <stdint.h>

#define MH_NAMED_MAX 16384

typedef struct {
    uint8_t used;
    uint8_t logon_id;
    uint8_t kind;      /* 0x00 LID, 0x01 string ([MS-OXCDATA] 2.6.1 Kind) */
    uint16_t prop_id;
    uint8_t guid[16];
    uint32_t lid;
    char *name;        /* UTF-8, for kind 0x01 */
} mh_named_entry;

typedef struct {
    mh_named_entry *slots;
    size_t cap, count;
} mh_named_table;

void mh_named_init(mh_named_table *t);
void mh_named_free(mh_named_table *t);
/* Remembers a mapping (replacing one for the same logon and id). `name` is copied. */
void mh_named_put(mh_named_table *t, uint8_t logon_id, uint16_t prop_id, const uint8_t guid[16], uint8_t kind,
                  uint32_t lid, const char *name, size_t name_len);
/* Forgets every mapping of a LogonId (a new RopLogon reuses the id for another store). */
void mh_named_forget_logon(mh_named_table *t, uint8_t logon_id);
const mh_named_entry *mh_named_get(const mh_named_table *t, uint8_t logon_id, uint16_t prop_id);
/* Display text of a named property: its [MS-OXPROPS] canonical name (PidLid..., PidName...) when known,
 * else "<property set>:0x<LID>" or "<property set>:\"name\"" with the set's name or GUID. */
size_t mh_named_format(const mh_named_entry *e, char *out, size_t outsz);
/* Name of a well-known property set GUID ([MS-OXPROPS] 1.3.2), or NULL. */
const char *mh_property_set_name(const uint8_t guid[16]);

#endif
