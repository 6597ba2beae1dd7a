/* cookie.c: tolerant parser for incoming cookies and a strict builder for outgoing ones. */
#include "http/cookie.h"
#include "http/headers.h"
#include <stdio.h>
#include <string.h>

int cookie_parse(arena *a, const char *h, kvlist *l)
{
    if (!h)
        return 0;
    const char *p = h;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == ';')
            p++;
        const char *name = p;
        while (*p && *p != '=' && *p != ';')
            p++;
        if (*p != '=') { /* a piece without '=' is ignored */
            while (*p && *p != ';')
                p++;
            continue;
        }
        const char *nend = p;
        while (nend > name && (nend[-1] == ' ' || nend[-1] == '\t'))
            nend--;
        p++;
        while (*p == ' ' || *p == '\t') /* trimmed like the name and the value's end */
            p++;
        const char *val = p;
        while (*p && *p != ';')
            p++;
        const char *vend = p;
        while (vend > val && (vend[-1] == ' ' || vend[-1] == '\t'))
            vend--;
        if (vend - val >= 2 && *val == '"' && vend[-1] == '"') {
            val++;
            vend--;
        }
        if (nend > name && kv_add(l, a, name, (size_t)(nend - name), val, (size_t)(vend - val)) < 0)
            return -1;
    }
    return 0;
}

static bool cookie_octets_ok(const char *v)
{
    for (const unsigned char *p = (const unsigned char *)v; *p; p++)
        if (*p <= 0x20 || *p >= 0x7f || *p == '"' || *p == ',' || *p == ';' || *p == '\\')
            return false;
    return true;
}

char *cookie_build(arena *a, const char *name, const char *value, long max_age, bool http_only, bool secure)
{
    if (!header_name_ok(name) || !cookie_octets_ok(value))
        return NULL;
    char age[40] = "";
    if (max_age >= 0)
        snprintf(age, sizeof age, "; Max-Age=%ld", max_age);
    return arena_printf(a, "%s=%s; Path=/%s%s; SameSite=Lax%s", name, value, age, http_only ? "; HttpOnly" : "",
                        secure ? "; Secure" : "");
}
