/* query.h: list filters read from the query string, the same way for every list of the API and the pages. */
#ifndef CD_QUERY_H
#define CD_QUERY_H
#include <jansson.h>
#include "core/arena.h"
#include "http/kv.h"

/* Query filter name of query as LIKE-escaped text (core/like.h) in a, or NULL when absent or blank. */
const char *query_like(arena *a, const kvlist *query, const char *name);

/* Query filter name of query as a lower-cased UUID in a, or NULL when absent or blank; a malformed value
 * adds an error to errors (and returns NULL). */
const char *query_uuid(arena *a, const kvlist *query, const char *name, json_t *errors);

/* Query filter name as a UTC time (YYYY-MM-DDTHH:MM:SS[.ffffff]Z) in a: an ISO 8601 date-time with a zone, or
 * a date alone for the start of that day in UTC; NULL when absent or blank; anything else adds an error to
 * errors (and returns NULL). */
const char *query_time(arena *a, const kvlist *query, const char *name, json_t *errors);

#endif
