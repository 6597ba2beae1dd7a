/* segments.c: a scanner for URLs and @mentions in plain text; it never builds markup. */
#include "core/segments.h"
#include "core/mentions.h"
#include "core/str.h"
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

/* True for a code point that ends a URL: ASCII space and controls, the characters that end a URL in running
 * text or HTML ("<>`), and the Unicode spaces and punctuation that follow one in prose. */
static bool url_stop(uint32_t cp)
{
    return cp <= 0x20 || cp == 0x7f || cp == '<' || cp == '>' || cp == '"' || cp == '`' ||
           (cp >= 0x80 && cp <= 0xa0) || (cp >= 0x2000 && cp <= 0x206f) || (cp >= 0x3000 && cp <= 0x303f) ||
           (cp >= 0xff01 && cp <= 0xff0f);
}

/* The length of the scheme "http://" or "https://" at p (any case), else 0. */
static size_t scheme_len(const char *p)
{
    if (strncasecmp(p, "http://", 7) == 0)
        return 7;
    if (strncasecmp(p, "https://", 8) == 0)
        return 8;
    return 0;
}

/* How many of the n bytes at u stay in the URL once trailing punctuation and unbalanced closers are cut. */
static size_t url_trim(const char *u, size_t n)
{
    static const char closers[] = ")]}", openers[] = "([{";
    size_t open[3] = {0}, close[3] = {0};
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < 3; k++) {
            open[k] += u[i] == openers[k];
            close[k] += u[i] == closers[k];
        }
    while (n > 0) {
        char c = u[n - 1];
        const char *closer = strchr(closers, c);
        if (c && strchr(".,;:!?'", c)) {
            n--;
        } else if (c && closer && close[closer - closers] > open[closer - closers]) {
            close[closer - closers]--;
            n--;
        } else {
            break;
        }
    }
    return n;
}

/* The length of the URL starting at p (in text), 0 when none does. */
static size_t url_span(const char *text, const char *p)
{
    size_t s = scheme_len(p);
    if (!s || (p > text && isalnum((unsigned char)p[-1])))
        return 0;
    size_t n = s, rest = strlen(p);
    while (n < rest) {
        uint32_t cp;
        size_t k = utf8_char(p + n, rest - n, &cp);
        if (k == 0 || url_stop(cp))
            break;
        n += k;
    }
    n = url_trim(p, n);
    return n > s ? n : 0;
}

/* Appends a segment of kind over len bytes at s; false when out of memory. */
static bool push(arena *a, segment **v, size_t *n, size_t *cap, seg_kind kind, const char *s, size_t len)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 8;
        segment *nv = arena_alloc(a, nc * sizeof *nv);
        if (!nv)
            return false;
        if (*n)
            memcpy(nv, *v, *n * sizeof *nv);
        *v = nv;
        *cap = nc;
    }
    char *t = arena_strndup(a, s, len);
    if (!t)
        return false;
    (*v)[(*n)++] = (segment){kind, t};
    return true;
}

size_t text_segments(arena *a, const char *text, segment **out)
{
    segment *v = NULL;
    size_t n = 0, cap = 0;
    *out = NULL;
    if (!text)
        text = "";
    const char *plain = text; /* the start of the text not yet in a segment */
    for (const char *p = text; *p;) {
        size_t len;
        seg_kind kind = SEG_LINK;
        if ((*p == 'h' || *p == 'H') && (len = url_span(text, p)) > 0) {
            kind = SEG_LINK;
        } else if (*p == '@' && (len = mention_span(text, p)) > 0) {
            kind = SEG_MENTION;
        } else {
            p++;
            continue;
        }
        if ((p > plain && !push(a, &v, &n, &cap, SEG_TEXT, plain, (size_t)(p - plain))) ||
            !push(a, &v, &n, &cap, kind, kind == SEG_MENTION ? p + 1 : p, kind == SEG_MENTION ? len - 1 : len))
            return (size_t)-1;
        p += len;
        plain = p;
    }
    size_t rest = strlen(plain);
    if (rest && !push(a, &v, &n, &cap, SEG_TEXT, plain, rest))
        return (size_t)-1;
    *out = v;
    return n;
}
