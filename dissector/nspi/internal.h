/*
 * Pieces shared by the address book body decoders (dissector/nspi/): the [MS-OXNSPI] and
 * [MS-OXCMAPIHTTP] 2.2.1 structures that several request types carry.
 *
 * Every function that decodes a structure returns 1 when decoding can go on and 0 when it stopped: the
 * problem (truncated, malformed, unsupported) has then been reported, with the leftover bytes, and the
 * caller returns at once without reporting it again.
 */
#ifndef MH_NSPI_INTERNAL_H
#define MH_NSPI_INTERNAL_H

#include <stdint.h>

#include "../core/dec.h"
#include "../envelope/request_type.h"

/* The decoder of the fields of one body, between the common head and the auxiliary buffer; `what`
 * names the body in problems. */
typedef int (*nspi_fields_fn)(mh_dec *d, const char *what);
extern const nspi_fields_fn mh_nspi_request_fields[MH_RT_COUNT];
extern const nspi_fields_fn mh_nspi_response_fields[MH_RT_COUNT]; /* after StatusCode and ErrorCode */

/* Property tags of a LargePropertyTagArray, kept (in the arena) for the rows that follow it. */
typedef struct {
    const uint32_t *tags;
    uint32_t count;
} nspi_tags;

/* What a Minimal Entry ID means where it is read: the spec names a few values by context. */
typedef enum {
    NSPI_MID_PLAIN,     /* an object */
    NSPI_MID_POSITION,  /* STAT CurrentRec: [MS-OXNSPI] 2.2.1.8 positioning Minimal Entry IDs */
    NSPI_MID_CONTAINER, /* STAT ContainerID: 0 is the Global Address List ([MS-OXOABK] 2.2.2.3) */
    NSPI_MID_ANR        /* ResolveNames results: [MS-OXNSPI] 2.2.1.9 ANR Minimal Entry IDs */
} nspi_mid_kind;

/* names.c: a 32-bit field whose value gets a note when the spec names it in this context. */
uint32_t nspi_mid(mh_dec *d, mh_field_id f, nspi_mid_kind kind);
uint32_t nspi_code_page(mh_dec *d, mh_field_id f);

/* stat.c: [MS-OXNSPI] 2.2.8 STAT, and the HasState + State pair of the bodies. */
int nspi_stat(mh_dec *d);
int nspi_has_state(mh_dec *d);

/* arrays.c */
/* A Has* Boolean (1 byte, nonzero = present); returns 1 and sets *present, 0 when it ran out. */
int nspi_has(mh_dec *d, mh_field_id f, int *present);
/* [MS-OXCMAPIHTTP] 2.2.1.8 LargePropertyTagArray, shown as `heading`; `out` may be NULL. */
int nspi_tag_array(mh_dec *d, const char *heading, nspi_tags *out);
/* `has` (HasColumns, HasPropertyTags, ...) then the LargePropertyTagArray when it is nonzero. */
int nspi_optional_tag_array(mh_dec *d, mh_field_id has, const char *heading);
/* HasMinimalIds, MinimalIdCount, MinimalIds. */
int nspi_optional_mids(mh_dec *d, nspi_mid_kind kind);
/* ExplicitTableCount and ExplicitTable (at most 100,000 Minimal Entry IDs). */
int nspi_explicit_table(mh_dec *d);
/* StringsArray_r ([MS-OXNSPI] 2.2.2.1) as the DNToMId Names field: Count, then 8-bit strings. */
int nspi_strings8(mh_dec *d, mh_field_id node);
/* ResolveNames NameCount and NameValues (UTF-16 strings). */
int nspi_names16(mh_dec *d);
/* ModLinkAtt EntryIdCount and EntryIds. */
int nspi_entry_ids(mh_dec *d);

/* abvalue.c: [MS-OXCMAPIHTTP] 2.2.1.1 - 2.2.1.3 */
int nspi_ab_value(mh_dec *d, uint16_t type);
int nspi_tagged_value(mh_dec *d);
int nspi_value_list(mh_dec *d, const char *heading);

/* rows.c: [MS-OXCMAPIHTTP] 2.2.1.7 AddressBookPropertyRow and the RowCount + RowData of responses. */
int nspi_row_data(mh_dec *d, const nspi_tags *cols);
/* `has` (HasColumnsAndRows, HasRowsAndColumns), then the columns, RowCount and RowData. */
int nspi_columns_and_rows(mh_dec *d, mh_field_id has, const char *cols_heading);


#endif
