/* test_urlencoded.c: the form/query parser gives the same pairs and errors at every split point. */
#include <stdio.h>
#include "core/str.h"
#include "http/urlencoded.h"
#include "testutil.h"

/* Serialises the pairs a parse emitted as "<klen>:<key>,<vlen>:<val>;" so that runs can be compared. */
struct collect {
    strbuf out;
    int stop_after; /* callback returns non-zero on this call (0 = never) */
    int calls;
};

static int collect_cb(void *ctx, const char *k, size_t kl, const char *v, size_t vl)
{
    struct collect *c = ctx;
    sb_printf(&c->out, "%zu:", kl);
    sb_append(&c->out, k, kl);
    sb_printf(&c->out, ",%zu:", vl);
    sb_append(&c->out, v, vl);
    sb_puts(&c->out, ";");
    return ++c->calls == c->stop_after;
}

struct result {
    cd_err err;
    const char *pairs;
};

/* Parses in, fed as the chunks that end at the offsets in cuts (ncuts of them, then the rest). */
static struct result parse_chunks(arena *a, const char *in, size_t len, const size_t *cuts, size_t ncuts,
                                  size_t max_fields, size_t max_len)
{
    struct collect c = {.stop_after = 0};
    sb_init(&c.out, a);
    sb_puts(&c.out, "");
    urlenc p;
    urlenc_init(&p, a, collect_cb, &c, max_fields, max_len);
    size_t at = 0;
    for (size_t i = 0; i <= ncuts; i++) {
        size_t end = i < ncuts ? cuts[i] : len;
        cd_err e = urlenc_feed(&p, in + at, end - at);
        ck_assert(e == CD_OK || e == p.err);
        at = end;
    }
    struct result r = {urlenc_finish(&p), NULL};
    ck_assert(!c.out.failed);
    r.pairs = c.out.data;
    return r;
}

/* Checks in against the expected result whole, split in two at every index, and byte at a time. */
static void check_all_splits(const char *in, size_t len, cd_err err, const char *pairs, size_t max_fields,
                             size_t max_len)
{
    arena *a = test_arena();
    struct result whole = parse_chunks(a, in, len, NULL, 0, max_fields, max_len);
    ck_assert_msg(whole.err == err, "input \"%s\": error %d, expected %d", in, whole.err, err);
    if (pairs)
        ck_assert_msg(strcmp(whole.pairs, pairs) == 0, "input \"%s\": got %s, expected %s", in, whole.pairs, pairs);
    for (size_t i = 0; i <= len; i++) {
        struct result r = parse_chunks(a, in, len, &i, 1, max_fields, max_len);
        ck_assert_msg(r.err == whole.err, "input \"%s\" split at %zu: error %d, whole %d", in, i, r.err, whole.err);
        ck_assert_msg(strcmp(r.pairs, whole.pairs) == 0, "input \"%s\" split at %zu: %s vs %s", in, i, r.pairs,
                      whole.pairs);
    }
    size_t *cuts = arena_calloc(a, len + 1, sizeof *cuts);
    ck_assert_ptr_nonnull(cuts);
    for (size_t i = 0; i < len; i++)
        cuts[i] = i + 1;
    struct result r = parse_chunks(a, in, len, cuts, len, max_fields, max_len);
    ck_assert_msg(r.err == whole.err, "input \"%s\" byte at a time: error %d, whole %d", in, r.err, whole.err);
    ck_assert_msg(strcmp(r.pairs, whole.pairs) == 0, "input \"%s\" byte at a time: %s vs %s", in, r.pairs,
                  whole.pairs);
    /* empty chunks in between change nothing either */
    urlenc p;
    struct collect c = {.stop_after = 0};
    sb_init(&c.out, a);
    sb_puts(&c.out, "");
    urlenc_init(&p, a, collect_cb, &c, max_fields, max_len);
    for (size_t i = 0; i < len; i++) {
        urlenc_feed(&p, in + i, 0);
        urlenc_feed(&p, in + i, 1);
    }
    ck_assert(urlenc_finish(&p) == whole.err);
    ck_assert_str_eq(c.out.data, whole.pairs);
    arena_free(a);
}

#define OK(in, pairs) check_all_splits(in, sizeof(in) - 1, CD_OK, pairs, 0, 0)
#define BAD(in) check_all_splits(in, sizeof(in) - 1, CD_EBADREQ, NULL, 0, 0)

START_TEST(plain_pairs)
{
    OK("", "");
    OK("a=1", "1:a,1:1;");
    OK("a=1&b=2", "1:a,1:1;1:b,1:2;");
    OK("name=casedesk&count=10&x=", "4:name,8:casedesk;5:count,2:10;1:x,0:;");
    OK("a=1&a=2", "1:a,1:1;1:a,1:2;");
    OK("a=1&", "1:a,1:1;");
    OK("&a=1", "1:a,1:1;");
}
END_TEST

START_TEST(plus_is_space)
{
    OK("q=hello+world", "1:q,11:hello world;");
    OK("a+b=+", "3:a b,1: ;");
    OK("q=a%2Bb", "1:q,3:a+b;"); /* an escaped plus stays a plus */
}
END_TEST

START_TEST(percent_escapes)
{
    OK("k=%41%42%43", "1:k,3:ABC;");
    OK("k=%4a%4A", "1:k,2:JJ;");
    OK("%6b%65%79=v", "3:key,1:v;");
    OK("k=%26%3D%25", "1:k,3:&=%;"); /* escaped separators are data */
    OK("k=%0A%09", "1:k,2:\n\t;");
}
END_TEST

START_TEST(key_without_value)
{
    OK("flag", "4:flag,0:;");
    OK("flag&b=2", "4:flag,0:;1:b,1:2;");
    OK("a=", "1:a,0:;");
    OK("=v", "0:,1:v;");
}
END_TEST

START_TEST(empty_pairs_skipped)
{
    OK("a=1&&b=2", "1:a,1:1;1:b,1:2;");
    OK("&&&", "");
    OK("=&=", "");
    OK("a=1&=&b=2", "1:a,1:1;1:b,1:2;");
}
END_TEST

START_TEST(equals_inside_value)
{
    OK("a=b=c", "1:a,3:b=c;");
    OK("a==", "1:a,1:=;");
    OK("t=x%3Dy=z", "1:t,5:x=y=z;");
}
END_TEST

START_TEST(utf8_values)
{
    OK("name=%C3%A9t%C3%A9", "4:name,5:\xC3\xA9t\xC3\xA9;");     /* été */
    OK("e=%E2%82%AC", "1:e,3:\xE2\x82\xAC;");                    /* euro sign */
    OK("g=%F0%9F%98%80", "1:g,4:\xF0\x9F\x98\x80;");             /* emoji, 4 bytes */
    OK("raw=\xC3\xA9", "3:raw,2:\xC3\xA9;");                     /* unescaped UTF-8 */
    OK("%E6%97%A5=%e6%9c%ac", "3:\xE6\x97\xA5,3:\xE6\x9C\xAC;"); /* key too, lower hex */
}
END_TEST

START_TEST(bad_escapes)
{
    BAD("a=%zz");
    BAD("a=%4");
    BAD("a=%4&b=1");
    BAD("a=%");
    BAD("%");
    BAD("a=%g1");
    BAD("a=%1g");
    BAD("a=1&b=%%41");
}
END_TEST

START_TEST(nul_rejected)
{
    BAD("a=%00");
    BAD("%00=1");
    BAD("a=x%00y&b=2");
    check_all_splits("a=\0", 3, CD_EBADREQ, NULL, 0, 0); /* a raw NUL byte */
}
END_TEST

START_TEST(invalid_utf8_rejected)
{
    BAD("a=%C3%28");       /* bad continuation */
    BAD("a=%C0%AF");       /* overlong '/' */
    BAD("a=%E0%80%AF");    /* overlong, three bytes */
    BAD("a=%ED%A0%80");    /* UTF-16 surrogate */
    BAD("a=%F4%90%80%80"); /* above U+10FFFF */
    BAD("a=%C3");          /* truncated */
    BAD("a=%FF");
    BAD("a=%80");      /* lone continuation byte */
    BAD("%C3%28=1");   /* in a key */
    BAD("a=\xC3\x28"); /* raw bytes */
}
END_TEST

START_TEST(errors_stop_at_first_bad_pair)
{
    /* pairs before the bad one were delivered, nothing after it */
    arena *a = test_arena();
    struct result r = parse_chunks(a, "a=1&b=%zz&c=3", 13, NULL, 0, 0, 0);
    ck_assert_int_eq(r.err, CD_EBADREQ);
    ck_assert_str_eq(r.pairs, "1:a,1:1;");
    arena_free(a);
    check_all_splits("a=1&b=%C3%28&c=3", 16, CD_EBADREQ, "1:a,1:1;", 0, 0);
}
END_TEST

START_TEST(too_many_fields)
{
    check_all_splits("a=1&b=2", 7, CD_OK, "1:a,1:1;1:b,1:2;", 2, 0);
    check_all_splits("a=1&b=2&c=3", 11, CD_EBADREQ, "1:a,1:1;1:b,1:2;", 2, 0);
    check_all_splits("a=1&&&b=2&", 10, CD_OK, "1:a,1:1;1:b,1:2;", 2, 0); /* empty pairs do not count */
    /* the default limit is 1000 */
    arena *a = test_arena();
    strbuf in;
    sb_init(&in, a);
    for (int i = 0; i < 1000; i++)
        sb_printf(&in, "%sk%d=v", i ? "&" : "", i);
    ck_assert(!in.failed);
    ck_assert_int_eq(parse_chunks(a, in.data, in.len, NULL, 0, 0, 0).err, CD_OK);
    sb_puts(&in, "&one=more");
    ck_assert_int_eq(parse_chunks(a, in.data, in.len, NULL, 0, 0, 0).err, CD_EBADREQ);
    arena_free(a);
}
END_TEST

START_TEST(field_too_long)
{
    check_all_splits("abcd=1234", 9, CD_OK, "4:abcd,4:1234;", 0, 4);
    check_all_splits("abcde=1", 7, CD_EBADREQ, "", 0, 4);
    check_all_splits("a=12345", 7, CD_EBADREQ, "", 0, 4);
    check_all_splits("a=%31%32%33%34", 14, CD_OK, "1:a,4:1234;", 0, 4); /* decoded length counts */
    check_all_splits("a=%31%32%33%34%35", 17, CD_EBADREQ, "", 0, 4);
    check_all_splits("a=1234&b=5678", 13, CD_OK, "1:a,4:1234;1:b,4:5678;", 0, 4); /* per field */
}
END_TEST

START_TEST(callback_can_stop)
{
    arena *a = test_arena();
    struct collect c = {.stop_after = 1};
    sb_init(&c.out, a);
    urlenc p;
    urlenc_init(&p, a, collect_cb, &c, 0, 0);
    ck_assert_int_eq(urlenc_feed(&p, "a=1&b=2&c=3", 11), CD_EBADREQ);
    ck_assert_int_eq(urlenc_finish(&p), CD_EBADREQ); /* sticky */
    ck_assert_int_eq(c.calls, 1);
    ck_assert_int_eq(urlenc_feed(&p, "&d=4", 4), CD_EBADREQ);
    ck_assert_int_eq(c.calls, 1);
    arena_free(a);
}
END_TEST

START_TEST(parse_into_list)
{
    arena *a = test_arena();
    kvlist l = {0};
    ck_assert_int_eq(urlenc_parse(a, "a=1&&b=x+y&a=3&c", 16, &l), CD_OK);
    ck_assert_uint_eq(l.n, 4);
    ck_assert_str_eq(kv_get(&l, "a"), "1");
    ck_assert_str_eq(kv_get(&l, "b"), "x y");
    ck_assert_str_eq(kv_get(&l, "c"), "");
    ck_assert_uint_eq(kv_count(&l, "a"), 2);
    ck_assert_str_eq(l.v[2].value, "3");
    ck_assert_ptr_null(kv_get(&l, "d"));
    kvlist bad = {0};
    ck_assert_int_eq(urlenc_parse(a, "a=%zz", 5, &bad), CD_EBADREQ);
    arena_free(a);
}
END_TEST

START_TEST(parse_out_of_memory)
{
    /* out of memory while buffering a field */
    arena *a = test_arena();
    arena_set_limit(a, 64);
    ck_assert_ptr_nonnull(arena_alloc(a, 64));
    kvlist l = {0};
    ck_assert_int_eq(urlenc_parse(a, "a=1&b=2", 7, &l), CD_ENOMEM);
    arena_free(a);
    /* out of memory while storing a pair in the list: still a 503, not a 400 */
    a = test_arena();
    arena_set_limit(a, 2 * 256 + 16); /* room for the key and value buffers, not for the list */
    kvlist l2 = {0};
    ck_assert_int_eq(urlenc_parse(a, "a=1&b=2", 7, &l2), CD_ENOMEM);
    arena_free(a);
}
END_TEST

/* percent_decode: whole-string decoding used for paths; '+' is not a space there. */
static void decode_ok(const char *in, const char *want, size_t want_len)
{
    arena *a = test_arena();
    cd_err e = CD_EINTERNAL;
    char *out = percent_decode(a, in, strlen(in), &e);
    ck_assert_msg(out != NULL, "percent_decode(\"%s\") failed", in);
    ck_assert_int_eq(e, CD_OK);
    ck_assert_uint_eq(strlen(out), want_len);
    ck_assert_mem_eq(out, want, want_len);
    arena_free(a);
}

static void decode_bad(const char *in)
{
    arena *a = test_arena();
    cd_err e = CD_OK;
    ck_assert_msg(percent_decode(a, in, strlen(in), &e) == NULL, "percent_decode(\"%s\") accepted", in);
    ck_assert_int_eq(e, CD_EBADREQ);
    arena_free(a);
}

START_TEST(percent_decode_cases)
{
    decode_ok("", "", 0);
    decode_ok("/plain/path", "/plain/path", 11);
    decode_ok("/a%20b", "/a b", 4);
    decode_ok("a+b", "a+b", 3);
    decode_ok("%2f%2F", "//", 2);
    decode_ok("%C3%A9", "\xC3\xA9", 2);
    decode_ok("%c3%a9", "\xC3\xA9", 2);
    decode_ok("100%25", "100%", 4);
    decode_bad("%");
    decode_bad("%4");
    decode_bad("abc%");
    decode_bad("%zz");
    decode_bad("%4g");
    decode_bad("%00");
    decode_bad("%C3%28");
    decode_bad("%C0%AF");
    decode_bad("%ED%A0%80");
    decode_bad("\xFF");
}
END_TEST

START_TEST(percent_decode_respects_len)
{
    arena *a = test_arena();
    cd_err e;
    /* only the first len bytes are read: a path before its query */
    char *out = percent_decode(a, "/x%41?q=%zz", 5, &e);
    ck_assert_ptr_nonnull(out);
    ck_assert_str_eq(out, "/xA");
    /* an escape cut by len is incomplete */
    ck_assert_ptr_null(percent_decode(a, "%41", 2, &e));
    ck_assert_int_eq(e, CD_EBADREQ);
    arena_set_limit(a, arena_used(a) + 1);
    ck_assert_ptr_null(percent_decode(a, "a long string that needs room", 29, &e));
    ck_assert_int_eq(e, CD_ENOMEM);
    arena_free(a);
}
END_TEST

static Suite *urlencoded_suite(void)
{
    Suite *s = suite_create("urlencoded");
    TCase *tc = tcase_create("valid");
    tcase_add_test(tc, plain_pairs);
    tcase_add_test(tc, plus_is_space);
    tcase_add_test(tc, percent_escapes);
    tcase_add_test(tc, key_without_value);
    tcase_add_test(tc, empty_pairs_skipped);
    tcase_add_test(tc, equals_inside_value);
    tcase_add_test(tc, utf8_values);
    tcase_add_test(tc, parse_into_list);
    suite_add_tcase(s, tc);
    tc = tcase_create("invalid");
    tcase_add_test(tc, bad_escapes);
    tcase_add_test(tc, nul_rejected);
    tcase_add_test(tc, invalid_utf8_rejected);
    tcase_add_test(tc, errors_stop_at_first_bad_pair);
    tcase_add_test(tc, too_many_fields);
    tcase_add_test(tc, field_too_long);
    tcase_add_test(tc, callback_can_stop);
    tcase_add_test(tc, parse_out_of_memory);
    suite_add_tcase(s, tc);
    tc = tcase_create("percent_decode");
    tcase_add_test(tc, percent_decode_cases);
    tcase_add_test(tc, percent_decode_respects_len);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_suite(urlencoded_suite()); }
