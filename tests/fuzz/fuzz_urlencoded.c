/* fuzz_urlencoded.c: libFuzzer harness: urlencoded parse whole == chunked, pairs valid UTF-8, percent_decode safe. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_check.h"
#include "core/str.h"
#include "http/urlencoded.h"

/* Input: one byte choosing the chunk size and limits, then the form text. */

/* Serialises the pairs as "<klen>:<key><vlen>:<val>" after checking each. */
static int collect(void *ctx, const char *k, size_t kl, const char *v, size_t vl)
{
    strbuf *sb = ctx;
    CHECK(utf8_valid(k, kl) && utf8_valid(v, vl));
    CHECK(kl || vl);
    sb_printf(sb, "%zu:", kl);
    sb_append(sb, k, kl);
    sb_printf(sb, "%zu:", vl);
    sb_append(sb, v, vl);
    return 0;
}

static cd_err parse(arena *a, strbuf *out, const char *in, size_t len, size_t step, size_t max_fields, size_t max_len)
{
    urlenc p;
    sb_init(out, a);
    sb_puts(out, "");
    urlenc_init(&p, a, collect, out, max_fields, max_len);
    if (!step)
        step = len ? len : 1;
    for (size_t at = 0; at < len; at += step)
        CHECK(urlenc_feed(&p, in + at, len - at < step ? len - at : step) == p.err);
    cd_err e = urlenc_finish(&p);
    CHECK(urlenc_finish(&p) == e);
    CHECK(!out->failed);
    return e;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned sel = data[0];
    const char *in = (const char *)data + 1;
    size_t len = size - 1;
    size_t max_fields = (sel & 0x80) ? 3 : 0, max_len = (sel & 0x80) ? 8 : 0;
    arena *a = arena_new(4096);
    CHECK(a);
    strbuf whole, chunked;
    cd_err e = parse(a, &whole, in, len, 0, max_fields, max_len);
    CHECK(e == CD_OK || e == CD_EBADREQ);
    CHECK(parse(a, &chunked, in, len, (sel & 0x1f) + 1, max_fields, max_len) == e);
    CHECK(whole.len == chunked.len && memcmp(whole.data, chunked.data, whole.len) == 0);
    cd_err de;
    char *d = percent_decode(a, in, len, &de);
    CHECK(d ? de == CD_OK && utf8_valid(d, strlen(d)) : de == CD_EBADREQ);
    if (!max_fields) { /* the list form agrees with the streaming one under the same default limits */
        kvlist l = {0};
        CHECK(urlenc_parse(a, in, len, &l) == e);
    }
    arena_free(a);
    return 0;
}
