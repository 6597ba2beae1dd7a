/* arena_json.c: arena cleanup hooks that release jansson values. */
#include "core/arena_json.h"

static void release(void *j) { json_decref(j); }

json_t *arena_json(arena *a, json_t *j)
{
    /* When arena_defer fails it has already released j. */
    return j && arena_defer(a, release, j) < 0 ? NULL : j;
}
