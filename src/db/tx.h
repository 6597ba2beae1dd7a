/* tx.h: running a unit of work as one transaction, rerun when PostgreSQL asks for it (SQLSTATE 40001, 40P01). */
#ifndef CD_TX_H
#define CD_TX_H
#include <stdbool.h>
#include "core/err.h"

/* How many times a unit of work is run again after a serialization failure or deadlock. */
#define TX_RERUNS 3

/* A unit of work: the router's run of a handler, a command of the CLI. */
typedef struct tx_work {
    cd_err (*run)(void *arg);  /* the work; CD_ERETRY (db_exec) when it may succeed if run again */
    void (*reset)(void *arg);  /* before a rerun: undoes what the failed run left outside the database; may be NULL */
    bool (*stands)(void *arg); /* after a failed run: whether its writes stand all the same; may be NULL (never) */
    void *arg;
    bool transaction; /* true: one transaction around run; false: each statement commits by itself */
    bool read_only;   /* with transaction: a read-only one (BEGIN READ ONLY) */
} tx_work;

/* Runs w: with w->transaction, a transaction is begun before run (opened by its first statement, so a run
 * that sends none costs no round trip), committed when run returns CD_OK (or fails with writes that stand)
 * and rolled back otherwise. A run (or commit) that fails with CD_ERETRY is run again, up to TX_RERUNS
 * times, each after a short random pause (a few milliseconds, growing) and w->reset. Returns run's result,
 * or the commit's error; CD_ERETRY when every run failed so. */
cd_err tx_run(const tx_work *w);

#endif
