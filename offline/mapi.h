/*
 * MAPI/HTTP on top of the HTTP parser ([MS-OXCMAPIHTTP] 2.2): recognising MAPI/HTTP messages
 * (Content-Type application/mapi-http, or a request to /mapi/emsmdb/ or /mapi/nspi/ with X-RequestType),
 * pairing each response with its request (in order on the connection, by X-RequestId when the
 * response has one: responses carry no reliable X-RequestType), finding the MAPI session, handing the
 * message to the core with its headers, and writing it out as the options say.
 */
#ifndef MD_MAPI_H
#define MD_MAPI_H

#include "app.h"
#include "sessions.h"

/* A session is over (Disconnect/Unbind answered, idle, evicted, end of input): its timeline is written
 * (--sessions) and it is freed. */
void md_mapi_session_done(md_app *a, md_sess *s);
/* --session filter */
int md_mapi_session_selected(const md_app *a, const md_sess *s);

#endif
