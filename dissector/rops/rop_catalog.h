/*
 * The ROP catalogue ([MS-OXCROPS] 2.2.2): one entry per RopId whose buffers the core decodes, with its
 * request decoder, response decoder, and the shape of its response. Names and sections of all 132
 * RopIds come from the generated table; ids the table marks "Reserved" are flagged as such.
 *
 * Families of ROPs live in their own files (rops_store.c, rops_table.c, rops_property.c, rops_misc.c,
 * ...), each exporting an array of entries that the catalogue indexes once.
 */
#ifndef MH_ROP_CATALOG_H
#define MH_ROP_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "../core/dec.h"
#include "../session/session.h"
#include "rop_context.h"

/* The second byte of the response is the request's OutputHandleIndex (ROPs that create an object). */
#define MH_ROP_RESP_OUTPUT 0x01
/* The response has no RopId/HandleIndex/ReturnValue header of the usual form: the response decoder
 * reads everything after RopId (RopNotify, RopPending, RopBackoff, RopBufferTooSmall). */
#define MH_ROP_RESP_CUSTOM 0x02
/* The response decoder is called for a nonzero ReturnValue too (a failure form with fields, e.g. the
 * RopLogon redirect). */
#define MH_ROP_FAILURE_FIELDS 0x04
/* The response cannot be decoded without its request's facts. */
#define MH_ROP_NEEDS_REQUEST 0x08
/* The second byte of the response is ResponseHandleIndex, echoing the request's (RopSaveChangesMessage,
 * RopSetMessageReadFlag, RopSaveChangesAttachment: [MS-OXCROPS] 2.2.6.3, 2.2.6.11, 2.2.6.15). Their request
 * decoders read it with mh_rop_response_index(), which records it as r->out_index for the pairing. */
#define MH_ROP_RESP_RESPONSE_INDEX 0x10
/* The response's second byte is the request's SourceHandleIndex (move/copy ROPs), kept as its in_index. */
#define MH_ROP_RESP_SOURCE_INDEX 0x20

/* Request decoders read the fields after RopId; `r` (NULL when no exchange is kept) receives the facts
 * the response will need. */
typedef void (*mh_rop_request_fn)(mh_dec *d, mh_exchange *x, mh_rop_req *r);
/* Response decoders read the fields after ReturnValue (or after RopId with MH_ROP_RESP_CUSTOM); `r` is
 * the matching request ROP, or NULL when it was not seen. */
typedef void (*mh_rop_response_fn)(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t return_value);

typedef struct {
    uint8_t id;
    uint8_t flags;
    uint8_t creates;             /* mh_obj_kind of the object a success creates at OutputHandleIndex, or 0;
                                  * committed before the response decoder runs, which may refine it */
    mh_rop_request_fn request;   /* NULL: no request buffer (server-only ROPs) */
    mh_rop_response_fn response; /* NULL: no response (RopRelease) */
} mh_rop_impl;

/* The entry for a RopId, or NULL when its buffers are not decoded. */
const mh_rop_impl *mh_rop_impl_get(uint8_t id);
/* Name of a RopId ("RopQueryRows"), or NULL for a reserved id. */
const char *mh_rop_name(uint8_t id);
/* [MS-OXCROPS] section of the ROP ("2.2.5.4"), or NULL. */
const char *mh_rop_section(uint8_t id);
int mh_rop_has_request(uint8_t id);
int mh_rop_has_response(uint8_t id);

/* A response with only RopId, HandleIndex and ReturnValue (nothing follows on success). */
void mh_rop_response_empty(mh_dec *d, const mh_exchange *x, const mh_rop_req *r, uint32_t rv);

/* Helpers for the fields most requests start with; they record into `r` when it is not NULL, and
 * handle indexes carry a note saying what the handle refers to. */
uint8_t mh_rop_logon_id(mh_dec *d, mh_rop_req *r);
uint8_t mh_rop_input_handle_index(mh_dec *d, mh_rop_req *r);
uint8_t mh_rop_output_handle_index(mh_dec *d, mh_rop_req *r);
/* The handle index of a response header (InputHandleIndex, or OutputHandleIndex when `output`). */
uint8_t mh_rop_response_handle_index(mh_dec *d, int output);
/* The SourceHandleIndex of a move/copy response header. */
uint8_t mh_rop_response_source_index(mh_dec *d);
/* ecDstNullObject ([MS-OXCDATA] 2.4.1): the move and copy ROPs' failure form with a DestHandleIndex. */
#define EC_DST_NULL_OBJECT 0x00000503u

/* A handle index field other than the header's (SourceHandleIndex, DestHandleIndex, ...), 1 or 4 bytes
 * wide, with the same note on what it refers to. */
uint32_t mh_rop_handle_index_field(mh_dec *d, mh_field_id f, size_t width);
/* LogonId, SourceHandleIndex, DestHandleIndex of the move and copy ROPs, recorded as r->logon_id,
 * r->in_index and r->u32a: the response echoes SourceHandleIndex where other ROPs echo InputHandleIndex,
 * so it is what pairs them. */
void mh_rop_source_dest(mh_dec *d, mh_rop_req *r);
/* The 4-byte DestHandleIndex of a move/copy ROP's ecDstNullObject response, which MUST repeat the
 * request's (r->u32a; a problem otherwise). 0 when it could not be read. */
int mh_rop_null_dest_index(mh_dec *d, const mh_rop_req *r);
/* A ResponseHandleIndex field (request or response header); recorded as r->out_index when r is given. */
uint8_t mh_rop_response_index(mh_dec *d, mh_rop_req *r);

/* Family tables. */
extern const mh_rop_impl mh_rops_misc[];
extern const size_t mh_rops_misc_count;
extern const mh_rop_impl mh_rops_store[];
extern const size_t mh_rops_store_count;
extern const mh_rop_impl mh_rops_folder[];
extern const size_t mh_rops_folder_count;
extern const mh_rop_impl mh_rops_table[];
extern const size_t mh_rops_table_count;
extern const mh_rop_impl mh_rops_property[];
extern const size_t mh_rops_property_count;
extern const mh_rop_impl mh_rops_stream[];
extern const size_t mh_rops_stream_count;
extern const mh_rop_impl mh_rops_notify[];
extern const size_t mh_rops_notify_count;
extern const mh_rop_impl mh_rops_message[];
extern const size_t mh_rops_message_count;
extern const mh_rop_impl mh_rops_transport[];
extern const size_t mh_rops_transport_count;
extern const mh_rop_impl mh_rops_permission[];
extern const size_t mh_rops_permission_count;
extern const mh_rop_impl mh_rops_fasttransfer[];
extern const size_t mh_rops_fasttransfer_count;
extern const mh_rop_impl mh_rops_ics[];
extern const size_t mh_rops_ics_count;
extern const mh_rop_impl mh_rops_rule[];
extern const size_t mh_rops_rule_count;
extern const mh_rop_impl mh_rops_search[];
extern const size_t mh_rops_search_count;

#endif
