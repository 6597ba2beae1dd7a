/* kv.h: ordered list of name/value pairs (query, form fields, cookies, FastCGI params) in an arena. */
#ifndef CD_KV_H
#define CD_KV_H
#include <stddef.h>
#include "core/arena.h"

typedef struct kv {
    const char *key;
    const char *value;
    size_t vlen; /* value length (values are also NUL-terminated) */
} kv;

typedef struct kvlist {
    kv *v;
    size_t n, cap;
} kvlist;

/* Appends a copy of key/value; returns 0 or -1 when out of memory. */
int kv_add(kvlist *l, arena *a, const char *key, size_t klen, const char *val, size_t vlen);

/* First value for key (exact match), or NULL. */
const char *kv_get(const kvlist *l, const char *key);

/* How many pairs carry key. */
size_t kv_count(const kvlist *l, const char *key);

#endif
