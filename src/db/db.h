/* db.h: the worker's PostgreSQL connection, its prepared statements, transactions and error mapping. */
#ifndef CD_DB_H
#define CD_DB_H
#include <stdbool.h>
#include <jansson.h>
#include <libpq-fe.h>
#include "core/arena.h"
#include "core/config.h"
#include "core/err.h"

typedef enum stmt_id {
#define STMT(name, nparams, sql) STMT_##name,
#define STMT_CUSTOM_PLAN STMT
#include "db/statements.def"
#undef STMT_CUSTOM_PLAN
#undef STMT
    STMT__COUNT
} stmt_id;

/* Remembers the connection settings and tries to connect and prepare every statement. A failure is
 * logged and retried lazily by db_ready(); returns 0 when connected now, -1 otherwise. */
int db_open(const config *cfg);

/* Puts the directory stamp in memory shared with the processes forked after this call (the workers). */
void db_share_directory_stamp(void);

/* Reads, without waiting, the notifications of directory changes (NOTIFY casedesk_directory, sql/010) that
 * have arrived since the last statement: once per request, before its first cache lookup (gate_identify
 * does). Those that come with a statement's results are counted as the statement returns. */
void db_directory_poll(void);

/* The directory stamp: a number that changes whenever credentials, users, memberships, organization names
 * or accounts may have changed: PostgreSQL announced it (as counted by db_directory_poll and after each
 * statement), a worker of this host heard of it, or the connection was replaced. A cache entry filled under
 * stamp s is current while this returns s. 0 when nothing may be cached: caching is off (cache_seconds 0),
 * LISTEN failed, or the connection is down. No I/O. */
unsigned long db_directory_stamp(void);

/* When a cache entry filled from the directory stops being current: the stamp it was read under
 * (taken before the read) and the monotonic second it expires at. */
typedef struct dir_mark {
    unsigned long stamp; /* 0: never current */
    long long until_s;
} dir_mark;

/* The mark of an entry read under stamp and kept at most ttl seconds (never current when ttl <= 0). */
dir_mark db_directory_mark(unsigned long stamp, long ttl);

/* Whether an entry marked m is current now that db_directory_stamp() returned stamp. */
bool db_directory_fresh(dir_mark m, unsigned long stamp);

/* Closes the connection (safe to call when none is open). */
void db_close(void);

/* Which connection is open: a number that changes with each new connection, 0 while none is usable. What a
 * session holds (LISTEN, advisory locks) must be set up again when it changes. */
unsigned long db_session(void);

/* Waits up to timeout_ms (less when a signal interrupts) for a notification on a channel the connection
 * LISTENs to other than the directory's, unless one arrived since the last call. True when one did. */
bool db_wait_notify(long timeout_ms);

/* Ensures a usable, prepared connection, reconnecting when it was lost. False while unreachable. */
bool db_ready(void);

/* Runs prepared statement id with text parameters (NULL entries are SQL NULL). The result is freed
 * when arena a is reset. Returns NULL with *err set: CD_EUNAVAIL (unreachable, timed out, shut down),
 * CD_ECONFLICT (unique violation), CD_EBADREQ (invalid data / foreign key), CD_ERETRY (serialization failure or
 * deadlock, SQLSTATE 40001 / 40P01: the transaction may be run again), CD_EINTERNAL (a bug). */
PGresult *db_exec(arena *a, stmt_id id, const char *const *params, cd_err *err);

/* Like db_exec with explicit lengths and formats (1 = binary) per parameter, for bytea content, and
 * result_format 1 for binary results (bytea columns as raw bytes; select only text and bytea then). */
PGresult *db_exec_bin(arena *a, stmt_id id, const char *const *params, const int *lengths, const int *formats,
                      int result_format, cd_err *err);

/* The longest name of a composed statement, with its NUL. */
#define DB_COMPOSED_NAME_MAX 32

/* Runs statement sql (built from the fragments of statements.def, nparams parameters of the given type OIDs)
 * like db_exec. It is prepared under name (unique per distinct sql, shorter than DB_COMPOSED_NAME_MAX) the
 * first time the connection runs it and reused after; custom_plan as for STMT_CUSTOM_PLAN. */
PGresult *db_exec_composed(arena *a, const char *name, const char *sql, int nparams, const Oid *types,
                           bool custom_plan, const char *const *params, cd_err *err);

/* Runs id expecting at most one row whose first column is JSON text (built in SQL with
 * json_build_object / json_agg). Returns a value owned by arena a (released with it: never json_decref it); NULL with
 * *err = CD_ENOTFOUND when there is no row or the value is SQL NULL, or the db_exec error. */
json_t *db_json(arena *a, stmt_id id, const char *const *params, cd_err *err);

/* The JSON text of row 0, column col of r (a result of statement id, named in the log when the text is not
 * JSON) parsed: a new reference the caller owns; NULL with *err = CD_ENOTFOUND when there is no row or the
 * value is SQL NULL, CD_EINTERNAL when it is not JSON. */
json_t *db_json_value(const PGresult *r, int col, stmt_id id, cd_err *err);

/* Text of row 0, column col of r, or NULL when there is no such row or the value is SQL NULL. */
const char *db_value(const PGresult *r, int col);

/* Makes the next statement open a transaction first (BEGIN, or BEGIN READ ONLY when read_only), so that a
 * unit of work that sends no statement costs no round trip; db_commit / db_rollback end it. For db/tx.c. */
void db_begin_deferred(bool read_only);

/* BEGIN / COMMIT / ROLLBACK on the worker connection. COMMIT of a deferred transaction that never
 * opened is CD_OK without a round trip; a failed COMMIT rolls back. */
cd_err db_begin(void);
cd_err db_commit(void);
void db_rollback(void);

/* True while a transaction is open (or failed and not yet rolled back). */
bool db_in_transaction(void);

/* Maps a failed result (or NULL result) on conn to the error enum, logging unexpected errors. */
cd_err db_error(PGconn *conn, const PGresult *res, const char *what);

#endif
