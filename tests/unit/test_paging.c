/* test_paging.c: limit/offset parsing (defaults, ranges, malformed numbers) and the list envelope's
 * count/next/previous links, which keep every other query parameter in order. */
#include <stdio.h>
#include "http/paging.h"
#include "testutil.h"

/* paging_parse on a GET of uri; returns its result, errors left in *errors (owned by the arena). */
static bool parse(arena *a, const char *uri, paging *p, json_t **errors)
{
    request r;
    test_request_get(&r, a, uri);
    *errors = test_json(a, "{}");
    return paging_parse(&r, p, *errors);
}

START_TEST(defaults)
{
    arena *a = test_arena();
    paging p;
    json_t *e;
    ck_assert(parse(a, "/api/users/", &p, &e));
    ck_assert_int_eq(p.limit, 10);
    ck_assert_int_eq(p.offset, 0);
    ck_assert_str_eq(p.limit_s, "10");
    ck_assert_str_eq(p.offset_s, "0");
    ck_assert_uint_eq(json_object_size(e), 0);
    ck_assert(parse(a, "/api/users/?q=x&ordering=name", &p, &e));
    ck_assert_int_eq(p.limit, 10);
    ck_assert_int_eq(p.offset, 0);
    arena_free(a);
}
END_TEST

START_TEST(valid_values)
{
    arena *a = test_arena();
    paging p;
    json_t *e;
    ck_assert(parse(a, "/api/users/?limit=1&offset=0", &p, &e));
    ck_assert_int_eq(p.limit, 1);
    ck_assert_int_eq(p.offset, 0);
    ck_assert(parse(a, "/api/users/?offset=12345&limit=100", &p, &e));
    ck_assert_int_eq(p.limit, 100);
    ck_assert_int_eq(p.offset, 12345);
    ck_assert_str_eq(p.limit_s, "100");
    ck_assert_str_eq(p.offset_s, "12345");
    ck_assert(parse(a, "/api/users/?limit=007", &p, &e)); /* leading zeros are still digits */
    ck_assert_int_eq(p.limit, 7);
    ck_assert_uint_eq(json_object_size(e), 0);
    arena_free(a);
}
END_TEST

START_TEST(bad_limits)
{
    static const char *const bad[] = {"0",  "101",  "-1",   "+5",  "",    "abc",
                                      "5x", "%205", "5%20", "1.5", "1e2", "99999999999999999999999"};
    arena *a = test_arena();
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        paging p;
        json_t *e;
        ck_assert_msg(!parse(a, arena_printf(a, "/api/users/?limit=%s&offset=3", bad[i]), &p, &e),
                      "accepted limit=%s", bad[i]);
        ck_assert_str_eq(test_dump(a, e), "{\"limit\":[\"Must be a whole number from 1 to 100.\"]}");
        ck_assert_int_eq(p.offset, 3); /* the good one is still read */
    }
    arena_free(a);
}
END_TEST

/* An offset under another name (the case page's comments_offset and the like): the same rule, named after it. */
START_TEST(named_offsets)
{
    arena *a = test_arena();
    request r;
    long off = -1;
    json_t *e = test_json(a, "{}");
    test_request_get(&r, a, "/cases/x?comments_offset=150&offset=7");
    ck_assert(paging_offset(&r, "comments_offset", &off, e));
    ck_assert_int_eq(off, 150);
    ck_assert(paging_offset(&r, "history_offset", &off, e));
    ck_assert_int_eq(off, 0);
    ck_assert_uint_eq(json_object_size(e), 0);
    test_request_get(&r, a, "/cases/x?history_offset=-50");
    ck_assert(!paging_offset(&r, "history_offset", &off, e));
    ck_assert_int_eq(off, 0);
    ck_assert_str_eq(test_dump(a, e), "{\"history_offset\":[\"Must be a whole number of 0 or more.\"]}");
    arena_free(a);
}
END_TEST

START_TEST(bad_offsets)
{
    static const char *const bad[] = {"-1", "+5", "", "x", "10x", "%2010", "99999999999999999999999"};
    arena *a = test_arena();
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        paging p;
        json_t *e;
        ck_assert_msg(!parse(a, arena_printf(a, "/api/users/?offset=%s&limit=20", bad[i]), &p, &e),
                      "accepted offset=%s", bad[i]);
        ck_assert_str_eq(test_dump(a, e), "{\"offset\":[\"Must be a whole number of 0 or more.\"]}");
        ck_assert_int_eq(p.limit, 20);
    }
    /* both wrong: both reported */
    paging p;
    json_t *e;
    ck_assert(!parse(a, "/api/users/?limit=-5&offset=-5", &p, &e));
    ck_assert_uint_eq(json_object_size(e), 2);
    ck_assert_ptr_nonnull(json_object_get(e, "limit"));
    ck_assert_ptr_nonnull(json_object_get(e, "offset"));
    arena_free(a);
}
END_TEST

/* The envelope for a GET of uri with count rows, as compact JSON with sorted keys. */
static const char *envelope(arena *a, const char *uri, long long count)
{
    request r;
    test_request_get(&r, a, uri);
    paging p;
    json_t *e = test_json(a, "{}");
    ck_assert_msg(paging_parse(&r, &p, e), "bad paging in %s", uri);
    json_t *results = json_pack("[s]", "row");
    json_t *env = paging_envelope(&r, &p, count, results);
    ck_assert_ptr_nonnull(env);
    ck_assert_ptr_eq(json_object_get(env, "results"), results); /* ownership taken, not copied */
    const char *s = test_dump(a, env);
    json_decref(env);
    return s;
}

START_TEST(envelope_links)
{
    arena *a = test_arena();
    /* middle page: other parameters kept in order, limit/offset dropped and added at the end */
    ck_assert_str_eq(envelope(a, "/api/users/?q=ann&limit=10&status=active&offset=20", 45),
                     "{\"count\":45,"
                     "\"next\":\"/api/users/?q=ann&status=active&limit=10&offset=30\","
                     "\"previous\":\"/api/users/?q=ann&status=active&limit=10&offset=10\","
                     "\"results\":[\"row\"]}");
    /* previous of the second page has no offset at all */
    ck_assert_str_eq(envelope(a, "/api/users/?offset=10", 45),
                     "{\"count\":45,\"next\":\"/api/users/?limit=10&offset=20\","
                     "\"previous\":\"/api/users/?limit=10\",\"results\":[\"row\"]}");
    /* an offset that is not a multiple of limit: previous goes back to 0, not below */
    ck_assert_str_eq(envelope(a, "/api/users/?offset=5", 45),
                     "{\"count\":45,\"next\":\"/api/users/?limit=10&offset=15\","
                     "\"previous\":\"/api/users/?limit=10\",\"results\":[\"row\"]}");
    /* first page: no previous */
    ck_assert_str_eq(envelope(a, "/api/users/?limit=20", 45),
                     "{\"count\":45,\"next\":\"/api/users/?limit=20&offset=20\",\"previous\":null,"
                     "\"results\":[\"row\"]}");
    /* last page, partial and exact: no next */
    ck_assert_str_eq(envelope(a, "/api/users/?offset=40", 45),
                     "{\"count\":45,\"next\":null,\"previous\":\"/api/users/?limit=10&offset=30\","
                     "\"results\":[\"row\"]}");
    ck_assert_str_eq(envelope(a, "/api/users/?offset=40", 50),
                     "{\"count\":50,\"next\":null,\"previous\":\"/api/users/?limit=10&offset=30\","
                     "\"results\":[\"row\"]}");
    ck_assert_str_eq(envelope(a, "/api/users/?offset=39", 50),
                     "{\"count\":50,\"next\":\"/api/users/?limit=10&offset=49\","
                     "\"previous\":\"/api/users/?limit=10&offset=29\",\"results\":[\"row\"]}");
    /* nothing at all */
    ck_assert_str_eq(envelope(a, "/api/users/", 0),
                     "{\"count\":0,\"next\":null,\"previous\":null,\"results\":[\"row\"]}");
    /* past the end: previous still leads back */
    ck_assert_str_eq(envelope(a, "/api/users/?offset=100", 45),
                     "{\"count\":45,\"next\":null,\"previous\":\"/api/users/?limit=10&offset=90\","
                     "\"results\":[\"row\"]}");
    arena_free(a);
}
END_TEST

START_TEST(envelope_reencodes_parameters)
{
    arena *a = test_arena();
    /* decoded values are encoded again; every repeated limit/offset is dropped */
    ck_assert_str_eq(envelope(a, "/api/users/?q=a+b%26c%3D&limit=5&tag=x&tag=caf%C3%A9&limit=7&offset=5", 100),
                     "{\"count\":100,"
                     "\"next\":\"/api/users/?q=a%20b%26c%3D&tag=x&tag=caf%C3%A9&limit=5&offset=10\","
                     "\"previous\":\"/api/users/?q=a%20b%26c%3D&tag=x&tag=caf%C3%A9&limit=5\","
                     "\"results\":[\"row\"]}");
    arena_free(a);
}
END_TEST

START_TEST(envelope_without_results)
{
    arena *a = test_arena();
    request r;
    test_request_get(&r, a, "/api/users/?offset=10");
    paging p;
    json_t *e = test_json(a, "{}");
    ck_assert(paging_parse(&r, &p, e));
    ck_assert_ptr_null(paging_envelope(&r, &p, 45, NULL)); /* results failed to build: NULL, no leak */
    arena_free(a);
}
END_TEST

static Suite *paging_suite(void)
{
    Suite *s = suite_create("paging");
    TCase *tc = tcase_create("parse");
    tcase_add_test(tc, defaults);
    tcase_add_test(tc, valid_values);
    tcase_add_test(tc, bad_limits);
    tcase_add_test(tc, bad_offsets);
    tcase_add_test(tc, named_offsets);
    suite_add_tcase(s, tc);
    tc = tcase_create("envelope");
    tcase_add_test(tc, envelope_links);
    tcase_add_test(tc, envelope_reencodes_parameters);
    tcase_add_test(tc, envelope_without_results);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_suite(paging_suite()); }
