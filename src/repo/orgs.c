/* orgs.c (repo): organizations and their first ADMIN. */
#include "repo/orgs.h"
#include "db/db.h"

json_t *org_create(const actor *act, const char *name, cd_err *e)
{
    const char *n[1] = {name};
    PGresult *r = db_exec(act->a, STMT_ORG_INSERT, n, e);
    if (!r)
        return NULL;
    const char *org = db_value(r, 0);
    const char *m[3] = {org, act->user_id, "ADMIN"};
    if (!db_exec(act->a, STMT_MEMBERSHIP_UPSERT, m, e))
        return NULL;
    const char *g[2] = {org, act->user_id};
    return db_json(act->a, STMT_ORG_JSON, g, e);
}

cd_err org_row_delete(const actor *act, stmt_id del, const char *id)
{
    cd_err e;
    const char *p[2] = {act->org_id, id};
    PGresult *r = db_exec(act->a, del, p, &e);
    if (!r)
        return e;
    return PQntuples(r) == 0 ? CD_ENOTFOUND : CD_OK;
}
