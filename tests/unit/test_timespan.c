/* test_timespan.c: unit tests of iso_utc_parse and timespan_text (core/timespan.c). */
#include <check.h>
#include <stdlib.h>
#include "core/timespan.h"

START_TEST(parses_the_api_form_only)
{
    time_t t = 0;
    ck_assert(iso_utc_parse("1970-01-01T00:00:00Z", &t));
    ck_assert_int_eq(t, 0);
    ck_assert(iso_utc_parse("2023-01-15T10:30:00Z", &t));
    ck_assert_int_eq(t, 1673778600);
    ck_assert(iso_utc_parse("2023-01-15T10:30:00.123456Z", &t));
    ck_assert_int_eq(t, 1673778600);
    ck_assert(iso_utc_parse("2024-02-29T23:59:59Z", &t));
    ck_assert_int_eq(t, 1709251199);
    const char *bad[] = {NULL,
                         "",
                         "2023-01-15",
                         "2023-01-15T10:30:00",
                         "2023-01-15T10:30:00+01:00",
                         "2023-13-01T00:00:00Z",
                         "2023-01-15T24:00:00Z",
                         "2023-01-15 10:30:00Z",
                         "2023-1-15T10:30:00Z",
                         "2023-01-15T10:30:00Zx",
                         "2023-01-15T10:30:00.Z1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(!iso_utc_parse(bad[i], &t), "accepted %s", bad[i] ? bad[i] : "NULL");
}
END_TEST

START_TEST(one_unit_rounded_down)
{
    char b[32];
    ck_assert_str_eq(timespan_text(-5, b, sizeof b), "0 min");
    ck_assert_str_eq(timespan_text(59, b, sizeof b), "0 min");
    ck_assert_str_eq(timespan_text(60, b, sizeof b), "1 min");
    ck_assert_str_eq(timespan_text(3599, b, sizeof b), "59 min");
    ck_assert_str_eq(timespan_text(3600, b, sizeof b), "1 h");
    ck_assert_str_eq(timespan_text(86399, b, sizeof b), "23 h");
    ck_assert_str_eq(timespan_text(86400, b, sizeof b), "1 d");
    ck_assert_str_eq(timespan_text(14LL * 86400 - 1, b, sizeof b), "13 d");
    ck_assert_str_eq(timespan_text(14LL * 86400, b, sizeof b), "2 wk");
    ck_assert_str_eq(timespan_text(60LL * 86400, b, sizeof b), "2 mo");
    ck_assert_str_eq(timespan_text(730LL * 86400, b, sizeof b), "2 yr");
    ck_assert_str_eq(timespan_text(100LL * 365 * 86400, b, sizeof b), "100 yr");
    char tiny[4];
    ck_assert_str_eq(timespan_text(3600, tiny, sizeof tiny), "1 h");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("timespan");
    TCase *tc = tcase_create("timespan");
    tcase_add_test(tc, parses_the_api_form_only);
    tcase_add_test(tc, one_unit_rounded_down);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
