/* cookie.h: Cookie request header parsing and Set-Cookie value construction. */
#ifndef CD_COOKIE_H
#define CD_COOKIE_H
#include <stdbool.h>
#include "core/arena.h"
#include "http/kv.h"

/* Parses "a=1; b=2" into l; malformed pieces are skipped, quoted values unquoted.
 * Returns 0, or -1 when out of memory. */
int cookie_parse(arena *a, const char *header, kvlist *l);

/* Builds a Set-Cookie value "name=value; Path=/; Max-Age=N; HttpOnly; SameSite=Lax[; Secure]".
 * max_age < 0 omits Max-Age (session cookie); 0 deletes. Returns NULL if name or value holds
 * characters a cookie may not carry, or when out of memory. */
char *cookie_build(arena *a, const char *name, const char *value, long max_age, bool http_only, bool secure);

#endif
