/* str.c: arena-backed string buffer and UTF-8 validation. */
#include "core/str.h"
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

void sb_init(strbuf *sb, arena *a)
{
    sb->a = a;
    sb->data = NULL;
    sb->len = sb->cap = 0;
    sb->failed = false;
}

int sb_reserve(strbuf *sb, size_t extra)
{
    if (sb->failed)
        return -1;
    if (extra > SIZE_MAX / 2 - sb->len) {
        sb->failed = true;
        return -1;
    }
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap)
        return 0;
    /* the first allocation is exactly what a large reservation asks; later ones double */
    size_t cap = sb->cap ? sb->cap : need > 256 ? need : 256;
    while (cap < need)
        cap *= 2;
    char *d = arena_alloc(sb->a, cap);
    if (!d) {
        sb->failed = true;
        return -1;
    }
    if (sb->len)
        memcpy(d, sb->data, sb->len);
    d[sb->len] = '\0';
    sb->data = d;
    sb->cap = cap;
    return 0;
}

int sb_append(strbuf *sb, const void *data, size_t len)
{
    if (sb_reserve(sb, len) < 0)
        return -1;
    if (len)
        memcpy(sb->data + sb->len, data, len);
    sb->len += len;
    sb->data[sb->len] = '\0';
    return 0;
}

int sb_puts(strbuf *sb, const char *s) { return sb_append(sb, s, strlen(s)); }

int sb_printf(strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || sb_reserve(sb, (size_t)n) < 0)
        return -1;
    va_start(ap, fmt);
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
    return 0;
}

bool str_starts(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

bool utf8_valid(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        if (c == 0)
            return false;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
        } else
            return false;
        if (len - i <= n)
            return false;
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += n + 1;
    }
    return true;
}

size_t utf8_char(const char *str, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t len = n == 0                         ? 0
                 : s[0] < 0x80                  ? 1
                 : s[0] >= 0xC2 && s[0] <= 0xDF ? 2
                 : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
                 : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4
                                                : 0;
    if (!len || len > n || !utf8_valid(str, len))
        return 0;
    static const unsigned char lead_mask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    *cp = s[0] & lead_mask[len];
    for (size_t i = 1; i < len; i++)
        *cp = *cp << 6 | (s[i] & 0x3F);
    return len;
}

char *utf8_clean_text(arena *a, const char *s, size_t len, size_t max)
{
    size_t room = len < max / 3 ? 3 * len : max; /* a replaced byte takes 3 */
    char *out = arena_alloc(a, room + 1);
    size_t o = 0;
    if (!out)
        return NULL;
    for (size_t i = 0; i < len;) {
        uint32_t cp = 0;
        size_t n = utf8_char(s + i, len - i, &cp);
        const char *put = s + i;
        size_t k = n;
        if (!n && !s[i]) {
            put = " ";
            k = n = 1;
        } else if (!n) {
            put = "\xEF\xBF\xBD"; /* U+FFFD */
            k = 3;
            n = 1;
        } else if ((cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp <= 0x9F)) {
            put = " ";
            k = 1;
        }
        if (o + k > room)
            break;
        memcpy(out + o, put, k);
        o += k;
        i += n;
    }
    out[o] = '\0';
    return out;
}

const char *str_skip_fraction(const char *s)
{
    if (*s != '.')
        return s;
    s++;
    if (!isdigit((unsigned char)*s))
        return NULL;
    while (isdigit((unsigned char)*s))
        s++;
    return s;
}

unsigned str_hash(const char *s, unsigned h)
{
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}
