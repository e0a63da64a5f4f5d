/*
 * Recipients in ROP buffers (see recipient.c): [MS-OXCDATA] 2.8.3 RecipientRow and the ROP structures that
 * carry it, [MS-OXCROPS] 2.2.6.1.2.1 OpenRecipientRow, 2.2.6.5.1.1 ModifyRecipientRow and 2.2.6.6.2.1
 * ReadRecipientRow.
 *
 * A RecipientRow ends with a PropertyRow whose columns are the first RecipientColumnCount of the
 * RecipientColumns in force: those of the same ROP (RopModifyRecipients request, RopOpenMessage,
 * RopReloadCachedInformation and RopOpenEmbeddedMessage responses) or, for RopReadRecipients, those the
 * server last reported for the message (kept on the message object, see rops_message.c). Every row has its
 * own size, so a row whose properties cannot be decoded (missing columns, a value that cannot be sized)
 * shows them raw and the next row decodes normally.
 */
#ifndef MH_RECIPIENT_H
#define MH_RECIPIENT_H

#include <stddef.h>
#include <stdint.h>

#include "../core/dec.h"

/* RecipientFlags bits and Type values ([MS-OXCDATA] 2.8.3.1). */
#define MH_RECIP_R 0x0080
#define MH_RECIP_S 0x0040
#define MH_RECIP_T 0x0020
#define MH_RECIP_D 0x0010
#define MH_RECIP_E 0x0008
#define MH_RECIP_TYPE_MASK 0x0007
#define MH_RECIP_O 0x8000
#define MH_RECIP_RESERVED 0x7800
#define MH_RECIP_I 0x0400
#define MH_RECIP_U 0x0200
#define MH_RECIP_N 0x0100

#define MH_RECIP_TYPE_NOTYPE 0x0
#define MH_RECIP_TYPE_X500DN 0x1
#define MH_RECIP_TYPE_PDL1 0x6
#define MH_RECIP_TYPE_PDL2 0x7

/* The RecipientColumns the rows of one ROP are decoded with. */
typedef struct {
    const uint32_t *tags;
    uint32_t ntags;
    int known;           /* 0: the columns were not seen; RecipientProperties are shown raw */
    const char *missing; /* when not known: what would have given them (for the missing-context problem) */
} mh_recipient_columns;

/* ColumnCount (2 bytes) and RecipientColumns (that many PropertyTags), kept in the arena for the rows
 * that follow; returns 0 when decoding must stop (reported). */
int mh_decode_recipient_columns(mh_dec *d, mh_recipient_columns *cols);

/* A RecipientRow filling `d` (a decoder limited to RecipientRowSize bytes). Problems are reported inside
 * it; returns 1 when the whole row decoded. */
int mh_decode_recipient_row(mh_dec *d, const mh_recipient_columns *cols);

/* The ROP structures around a RecipientRow. They return 0 when the list they are in must stop: their own
 * fields ran out, or RecipientRowSize runs past the buffer. */
int mh_decode_open_recipient_row(mh_dec *d, const mh_recipient_columns *cols);
int mh_decode_modify_recipient_row(mh_dec *d, const mh_recipient_columns *cols);
int mh_decode_read_recipient_row(mh_dec *d, const mh_recipient_columns *cols);

#endif
