/* mentions.c: a small scanner for @email mentions; the database decides who is a member. */
#include "core/mentions.h"
#include <ctype.h>
#include <string.h>

static int local_char(int c) { return isalnum(c) || (c && strchr("._%+-", c)); }
static int domain_char(int c) { return isalnum(c) || c == '.' || c == '-'; }

size_t mention_span(const char *text, const char *p)
{
    if (*p != '@' || (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '@')))
        return 0;
    const char *s = p + 1, *q = s;
    while (local_char((unsigned char)*q))
        q++;
    if (q == s || *q != '@')
        return 0;
    const char *d = ++q;
    while (domain_char((unsigned char)*q))
        q++;
    while (q > d && (q[-1] == '.' || q[-1] == '-'))
        q--;
    if (q == d || !memchr(d, '.', (size_t)(q - d)))
        return 0;
    return (size_t)(q - p);
}

size_t mentions_extract(arena *a, const char *text, const char ***out)
{
    const char **list = arena_calloc(a, MENTIONS_MAX, sizeof(char *));
    size_t n = 0;
    *out = list;
    if (!list || !text)
        return 0;
    for (const char *p = text; *p && n < MENTIONS_MAX; p++) {
        size_t len = mention_span(text, p);
        if (!len)
            continue;
        char *email = arena_strndup(a, p + 1, len - 1);
        if (!email)
            break;
        for (char *c = email; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        size_t i;
        for (i = 0; i < n && strcmp(list[i], email) != 0; i++)
            ;
        if (i == n)
            list[n++] = email;
        p += len - 1;
    }
    return n;
}
