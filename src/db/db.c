/* db.c: one connection per worker, prepared after fork, re-established and re-prepared when it breaks. */
#include "db/db.h"
#include "core/arena_json.h"
#include "core/log.h"
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

static const struct {
    const char *name, *sql;
    int nparams;
    bool custom_plan; /* STMT_CUSTOM_PLAN: planned for its parameters at each execution */
} stmts[STMT__COUNT] = {
#define STMT(n, np, s) [STMT_##n] = {#n, s, np, false},
#define STMT_CUSTOM_PLAN(n, np, s) [STMT_##n] = {#n, s, np, true},
#include "db/statements.def"
#undef STMT_CUSTOM_PLAN
#undef STMT
};

static PGconn *conn;
static char conninfo[2 * CFG_STR_MAX];

/* Names of the composed statements (db_exec_composed) prepared on the current connection. */
#define MAX_COMPOSED 256
static char composed[MAX_COMPOSED][DB_COMPOSED_NAME_MAX];
static int ncomposed;
static struct timespec last_attempt;

/* The directory stamp (db_directory_stamp): in memory shared by this host's workers once the master called
 * db_share_directory_stamp, so a change one worker made or heard of drops every worker's caches before its
 * reply leaves. listening: LISTEN casedesk_directory is in effect on conn. */
static atomic_ulong own_stamp = 1;
static atomic_ulong *stamp = &own_stamp;
static bool caching, listening;
/* heard: a notification on another channel than the directory's arrived since db_wait_notify last returned.
 * session: counts the connections made (db_session). */
static bool heard;
static unsigned long session;

static void directory_changed(void) { atomic_fetch_add(stamp, 1); }

/* Counts the notifications libpq has already read (PostgreSQL sends a session its own before the
 * command's completion, so a worker's own change is counted before it answers). */
static void drain_notifies(void)
{
    bool any = false;
    PGnotify *n;
    while (conn && (n = PQnotifies(conn)) != NULL) {
        if (strcmp(n->relname, "casedesk_directory") == 0)
            any = true;
        else
            heard = true;
        PQfreemem(n);
    }
    if (any)
        directory_changed();
}

/* Subscribes a new connection to the directory's notifications; what changed while there was none is
 * unknown, so the stamp moves too. */
static void listen_directory(void)
{
    listening = false;
    if (!caching)
        return;
    PGresult *r = PQexec(conn, "LISTEN casedesk_directory");
    if (PQresultStatus(r) == PGRES_COMMAND_OK)
        listening = true;
    else
        log_warn("LISTEN casedesk_directory failed, caching nothing: %s", PQerrorMessage(conn));
    PQclear(r);
    directory_changed();
}

static void notice_quiet(void *arg, const char *msg)
{
    (void)arg;
    (void)msg;
}

static int connect_now(void)
{
    clock_gettime(CLOCK_MONOTONIC, &last_attempt);
    if (conn)
        PQfinish(conn);
    conn = PQconnectdb(conninfo);
    ncomposed = 0;
    if (PQstatus(conn) != CONNECTION_OK) {
        /* While the database is down every request retries; say so once every 10 s, not each time. */
        static long long last_warned;
        long long now_s = last_attempt.tv_sec;
        if (now_s - last_warned >= 10) {
            log_warn("database unreachable: %s", PQerrorMessage(conn));
            last_warned = now_s;
        }
        PQfinish(conn);
        conn = NULL;
        return -1;
    }
    PQsetNoticeProcessor(conn, notice_quiet, NULL);
    for (int i = 0; i < STMT__COUNT; i++) {
        PGresult *r = PQprepare(conn, stmts[i].name, stmts[i].sql, stmts[i].nparams, NULL);
        if (PQresultStatus(r) != PGRES_COMMAND_OK) {
            log_error("cannot prepare statement %s: %s", stmts[i].name, PQerrorMessage(conn));
            PQclear(r);
            PQfinish(conn);
            conn = NULL;
            return -1;
        }
        PQclear(r);
    }
    session++;
    listen_directory();
    return 0;
}

void db_share_directory_stamp(void)
{
    void *p = mmap(NULL, sizeof *stamp, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        log_warn("no shared memory for the directory stamp; each worker hears of changes on its own");
        return;
    }
    stamp = p;
    atomic_init(stamp, 1);
}

void db_directory_poll(void)
{
    if (listening && conn && PQstatus(conn) == CONNECTION_OK && PQconsumeInput(conn))
        drain_notifies();
}

unsigned long db_directory_stamp(void)
{
    if (!listening || !conn || PQstatus(conn) != CONNECTION_OK)
        return 0;
    return atomic_load(stamp);
}

static long long monotonic_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec;
}

dir_mark db_directory_mark(unsigned long stamp, long ttl)
{
    return (dir_mark){ttl > 0 ? stamp : 0, monotonic_s() + ttl};
}

bool db_directory_fresh(dir_mark m, unsigned long stamp)
{
    return m.stamp && m.stamp == stamp && monotonic_s() < m.until_s;
}

int db_open(const config *cfg)
{
    /* plan_cache_mode force_generic_plan: every statement is planned once per connection. Statements are
     * written so that one plan fits every value (no optional filters; the list is composed per shape), and
     * those whose best plan depends on the values are STMT_CUSTOM_PLAN. Under auto, PostgreSQL kept planning
     * the list at every call: its generic cost assumes LIMIT $n returns a tenth of the rows. jit off: those
     * generic costs (a USER's list is estimated at every case of the organization) passed jit_above_cost, so
     * every call compiled a statement that runs faster than the compilation. No parallel workers: for the
     * same reason an assignee's short page started two of them to read a few index entries. TimeZone UTC:
     * timestamps are read as text ("2023-01-15 10:30:00+00") and shown in UTC. */
    snprintf(conninfo, sizeof conninfo,
             "%s options='-c statement_timeout=%ld -c TimeZone=UTC -c plan_cache_mode=force_generic_plan -c jit=off "
             "-c max_parallel_workers_per_gather=0' application_name=casedesk",
             cfg->database, cfg->db_statement_timeout_ms);
    caching = cfg->cache_seconds > 0;
    return connect_now();
}

void db_close(void)
{
    if (conn)
        PQfinish(conn);
    conn = NULL;
    listening = false;
}

unsigned long db_session(void) { return conn && PQstatus(conn) == CONNECTION_OK ? session : 0; }

bool db_wait_notify(long timeout_ms)
{
    if (!heard && conn && PQstatus(conn) == CONNECTION_OK) {
        struct pollfd p = {.fd = PQsocket(conn), .events = POLLIN};
        if (poll(&p, 1, (int)timeout_ms) > 0 && PQconsumeInput(conn))
            drain_notifies();
    }
    bool was = heard;
    heard = false;
    return was;
}

bool db_ready(void)
{
    if (conn && PQstatus(conn) == CONNECTION_OK)
        return true;
    /* While the database is down, try at most every 100 ms so a burst of requests does not storm it. */
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long ms = (now.tv_sec - last_attempt.tv_sec) * 1000 + (now.tv_nsec - last_attempt.tv_nsec) / 1000000;
    if (!conn && ms < 100)
        return false;
    return connect_now() == 0;
}

cd_err db_error(PGconn *c, const PGresult *res, const char *what)
{
    if (!c || PQstatus(c) != CONNECTION_OK)
        return CD_EUNAVAIL;
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    if (!state)
        return CD_EUNAVAIL;
    if (strcmp(state, "23505") == 0)
        return CD_ECONFLICT;
    if (strcmp(state, "23503") == 0 || strncmp(state, "22", 2) == 0 || strcmp(state, "23514") == 0)
        return CD_EBADREQ;
    if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0) {
        log_warn("%s: %s", what, PQresultErrorMessage(res));
        return CD_ERETRY;
    }
    if (strcmp(state, "57014") == 0 || strncmp(state, "57P", 3) == 0 || strncmp(state, "08", 2) == 0 ||
        strncmp(state, "53", 2) == 0 || strcmp(state, "55P03") == 0) {
        log_warn("%s: %s", what, PQresultErrorMessage(res));
        return CD_EUNAVAIL;
    }
    log_error("%s failed: SQLSTATE %s: %s", what, state, PQresultErrorMessage(res));
    return CD_EINTERNAL;
}

static void clear_result(void *p) { PQclear(p); }

/* A statement to run: a prepared one of statements.def or a composed one (sql set, prepared on first use). */
typedef struct stmt_ref {
    const char *name, *sql;
    int nparams;
    const Oid *types;
    bool custom_plan;
} stmt_ref;

/* Runs prepared statement ref with plan_cache_mode force_custom_plan set around it, in one round trip
 * (pipeline mode). Returns its result like PQexecPrepared (NULL or an error result on failure); a failure
 * aborts the (implicit or open) transaction, which undoes the SET. */
static PGresult *exec_custom_plan(const stmt_ref *ref, const char *const *params, const int *lengths,
                                  const int *formats, int result_format)
{
    if (!PQenterPipelineMode(conn))
        return NULL;
    PGresult *res = NULL;
    if (PQsendQueryPrepared(conn, stmts[STMT_PLAN_CUSTOM].name, 0, NULL, NULL, NULL, 0) &&
        PQsendQueryPrepared(conn, ref->name, ref->nparams, params, lengths, formats, result_format) &&
        PQsendQueryPrepared(conn, stmts[STMT_PLAN_GENERIC].name, 0, NULL, NULL, NULL, 0) && PQpipelineSync(conn)) {
        /* Three queries, each answered by one result and a NULL, then the sync. */
        for (int q = 0; q < 3; q++) {
            PGresult *r;
            while ((r = PQgetResult(conn)) != NULL) {
                if (q == 1 && !res)
                    res = r;
                else
                    PQclear(r);
            }
            if (PQstatus(conn) == CONNECTION_BAD)
                break;
        }
        PGresult *sync = PQgetResult(conn);
        PQclear(sync);
    }
    PQexitPipelineMode(conn);
    return res;
}

/* Prepares composed statement ref on the connection unless it already is: its name, or "" (the unnamed
 * statement, parsed again at each use) once MAX_COMPOSED shapes are prepared. NULL on failure, with the
 * failed result in *fail (or NULL). */
static const char *prepare_composed(const stmt_ref *ref, PGresult **fail)
{
    *fail = NULL;
    for (int i = 0; i < ncomposed; i++)
        if (strcmp(composed[i], ref->name) == 0)
            return ref->name;
    const char *name = ncomposed < MAX_COMPOSED ? ref->name : "";
    PGresult *r = PQprepare(conn, name, ref->sql, ref->nparams, ref->types);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        *fail = r;
        return NULL;
    }
    PQclear(r);
    if (*name)
        snprintf(composed[ncomposed++], DB_COMPOSED_NAME_MAX, "%s", name);
    return name;
}

static cd_err simple(const char *sql)
{
    if (!db_ready())
        return CD_EUNAVAIL;
    PGresult *r = PQexec(conn, sql);
    drain_notifies();
    cd_err e = PQresultStatus(r) == PGRES_COMMAND_OK ? CD_OK : db_error(conn, r, sql);
    PQclear(r);
    return e;
}

/* The transaction the next statement must run in: none, one to open first (db_begin_deferred), or one
 * open since that statement. */
static enum { TX_NONE, TX_DEFERRED, TX_OPEN } tx_state;
static bool tx_read_only; /* the deferred transaction is to be read-only */

/* Before a statement: opens the deferred transaction. CD_EUNAVAIL when the open one was lost with its
 * connection (its earlier work is gone: the whole must fail). */
static cd_err tx_prepare(void)
{
    if (tx_state == TX_OPEN && !db_in_transaction())
        return CD_EUNAVAIL;
    if (tx_state != TX_DEFERRED)
        return CD_OK;
    cd_err e = simple(tx_read_only ? "BEGIN READ ONLY" : "BEGIN");
    if (e == CD_OK)
        tx_state = TX_OPEN;
    return e;
}

static PGresult *run(arena *a, const stmt_ref *ref, const char *const *params, const int *lengths, const int *formats,
                     int result_format, cd_err *err)
{
    for (int attempt = 0; attempt < 2; attempt++) {
        if (!db_ready()) {
            *err = CD_EUNAVAIL;
            return NULL;
        }
        if ((*err = tx_prepare()) != CD_OK)
            return NULL;
        bool in_tx = db_in_transaction();
        stmt_ref now = *ref;
        PGresult *r = NULL;
        if (ref->sql)
            now.name = prepare_composed(ref, &r);
        if (now.name)
            r = now.custom_plan
                    ? exec_custom_plan(&now, params, lengths, formats, result_format)
                    : PQexecPrepared(conn, now.name, now.nparams, params, lengths, formats, result_format);
        drain_notifies();
        ExecStatusType st = PQresultStatus(r);
        if (r && (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)) {
            /* The result counts toward the request's memory cap like what it allocates itself. */
            if (arena_defer(a, clear_result, r) < 0 || !arena_charge(a, PQresultMemorySize(r))) {
                *err = CD_ENOMEM;
                return NULL;
            }
            *err = CD_OK;
            return r;
        }
        *err = db_error(conn, r, ref->name);
        PQclear(r);
        if (PQstatus(conn) == CONNECTION_BAD) {
            /* The server went away (restart, failover): retry once on a new connection unless a
             * transaction was open, whose earlier work is lost and must fail as a whole. */
            PQfinish(conn);
            conn = NULL;
            last_attempt = (struct timespec){0, 0};
            if (in_tx)
                return NULL;
            continue;
        }
        return NULL;
    }
    return NULL;
}

PGresult *db_exec_bin(arena *a, stmt_id id, const char *const *params, const int *lengths, const int *formats,
                      int result_format, cd_err *err)
{
    stmt_ref ref = {stmts[id].name, NULL, stmts[id].nparams, NULL, stmts[id].custom_plan};
    return run(a, &ref, params, lengths, formats, result_format, err);
}

PGresult *db_exec_composed(arena *a, const char *name, const char *sql, int nparams, const Oid *types,
                           bool custom_plan, const char *const *params, cd_err *err)
{
    stmt_ref ref = {name, sql, nparams, types, custom_plan};
    return run(a, &ref, params, NULL, NULL, 0, err);
}

PGresult *db_exec(arena *a, stmt_id id, const char *const *params, cd_err *err)
{
    return db_exec_bin(a, id, params, NULL, NULL, 0, err);
}

void db_begin_deferred(bool read_only)
{
    tx_state = TX_DEFERRED;
    tx_read_only = read_only;
}

cd_err db_begin(void)
{
    cd_err e = simple("BEGIN");
    tx_state = e == CD_OK ? TX_OPEN : TX_NONE;
    return e;
}

cd_err db_commit(void)
{
    bool opened = tx_state != TX_DEFERRED;
    tx_state = TX_NONE;
    if (!opened)
        return CD_OK;
    cd_err e = simple("COMMIT");
    if (e != CD_OK && db_in_transaction())
        db_rollback();
    return e;
}

void db_rollback(void)
{
    tx_state = TX_NONE;
    if (conn && PQstatus(conn) == CONNECTION_OK && PQtransactionStatus(conn) != PQTRANS_IDLE) {
        PGresult *r = PQexec(conn, "ROLLBACK");
        PQclear(r);
    }
}

bool db_in_transaction(void)
{
    if (!conn)
        return false;
    PGTransactionStatusType t = PQtransactionStatus(conn);
    return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

json_t *db_json(arena *a, stmt_id id, const char *const *params, cd_err *err)
{
    PGresult *r = db_exec(a, id, params, err);
    json_t *j = r ? db_json_value(r, 0, id, err) : NULL;
    if (j && !(j = arena_json(a, j)))
        *err = CD_ENOMEM;
    return j;
}

json_t *db_json_value(const PGresult *r, int col, stmt_id id, cd_err *err)
{
    const char *text = db_value(r, col);
    if (!text) {
        *err = CD_ENOTFOUND;
        return NULL;
    }
    json_error_t jerr;
    json_t *j = json_loads(text, JSON_DECODE_ANY, &jerr);
    if (!j) {
        log_error("%s returned invalid JSON: %s", stmts[id].name, jerr.text);
        *err = CD_EINTERNAL;
    }
    return j;
}

const char *db_value(const PGresult *r, int col)
{
    if (!r || PQntuples(r) < 1 || col >= PQnfields(r) || PQgetisnull(r, 0, col))
        return NULL;
    return PQgetvalue(r, 0, col);
}
