/* query.c: list filters from the query string: trimmed text, LIKE patterns, UUIDs and times. */
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

const char *query_time(arena *a, const kvlist *query, const char *name, json_t *errors)
{
    const char *s = query_text(query, name), *utc = NULL;
    if (!s)
        return NULL;
    /* A date alone (what a date input sends) is that day's start in UTC. */
    if (strlen(s) == 10 && s[4] == '-' && s[7] == '-')
        s = arena_printf(a, "%sT00:00:00Z", s);
    const char *problem = s ? input_time_utc(a, s, &utc) : NULL;
    if (problem) {
        field_error(errors, name, "Must be a date (2023-02-05) or an ISO 8601 date-time with a time zone.");
        return NULL;
    }
    return utc;
}
