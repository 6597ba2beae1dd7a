/* query.h: list filters read from the query string, the same way for every list of the API and the pages. */
#ifndef CD_QUERY_H
#define CD_QUERY_H
#include <jansson.h>
#include "http/request.h"

/* Query filter name as LIKE-escaped text (core/like.h), or NULL when absent or blank. */
const char *query_like(request *req, const char *name);

/* Query filter name as a lower-cased UUID, or NULL when absent or blank; a malformed value adds an
 * error to errors (and returns NULL). */
const char *query_uuid(request *req, const char *name, json_t *errors);

#endif
