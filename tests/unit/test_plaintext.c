/* test_plaintext.c: unit tests of plaintext_clean (core/plaintext.c). */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "core/plaintext.h"

static char out[64];

static const char *clean(const char *in, size_t n, size_t outcap, size_t max_chars)
{
    plaintext_clean(in, n, out, outcap, max_chars);
    return out;
}

START_TEST(text_kept)
{
    ck_assert_str_eq(clean("Invoice 42\n\tZoë €", strlen("Invoice 42\n\tZoë €"), sizeof out, 100),
                     "Invoice 42\n\tZoë €");
    ck_assert_str_eq(clean("", 0, sizeof out, 100), "");
}
END_TEST

START_TEST(controls_blanked)
{
    ck_assert_str_eq(clean("a\fb\rc\x01"
                           "d\x7f"
                           "e",
                           9, sizeof out, 100),
                     "a b c d e");
    ck_assert_str_eq(clean("a\0b", 3, sizeof out, 100), "a b");
    ck_assert_str_eq(clean("x\xC2\x85y", 4, sizeof out, 100), "x y"); /* U+0085, a C1 control */
}
END_TEST

START_TEST(invalid_utf8_replaced)
{
    ck_assert_str_eq(clean("a\xFF"
                           "b",
                           3, sizeof out, 100),
                     "a\xEF\xBF\xBD"
                     "b");
    ck_assert_str_eq(clean("\xC3", 1, sizeof out, 100), "\xEF\xBF\xBD"); /* cut inside a character */
    ck_assert_str_eq(clean("\xED\xA0\x80", 3, sizeof out, 100),
                     "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); /* surrogate */
}
END_TEST

START_TEST(capped_between_characters)
{
    ck_assert_uint_eq(plaintext_clean("abcdef", 6, out, sizeof out, 4), 4);
    ck_assert_str_eq(out, "abcd");
    ck_assert_str_eq(clean("\xC3\xA9\xC3\xA9\xC3\xA9", 6, sizeof out, 2), "\xC3\xA9\xC3\xA9");
    /* room for 3 bytes: the second é would need 4 */
    ck_assert_str_eq(clean("\xC3\xA9\xC3\xA9", 4, 4, 100), "\xC3\xA9");
    ck_assert_str_eq(clean("abc", 3, 1, 100), "");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("plaintext");
    TCase *tc = tcase_create("clean");
    tcase_add_test(tc, text_kept);
    tcase_add_test(tc, controls_blanked);
    tcase_add_test(tc, invalid_utf8_replaced);
    tcase_add_test(tc, capped_between_characters);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
