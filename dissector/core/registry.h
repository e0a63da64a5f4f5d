/*
 * The field registry: every field the decoders emit is declared once, in dissector/fields/ *.def, with its
 * filter name (under "mapihttp."), label (the specification's field name), type, display base and value
 * names. A line reads MH_FIELD(ID, "mapihttp.filter", "Label", TYPE, BASE, names) where TYPE and BASE are
 * the suffixes of mh_ftype / mh_base and `names` names an `mh_names mh_names_<names>` object defined by
 * the decoder that owns those values (NONE for none). The Wireshark glue builds its hf array from this table; the text and JSON sinks print the same
 * names, so a filter name means the same thing in tshark and in mapidump.
 */
#ifndef MH_REGISTRY_H
#define MH_REGISTRY_H

#include <stddef.h>
#include <stdint.h>

#include "cursor.h"

typedef enum {
    MH_FT_NONE,    /* subtree or label without a value */
    MH_FT_BOOLEAN, /* stored in u; nonzero is True */
    MH_FT_UINT8,
    MH_FT_UINT16,
    MH_FT_UINT32,
    MH_FT_UINT64,
    MH_FT_INT32,
    MH_FT_INT64,
    MH_FT_DOUBLE,
    MH_FT_STRING,  /* UTF-8 text */
    MH_FT_BYTES,
    MH_FT_GUID,    /* 16 wire bytes, shown in registry form */
    MH_FT_FILETIME /* 100 ns ticks since 1601-01-01 UTC, shown as ISO 8601 */
} mh_ftype;

typedef enum { MH_BASE_NONE, MH_BASE_DEC, MH_BASE_HEX, MH_BASE_DEC_HEX } mh_base;

typedef struct {
    uint64_t value;
    const char *name;
} mh_vs;

/* Value names. `bits` tables name single bits of a flags field ("0x0005 (Compressed, Last)"). `sorted`
 * tables are searched by bisection. `lookup`, when set, replaces the table search (e.g. property tags
 * named by their high 16 bits). */
typedef struct mh_names {
    const mh_vs *vs;
    size_t count;
    int bits;
    int sorted;
    const char *(*lookup)(const struct mh_names *n, uint64_t v);
} mh_names;

#define MH_NAMES(tbl) { tbl, sizeof(tbl) / sizeof((tbl)[0]), 0, 0, NULL }
#define MH_NAMES_SORTED(tbl) { tbl, sizeof(tbl) / sizeof((tbl)[0]), 0, 1, NULL }
#define MH_BITS(tbl) { tbl, sizeof(tbl) / sizeof((tbl)[0]), 1, 0, NULL }

typedef struct {
    const char *filter;
    const char *label;
    mh_ftype type;
    mh_base base;
    const mh_names *names;
    size_t label_len; /* strlen(label), known at compile time: labels are printed for every field */
} mh_field;

typedef enum {
#define MH_FIELD(id, filter, label, type, base, names) MH_F_##id,
#include "../fields/all.def"
#undef MH_FIELD
    MH_F_COUNT
} mh_field_id;

extern const mh_field mh_fields[MH_F_COUNT];

static inline const mh_field *mh_field_get(mh_field_id id) { return &mh_fields[id]; }

/* A decoded value; which member is meaningful follows the field's type. */
typedef struct {
    uint64_t u;
    int64_t i;
    double d;
    const char *str; /* UTF-8, str_len bytes (not necessarily NUL-terminated) */
    size_t str_len;
    mh_span bytes;
    uint8_t guid[16];
} mh_value;

/* Bisection over a table sorted by value; NULL when absent. */
const char *mh_vs_bsearch(const mh_vs *vs, size_t count, uint64_t v);

/* Name of v in the table, or NULL. */
const char *mh_names_find(const mh_names *n, uint64_t v);

/* Display text of a value, as every front end shows it: named values "Name (0x15)", flags
 * "0x0005 (Compressed, Last)", numbers in the field's base, GUIDs "{…}", FILETIME ISO 8601 UTC.
 * Bytes longer than max_bytes are cut with an ellipsis and their count (0 = no limit).
 * Returns the length written (output always NUL-terminated, cut to outsz). */
size_t mh_format_value(const mh_field *f, const mh_value *v, char *out, size_t outsz, size_t max_bytes);

/* Pieces used by the formatter and by decoders that build notes. */
size_t mh_format_guid(const uint8_t g[16], char *out, size_t outsz);
size_t mh_format_filetime(uint64_t ft, char *out, size_t outsz);

/* Checks the registry for duplicate or malformed filter names; returns the number of defects and
 * writes the first one into `why`. Used by the unit tests and the Wireshark glue at registration. */
int mh_registry_check(char *why, size_t whysz);

#endif
