/* kv.c: append-only pair list; lookups are linear because lists are short. */
#include "http/kv.h"
#include <string.h>

int kv_add(kvlist *l, arena *a, const char *key, size_t klen, const char *val, size_t vlen)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        kv *nv = arena_alloc(a, cap * sizeof(kv));
        if (!nv)
            return -1;
        if (l->n)
            memcpy(nv, l->v, l->n * sizeof(kv));
        l->v = nv;
        l->cap = cap;
    }
    char *k = arena_strndup(a, key, klen);
    char *v = arena_strndup(a, val, vlen);
    if (!k || !v)
        return -1;
    l->v[l->n++] = (kv){k, v, vlen};
    return 0;
}

const char *kv_get(const kvlist *l, const char *key)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i].key, key) == 0)
            return l->v[i].value;
    return NULL;
}

size_t kv_count(const kvlist *l, const char *key)
{
    size_t c = 0;
    for (size_t i = 0; i < l->n; i++)
        c += strcmp(l->v[i].key, key) == 0;
    return c;
}
