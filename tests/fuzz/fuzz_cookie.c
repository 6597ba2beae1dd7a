/* fuzz_cookie.c: libFuzzer harness: cookie_parse yields clean pairs, survives any arena limit, and
 * reads back what cookie_build writes. */
#include <stdint.h>
#include "fuzz_check.h"
#include "http/cookie.h"

/* Input: one byte choosing an arena limit (0: none), then the Cookie header value. */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    arena *a = arena_new(256);
    CHECK(a);
    const char *h = fuzz_cstr(a, data + 1, size - 1);
    kvlist l = {0};
    CHECK(cookie_parse(a, h, &l) == 0);
    for (size_t i = 0; i < l.n; i++) {
        const kv *p = &l.v[i];
        size_t klen = strlen(p->key);
        CHECK(klen > 0 && p->vlen == strlen(p->value));
        CHECK(!strpbrk(p->key, "=;") && !strchr(p->value, ';'));
        CHECK(p->key[0] != ' ' && p->key[0] != '\t' && p->key[klen - 1] != ' ' && p->key[klen - 1] != '\t');
        CHECK(strstr(h, p->key) != NULL);
        /* Whatever the builder accepts, the parser reads back unchanged. */
        char *set = cookie_build(a, p->key, p->value, -1, true, false);
        if (set) {
            kvlist back = {0};
            CHECK(cookie_parse(a, set, &back) == 0);
            CHECK(back.n >= 1 && strcmp(back.v[0].key, p->key) == 0 && strcmp(back.v[0].value, p->value) == 0);
        }
    }
    /* Under a tight limit the parser fails cleanly or gives a prefix of the same pairs. */
    if (data[0]) {
        arena *b = arena_new(256);
        CHECK(b);
        arena_set_limit(b, (size_t)data[0] * 8);
        kvlist t = {0};
        int rc = cookie_parse(b, h, &t);
        CHECK(rc == 0 || rc == -1);
        CHECK(t.n <= l.n);
        for (size_t i = 0; i < t.n; i++)
            CHECK(strcmp(t.v[i].key, l.v[i].key) == 0 && strcmp(t.v[i].value, l.v[i].value) == 0);
        if (rc == 0)
            CHECK(t.n == l.n);
        arena_free(b);
    }
    arena_free(a);
    return 0;
}
