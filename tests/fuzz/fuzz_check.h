/* fuzz_check.h: the CHECK macro and input helpers shared by the libFuzzer harnesses in tests/fuzz/. */
#ifndef CD_FUZZ_CHECK_H
#define CD_FUZZ_CHECK_H
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/arena.h"
#include "core/ids.h"

/* Aborts (a libFuzzer finding) when c is false, naming the failed condition. */
#define CHECK(c)                                                                                                     \
    do {                                                                                                             \
        if (!(c)) {                                                                                                  \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #c);                                    \
            abort();                                                                                                 \
        }                                                                                                            \
    } while (0)

/* Copies len bytes into a NUL-terminated arena string, cutting at the first NUL byte (FastCGI params
 * and headers cannot carry one); never NULL (the arena has no limit yet when this is called). */
static inline char *fuzz_cstr(arena *a, const void *data, size_t len)
{
    const char *nul = memchr(data, '\0', len);
    char *s = arena_strndup(a, data, nul ? (size_t)(nul - (const char *)data) : len);
    CHECK(s);
    return s;
}

/* True when s is a canonical UUID in lower case (what validators and the router hand to handlers). */
static inline bool fuzz_lower_uuid(const char *s)
{
    if (!s || !uuid_valid(s))
        return false;
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            return false;
    return true;
}

#endif
