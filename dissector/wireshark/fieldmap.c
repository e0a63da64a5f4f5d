/* Core field type/base -> Wireshark FT_* / BASE_* (see fieldmap.h). */
#include "fieldmap.h"

enum ftenum mhws_ftype(mh_ftype t)
{
    switch (t) {
    case MH_FT_NONE: return FT_NONE;
    case MH_FT_BOOLEAN: return FT_BOOLEAN;
    case MH_FT_UINT8: return FT_UINT8;
    case MH_FT_UINT16: return FT_UINT16;
    case MH_FT_UINT32: return FT_UINT32;
    case MH_FT_UINT64: return FT_UINT64;
    case MH_FT_INT32: return FT_INT32;
    case MH_FT_INT64: return FT_INT64;
    case MH_FT_DOUBLE: return FT_DOUBLE;
    case MH_FT_STRING: return FT_STRING;
    case MH_FT_BYTES: return FT_BYTES;
    case MH_FT_GUID: return FT_GUID;
    /* a time, so that filters compare dates: mapihttp.value.time > "2024-01-01 00:00:00" */
    case MH_FT_FILETIME: return FT_ABSOLUTE_TIME;
    }
    return FT_NONE;
}

int mhws_display(mh_ftype t, mh_base b)
{
    switch (t) {
    case MH_FT_UINT8:
    case MH_FT_UINT16:
    case MH_FT_UINT32:
    case MH_FT_UINT64:
        /* Wireshark refuses BASE_NONE for integers; the tree shows the core's text anyway, the base
         * only matters for tshark -T fields / json and the filter toolbar */
        switch (b) {
        case MH_BASE_HEX: return BASE_HEX;
        case MH_BASE_DEC_HEX: return BASE_DEC_HEX;
        default: return BASE_DEC;
        }
    case MH_FT_INT32:
    case MH_FT_INT64:
        return BASE_DEC; /* signed values in hex would read as huge unsigned numbers */
    case MH_FT_FILETIME:
        return ABSOLUTE_TIME_UTC;
    default:
        return BASE_NONE;
    }
}
