/* [MS-OXCMAPIHTTP] 2.2.3.3.1 X-RequestType values. */
#include "request_type.h"

#include <strings.h>

static const struct {
    const char *name;
    const char *section;
} types[MH_RT_COUNT] = {
    [MH_RT_UNKNOWN] = { "", "" },
    [MH_RT_CONNECT] = { "Connect", "2.2.4.1" },
    [MH_RT_EXECUTE] = { "Execute", "2.2.4.2" },
    [MH_RT_DISCONNECT] = { "Disconnect", "2.2.4.3" },
    [MH_RT_NOTIFICATION_WAIT] = { "NotificationWait", "2.2.4.4" },
    [MH_RT_PING] = { "PING", "2.2.6" },
    [MH_RT_BIND] = { "Bind", "2.2.5.1" },
    [MH_RT_UNBIND] = { "Unbind", "2.2.5.2" },
    [MH_RT_COMPARE_MIDS] = { "CompareMIds", "2.2.5.3" },
    [MH_RT_DNTOMID] = { "DNToMId", "2.2.5.4" },
    [MH_RT_GET_MATCHES] = { "GetMatches", "2.2.5.5" },
    [MH_RT_GET_PROP_LIST] = { "GetPropList", "2.2.5.6" },
    [MH_RT_GET_PROPS] = { "GetProps", "2.2.5.7" },
    [MH_RT_GET_SPECIAL_TABLE] = { "GetSpecialTable", "2.2.5.8" },
    [MH_RT_GET_TEMPLATE_INFO] = { "GetTemplateInfo", "2.2.5.9" },
    [MH_RT_MOD_LINK_ATT] = { "ModLinkAtt", "2.2.5.10" },
    [MH_RT_MOD_PROPS] = { "ModProps", "2.2.5.11" },
    [MH_RT_QUERY_COLUMNS] = { "QueryColumns", "2.2.5.13" },
    [MH_RT_QUERY_ROWS] = { "QueryRows", "2.2.5.12" },
    [MH_RT_RESOLVE_NAMES] = { "ResolveNames", "2.2.5.14" },
    [MH_RT_RESORT_RESTRICTION] = { "ResortRestriction", "2.2.5.15" },
    [MH_RT_SEEK_ENTRIES] = { "SeekEntries", "2.2.5.16" },
    [MH_RT_UPDATE_STAT] = { "UpdateStat", "2.2.5.17" },
    [MH_RT_GET_MAILBOX_URL] = { "GetMailboxUrl", "2.2.5.18" },
    [MH_RT_GET_ADDRESS_BOOK_URL] = { "GetAddressBookUrl", "2.2.5.19" },
};

const char *mh_request_type_name(mh_request_type t)
{
    return ((unsigned)t < MH_RT_COUNT) ? types[t].name : "";
}

const char *mh_request_type_section(mh_request_type t)
{
    return ((unsigned)t < MH_RT_COUNT) ? types[t].section : "";
}

mh_request_type mh_request_type_parse(const char *s, size_t n)
{
    /* header values may carry surrounding blanks */
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    for (int t = MH_RT_CONNECT; t < MH_RT_COUNT; t++) {
        const char *name = types[t].name;
        size_t k = 0;
        while (name[k])
            k++;
        if (k == n && strncasecmp(name, s, n) == 0)
            return (mh_request_type)t;
    }
    return MH_RT_UNKNOWN;
}

int mh_request_type_is_nspi(mh_request_type t)
{
    return t >= MH_RT_BIND && t <= MH_RT_GET_ADDRESS_BOOK_URL;
}
