/*
 * The session cookies of [MS-OXCMAPIHTTP] 2.2.3.2.3 (Set-Cookie) and 2.2.3.2.4 (Cookie) as session keys.
 * A MAPI session is named by its cookies, not by a TCP connection: Outlook spreads one session over
 * several connections (NotificationWait has its own). Exchange's cookies are MapiContext (the session
 * context) and sid; MapiSequence changes with every request and names nothing.
 *
 * No Wireshark header: plain string handling, unit-tested.
 */
#ifndef MHWS_COOKIE_H
#define MHWS_COOKIE_H

#include <stddef.h>

#define MHWS_KEY_MAX 160

typedef struct {
    char context[MHWS_KEY_MAX]; /* "MapiContext=<value>", or "" */
    char sid[MHWS_KEY_MAX];     /* "sid=<value>", or "" */
} mhws_cookie_keys;

/* Finds the session cookies in a Cookie value ("a=1; b=2") or, with set_cookie, in Set-Cookie values
 * (the first pair of each; several Set-Cookie values may arrive joined by ", " or newlines). Values
 * longer than the key buffer are cut (still unique in practice: they are random). Returns how many
 * keys were found (0..2). */
int mhws_cookie_parse(const char *value, size_t len, int set_cookie, mhws_cookie_keys *out);

#endif
