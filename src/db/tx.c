/* tx.c: the transaction runner: begin, commit or roll back, and rerun after serialization failures. */
#include "db/tx.h"
#include "db/db.h"
#include <time.h>

/* Sleeps a few milliseconds before rerun number `rerun` (1..): 2 ms per rerun plus up to 3 ms of jitter
 * taken from the clock, so that the transactions that collided do not collide again. */
static void pause_before(int rerun)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long us = 2000L * rerun + (long)((unsigned long)now.tv_nsec / 1000 % 3000);
    struct timespec d = {0, us * 1000};
    nanosleep(&d, NULL);
}

/* One run of w and the end of its transaction. */
static cd_err run_once(const tx_work *w)
{
    if (w->transaction)
        db_begin_deferred(w->read_only);
    cd_err e = w->run(w->arg);
    if (!w->transaction)
        return e;
    if (e == CD_OK || (e != CD_ERETRY && w->stands && w->stands(w->arg))) {
        cd_err c = db_commit();
        return c != CD_OK ? c : e;
    }
    db_rollback();
    return e;
}

cd_err tx_run(const tx_work *w)
{
    cd_err e = run_once(w);
    for (int rerun = 1; e == CD_ERETRY && rerun <= TX_RERUNS; rerun++) {
        pause_before(rerun);
        if (w->reset)
            w->reset(w->arg);
        e = run_once(w);
    }
    return e;
}
