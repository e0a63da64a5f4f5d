/* Shared value names: property tags and types, error codes (see names.c). */
#ifndef MH_MAPI_NAMES_H
#define MH_MAPI_NAMES_H

#include <stdint.h>

/* Canonical [MS-OXPROPS] name of a tag (matched by full tag, then by property id below 0x8000), or NULL. */
const char *mh_property_tag_name(uint32_t tag);
/* [MS-OXCDATA] 2.11.1 name of a property type, or NULL. */
const char *mh_property_type_name(uint16_t type);

#endif
