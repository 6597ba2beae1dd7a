/* testutil.h: helpers shared by the Check unit tests (suite runner, arena per test, CASEDESK_* cleanup). */
#ifndef CD_TESTUTIL_H
#define CD_TESTUTIL_H
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "core/arena.h"
#include "http/request.h"

/* Runs one suite with CK_NORMAL output (prints "100%: Checks: N, Failures: 0, Errors: 0");
 * returns the process exit status. */
static inline int run_suite(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* A fresh arena for one test; the test frees it. */
static inline arena *test_arena(void)
{
    arena *a = arena_new(4096);
    ck_assert_ptr_nonnull(a);
    return a;
}

/* Removes every CASEDESK_* variable so that the caller's environment cannot change a test. */
static inline void clear_casedesk_env(void)
{
    extern char **environ;
    for (int again = 1; again;) {
        again = 0;
        for (char **e = environ; e && *e; e++) {
            if (strncmp(*e, "CASEDESK_", 9) != 0)
                continue;
            char name[256];
            size_t n = strcspn(*e, "=");
            if (n >= sizeof name)
                continue;
            memcpy(name, *e, n);
            name[n] = '\0';
            unsetenv(name);
            again = 1;
            break;
        }
    }
}

static inline void test_json_release(void *j) { json_decref(j); }

/* Parses text as JSON (failing the test when it is not JSON); the arena releases the value. */
static inline json_t *test_json(arena *a, const char *text)
{
    json_error_t err;
    json_t *j = json_loads(text, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &err);
    ck_assert_msg(j != NULL, "bad test JSON %s: %s", text, err.text);
    ck_assert_int_eq(arena_defer(a, test_json_release, j), 0);
    return j;
}

/* Serialises j compactly with sorted keys into the arena, for whole-value comparisons. */
static inline const char *test_dump(arena *a, const json_t *j)
{
    char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
    ck_assert_ptr_nonnull(s);
    char *copy = arena_strdup(a, s);
    free(s);
    return copy;
}

/* A request built by request_init from a GET of uri (path and decoded query), with default config. */
static inline void test_request_get(request *r, arena *a, const char *uri)
{
    static config cfg;
    config_defaults(&cfg);
    char *u = arena_printf(a, "REQUEST_URI=%s", uri);
    ck_assert_ptr_nonnull(u);
    char *env[] = {"REQUEST_METHOD=GET", u, NULL};
    ck_assert_int_eq(request_init(r, a, &cfg, env), CD_OK);
}

#endif
