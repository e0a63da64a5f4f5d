/* [MS-OXCDATA] 2.2.4 / 2.2.5 EntryIDs inside binary property values (see entryid.c). */
#ifndef MH_ENTRYID_H
#define MH_ENTRYID_H

#include <stdint.h>

#include "../core/dec.h"

typedef enum {
    MH_EID_NONE = 0,
    MH_EID_FOLDER,       /* 2.2.4.1 */
    MH_EID_MESSAGE,      /* 2.2.4.2 */
    MH_EID_ONE_OFF,      /* 2.2.5.1 */
    MH_EID_ADDRESS_BOOK  /* 2.2.5.2 */
} mh_entryid_kind;

/* What the bytes from the cursor's position to its limit are: the EntryID kind their ProviderUID (or
 * object type) announces, when they parse cleanly as that kind and fill the bytes exactly; MH_EID_NONE
 * otherwise. Reads a copy: nothing moves, nothing is emitted. */
mh_entryid_kind mh_entryid_classify(const mh_cursor *c);

/* When mh_entryid_classify says the bytes are an EntryID, emits it as a subtree and moves to the limit;
 * otherwise emits nothing. Returns the kind. */
mh_entryid_kind mh_decode_entryid(mh_dec *d);

/* Whether a property's values are EntryIDs: PtypBinary properties whose canonical name ends in "EntryId"
 * (or "EntryID"), PtypMultipleBinary ones ending in "EntryIds", and a short list named otherwise. */
int mh_is_entryid_property(uint32_t tag);

#endif
