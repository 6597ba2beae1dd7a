/* arena.c: bump allocator over a chain of malloc'd blocks, with LIFO cleanup hooks. */
#include "core/arena.h"
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALIGN 16u

struct block {
    struct block *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
};

struct hook {
    struct hook *next;
    void (*fn)(void *);
    void *p;
};

struct arena {
    struct block *head; /* current block; the first block is the tail of the chain */
    struct hook *hooks;
    size_t block_size, total, limit, used;
    bool refused; /* an allocation failed since the last reset */
};

static struct block *block_new(size_t size)
{
    if (size > SIZE_MAX - sizeof(struct block))
        return NULL;
    struct block *b = malloc(sizeof(struct block) + size);
    if (!b)
        return NULL;
    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

arena *arena_new(size_t block_size)
{
    arena *a = calloc(1, sizeof(*a));
    if (!a)
        return NULL;
    a->block_size = block_size < 256 ? 256 : block_size;
    a->head = block_new(a->block_size);
    if (!a->head) {
        free(a);
        return NULL;
    }
    a->total = a->block_size;
    return a;
}

void arena_set_limit(arena *a, size_t max_bytes) { a->limit = max_bytes; }

void *arena_alloc(arena *a, size_t size)
{
    if (size == 0)
        size = 1;
    if (size > SIZE_MAX - ALIGN)
        goto refuse;
    size_t need = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (a->limit && (need > a->limit || a->used > a->limit - need))
        goto refuse;
    struct block *b = a->head;
    if (b->size - b->used < need) {
        size_t bs = need > a->block_size ? need : a->block_size;
        struct block *nb = block_new(bs);
        if (!nb)
            goto refuse;
        nb->next = b;
        a->head = b = nb;
        a->total += bs;
    }
    void *p = b->data + b->used;
    b->used += need;
    a->used += need;
    return p;
refuse:
    a->refused = true;
    return NULL;
}

void *arena_calloc(arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) {
        a->refused = true;
        return NULL;
    }
    void *p = arena_alloc(a, n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
    if (len == SIZE_MAX)
        return NULL;
    char *d = arena_alloc(a, len + 1);
    if (!d)
        return NULL;
    if (len)
        memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

char *arena_strdup(arena *a, const char *s) { return s ? arena_strndup(a, s, strlen(s)) : NULL; }

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *d = NULL;
    if (n >= 0 && (d = arena_alloc(a, (size_t)n + 1)) != NULL)
        vsnprintf(d, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return d;
}

bool arena_charge(arena *a, size_t size)
{
    if (a->limit && (size > a->limit || a->used > a->limit - size)) {
        a->refused = true;
        return false;
    }
    a->used += size;
    return true;
}

int arena_defer(arena *a, void (*fn)(void *), void *p)
{
    struct hook *h = arena_alloc(a, sizeof(*h));
    if (!h) {
        fn(p);
        return -1;
    }
    h->fn = fn;
    h->p = p;
    h->next = a->hooks;
    a->hooks = h;
    return 0;
}

size_t arena_used(const arena *a) { return a->used; }

bool arena_exhausted(const arena *a) { return a->refused; }

static void run_hooks(arena *a)
{
    while (a->hooks) {
        struct hook *h = a->hooks;
        a->hooks = h->next;
        h->fn(h->p);
    }
}

void arena_reset(arena *a)
{
    run_hooks(a);
    struct block *b = a->head;
    while (b->next) {
        struct block *n = b->next;
        free(b);
        b = n;
    }
    b->used = 0;
    a->head = b;
    a->total = b->size;
    a->used = 0;
    a->refused = false;
}

void arena_free(arena *a)
{
    if (!a)
        return;
    arena_reset(a);
    free(a->head);
    free(a);
}
