/*
 * What the plugin's tap hands to listeners (stats.c, and any third-party tap on "mapihttp"): one per
 * decoded MAPI/HTTP message, in packet scope.
 */
#ifndef MHWS_TAPINFO_H
#define MHWS_TAPINFO_H

#include "sessions.h"

typedef struct {
    const mhws_frame_rec *rec;  /* this message: rec->res is the core's mh_result */
    const mhws_frame_rec *req;  /* for a response, its request when it was seen; else NULL */
} mhws_tap_info;

#endif
