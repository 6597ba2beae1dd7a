/* data_check.c (cli): prints the differences between the derived rows and the tables they come from. */
#include "cli/data_check.h"
#include "core/arena.h"
#include "db/db.h"

static const char *or_none(const PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? "none" : PQgetvalue(r, row, col);
}

int cli_check_data(const config *cfg, FILE *out)
{
    arena *a = arena_new(16 * 1024);
    if (!a || db_open(cfg) < 0) {
        fprintf(stderr, "casedesk: cannot reach the database (did `casedesk migrate` run?)\n");
        arena_free(a);
        return 1;
    }
    cd_err e;
    PGresult *r = db_exec(a, STMT_READ_MODEL_DRIFT, NULL, &e);
    int rc = r ? 0 : 1;
    if (!r)
        fprintf(stderr, "casedesk: the read model check failed: %s\n", cd_err_message(e));
    for (int i = 0; r && i < PQntuples(r); i++) {
        fprintf(out, "%s %s: expected %s, found %s\n", PQgetvalue(r, i, 0), PQgetvalue(r, i, 1), or_none(r, i, 2),
                or_none(r, i, 3));
        rc = 1;
    }
    db_close();
    arena_free(a);
    return rc;
}
