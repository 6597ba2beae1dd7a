/* ratelimit.h: login throttling, counted in PostgreSQL so every worker and host agrees. */
#ifndef CD_RATELIMIT_H
#define CD_RATELIMIT_H
#include "core/err.h"
#include "http/request.h"

typedef struct login_counts {
    long email_failures;   /* failures for this email within the window */
    long addr_failures;    /* failures from this client address within the window */
    double since_last;     /* seconds since the last failure for this email */
    double email_reset_in; /* seconds until the oldest counted email failure leaves the window */
    double addr_reset_in;  /* the same for the address */
} login_counts;

/* Seconds the caller must wait before the next attempt (0: go ahead). Pure policy: after max/2 email
 * failures each attempt waits 2^(k) seconds (k = failures - max/2, at most 60 s) since the last one;
 * at max email failures, or 5*max address failures, attempts are refused until the window frees up. */
long ratelimit_wait(const login_counts *c, long max_failures);

/* The email is taken as sent, of any length: it counts as sign-in matches it (trimmed, lower-cased), under a
 * bounded key (login_email_key, sql/015), so that U@X.TEST and u@x.test share one budget. */

/* Reads the counts for email and the request's address. CD_OK with *retry_after = 0 to go ahead,
 * CD_ERATELIMIT with *retry_after > 0 to refuse, or a database error. */
cd_err ratelimit_check(request *req, const char *email, long *retry_after);

/* Records a failed attempt for email and the address. */
cd_err ratelimit_failed(request *req, const char *email);

/* Forgets the email's failures after a successful sign-in. */
cd_err ratelimit_succeeded(request *req, const char *email);

#endif
