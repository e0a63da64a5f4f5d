/*
 * The FastTransfer stream ([MS-OXCFXICS] 2.2.4) carried by RopFastTransferSourceGetBuffer responses
 * (TransferBuffer) and RopFastTransferDestinationPutBuffer(Extended) requests (TransferData), decoded as
 * its lexical elements (2.2.4.1: markers, propValues with fixed, variable and multiple values, named
 * property information, code page strings; meta-properties 2.2.4.1.5; IDSETs in the ICS state and
 * deletion/read-state meta-properties 2.2.1), continuing across the buffers of one transfer context.
 *
 * A stream is split into buffers anywhere, even inside an element. The state of a transfer context
 * (struct mh_fx_state, owned by the context's server object, mh_object.fx) keeps the bytes of an element
 * that started in an earlier buffer; the element is decoded, once, in the buffer where it completes,
 * from a reassembled copy shown as its own data source, and the bytes it took from that buffer are
 * marked as its continuation.
 *
 * Memory: one context keeps at most fx_partial_bytes (core/limits.h, default 8 MiB) of a carried
 * element. Past it a problem is reported and the carried bytes are dropped: when the
 * element's size is known (a variable-size value whose length was seen) its remaining bytes are skipped
 * and decoding resumes after it; otherwise the rest of the stream is shown raw.
 *
 * A stream whose start was not seen (capture started mid-transfer, or the context's creation was not
 * seen) is shown raw with a missing-context problem: the format has no resynchronisation point (a
 * marker's 4 bytes can occur inside any binary or string value), so decoding never resumes later in it.
 */
#ifndef MH_FXSTREAM_H
#define MH_FXSTREAM_H

#include <stddef.h>
#include <stdint.h>

#include "../core/dec.h"

/* Start markers tracked for the nesting notes of end markers ([MS-OXCFXICS] 2.2.4.3). */
#define MH_FX_DEPTH_MAX 32

/* Where a stream stands, apart from the carried bytes (saved and restored by upload transactions). */
typedef struct {
    uint32_t carry_buffers;  /* how many buffers the carried bytes came from */
    uint64_t skip;           /* bytes still to skip of an element dropped at the memory bound */
    uint32_t skip_tag;       /* its property tag */
    int lost;                /* the stream position is not known: later buffers are shown raw */
    char lost_why[200];
    int done;                /* the last buffer (TransferStatus Done) was seen */
    uint32_t stack[MH_FX_DEPTH_MAX]; /* open start markers */
    unsigned depth;          /* may exceed MH_FX_DEPTH_MAX; only the first ones are kept */
    uint64_t buffers;        /* buffers of this stream seen */
    uint64_t offset;         /* stream bytes seen */
} mh_fx_position;

/* Undo bytes kept for an upload buffer whose response is not seen yet (larger carried elements are not
 * copied: a failed PutBuffer then makes the rest of the stream raw instead of rolling back). */
#define MH_FX_UNDO_MAX ((size_t)64 << 10)

typedef struct mh_fx_state {
    mh_fx_position p;
    uint8_t *carry;          /* bytes of an element that started in an earlier buffer */
    size_t carry_len, carry_cap;
    struct {                 /* the position before the upload buffers not yet answered */
        int active;
        unsigned count;      /* upload buffers decoded since (several when packed in one request) */
        uint64_t tx;         /* the request they came in */
        mh_fx_position p;
        uint8_t *carry;      /* copy of the carried bytes, NULL when there were none or too many */
        size_t carry_len;
        int complete;        /* the copy is whole, so the position can be restored */
    } undo;
} mh_fx_state;

/* The state of a new transfer context (NULL when memory is short); also installs the object table's
 * free hook. */
mh_fx_state *mh_fx_state_new(void);
void mh_fx_state_free(mh_fx_state *st);

/*
 * Decodes the next `len` bytes at the cursor as the next buffer of a FastTransfer stream, as a
 * "FastTransfer stream" subtree; the cursor moves past them.
 * - slot: the context's state pointer (&object->fx), or NULL when the context is not known: the bytes
 *   are then shown raw with a missing-context problem saying `missing`.
 * - missing: when not NULL, why the stream cannot be decoded (its start was not seen); the bytes are
 *   shown raw and, when slot is given, the context remembers it so that later buffers are raw too.
 * - last: this buffer ends the stream (TransferStatus Done); an element left unfinished is reported.
 * The state is created in *slot on the first buffer.
 */
void mh_fx_decode_buffer(mh_dec *d, size_t len, mh_fx_state **slot, const char *missing, int last);

/*
 * Uploads are transactional: a PutBuffer request's TransferData is decoded when the request is seen
 * (as mh_fx_decode_buffer does), but the stream position before it is kept until its response says
 * whether the server took the buffer (mh_fx_settle): a failed buffer (e.g. ecServerBusy, resent later)
 * leaves the stream where it was. `tx` names the request (buffers packed in one request share it); a new
 * request while an older one is unanswered means that answer was not seen: reported, and the older
 * buffer is taken as accepted.
 */
void mh_fx_decode_upload(mh_dec *d, size_t len, mh_fx_state **slot, const char *missing, uint64_t tx);
/* The response to an upload buffer: accepted or not; `why` says why when not (shown with later buffers
 * when the position cannot be restored). */
void mh_fx_settle(mh_fx_state *st, int accepted, const char *why);

/*
 * An upload buffer sent in the same request that creates its context (RopFastTransferDestinationConfigure
 * earlier in the ROP list): the context's handle is known only from the response, so the buffer, which
 * starts the stream, is decoded with a state of its own that is not kept. It returns what the context
 * needs to continue once its response is seen (mh_fx_attach): whether the buffer ended between elements
 * (`clean`) and the marker nesting depth there.
 */
int mh_fx_decode_detached(mh_dec *d, size_t len, uint16_t *depth);
/* Gives a context created by the same request the state its first upload buffer left (see above). */
void mh_fx_attach(mh_fx_state **slot, size_t len, int clean, uint16_t depth);

/* Marks a context's stream as no longer decodable (e.g. a download that stopped with an error): its
 * later buffers are shown raw with `why`. Creates the state when needed. */
void mh_fx_mark_lost(mh_fx_state **slot, const char *why);

/* Name of a FastTransfer marker ([MS-OXCFXICS] 2.2.4.1.4) or NULL. */
const char *mh_fx_marker_name(uint32_t tag);
/* Name of a meta-property or ICS state property ([MS-OXCFXICS] 2.2.4.1.5, 2.2.1.1, 2.2.1.3) or NULL. */
const char *mh_fx_meta_name(uint32_t tag);

#endif
