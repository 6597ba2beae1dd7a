/* like.c: escaping of LIKE metacharacters in user-supplied search text. */
#include "core/like.h"
#include <string.h>

char *like_escape(arena *a, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    char *out = arena_alloc(a, 2 * n + 1), *o = out;
    if (!out)
        return NULL;
    for (; *s; s++) {
        if (*s == '%' || *s == '_' || *s == '\\')
            *o++ = '\\';
        *o++ = *s;
    }
    *o = '\0';
    return out;
}
