/* credcache.h: the tokens and sessions a worker has validated, kept until the directory stamp moves. */
#ifndef CD_CREDCACHE_H
#define CD_CREDCACHE_H
#include <stdbool.h>
#include "auth/auth.h"

/* What a credential was presented as: part of every cache key, so that a value validated as one kind is never
 * taken for another (an access token as a session cookie, which would skip CSRF, or a session id as a Bearer
 * token). Refresh tokens are never cached: they are read, locked, in the transaction that rotates them. */
typedef enum cred_kind {
    CRED_ACCESS,  /* API access token (Authorization: Bearer) */
    CRED_SESSION, /* browser session id (cookie) */
} cred_kind;

/* When credential hash (a bytea literal) of kind `kind` asked for organization org (NULL: none named) was
 * stored under directory stamp `stamp` (db_directory_stamp, 0 never matches) and has not outlived its time,
 * fills ctx with it, strings copied into a, and returns true. Otherwise false, ctx untouched. */
bool credcache_get(arena *a, cred_kind kind, const char *hash, const char *org, unsigned long stamp, auth_ctx *ctx);

/* Remembers ctx, just read from PostgreSQL under stamp `stamp` (taken before the read), as the answer for
 * (kind, hash, org) during the next ttl seconds (none when ttl <= 0 or stamp is 0). Replaces whatever entry
 * shared its slot; an entry whose strings do not fit is not kept. */
void credcache_put(cred_kind kind, const char *hash, const char *org, unsigned long stamp, long ttl,
                   const auth_ctx *ctx);

#endif
