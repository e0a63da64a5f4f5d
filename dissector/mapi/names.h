/* Shared value names: property tags and types, error codes (see names.c). */
#ifndef MH_MAPI_NAMES_H
#define MH_MAPI_NAMES_H

#include <stdint.h>

/* Canonical [MS-OXPROPS] name of a tag in a mailbox (matched by full tag, then by property id; ids from
 * 0x8000 are named properties there and get NULL), or NULL. */
const char *mh_property_tag_name(uint32_t tag);
/* The same in the address book, where some ids from 0x8000 have fixed names. Fields can use the names
 * object `ab_property_tag` for this context. */
const char *mh_ab_property_tag_name(uint32_t tag);
/* [MS-OXCDATA] 2.11.1 name of a property type, or NULL. */
const char *mh_property_type_name(uint16_t type);

/* A [MS-OXCDATA] 2.4.3 warning that no error shares (e.g. ecWarnWithErrors 0x00040380): a ROP that
 * answers one succeeded, with a warning. */
int mh_is_warning_code(uint32_t v);

#endif
