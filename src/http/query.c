/* query.c: list filters from the query string: trimmed text, LIKE patterns and UUIDs. */
#include "http/query.h"
#include "core/ids.h"
#include "core/like.h"
#include "http/input.h"
#include <string.h>

/* The value of query parameter name without leading blanks, or NULL when absent or blank. */
static const char *query_text(const kvlist *query, const char *name)
{
    const char *s = kv_get(query, name);
    if (!s)
        return NULL;
    while (*s == ' ' || *s == '\t')
        s++;
    return *s ? s : NULL;
}

const char *query_like(arena *a, const kvlist *query, const char *name)
{
    const char *s = query_text(query, name);
    return s ? like_escape(a, s) : NULL;
}

const char *query_uuid(arena *a, const kvlist *query, const char *name, json_t *errors)
{
    const char *s = query_text(query, name);
    char id[CD_UUID_LEN + 1];
    if (!s)
        return NULL;
    if (!uuid_normalize(s, strlen(s), id)) {
        field_error(errors, name, "Must be a valid UUID.");
        return NULL;
    }
    return arena_strdup(a, id);
}
