/* test_ratelimit.c: the pure login-throttling policy ratelimit_wait (free tries, exponential delay since the
 * last failure capped at 60 s, refusal per email and per address until the window frees up). The
 * database-backed ratelimit_check/failed/succeeded are covered by the HTTP tests, not here. */
#include <stdio.h>
#include "auth/ratelimit.h"
#include "testutil.h"

/* Counts with email failures f, the last one since seconds ago, nothing else. */
static login_counts email(long f, double since)
{
    return (login_counts){.email_failures = f, .since_last = since, .email_reset_in = 900, .addr_reset_in = 900};
}

START_TEST(free_tries)
{
    for (long f = 0; f < 5; f++) {
        login_counts c = email(f, 0);
        ck_assert_msg(ratelimit_wait(&c, 10) == 0, "waited after %ld failures", f);
    }
    login_counts c = email(1, 0);
    ck_assert_int_eq(ratelimit_wait(&c, 4), 0); /* below 4/2 */
    c = email(1, 0);
    ck_assert_int_eq(ratelimit_wait(&c, 5), 0);
}
END_TEST

START_TEST(exponential_delay)
{
    /* max 10: from 5 failures on, 2^(failures - 5) seconds after the last one. */
    static const long expect[] = {1, 2, 4, 8, 16}; /* failures 5..9 */
    for (long f = 5; f < 10; f++) {
        login_counts c = email(f, 0);
        ck_assert_msg(ratelimit_wait(&c, 10) == expect[f - 5], "failures %ld: waited %ld", f, ratelimit_wait(&c, 10));
    }
    /* max 2: one failure (= max/2) already costs a second */
    login_counts c = email(1, 0);
    ck_assert_int_eq(ratelimit_wait(&c, 2), 1);
}
END_TEST

START_TEST(delay_counts_from_last_failure)
{
    login_counts c = email(8, 3); /* 8 s, 3 already passed */
    ck_assert_int_eq(ratelimit_wait(&c, 10), 5);
    c = email(8, 7.2); /* 0.8 s left: rounded up */
    ck_assert_int_eq(ratelimit_wait(&c, 10), 1);
    c = email(8, 8);
    ck_assert_int_eq(ratelimit_wait(&c, 10), 0);
    c = email(8, 1e9); /* long ago */
    ck_assert_int_eq(ratelimit_wait(&c, 10), 0);
    c = email(9, 15.5);
    ck_assert_int_eq(ratelimit_wait(&c, 10), 1);
}
END_TEST

START_TEST(delay_capped_at_60)
{
    /* max 20: 10 free; 16 failures would be 2^6 = 64 s */
    login_counts c = email(15, 0);
    ck_assert_int_eq(ratelimit_wait(&c, 20), 32);
    c = email(16, 0);
    ck_assert_int_eq(ratelimit_wait(&c, 20), 60);
    c = email(19, 0);
    ck_assert_int_eq(ratelimit_wait(&c, 20), 60);
    c = email(19, 50);
    ck_assert_int_eq(ratelimit_wait(&c, 20), 10);
    /* a large max does not overflow the exponent */
    c = email(999, 0);
    ck_assert_int_eq(ratelimit_wait(&c, 1000), 60);
}
END_TEST

START_TEST(refused_at_max_email_failures)
{
    login_counts c = email(10, 1e9);
    c.email_reset_in = 123.2;
    ck_assert_int_eq(ratelimit_wait(&c, 10), 124); /* until the oldest failure leaves the window */
    c.email_failures = 25;
    ck_assert_int_eq(ratelimit_wait(&c, 10), 124);
    c.email_reset_in = 0; /* the window is just freeing up: still at least 1 s */
    ck_assert_int_eq(ratelimit_wait(&c, 10), 1);
    c.email_reset_in = -3;
    ck_assert_int_eq(ratelimit_wait(&c, 10), 1);
    c.email_reset_in = 0.01;
    ck_assert_int_eq(ratelimit_wait(&c, 10), 1);
}
END_TEST

START_TEST(refused_at_5x_address_failures)
{
    login_counts c = {.addr_failures = 49, .addr_reset_in = 300, .since_last = 1e9};
    ck_assert_int_eq(ratelimit_wait(&c, 10), 0); /* other emails from the address are still free */
    c.addr_failures = 50;
    ck_assert_int_eq(ratelimit_wait(&c, 10), 300);
    c.addr_reset_in = 0;
    ck_assert_int_eq(ratelimit_wait(&c, 10), 1);
    /* the address refusal wins over an email delay, and uses the address window */
    c = (login_counts){.email_failures = 7, .addr_failures = 60, .addr_reset_in = 41.5, .email_reset_in = 900};
    ck_assert_int_eq(ratelimit_wait(&c, 10), 42);
}
END_TEST

static Suite *ratelimit_suite(void)
{
    Suite *s = suite_create("ratelimit");
    TCase *tc = tcase_create("policy");
    tcase_add_test(tc, free_tries);
    tcase_add_test(tc, exponential_delay);
    tcase_add_test(tc, delay_counts_from_last_failure);
    tcase_add_test(tc, delay_capped_at_60);
    tcase_add_test(tc, refused_at_max_email_failures);
    tcase_add_test(tc, refused_at_5x_address_failures);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_suite(ratelimit_suite()); }
