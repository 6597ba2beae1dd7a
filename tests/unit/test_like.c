/* test_like.c: unit tests of like_escape (core/like.c). */
#include <check.h>
#include <stdlib.h>
#include "core/like.h"

static arena *a;
static void setup(void) { a = arena_new(1024); }
static void teardown(void) { arena_free(a); }

START_TEST(plain_text_unchanged)
{
    ck_assert_str_eq(like_escape(a, "Globex Corp"), "Globex Corp");
    ck_assert_str_eq(like_escape(a, ""), "");
}
END_TEST

START_TEST(metacharacters_escaped)
{
    ck_assert_str_eq(like_escape(a, "100%"), "100\\%");
    ck_assert_str_eq(like_escape(a, "a_b"), "a\\_b");
    ck_assert_str_eq(like_escape(a, "c:\\dir"), "c:\\\\dir");
    ck_assert_str_eq(like_escape(a, "%_\\%"), "\\%\\_\\\\\\%");
}
END_TEST

START_TEST(utf8_and_null)
{
    ck_assert_str_eq(like_escape(a, "Zoë_%"), "Zoë\\_\\%");
    ck_assert_ptr_null(like_escape(a, NULL));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("like");
    TCase *tc = tcase_create("escape");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, plain_text_unchanged);
    tcase_add_test(tc, metacharacters_escaped);
    tcase_add_test(tc, utf8_and_null);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
