/* test_csv.c: unit tests of the CSV field writer (core/csv.c): RFC 4180 quoting and formula neutralising. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "core/csv.h"

static arena *a;
static void setup(void) { a = arena_new(1024); }
static void teardown(void) { arena_free(a); }

/* The record of the n values as csv_field and csv_end_record write it. */
static const char *record(const char *const *values, size_t n)
{
    strbuf sb;
    sb_init(&sb, a);
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(csv_field(&sb, values[i], i == 0), 0);
    ck_assert_int_eq(csv_end_record(&sb), 0);
    return sb.data;
}

START_TEST(plain_fields_unquoted)
{
    const char *v[] = {"abc", "Zoë ✓", "", NULL, "a b"};
    ck_assert_str_eq(record(v, 5), "abc,Zoë ✓,,,a b\r\n");
}
END_TEST

START_TEST(special_characters_quoted)
{
    const char *v[] = {"a,b", "say \"hi\"", "two\nlines", "cr\rhere", "\"", "crlf\r\n"};
    ck_assert_str_eq(record(v, 6),
                     "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",\"\"\"\",\"crlf\r\n\"\r\n");
}
END_TEST

START_TEST(formulas_neutralised)
{
    const char *v[] = {"=SUM(A1:A2)", "+1", "-2", "@cmd", "\tx", "\rx", "a=b", "'quoted"};
    ck_assert_str_eq(record(v, 8), "'=SUM(A1:A2),'+1,'-2,'@cmd,'\tx,\"'\rx\",a=b,'quoted\r\n");
}
END_TEST

START_TEST(formula_with_quotes_and_commas)
{
    const char *v[] = {"=HYPERLINK(\"http://x\",\"y\")"};
    ck_assert_str_eq(record(v, 1), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n");
}
END_TEST

START_TEST(out_of_memory_reported)
{
    arena *small = arena_new(256);
    arena_set_limit(small, 300);
    strbuf sb;
    sb_init(&sb, small);
    char big[2000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    ck_assert_int_eq(csv_field(&sb, big, true), -1);
    ck_assert(sb.failed);
    arena_free(small);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("csv");
    TCase *tc = tcase_create("fields");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, plain_fields_unquoted);
    tcase_add_test(tc, special_characters_quoted);
    tcase_add_test(tc, formulas_neutralised);
    tcase_add_test(tc, formula_with_quotes_and_commas);
    tcase_add_test(tc, out_of_memory_reported);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
