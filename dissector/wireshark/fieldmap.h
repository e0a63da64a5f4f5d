/*
 * The core's field types and display bases as Wireshark's: the hf array is generated from the core's
 * registry, so this mapping is the only place that knows both type systems.
 */
#ifndef MHWS_FIELDMAP_H
#define MHWS_FIELDMAP_H

#include <epan/proto.h>

#include "core/registry.h"

enum ftenum mhws_ftype(mh_ftype t);
int mhws_display(mh_ftype t, mh_base b);

#endif
