/* orgs.c (repo): organizations and their first ADMIN. */
#include "repo/orgs.h"
#include "db/db.h"
#include "repo/members.h"
#include <string.h>

const field_spec org_field_specs[] = {
    {.name = "name", .type = F_STRING, .required = true, .min = 1, .max = 255},
};
const size_t org_field_count = sizeof org_field_specs / sizeof org_field_specs[0];

cd_err org_insert(arena *a, const char *name, const char **id)
{
    const char *n[1] = {name};
    cd_err e;
    PGresult *r = db_exec(a, STMT_ORG_INSERT, n, &e);
    if (!r)
        return e;
    *id = db_value(r, 0);
    return *id ? CD_OK : CD_EINTERNAL;
}

json_t *org_create(const actor *act, const char *name, cd_err *e)
{
    actor in_org = *act;
    if ((*e = org_insert(act->a, name, &in_org.org_id)) != CD_OK ||
        (*e = member_set(&in_org, act->user_id, "ADMIN")) != CD_OK)
        return NULL;
    const char *g[2] = {in_org.org_id, act->user_id};
    return db_json(act->a, STMT_ORG_JSON, g, e);
}

cd_err org_row_delete(const actor *act, stmt_id lock, stmt_id unlink, stmt_id del, const char *id)
{
    cd_err e;
    const char *p[3] = {act->org_id, id, act->user_id};
    PGresult *r = db_exec(act->a, lock, p, &e);
    if (!r)
        return e;
    if (PQntuples(r) == 0)
        return CD_ENOTFOUND;
    if (!db_exec(act->a, unlink, p, &e) || !(r = db_exec(act->a, del, p, &e)))
        return e;
    return PQntuples(r) == 0 ? CD_ENOTFOUND : CD_OK;
}

const char *const org_search_languages[] = {"simple",  "english",    "german", "french", "spanish",
                                            "italian", "portuguese", "dutch",  NULL};

cd_err org_set_search_language(arena *a, const char *id, const char *language)
{
    bool known = false;
    for (const char *const *l = org_search_languages; *l && !known; l++)
        known = strcmp(*l, language) == 0;
    if (!known)
        return CD_EINVALID;
    const char *p[2] = {id, language};
    cd_err e;
    PGresult *r = db_exec(a, STMT_ORG_SET_SEARCH_LANGUAGE, p, &e);
    return !r ? e : PQntuples(r) == 1 ? CD_OK : CD_ENOTFOUND;
}
