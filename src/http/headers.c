/* headers.c: byte-class checks that keep CR/LF out of responses (no header injection). */
#include "http/headers.h"
#include <ctype.h>
#include <string.h>

static bool tchar(unsigned char c) { return isalnum(c) || (c && strchr("!#$%&'*+-.^_`|~", c)); }

bool header_name_ok(const char *name)
{
    if (!name || !*name)
        return false;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (!tchar(*p))
            return false;
    return true;
}

bool header_value_ok(const char *value)
{
    if (!value)
        return false;
    for (const unsigned char *p = (const unsigned char *)value; *p; p++)
        if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
            return false;
    return true;
}

bool header_env_name(const char *name, char *out, size_t outlen)
{
    if (!header_name_ok(name) || strlen(name) + 6 > outlen)
        return false;
    size_t o = 0;
    memcpy(out, "HTTP_", 5);
    o = 5;
    for (const char *p = name; *p; p++)
        out[o++] = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
    out[o] = '\0';
    return true;
}
