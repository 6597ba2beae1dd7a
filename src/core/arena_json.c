/* arena_json.c: arena cleanup hooks that release jansson values, and jansson's allocations counted toward a
 * request's memory cap. */
#include "core/arena_json.h"
#include <stdlib.h>

static arena *charged; /* the arena jansson's allocations count toward, or NULL */

/* Never refused: jansson does not recover from every failed allocation (a failed parse can corrupt the
 * heap), so one past the cap marks the arena exhausted, whose next allocation fails and whose request
 * answers 503 (http/fcgi.c) after the handler returns. */
static void *charged_malloc(size_t size)
{
    if (charged)
        arena_charge(charged, size);
    return malloc(size);
}

void arena_json_charge(arena *a)
{
    json_set_alloc_funcs(charged_malloc, free);
    charged = a;
}

static void release(void *j) { json_decref(j); }

json_t *arena_json(arena *a, json_t *j)
{
    /* When arena_defer fails it has already released j. */
    return j && arena_defer(a, release, j) < 0 ? NULL : j;
}

char *arena_json_text(arena *a, const json_t *j)
{
    size_t n = j ? json_dumpb(j, NULL, 0, JSON_COMPACT) : 0;
    char *text = n ? arena_alloc(a, n + 1) : NULL;
    if (!text || json_dumpb(j, text, n, JSON_COMPACT) != n)
        return NULL;
    text[n] = '\0';
    return text;
}
