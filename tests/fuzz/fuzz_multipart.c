/* fuzz_multipart.c: libFuzzer harness: multipart parse whole == chunked, invariants of parts and file names. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_check.h"
#include "core/str.h"
#include "http/filename.h"
#include "http/multipart.h"

/* Input: one byte choosing chunk size and limits, then a Content-Type header line ending in '\n', then
 * the body. Without a usable boundary in that line the body is parsed with boundary "XyZ". */

/* Parses body fed in chunks of size step (0 = whole) and returns the parser's error. */
static cd_err parse(multipart *p, arena *a, const char *boundary, const multipart_limits *lim, const char *body,
                    size_t len, size_t step)
{
    multipart_init(p, a, boundary, lim);
    if (!step)
        step = len ? len : 1;
    for (size_t at = 0; at < len; at += step)
        CHECK(multipart_feed(p, body + at, len - at < step ? len - at : step) == p->err);
    cd_err e = multipart_finish(p);
    CHECK(multipart_finish(p) == e);
    return e;
}

static void same_parts(const multipart *x, const multipart *y)
{
    CHECK(x->nparts == y->nparts);
    for (size_t i = 0; i < x->nparts; i++) {
        const mp_part *a = &x->parts[i], *b = &y->parts[i];
        CHECK(strcmp(a->name, b->name) == 0);
        CHECK((a->filename == NULL) == (b->filename == NULL));
        CHECK(!a->filename || strcmp(a->filename, b->filename) == 0);
        CHECK(strcmp(a->content_type, b->content_type) == 0);
        CHECK(a->len == b->len && memcmp(a->data, b->data, a->len) == 0);
    }
}

/* What filename_safe promises, checked on its result for raw. */
static void check_safe_name(arena *a, const char *raw)
{
    const char *s = filename_safe(a, raw);
    CHECK(s);
    size_t n = strlen(s);
    CHECK(n > 0 && n <= FILENAME_MAX_BYTES && utf8_valid(s, n));
    CHECK(strcmp(s, ".") != 0 && strcmp(s, "..") != 0);
    CHECK(s[0] != '.' && s[0] != ' ' && s[n - 1] != '.' && s[n - 1] != ' ');
    for (const unsigned char *c = (const unsigned char *)s; *c; c++)
        CHECK(*c >= 0x20 && *c != 0x7f && *c != '/' && *c != '\\' && *c != '"');
    CHECK(strcmp(filename_safe(a, s), s) == 0);
    const char *cd = content_disposition(a, raw);
    CHECK(cd);
    for (const unsigned char *c = (const unsigned char *)cd; *c; c++)
        CHECK(*c >= 0x20 && *c < 0x7f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned sel = data[0];
    const char *in = (const char *)data + 1;
    size_t len = size - 1;
    const char *nl = memchr(in, '\n', len);
    size_t hlen = nl ? (size_t)(nl - in) : 0;
    const char *body = nl ? nl + 1 : in;
    size_t blen = len - (size_t)(body - in);

    arena *a = arena_new(4096);
    CHECK(a);
    char *header = arena_strndup(a, in, hlen);
    CHECK(header);
    const char *boundary = multipart_boundary(a, header);
    if (boundary) {
        size_t bl = strlen(boundary);
        CHECK(bl >= 1 && bl <= MP_MAX_BOUNDARY);
    } else {
        boundary = "XyZ";
    }
    multipart_limits lim = {0};
    if (sel & 0x80)
        lim = (multipart_limits){.max_parts = 4,
                                 .max_header_bytes = 128,
                                 .max_name = 8,
                                 .max_filename = 16,
                                 .max_file_bytes = 64,
                                 .max_field_bytes = 32};
    size_t step = (sel & 0x1f) + 1; /* 1..32 bytes a chunk */

    multipart whole, chunked, hinted;
    cd_err e = parse(&whole, a, boundary, &lim, body, blen, 0);
    CHECK(parse(&chunked, a, boundary, &lim, body, blen, step) == e);
    multipart_limits hl = lim;
    hl.expect = blen;
    CHECK(parse(&hinted, a, boundary, &hl, body, blen, (sel & 0x40) ? 1 : 0) == e);
    CHECK(e == CD_OK || e == CD_EBADREQ || e == CD_ETOOLARGE);
    if (e == CD_OK) {
        same_parts(&whole, &chunked);
        same_parts(&whole, &hinted);
        size_t files = 0, fields = 0;
        for (size_t i = 0; i < whole.nparts; i++) {
            const mp_part *m = &whole.parts[i];
            size_t nl2 = strlen(m->name);
            CHECK(nl2 >= 1 && nl2 <= whole.lim.max_name && utf8_valid(m->name, nl2));
            CHECK(m->data[m->len] == '\0');
            if (m->filename) {
                CHECK(strlen(m->filename) <= whole.lim.max_filename);
                CHECK(utf8_valid(m->filename, strlen(m->filename)));
                check_safe_name(a, m->filename);
                files += m->len;
            } else {
                CHECK(utf8_valid(m->data, m->len));
                fields += m->len;
            }
        }
        CHECK(whole.nparts <= whole.lim.max_parts);
        CHECK(files <= whole.lim.max_file_bytes && fields <= whole.lim.max_field_bytes);
    }
    /* file names straight from the input, whatever bytes they hold */
    check_safe_name(a, header);
    char *raw = arena_strndup(a, body, blen);
    CHECK(raw);
    check_safe_name(a, raw);
    arena_free(a);
    return 0;
}
