/* Pieces the FastTransfer ROPs (rops_fasttransfer.c) and the ICS ROPs (rops_ics.c) share. */
#ifndef MH_ROPS_FXICS_H
#define MH_ROPS_FXICS_H

#include <stddef.h>
#include <stdint.h>

#include "../mapi/fxstream.h"
#include "rop_catalog.h"

/* A ROP that creates a transfer context from the object at InputHandleIndex: the context is shown with
 * that object's folder and message ids (recorded in r->id1 / r->id2). */
void mh_fxics_inherit_ids(mh_dec *d, mh_rop_req *r);

/* `count` TaggedPropertyValue structures ([MS-OXCDATA] 2.11.4) in a subtree of field `list`; returns 0
 * when a value stopped the list (reported). */
int mh_fxics_tagged_values(mh_dec *d, mh_field_id list, uint16_t count);

/* The state slot of the transfer context at a handle index, when the context is known and of one of
 * the two kinds; otherwise NULL with *missing saying why (text in buf). */
mh_fx_state **mh_fxics_context(mh_dec *d, uint8_t index, mh_obj_kind k1, mh_obj_kind k2, const char *what,
                               char *buf, size_t n, const char **missing);

/* The handle index of the response being decoded (the request's when it was seen, else the response
 * header's own, which precedes ReturnValue): only valid before the response decoder reads a field. */
uint8_t mh_fxics_response_index(mh_dec *d, const mh_rop_req *r);

#endif
