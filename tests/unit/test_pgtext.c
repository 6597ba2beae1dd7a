/* test_pgtext.c: unit tests of PostgreSQL text output to API JSON values (db/pgtext.c). */
#include <check.h>
#include <stdlib.h>
#include "db/pgtext.h"
#include "testutil.h"

START_TEST(timestamps_to_iso)
{
    char out[PG_ISO_LEN];
    ck_assert(pg_ts_iso("2023-01-15 10:30:00+00", out));
    ck_assert_str_eq(out, "2023-01-15T10:30:00Z");
    ck_assert(pg_ts_iso("2026-11-28 18:03:42.123456+00", out));
    ck_assert_str_eq(out, "2026-11-28T18:03:42Z");
    ck_assert(pg_ts_iso("1999-12-31 23:59:59.5+00:00", out));
    ck_assert_str_eq(out, "1999-12-31T23:59:59Z");
}
END_TEST

START_TEST(other_timestamps_refused)
{
    char out[PG_ISO_LEN];
    const char *bad[] = {NULL,
                         "",
                         "2023-01-15",
                         "2023-01-15 10:30:00",
                         "2023-01-15 10:30:00+01",
                         "2023-01-15T10:30:00+00",
                         "2023-01-15 10:30:00.+00",
                         "2023-1-15 10:30:00+00",
                         "12023-01-15 10:30:00+00",
                         "2023-01-15 10:30:00+00 BC",
                         "infinity",
                         "2023-01-15 10:30:0x+00"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_msg(!pg_ts_iso(bad[i], out), "accepted %s", bad[i] ? bad[i] : "NULL");
        ck_assert_str_eq(out, "");
    }
}
END_TEST

START_TEST(uuid_arrays)
{
    json_t *a = pg_uuid_array("{}");
    ck_assert_ptr_nonnull(a);
    ck_assert_int_eq(json_array_size(a), 0);
    json_decref(a);
    a = pg_uuid_array("{0de91650-d59c-42b4-b4b7-c327b6a3ccdd}");
    ck_assert_int_eq(json_array_size(a), 1);
    ck_assert_str_eq(json_string_value(json_array_get(a, 0)), "0de91650-d59c-42b4-b4b7-c327b6a3ccdd");
    json_decref(a);
    a = pg_uuid_array("{0de91650-d59c-42b4-b4b7-c327b6a3ccdd,63817add-6ccc-4ec0-81e2-88d41ddc47bc}");
    ck_assert_int_eq(json_array_size(a), 2);
    ck_assert_str_eq(json_string_value(json_array_get(a, 1)), "63817add-6ccc-4ec0-81e2-88d41ddc47bc");
    json_decref(a);
}
END_TEST

START_TEST(malformed_arrays_refused)
{
    const char *bad[] = {NULL,
                         "",
                         "{",
                         "}",
                         "{,}",
                         "[]",
                         "{}x",
                         "{0de91650-d59c-42b4-b4b7-c327b6a3ccdd",
                         "{0de91650-d59c-42b4-b4b7-c327b6a3ccdd,}",
                         "{0de91650-d59c-42b4-b4b7-c327b6a3ccdd}x",
                         "{0de91650d59c-42b4-b4b7-c327b6a3ccdd0}",
                         "{\"0de91650-d59c-42b4-b4b7-c327b6a3ccdd\"}",
                         "{NULL}",
                         "{0de91650-d59c-42b4-b4b7-c327b6a3ccdz}"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(pg_uuid_array(bad[i]) == NULL, "accepted %s", bad[i] ? bad[i] : "NULL");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pgtext");
    TCase *tc = tcase_create("pgtext");
    tcase_add_test(tc, timestamps_to_iso);
    tcase_add_test(tc, other_timestamps_refused);
    tcase_add_test(tc, uuid_arrays);
    tcase_add_test(tc, malformed_arrays_refused);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
