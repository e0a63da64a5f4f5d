/*
 * The 24 X-RequestType values of [MS-OXCMAPIHTTP] 2.2.3.3.1: the mailbox server endpoint's Connect,
 * Execute, Disconnect, NotificationWait (2.2.4), PING on both endpoints (2.2.6), and the 19 address
 * book endpoint types (2.2.5).
 */
#ifndef MH_REQUEST_TYPE_H
#define MH_REQUEST_TYPE_H

#include <stddef.h>

typedef enum {
    MH_RT_UNKNOWN = 0,
    MH_RT_CONNECT,
    MH_RT_EXECUTE,
    MH_RT_DISCONNECT,
    MH_RT_NOTIFICATION_WAIT,
    MH_RT_PING,
    MH_RT_BIND,
    MH_RT_UNBIND,
    MH_RT_COMPARE_MIDS,
    MH_RT_DNTOMID,
    MH_RT_GET_MATCHES,
    MH_RT_GET_PROP_LIST,
    MH_RT_GET_PROPS,
    MH_RT_GET_SPECIAL_TABLE,
    MH_RT_GET_TEMPLATE_INFO,
    MH_RT_MOD_LINK_ATT,
    MH_RT_MOD_PROPS,
    MH_RT_QUERY_COLUMNS,
    MH_RT_QUERY_ROWS,
    MH_RT_RESOLVE_NAMES,
    MH_RT_RESORT_RESTRICTION,
    MH_RT_SEEK_ENTRIES,
    MH_RT_UPDATE_STAT,
    MH_RT_GET_MAILBOX_URL,
    MH_RT_GET_ADDRESS_BOOK_URL,
    MH_RT_COUNT
} mh_request_type;

/* The header value as the spec spells it ("Execute", "PING", "DNToMId"), "" for MH_RT_UNKNOWN. */
const char *mh_request_type_name(mh_request_type t);
/* [MS-OXCMAPIHTTP] section that defines it ("2.2.4.2"). */
const char *mh_request_type_section(mh_request_type t);
/* The value of an X-RequestType header (compared without regard to case), MH_RT_UNKNOWN if none. */
mh_request_type mh_request_type_parse(const char *s, size_t n);
/* Address book (NSPI) endpoint types, [MS-OXCMAPIHTTP] 2.2.5. */
int mh_request_type_is_nspi(mh_request_type t);

#endif
