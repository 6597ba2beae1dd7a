/* arena.h: per-request memory with cleanup hooks; everything a request allocates is released at once. */
#ifndef CD_ARENA_H
#define CD_ARENA_H
#include <stddef.h>
#include <stdarg.h>
#include <stdbool.h>

typedef struct arena arena;

/* Creates an arena whose blocks are at least block_size bytes; NULL when out of memory. */
arena *arena_new(size_t block_size);

/* Caps the total bytes the arena may hold (0 = no cap); allocations past it fail with NULL. */
void arena_set_limit(arena *a, size_t max_bytes);

/* Returns size bytes aligned for any type, or NULL when memory (or the limit) is exhausted. */
void *arena_alloc(arena *a, size_t size);

/* Like arena_alloc, zero-filled; NULL on overflow of n*size or exhaustion. */
void *arena_calloc(arena *a, size_t n, size_t size);

/* Copies a NUL-terminated string (NULL in, NULL out); NULL on exhaustion. */
char *arena_strdup(arena *a, const char *s);

/* Copies len bytes and adds a NUL; NULL on exhaustion. */
char *arena_strndup(arena *a, const char *s, size_t len);

/* printf into the arena; NULL on exhaustion or format error. */
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Registers fn(p) to run when the arena is reset or freed (last registered runs first).
 * Returns 0, or -1 when out of memory, in which case fn(p) has already been run. */
int arena_defer(arena *a, void (*fn)(void *), void *p);

/* Counts size bytes the request holds outside the arena until its reset (a libpq result) toward the limit,
 * as if allocated here: false, and arena_exhausted, when they do not fit. */
bool arena_charge(arena *a, size_t size);

/* Bytes handed out (and charged) since the last reset. */
size_t arena_used(const arena *a);

/* True when an allocation was refused (out of memory or over the limit) since the last reset, even if
 * the caller recovered: the request it served ran short of memory. */
bool arena_exhausted(const arena *a);

/* Runs every cleanup hook, frees every block but the first, and makes the arena empty again (keeping
 * its limit; clearing arena_exhausted). */
void arena_reset(arena *a);

/* Runs cleanup hooks and frees everything. NULL is a no-op. */
void arena_free(arena *a);

#endif
