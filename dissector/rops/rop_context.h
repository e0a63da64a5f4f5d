/*
 * What ROP decoders know about the objects their handle indexes refer to ([MS-OXCROPS] 2.2.1, 3.1.4.1,
 * 3.2.5.1): a handle index selects an entry of the ServerObjectHandleTable that travels with the ROP
 * buffer; the session's object table says what that handle was opened as. Requests read the request's
 * table; responses the response's table, read ahead of the ROP list.
 */
#ifndef MH_ROP_CONTEXT_H
#define MH_ROP_CONTEXT_H

#include <stdint.h>

#include "../core/dec.h"
#include "../session/session.h"

#define MH_NO_HANDLE 0xFFFFFFFFu

/* The handle at a handle index of the buffer being decoded; MH_NO_HANDLE when the table does not have
 * one there (unused entries are 0xFFFFFFFF too). */
uint32_t mh_rop_handle_at(const mh_dec *d, uint8_t index);
/* The object at a handle index, or NULL when the handle or the object is not known. Pointers into the
 * object table stay valid only until the next object is created or released. */
mh_object *mh_rop_object_at(mh_dec *d, uint8_t index);
/* A short description of what a handle index refers to ("handle 0x00000045 = folder 0001-00000000A1
 * opened by RopOpenFolder"); writes an empty string when nothing is known. */
void mh_rop_describe_index(mh_dec *d, uint8_t index, char *out, size_t outsz);
/* Creates the object a successful response made at OutputHandleIndex (the response's table gives the
 * handle); returns it or NULL when the handle is not known. */
mh_object *mh_rop_commit_object(mh_dec *d, const mh_rop_req *r, uint8_t out_index, mh_obj_kind kind, uint8_t rop_id);
/* A note naming a named property id (>= 0x8000) of the current logon, or NULL. */
const char *mh_rop_named_note(mh_dec *d, uint32_t tag, char *buf, size_t n);

#endif
