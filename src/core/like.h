/* like.h: user text as a literal LIKE/ILIKE pattern, so % and _ in a search box match themselves. */
#ifndef CD_LIKE_H
#define CD_LIKE_H
#include "core/arena.h"

/* Copies s into arena a with %, _ and \ each preceded by a backslash (LIKE's default escape
 * character), for a statement that wraps it as '%' || $n || '%'. NULL in, NULL out; NULL when
 * out of memory. */
char *like_escape(arena *a, const char *s);

#endif
