/* fuzz_router.c: libFuzzer harness: router_match over fuzzed paths and methods never crashes, and what it
 * returns agrees with the route table (captured parameters are lower-case UUIDs filling the pattern). */
#include <stdint.h>
#include <strings.h>
#include "fuzz_check.h"
#include "router.h"

/* Input: one byte choosing the method (low 3 bits: GET HEAD POST PUT PATCH DELETE OPTIONS OTHER), then the
 * decoded path as request_init would hand it over. */

/* The pattern with its {uuid} segments replaced by params; NULL when the counts differ. */
static char *fill(arena *a, const char *pat, const char **params, int np)
{
    strbuf sb;
    sb_init(&sb, a);
    int used = 0;
    for (const char *p = pat; *p;) {
        if (strncmp(p, "{uuid}", 6) == 0) {
            if (used >= np)
                return NULL;
            sb_puts(&sb, params[used++]);
            p += 6;
        } else {
            sb_append(&sb, p++, 1);
        }
    }
    CHECK(!sb.failed);
    return used == np ? sb.data : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    http_method m = (http_method)(1u << (data[0] & 7));
    arena *a = arena_new(4096);
    CHECK(a);
    const char *path = fuzz_cstr(a, data + 1, size - 1);
    const char *params[REQ_MAX_PARAMS] = {0};
    int np = -1;
    unsigned allowed = ~0u;
    const route *rt = router_match(a, path, m, params, &np, &allowed);
    http_method want = m == M_HEAD ? M_GET : m;
    if (rt) {
        CHECK((rt->methods & want) && allowed == 0);
        CHECK(np >= 0 && np <= REQ_MAX_PARAMS);
        for (int i = 0; i < np; i++)
            CHECK(params[i] && fuzz_lower_uuid(params[i]));
        const char *back = fill(a, rt->pattern, params, np);
        CHECK(back && strcasecmp(back, path) == 0);
        /* The first route of the table that matches wins. */
        size_t count;
        const route *table = router_table(&count);
        CHECK(rt >= table && rt < table + count);
    } else {
        CHECK(np == 0 && !(allowed & want));
        /* Some route answers this path with one of the allowed methods. */
        for (unsigned bit = 1; bit < M_OTHER; bit <<= 1) {
            if (!(allowed & bit))
                continue;
            unsigned again;
            int n2;
            CHECK(router_match(a, path, (http_method)bit, params, &n2, &again) != NULL);
        }
    }
    arena_free(a);
    return 0;
}
