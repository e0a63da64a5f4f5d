/* Session cookies as session keys (see cookie.h). */
#include "cookie.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static void trim(const char **s, size_t *n)
{
    while (*n && is_space(**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n && is_space((*s)[*n - 1]))
        (*n)--;
}

static void set_key(char *out, const char *name, const char *v, size_t n)
{
    if (!n)
        return;
    size_t room = MHWS_KEY_MAX - strlen(name) - 2;
    snprintf(out, MHWS_KEY_MAX, "%s=%.*s", name, (int)(n < room ? n : room), v);
}

static void pair(const char *p, size_t n, mhws_cookie_keys *out)
{
    trim(&p, &n);
    const char *eq = memchr(p, '=', n);
    if (!eq)
        return;
    const char *name = p, *v = eq + 1;
    size_t name_len = (size_t)(eq - p), vn = n - name_len - 1;
    trim(&name, &name_len);
    trim(&v, &vn);
    if (name_len == 11 && strncasecmp(name, "MapiContext", 11) == 0 && !out->context[0])
        set_key(out->context, "MapiContext", v, vn);
    else if (name_len == 3 && strncasecmp(name, "sid", 3) == 0 && !out->sid[0])
        set_key(out->sid, "sid", v, vn);
}

int mhws_cookie_parse(const char *value, size_t len, int set_cookie, mhws_cookie_keys *out)
{
    memset(out, 0, sizeof *out);
    if (!value)
        return 0;
    size_t i = 0;
    while (i < len) {
        /* one Set-Cookie value ends at a newline or at ", " followed by a new name=; a Cookie value is
         * a list of pairs separated by ';' */
        size_t j = i;
        while (j < len && value[j] != ';' && value[j] != '\n')
            j++;
        if (set_cookie) {
            pair(value + i, j - i, out);
            /* skip the attributes up to the next cookie: after a newline, or after ", name=" */
            while (j < len && value[j] != '\n') {
                if (value[j] == ',') {
                    size_t k = j + 1;
                    while (k < len && is_space(value[k]))
                        k++;
                    size_t m = k;
                    while (m < len && value[m] != '=' && value[m] != ';' && value[m] != ',' && !is_space(value[m]))
                        m++;
                    /* "expires=Tue, 04 Feb" has a comma inside a date: a cookie name is followed by '=' */
                    if (m < len && value[m] == '=' && m > k) {
                        j = k - 1;
                        break;
                    }
                }
                j++;
            }
        } else {
            pair(value + i, j - i, out);
        }
        i = j + 1;
    }
    return (out->context[0] != 0) + (out->sid[0] != 0);
}
