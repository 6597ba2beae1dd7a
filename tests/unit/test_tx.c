/* test_tx.c: the transaction runner's reruns (tx_run) and the router's reset of the response between runs. */
#include <time.h>
#include "db/tx.h"
#include "router.h"
#include "testutil.h"

/* A unit of work that fails with `fail_with` for its first `failures` runs, then succeeds. */
typedef struct fake {
    int failures, runs, resets;
    cd_err fail_with;
    bool stands;
} fake;

static cd_err fake_run(void *arg)
{
    fake *f = arg;
    return f->runs++ < f->failures ? f->fail_with : CD_OK;
}

static void fake_reset(void *arg) { ((fake *)arg)->resets++; }

static bool fake_stands(void *arg) { return ((fake *)arg)->stands; }

static cd_err run_fake(fake *f, bool transaction)
{
    return tx_run(&(tx_work){fake_run, fake_reset, fake_stands, f, transaction, false});
}

START_TEST(reruns_until_success)
{
    fake f = {.failures = 2, .fail_with = CD_ERETRY};
    ck_assert_int_eq(run_fake(&f, true), CD_OK);
    ck_assert_int_eq(f.runs, 3);
    ck_assert_int_eq(f.resets, 2);
}
END_TEST

START_TEST(gives_up_after_the_last_rerun)
{
    fake f = {.failures = 100, .fail_with = CD_ERETRY};
    ck_assert_int_eq(run_fake(&f, true), CD_ERETRY);
    ck_assert_int_eq(f.runs, 1 + TX_RERUNS);
    ck_assert_int_eq(f.resets, TX_RERUNS);
}
END_TEST

START_TEST(succeeds_on_the_last_rerun)
{
    fake f = {.failures = TX_RERUNS, .fail_with = CD_ERETRY};
    ck_assert_int_eq(run_fake(&f, true), CD_OK);
    ck_assert_int_eq(f.runs, 1 + TX_RERUNS);
}
END_TEST

START_TEST(other_errors_are_not_rerun)
{
    fake f = {.failures = 1, .fail_with = CD_ECONFLICT};
    ck_assert_int_eq(run_fake(&f, true), CD_ECONFLICT);
    ck_assert_int_eq(f.runs, 1);
    ck_assert_int_eq(f.resets, 0);
    fake g = {.failures = 1, .fail_with = CD_EUNAUTH, .stands = true};
    ck_assert_int_eq(run_fake(&g, true), CD_EUNAUTH);
    ck_assert_int_eq(g.runs, 1);
}
END_TEST

START_TEST(reruns_without_a_transaction_too)
{
    fake f = {.failures = 1, .fail_with = CD_ERETRY};
    ck_assert_int_eq(run_fake(&f, false), CD_OK);
    ck_assert_int_eq(f.runs, 2);
}
END_TEST

START_TEST(pauses_a_few_milliseconds)
{
    struct timespec t0, t1;
    fake f = {.failures = 100, .fail_with = CD_ERETRY};
    clock_gettime(CLOCK_MONOTONIC, &t0);
    run_fake(&f, true);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
    ck_assert_msg(ms >= 12 && ms < 500, "three pauses took %.1f ms", ms);
}
END_TEST

/* A handler that answers differently each run and fails with CD_ERETRY on its first two. */
static int handler_runs;

static cd_err flaky_handler(request *req, response *resp)
{
    int run = handler_runs++;
    char name[16], body[16];
    snprintf(name, sizeof name, "X-Run-%d", run);
    snprintf(body, sizeof body, "run %d", run);
    resp_header(resp, name, "1");
    resp_body(resp, run < 2 ? 500 : 200, "text/plain", body, strlen(body));
    req->error_detail = run < 2 ? "failed" : NULL;
    req->writes_stand = run < 2;
    return run < 2 ? CD_ERETRY : CD_OK;
}

START_TEST(router_resets_the_response_between_runs)
{
    arena *a = test_arena();
    request req = {.a = a, .method = M_POST};
    response resp;
    resp_init(&resp, a);
    resp_set_header(&resp, "Cache-Control", "no-store");
    route rt = {M_POST, "/x", flaky_handler, GATE_PUBLIC, REP_JSON, TX_WRITE};
    handler_runs = 0;
    ck_assert_int_eq(router_run(&rt, &req, &resp), CD_OK);
    ck_assert_int_eq(handler_runs, 3);
    ck_assert_int_eq(resp.status, 200);
    ck_assert_uint_eq(resp.headers.n, 3); /* Cache-Control, X-Run-2, Content-Type */
    ck_assert_str_eq(resp_get_header(&resp, "Cache-Control"), "no-store");
    ck_assert_ptr_null(resp_get_header(&resp, "X-Run-0"));
    ck_assert_ptr_null(resp_get_header(&resp, "X-Run-1"));
    ck_assert_ptr_nonnull(resp_get_header(&resp, "X-Run-2"));
    ck_assert_uint_eq(resp.body.len, 5);
    ck_assert_int_eq(memcmp(resp.body.data, "run 2", 5), 0);
    ck_assert_ptr_null(req.error_detail);
    ck_assert(!req.writes_stand);
    arena_free(a);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tx");
    TCase *tc = tcase_create("reruns");
    tcase_add_test(tc, reruns_until_success);
    tcase_add_test(tc, gives_up_after_the_last_rerun);
    tcase_add_test(tc, succeeds_on_the_last_rerun);
    tcase_add_test(tc, other_errors_are_not_rerun);
    tcase_add_test(tc, reruns_without_a_transaction_too);
    tcase_add_test(tc, pauses_a_few_milliseconds);
    tcase_add_test(tc, router_resets_the_response_between_runs);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
