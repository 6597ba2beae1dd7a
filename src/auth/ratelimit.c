/* ratelimit.c: slows, then refuses, repeated failed sign-ins per email and per client address. */
#include "auth/ratelimit.h"
#include "db/db.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define ADDR_FACTOR 5
#define MAX_DELAY 60.0

static long ceil_secs(double s) { return s <= 0 ? 0 : (long)ceil(s); }

long ratelimit_wait(const login_counts *c, long max_failures)
{
    if (c->addr_failures >= ADDR_FACTOR * max_failures)
        return ceil_secs(c->addr_reset_in) > 0 ? ceil_secs(c->addr_reset_in) : 1;
    if (c->email_failures >= max_failures)
        return ceil_secs(c->email_reset_in) > 0 ? ceil_secs(c->email_reset_in) : 1;
    long free_tries = max_failures / 2;
    if (c->email_failures >= free_tries) {
        double delay = ldexp(1.0, (int)(c->email_failures - free_tries));
        if (delay > MAX_DELAY)
            delay = MAX_DELAY;
        return ceil_secs(delay - c->since_last);
    }
    return 0;
}

/* The address key; the email's key is derived by PostgreSQL (login_email_key, sql/015). */
static char *addr_key(request *req) { return arena_printf(req->a, "addr:%s", req->remote_addr); }

cd_err ratelimit_check(request *req, const char *email, long *retry_after)
{
    char *ak = addr_key(req), win[32];
    if (!ak)
        return CD_ENOMEM;
    snprintf(win, sizeof win, "%ld", req->cfg->login_window_seconds);
    const char *p[3] = {email, ak, win};
    cd_err e;
    PGresult *r = db_exec(req->a, STMT_LOGIN_FAILURES, p, &e);
    if (!r)
        return e;
    login_counts c = {
        .email_failures = atol(db_value(r, 0) ? db_value(r, 0) : "0"),
        .addr_failures = atol(db_value(r, 1) ? db_value(r, 1) : "0"),
        .since_last = atof(db_value(r, 2) ? db_value(r, 2) : "1e9"),
        .email_reset_in = atof(db_value(r, 3) ? db_value(r, 3) : "0"),
        .addr_reset_in = atof(db_value(r, 4) ? db_value(r, 4) : "0"),
    };
    *retry_after = ratelimit_wait(&c, req->cfg->login_max_failures);
    return *retry_after > 0 ? CD_ERATELIMIT : CD_OK;
}

cd_err ratelimit_failed(request *req, const char *email)
{
    char *ak = addr_key(req);
    if (!ak)
        return CD_ENOMEM;
    const char *p[2] = {email, ak};
    cd_err e;
    if (!db_exec(req->a, STMT_LOGIN_FAILURE_ADD, p, &e))
        return e;
    db_exec(req->a, STMT_LOGIN_FAILURES_PRUNE, NULL, &e);
    return CD_OK;
}

cd_err ratelimit_succeeded(request *req, const char *email)
{
    const char *p[1] = {email};
    cd_err e;
    return db_exec(req->a, STMT_LOGIN_FAILURES_CLEAR, p, &e) ? CD_OK : e;
}
