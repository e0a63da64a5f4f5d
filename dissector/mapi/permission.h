/* [MS-OXCPERM] 2.2.2.1.1 PermissionData (see permission.c). */
#ifndef MH_PERMISSION_H
#define MH_PERMISSION_H

#include "../core/dec.h"

/* One PermissionData structure as a subtree; returns 0 when decoding must stop. */
int mh_decode_permission_data(mh_dec *d);

#endif
