/* test_str.c: unit tests of the text helpers (core/str.c): text for search made from bytes of unknown form. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "core/str.h"

static arena *a;
static void setup(void) { a = arena_new(1024); }
static void teardown(void) { arena_free(a); }

START_TEST(clean_text_keeps_valid_text)
{
    const char *s = "Zoë ✓ line\nnext\ttab";
    ck_assert_str_eq(utf8_clean_text(a, s, strlen(s), 1000), s);
    ck_assert_str_eq(utf8_clean_text(a, "", 0, 10), "");
}
END_TEST

START_TEST(clean_text_replaces_bad_bytes_and_controls)
{
    const char s[] = "a\xff"
                     "b\0c\x01"
                     "d\r\x7f"
                     "e\xc2\x85"
                     "f\xe2\x82";
    ck_assert_str_eq(utf8_clean_text(a, s, sizeof s - 1, 1000), "a\xEF\xBF\xBD"
                                                                "b c d  e f\xEF\xBF\xBD\xEF\xBF\xBD");
    /* every byte bad: three bytes out for each, still bounded by max */
    char bad[40];
    memset(bad, 0xff, sizeof bad);
    ck_assert_uint_eq(strlen(utf8_clean_text(a, bad, sizeof bad, 1000)), 3 * sizeof bad);
    ck_assert_uint_eq(strlen(utf8_clean_text(a, bad, sizeof bad, 10)), 9);
}
END_TEST

START_TEST(clean_text_cuts_at_a_character)
{
    const char *s = "ab✓✓";                                      /* ✓ is 3 bytes */
    ck_assert_str_eq(utf8_clean_text(a, s, strlen(s), 4), "ab"); /* the first ✓ does not fit */
    ck_assert_str_eq(utf8_clean_text(a, s, strlen(s), 5), "ab✓");
    ck_assert_str_eq(utf8_clean_text(a, s, strlen(s), 0), "");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("str");
    TCase *tc = tcase_create("clean_text");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, clean_text_keeps_valid_text);
    tcase_add_test(tc, clean_text_replaces_bad_bytes_and_controls);
    tcase_add_test(tc, clean_text_cuts_at_a_character);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
