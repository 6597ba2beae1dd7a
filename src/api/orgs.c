/* orgs.c (api): POST /api/org/: any signed-in user creates an organization and becomes its ADMIN. */
#include "handlers.h"
#include "auth/auth.h"
#include "db/db.h"
#include "http/input.h"

cd_err api_org_create(request *req, response *resp)
{
    static const field_spec specs[] = {
        {.name = "name", .type = F_STRING, .required = true, .min = 1, .max = 255},
    };
    field_val v[1];
    cd_err e = input_check(req, specs, 1, v);
    if (e != CD_OK)
        return e;
    const char *n[1] = {v[0].s};
    PGresult *r = db_exec(req->a, STMT_ORG_INSERT, n, &e);
    if (!r)
        return e;
    const char *org = db_value(r, 0);
    const char *m[3] = {org, req->auth->user_id, "ADMIN"};
    if (!db_exec(req->a, STMT_MEMBERSHIP_UPSERT, m, &e))
        return e;
    const char *g[2] = {org, req->auth->user_id};
    json_t *out = db_json(req->a, STMT_ORG_JSON, g, &e);
    if (!out)
        return e;
    return resp_json_ref(resp, 201, out);
}
