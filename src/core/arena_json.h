/* arena_json.h: jansson values owned by a request's arena, released with it. */
#ifndef CD_ARENA_JSON_H
#define CD_ARENA_JSON_H
#include <jansson.h>
#include "core/arena.h"

/* Ties the lifetime of j (a new reference, may be NULL) to arena a: it is released when a is reset or
 * freed, so the caller never calls json_decref on it. Returns j, or NULL when j was NULL or the hook could
 * not be registered (j is released then). */
json_t *arena_json(arena *a, json_t *j);

/* The compact JSON text of j (an object or array), in arena a and released with it; NULL when j is NULL
 * or memory runs out. */
char *arena_json_text(arena *a, const json_t *j);

/* Makes every jansson allocation from now on count toward arena a's cap (arena_charge) until the next call;
 * NULL: none counts (between requests). One past the cap still succeeds but leaves the arena exhausted (its
 * request answers 503). Counted when allocated, not given back when freed, so a request's churn counts too:
 * an over-estimate that keeps the cap a bound. */
void arena_json_charge(arena *a);

#endif
