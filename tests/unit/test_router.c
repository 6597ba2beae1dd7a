/* test_router.c: route matching over the whole route table ({uuid} captures, HEAD, 405 masks) and UUID helpers. */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include "core/ids.h"
#include "router.h"
#include "testutil.h"

/* Upper-case on purpose: captures must come back lower-cased. */
static const char SAMPLE_UUID[] = "3F2504E0-4F89-41D3-9A0C-0305E82C3301";
static const char SAMPLE_UUID_LOWER[] = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

static const http_method ALL_METHODS[] = {M_GET, M_POST, M_PUT, M_PATCH, M_DELETE, M_OPTIONS};

/* The pattern with every {uuid} replaced by with; *count receives how many were replaced. */
static char *instantiate(arena *a, const char *pattern, const char *with, int *count)
{
    strbuf b;
    sb_init(&b, a);
    sb_puts(&b, "");
    *count = 0;
    for (const char *p = pattern; *p;) {
        if (strncmp(p, "{uuid}", 6) == 0) {
            sb_puts(&b, with);
            p += 6;
            ++*count;
        } else {
            sb_append(&b, p++, 1);
        }
    }
    ck_assert(!b.failed);
    return b.data;
}

/* Methods of every route whose pattern is exactly pattern. */
static unsigned methods_of_pattern(const char *pattern)
{
    size_t n;
    const route *t = router_table(&n);
    unsigned m = 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(t[i].pattern, pattern) == 0)
            m |= t[i].methods;
    return m;
}

START_TEST(table_is_well_formed)
{
    size_t n = 0;
    const route *t = router_table(&n);
    ck_assert_ptr_nonnull(t);
    ck_assert_uint_gt(n, 0);
    for (size_t i = 0; i < n; i++) {
        ck_assert_msg(t[i].pattern[0] == '/', "route %zu: pattern \"%s\" is not absolute", i, t[i].pattern);
        ck_assert_msg(t[i].methods != 0 && (t[i].methods & ~(unsigned)(M_OTHER - 1)) == 0,
                      "route %s: bad method mask %#x", t[i].pattern, t[i].methods);
        ck_assert_msg(t[i].fn != NULL, "route %s has no handler", t[i].pattern);
        int nu = 0;
        arena *a = test_arena();
        instantiate(a, t[i].pattern, SAMPLE_UUID, &nu);
        arena_free(a);
        ck_assert_msg(nu <= REQ_MAX_PARAMS, "route %s: more than %d parameters", t[i].pattern, REQ_MAX_PARAMS);
        /* REP_JSON exactly under /api/ and /healthz, like request.is_api */
        int api = strncmp(t[i].pattern, "/api/", 5) == 0 || strcmp(t[i].pattern, "/healthz") == 0;
        ck_assert_msg((t[i].repr == REP_JSON) == api, "route %s: representation does not follow its path",
                      t[i].pattern);
    }
}
END_TEST

/* A deletion cascades into the link tables and the rows derived from them (case links, visibility, counters):
 * every route that deletes (DELETE, or a page under .../delete or .../remove) runs as one transaction the router
 * reruns on a deadlock, never as TX_AUTO statements a deadlock would answer 503. */
START_TEST(deleting_routes_are_transactions)
{
    size_t n = 0;
    const route *t = router_table(&n);
    int deleting = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(t[i].pattern);
        bool page = (len > 7 && strcmp(t[i].pattern + len - 7, "/delete") == 0) ||
                    (len > 7 && strcmp(t[i].pattern + len - 7, "/remove") == 0);
        if (!(t[i].methods & M_DELETE) && !page)
            continue;
        deleting++;
        ck_assert_msg(t[i].tx == TX_WRITE, "route %s deletes but is not TX_WRITE", t[i].pattern);
    }
    ck_assert_int_gt(deleting, 10);
}
END_TEST

/* Every route matches its own pattern for each of its methods, with a sample UUID in each {uuid}. */
START_TEST(every_route_matches_itself)
{
    size_t n = 0;
    const route *t = router_table(&n);
    for (size_t i = 0; i < n; i++) {
        arena *a = test_arena();
        int nu = 0;
        char *path = instantiate(a, t[i].pattern, SAMPLE_UUID, &nu);
        for (size_t k = 0; k < sizeof ALL_METHODS / sizeof ALL_METHODS[0]; k++) {
            http_method m = ALL_METHODS[k];
            if (!(t[i].methods & m))
                continue;
            const char *params[REQ_MAX_PARAMS] = {0};
            int np = -1;
            unsigned allowed = 12345;
            const route *r = router_match(a, path, m, params, &np, &allowed);
            ck_assert_msg(r != NULL, "%s %s: no route", http_method_name(m), path);
            ck_assert_msg(r->methods & m, "%s %s: matched a route without that method", http_method_name(m), path);
            ck_assert_msg(strcmp(r->pattern, t[i].pattern) == 0, "%s %s: matched %s", http_method_name(m), path,
                          r->pattern);
            ck_assert_uint_eq(allowed, 0);
            ck_assert_int_eq(np, nu);
            for (int p = 0; p < np; p++)
                ck_assert_str_eq(params[p], SAMPLE_UUID_LOWER);
            if (m == M_GET) { /* HEAD is served wherever GET is */
                r = router_match(a, path, M_HEAD, params, &np, &allowed);
                ck_assert_msg(r != NULL && (r->methods & M_GET), "HEAD %s: not served like GET", path);
                ck_assert_uint_eq(allowed, 0);
            }
        }
        arena_free(a);
    }
}
END_TEST

/* A method none of a pattern's routes accept yields NULL with the pattern's methods as the 405 mask. */
START_TEST(other_method_gives_405_mask)
{
    size_t n = 0;
    const route *t = router_table(&n);
    for (size_t i = 0; i < n; i++) {
        arena *a = test_arena();
        int nu = 0;
        char *path = instantiate(a, t[i].pattern, SAMPLE_UUID, &nu);
        unsigned own = methods_of_pattern(t[i].pattern);
        http_method others[8];
        size_t no = 0;
        for (size_t k = 0; k < sizeof ALL_METHODS / sizeof ALL_METHODS[0]; k++)
            if (!(own & ALL_METHODS[k]))
                others[no++] = ALL_METHODS[k];
        if (!(own & M_GET))
            others[no++] = M_HEAD;
        others[no++] = M_OTHER; /* an unknown method is never routed */
        for (size_t k = 0; k < no; k++) {
            const char *params[REQ_MAX_PARAMS] = {0};
            int np = -1;
            unsigned allowed = 0;
            const route *r = router_match(a, path, others[k], params, &np, &allowed);
            ck_assert_msg(r == NULL, "%s %s: routed to %s", http_method_name(others[k]), path, r->pattern);
            ck_assert_msg((allowed & own) == own, "%s %s: allowed %#x lacks %#x", http_method_name(others[k]), path,
                          allowed, own);
            ck_assert_msg(!(allowed & others[k]), "%s %s: allowed mask holds the method", http_method_name(others[k]),
                          path);
            ck_assert_int_eq(np, 0);
        }
        arena_free(a);
    }
}
END_TEST

/* {uuid} segments take only UUIDs: anything else in their place is not this route. */
START_TEST(uuid_segments_reject_non_uuids)
{
    static const char *const bad[] = {
        "not-a-uuid",
        "3f2504e0-4f89-41d3-9a0c-0305e82c330",   /* 35 characters */
        "3f2504e0-4f89-41d3-9a0c-0305e82c33011", /* 37 characters */
        "3f2504e0-4f89-41d3-9a0c-0305e82c330g",  /* not hex */
        "3f2504e04f89-41d3-9a0c-0305e82c3301-",  /* dash misplaced */
        "",
    };
    size_t n = 0;
    const route *t = router_table(&n);
    for (size_t i = 0; i < n; i++) {
        if (!strstr(t[i].pattern, "{uuid}"))
            continue;
        for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++) {
            arena *a = test_arena();
            int nu = 0;
            char *path = instantiate(a, t[i].pattern, bad[b], &nu);
            const char *params[REQ_MAX_PARAMS] = {0};
            int np = -1;
            unsigned allowed = 0;
            const route *r = router_match(a, path, M_GET, params, &np, &allowed);
            ck_assert_msg(r == NULL || strcmp(r->pattern, t[i].pattern) != 0, "%s matched %s", path, t[i].pattern);
            if (!r)
                ck_assert_int_eq(np, 0);
            arena_free(a);
        }
    }
}
END_TEST

START_TEST(known_routes)
{
    arena *a = test_arena();
    const char *params[REQ_MAX_PARAMS];
    int np;
    unsigned allowed;
    const route *r = router_match(a, "/healthz", M_GET, params, &np, &allowed);
    ck_assert_ptr_nonnull(r);
    ck_assert_str_eq(r->pattern, "/healthz");
    ck_assert_int_eq(r->repr, REP_JSON);
    ck_assert_int_eq(np, 0);
    ck_assert_ptr_eq(router_match(a, "/healthz", M_HEAD, params, &np, &allowed), r);
    r = router_match(a, "/", M_GET, params, &np, &allowed);
    ck_assert_ptr_nonnull(r);
    ck_assert_str_eq(r->pattern, "/");
    ck_assert_int_eq(r->repr, REP_HTML);
    ck_assert_ptr_eq(router_match(a, "/", M_HEAD, params, &np, &allowed), r);

    ck_assert_ptr_null(router_match(a, "/healthz", M_POST, params, &np, &allowed));
    ck_assert(allowed & M_GET);
    ck_assert(!(allowed & M_POST));
    ck_assert_ptr_null(router_match(a, "/healthz", M_DELETE, params, &np, &allowed));
    ck_assert(allowed & M_GET);
    arena_free(a);
}
END_TEST

START_TEST(unknown_paths)
{
    static const char *const paths[] = {"/no-such-page",
                                        "/healthz/",
                                        "/healthzx",
                                        "/health",
                                        "//",
                                        "",
                                        "/HEALTHZ",
                                        "/healthz/3f2504e0-4f89-41d3-9a0c-0305e82c3301",
                                        "/api/no-such-resource/"};
    arena *a = test_arena();
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        const char *params[REQ_MAX_PARAMS];
        int np = -1;
        unsigned allowed = 12345;
        const route *r = router_match(a, paths[i], M_GET, params, &np, &allowed);
        ck_assert_msg(r == NULL, "%s routed to %s", paths[i], r ? r->pattern : "");
        ck_assert_msg(allowed == 0, "%s: allowed %#x", paths[i], allowed);
        ck_assert_int_eq(np, 0);
    }
    arena_free(a);
}
END_TEST

/* UUID helpers (core/ids). */
START_TEST(uuid_validation)
{
    ck_assert(uuid_valid(SAMPLE_UUID));
    ck_assert(uuid_valid(SAMPLE_UUID_LOWER));
    ck_assert(uuid_valid("00000000-0000-0000-0000-000000000000"));
    ck_assert(!uuid_valid(NULL));
    ck_assert(!uuid_valid(""));
    ck_assert(!uuid_valid("3f2504e0-4f89-41d3-9a0c-0305e82c330"));
    ck_assert(!uuid_valid("3f2504e0-4f89-41d3-9a0c-0305e82c33011"));
    ck_assert(!uuid_valid("3f2504e0-4f89-41d3-9a0c-0305e82c330g"));
    ck_assert(!uuid_valid("3f2504e0f4f89-41d3-9a0c-0305e82c3301"));
    ck_assert(!uuid_valid("3f2504e0-4f89-41d3-9a0c-0305e82c33-1"));
    ck_assert(!uuid_valid("{3f2504e0-4f89-41d3-9a0c-0305e82c3301"));
    ck_assert(!uuid_valid("3f2504e04f8941d39a0c0305e82c3301"));
    ck_assert(!uuid_valid(" 3f2504e0-4f89-41d3-9a0c-0305e82c330"));
    /* uuid_valid_n looks at exactly len bytes */
    const char *in_path = "3f2504e0-4f89-41d3-9a0c-0305e82c3301/comments/";
    ck_assert(uuid_valid_n(in_path, 36));
    ck_assert(!uuid_valid_n(in_path, 35));
    ck_assert(!uuid_valid_n(in_path, 37));
    ck_assert(!uuid_valid_n(NULL, 36));
}
END_TEST

START_TEST(uuid_normalize_lowercases)
{
    char out[CD_UUID_LEN + 1];
    memset(out, 'x', sizeof out);
    ck_assert(uuid_normalize(SAMPLE_UUID, strlen(SAMPLE_UUID), out));
    ck_assert_str_eq(out, SAMPLE_UUID_LOWER);
    ck_assert(uuid_normalize("3F2504E0-4F89-41D3-9A0C-0305E82C3301?x", 36, out));
    ck_assert_str_eq(out, SAMPLE_UUID_LOWER);
    ck_assert(!uuid_normalize("3F2504E0-4F89-41D3-9A0C-0305E82C330Z", 36, out));
    ck_assert(!uuid_normalize(SAMPLE_UUID, 35, out));
}
END_TEST

START_TEST(uuid_new_is_random_v4)
{
    enum { N = 200 };
    static char ids[N][CD_UUID_LEN + 1];
    for (int i = 0; i < N; i++) {
        memset(ids[i], 0, sizeof ids[i]);
        uuid_new_str(ids[i]);
        ck_assert_msg(uuid_valid(ids[i]), "invalid: %s", ids[i]);
        ck_assert_int_eq(ids[i][14], '4');                                          /* version 4 */
        ck_assert_msg(strchr("89ab", ids[i][19]) != NULL, "variant of %s", ids[i]); /* RFC 4122 variant */
        for (int k = 0; k < CD_UUID_LEN; k++)
            ck_assert_msg(!isupper((unsigned char)ids[i][k]), "not lower-case: %s", ids[i]);
        for (int j = 0; j < i; j++)
            ck_assert_msg(strcmp(ids[i], ids[j]) != 0, "duplicate id %s", ids[i]);
    }
}
END_TEST

static Suite *router_suite(void)
{
    Suite *s = suite_create("router");
    TCase *tc = tcase_create("table");
    tcase_add_test(tc, table_is_well_formed);
    tcase_add_test(tc, deleting_routes_are_transactions);
    tcase_add_test(tc, every_route_matches_itself);
    tcase_add_test(tc, other_method_gives_405_mask);
    tcase_add_test(tc, uuid_segments_reject_non_uuids);
    suite_add_tcase(s, tc);
    tc = tcase_create("routes");
    tcase_add_test(tc, known_routes);
    tcase_add_test(tc, unknown_paths);
    suite_add_tcase(s, tc);
    tc = tcase_create("ids");
    tcase_add_test(tc, uuid_validation);
    tcase_add_test(tc, uuid_normalize_lowercases);
    tcase_add_test(tc, uuid_new_is_random_v4);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_suite(router_suite()); }
