/*
 * Session keys from Cookie and Set-Cookie values (dissector/wireshark/cookie.c), [MS-OXCMAPIHTTP]
 * 2.2.3.2.3 / 2.2.3.2.4: MapiContext and sid name the session, MapiSequence and attributes do not.
 */
#include "check.h"
#include "wireshark/cookie.h"

static int parse(const char *v, int set_cookie, mhws_cookie_keys *k)
{
    return mhws_cookie_parse(v, strlen(v), set_cookie, k);
}

static void test_cookie_header(void)
{
    mhws_cookie_keys k;
    CHECK_EQ(parse("MapiContext=7b6f2c1e; MapiSequence=3; sid=5f1e2d3c", 0, &k), 2);
    CHECK_STR(k.context, "MapiContext=7b6f2c1e");
    CHECK_STR(k.sid, "sid=5f1e2d3c");
    CHECK_EQ(parse("  mapicontext = abc ;other=1", 0, &k), 1); /* names without regard to case, blanks */
    CHECK_STR(k.context, "MapiContext=abc");
    CHECK_STR(k.sid, "");
    CHECK_EQ(parse("MapiSequence=1; X-BackEndCookie=zz", 0, &k), 0);
    CHECK_EQ(parse("", 0, &k), 0);
    CHECK_EQ(parse("=;;=x; sid=", 0, &k), 0); /* an empty value names nothing */
    CHECK_EQ(mhws_cookie_parse(NULL, 0, 0, &k), 0);
}

static void test_set_cookie(void)
{
    mhws_cookie_keys k;
    /* one value: the first pair is the cookie, the rest are attributes */
    CHECK_EQ(parse("MapiContext=7b6f; path=/mapi/emsmdb/; secure; HttpOnly", 1, &k), 1);
    CHECK_STR(k.context, "MapiContext=7b6f");
    CHECK_EQ(parse("sid=42; path=/; sid=99", 1, &k), 1);
    CHECK_STR(k.sid, "sid=42");
    /* several values joined by ", " (a date's comma is not a separator) or by newlines */
    CHECK_EQ(parse("MapiContext=a1; expires=Tue, 04 Feb 2014 12:34:56 GMT; path=/, sid=b2; path=/", 1, &k), 2);
    CHECK_STR(k.context, "MapiContext=a1");
    CHECK_STR(k.sid, "sid=b2");
    CHECK_EQ(parse("MapiSequence=1; path=/\nsid=c3; path=/", 1, &k), 1);
    CHECK_STR(k.sid, "sid=c3");
    /* an attribute named like a session cookie does not count */
    CHECK_EQ(parse("X=1; sid=fake", 1, &k), 0);
}

static void test_long_value(void)
{
    char v[600];
    memcpy(v, "MapiContext=", 12);
    memset(v + 12, 'a', sizeof v - 13);
    v[sizeof v - 1] = 0;
    mhws_cookie_keys k;
    CHECK_EQ(parse(v, 0, &k), 1);
    CHECK_EQ(strlen(k.context), MHWS_KEY_MAX - 1); /* cut, NUL-terminated */
}

int main(void)
{
    RUN(test_cookie_header);
    RUN(test_set_cookie);
    RUN(test_long_value);
    return check_report();
}
