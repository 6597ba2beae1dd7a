/* testutil.h: helpers shared by the Check unit tests (suite runner, arena per test, CASEDESK_* cleanup). */
#ifndef CD_TESTUTIL_H
#define CD_TESTUTIL_H
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "core/arena.h"

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

#endif
