/* filename.c: file-name sanitising, one UTF-8 character at a time. */
#include "http/filename.h"
#include "core/str.h"
#include "http/url.h"
#include <string.h>

/* Characters a stored name must not carry: controls, quotes, and invisible ones that reorder or break
 * the displayed text ("invoice\u202Efdp.exe" shows as "invoiceexe.pdf"). */
static int dropped(uint32_t cp)
{
    return cp < 0x20 || cp == '"' || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
           (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

static int trimmed(char c) { return c == '.' || c == ' '; }

const char *filename_safe(arena *a, const char *raw)
{
    if (!raw)
        raw = "";
    const char *base = raw;
    for (const char *s = raw; *s; s++)
        if (*s == '/' || *s == '\\')
            base = s + 1;
    size_t n = strlen(base), o = 0;
    char *out = arena_alloc(a, n + 1);
    if (!out)
        return NULL;
    const unsigned char *s = (const unsigned char *)base;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_char((const char *)s + i, n - i, &cp);
        if (!len) {
            out[o++] = '_';
            i++;
            continue;
        }
        if (!dropped(cp) && !(o == 0 && trimmed((char)cp))) {
            memcpy(out + o, s + i, len);
            o += len;
        }
        i += len;
    }
    if (o > FILENAME_MAX_BYTES) {
        o = FILENAME_MAX_BYTES;
        while (o && ((unsigned char)out[o] & 0xC0) == 0x80)
            o--;
    }
    while (o && trimmed(out[o - 1]))
        o--;
    out[o] = '\0';
    return o ? out : "attachment";
}

const char *filename_ascii(arena *a, const char *safe)
{
    size_t n = strlen(safe), o = 0;
    char *out = arena_alloc(a, n + 1);
    if (!out)
        return NULL;
    const unsigned char *s = (const unsigned char *)safe;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_char((const char *)s + i, n - i, &cp);
        out[o++] = len == 1 && cp >= 0x20 && cp < 0x7F && cp != '"' && cp != '\\' ? (char)cp : '_';
        i += len ? len : 1;
    }
    out[o] = '\0';
    return out;
}

char *content_disposition(arena *a, const char *name)
{
    const char *safe = filename_safe(a, name);
    const char *ascii = safe ? filename_ascii(a, safe) : NULL;
    const char *enc = safe ? url_encode(a, safe) : NULL;
    if (!ascii || !enc)
        return NULL;
    return arena_printf(a, "attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii, enc);
}
