/* [MS-OXCNOTIF] 2.2.1.4.1.2 NotificationData, the body of a RopNotify response (see notification.c). */
#ifndef MH_NOTIFICATION_H
#define MH_NOTIFICATION_H

#include <stddef.h>
#include <stdint.h>

#include "../core/dec.h"

/* [MS-OXCNOTIF] 2.2.1.2.1.1: NotificationTypes bit that adds the Reserved byte to RopRegisterNotification. */
#define MH_NOTIFY_TYPE_EXTENDED 0x0400u
/* What a RopRegisterNotification subscription object keeps in mh_object.info: NotificationTypes in the low
 * 16 bits, and this bit when WantWholeStore was TRUE. */
#define MH_NOTIFY_INFO_WHOLE_STORE 0x10000u

/* Decodes a NotificationData structure. `handle` is the RopNotify's NotificationHandle: for TableModified
 * events it is the table, whose columns (committed by RopSetColumns in the session's object table) decode
 * the row. A row whose columns are not known is shown raw with a missing context problem; its size is
 * known, so the rest still decodes. Returns 0 when the rest of the ROP list cannot be decoded (the problem
 * is reported). */
int mh_decode_notification_data(mh_dec *d, uint32_t handle);

/* "NewMail, ObjectCreated" for NotificationTypes bits ("none" for 0); returns the length written. */
size_t mh_notification_types_text(uint32_t types, char *out, size_t n);

#endif
