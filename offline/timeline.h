/*
 * --sessions: one MAPI session's timeline, written when the session ends: who (Connect's UserDn, the
 * NTLM user of its connections), the client application (X-ClientApplication), first and last activity,
 * the connections it used, each request with the time from the request to its response's DONE
 * meta-tag ([MS-OXCMAPIHTTP] 2.2.7), response codes, errors, and totals. Text, or one JSON object per
 * session with -T json.
 */
#ifndef MD_TIMELINE_H
#define MD_TIMELINE_H

#include "app.h"
#include "sessions.h"

/* Sorts the session's timeline by start time, then writes it. */
void md_timeline_print(md_app *a, md_sess *s);

#endif
