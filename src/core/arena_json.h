/* arena_json.h: jansson values owned by a request's arena, released with it. */
#ifndef CD_ARENA_JSON_H
#define CD_ARENA_JSON_H
#include <jansson.h>
#include "core/arena.h"

/* Ties the lifetime of j (a new reference, may be NULL) to arena a: it is released when a is reset or
 * freed, so the caller never calls json_decref on it. Returns j, or NULL when j was NULL or the hook could
 * not be registered (j is released then). */
json_t *arena_json(arena *a, json_t *j);

#endif
