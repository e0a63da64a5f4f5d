/*
 * Names for values that many structures share: property tags ([MS-OXPROPS], generated table), property
 * types ([MS-OXCDATA] 2.11.1), error codes ([MS-OXCDATA] 2.4, by context: ROP ReturnValue / StatusCode
 * versus property errors), PropertyRow and FlaggedPropertyValue flags ([MS-OXCDATA] 2.8.1, 2.11.5),
 * PidTagMessageFlags bits ([MS-OXCMSG] 2.2.1.6; RopTransportNewMail and NewMail notifications carry them).
 */
#include "names.h"

#include "../generated/tables.h"

/* [MS-OXCMSG] 2.2.1.6 PidTagMessageFlags */
static const mh_vs message_flags_vs[] = {
    { 0x00000001, "mfRead" },         { 0x00000002, "mfUnmodified" }, { 0x00000004, "mfSubmitted" },
    { 0x00000008, "mfUnsent" },       { 0x00000010, "mfHasAttach" },  { 0x00000020, "mfFromMe" },
    { 0x00000040, "mfFAI" },          { 0x00000080, "mfResend" },     { 0x00000100, "mfNotifyRead" },
    { 0x00000200, "mfNotifyUnread" }, { 0x00000400, "mfEverRead" },   { 0x00002000, "mfInternet" },
    { 0x00008000, "mfUntrusted" },
};
const mh_names mh_names_message_flags = MH_BITS(message_flags_vs);

static const char *error_code_lookup(const mh_names *n, uint64_t v)
{
    (void)n;
    return mh_vs_bsearch(mh_error_code_vs, mh_error_code_vs_count, v);
}
const mh_names mh_names_error_code = { NULL, 0, 0, 0, error_code_lookup };

static const char *property_error_lookup(const mh_names *n, uint64_t v)
{
    (void)n;
    return mh_vs_bsearch(mh_property_error_vs, mh_property_error_vs_count, v);
}
const mh_names mh_names_property_error = { NULL, 0, 0, 0, property_error_lookup };

/* Ids from 0x8000 are named properties in a mailbox (mapped per logon), but the address book gives
 * some of them fixed meanings ([MS-OXPROPS] lists e.g. PidTagAddressBookManagerDistinguishedName at
 * 0x8005), so the context decides. */
static const char *tag_name(uint32_t tag, int address_book)
{
    uint16_t id = (uint16_t)(tag >> 16);
    if (id >= 0x8000 && !address_book)
        return NULL; /* named property: its name is per logon, from the session context */
    const char *n = mh_vs_bsearch(mh_prop_tag_vs, mh_prop_tag_vs_count, tag);
    if (n)
        return n;
    /* the same property with another type than the one listed (e.g. PtypString8 for PtypString) */
    return mh_vs_bsearch(mh_prop_id_vs, mh_prop_id_vs_count, id);
}

const char *mh_property_tag_name(uint32_t tag) { return tag_name(tag, 0); }
const char *mh_ab_property_tag_name(uint32_t tag) { return tag_name(tag, 1); }

static const char *ab_property_tag_lookup(const mh_names *n, uint64_t v)
{
    (void)n;
    return tag_name((uint32_t)v, 1);
}
const mh_names mh_names_ab_property_tag = { NULL, 0, 0, 0, ab_property_tag_lookup };

static const char *property_tag_lookup(const mh_names *n, uint64_t v)
{
    (void)n;
    const char *name = mh_property_tag_name((uint32_t)v);
    if (!name && ((v >> 16) & 0xFFFF) >= 0x8000)
        return "Named property";
    return name;
}
const mh_names mh_names_property_tag = { NULL, 0, 0, 0, property_tag_lookup };

static const mh_vs property_type_vs[] = {
    { 0x0000, "PtypUnspecified" },        { 0x0001, "PtypNull" },
    { 0x0002, "PtypInteger16" },          { 0x0003, "PtypInteger32" },
    { 0x0004, "PtypFloating32" },         { 0x0005, "PtypFloating64" },
    { 0x0006, "PtypCurrency" },           { 0x0007, "PtypFloatingTime" },
    { 0x000A, "PtypErrorCode" },          { 0x000B, "PtypBoolean" },
    { 0x000D, "PtypObject" },             { 0x0014, "PtypInteger64" },
    { 0x001E, "PtypString8" },            { 0x001F, "PtypString" },
    { 0x0040, "PtypTime" },               { 0x0048, "PtypGuid" },
    { 0x00FB, "PtypServerId" },           { 0x00FD, "PtypRestriction" },
    { 0x00FE, "PtypRuleAction" },         { 0x0102, "PtypBinary" },
    { 0x1002, "PtypMultipleInteger16" },  { 0x1003, "PtypMultipleInteger32" },
    { 0x1004, "PtypMultipleFloating32" }, { 0x1005, "PtypMultipleFloating64" },
    { 0x1006, "PtypMultipleCurrency" },   { 0x1007, "PtypMultipleFloatingTime" },
    { 0x1014, "PtypMultipleInteger64" },  { 0x101E, "PtypMultipleString8" },
    { 0x101F, "PtypMultipleString" },     { 0x1040, "PtypMultipleTime" },
    { 0x1048, "PtypMultipleGuid" },       { 0x1102, "PtypMultipleBinary" },
};
const mh_names mh_names_property_type = MH_NAMES_SORTED(property_type_vs);

const char *mh_property_type_name(uint16_t type)
{
    return mh_vs_bsearch(property_type_vs, sizeof property_type_vs / sizeof property_type_vs[0], type);
}

static const mh_vs row_flag_vs[] = { { 0x00, "StandardPropertyRow" }, { 0x01, "FlaggedPropertyRow" } };
const mh_names mh_names_property_row_flag = MH_NAMES(row_flag_vs);

static const mh_vs value_flag_vs[] = {
    { 0x00, "Value present" }, { 0x01, "Value not present" }, { 0x0A, "Error code" } };
const mh_names mh_names_property_value_flag = MH_NAMES(value_flag_vs);

int mh_is_warning_code(uint32_t v)
{
    size_t lo = 0, hi = mh_warning_codes_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (mh_warning_codes[mid] == v)
            return 1;
        if (mh_warning_codes[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}
