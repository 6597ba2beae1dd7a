/* credcache.h: the tokens and sessions a worker has validated, kept until the directory stamp moves. */
#ifndef CD_CREDCACHE_H
#define CD_CREDCACHE_H
#include <stdbool.h>
#include "auth/auth.h"

/* When credential hash (a bytea literal) asked for organization org (NULL: none named) was stored under
 * directory stamp `stamp` (db_directory_stamp, 0 never matches) and has not outlived its time, fills ctx
 * with it, strings copied into a, and returns true. Otherwise false, ctx untouched. */
bool credcache_get(arena *a, const char *hash, const char *org, unsigned long stamp, auth_ctx *ctx);

/* Remembers ctx, just read from PostgreSQL under stamp `stamp` (taken before the read), as the answer for
 * hash and org during the next ttl seconds (none when ttl <= 0 or stamp is 0). Replaces whatever entry shared
 * its slot; an entry whose strings do not fit is not kept. */
void credcache_put(const char *hash, const char *org, unsigned long stamp, long ttl, const auth_ctx *ctx);

#endif
