/* resource.c: shared steps of the organization-scoped JSON resources, so each handler states only its own rules. */
#include "api/resource.h"
#include "http/paging.h"
#include "auth/actor.h"
#include "auth/auth.h"
#include <assert.h>
#include <stdlib.h>
#include <string.h>

cd_err res_list(request *req, response *resp, stmt_id count, stmt_id page, const char *const *filters, size_t nf)
{
    return res_list_of(req, resp, req->auth->org_id, count, page, filters, nf);
}

cd_err res_list_of(request *req, response *resp, const char *owner, stmt_id count, stmt_id page,
                   const char *const *filters, size_t nf)
{
    assert(nf <= RES_MAX_FILTERS);
    paging pg;
    json_t *errors = input_errors(req);
    if (!errors)
        return CD_ENOMEM;
    paging_parse(req, &pg, errors);
    cd_err e = input_verdict(errors);
    if (e != CD_OK)
        return e;
    const char *p[RES_MAX_FILTERS + 3] = {owner};
    for (size_t i = 0; i < nf; i++)
        p[1 + i] = filters[i];
    p[1 + nf] = pg.limit_s;
    p[2 + nf] = pg.offset_s;
    PGresult *r = db_exec(req->a, count, p, &e);
    if (!r)
        return e;
    long long n = atoll(db_value(r, 0) ? db_value(r, 0) : "0");
    json_t *rows = db_json(req->a, page, p, &e);
    if (!rows)
        return e;
    return resp_json(resp, 200, paging_envelope(req, &pg, n, json_incref(rows)));
}

cd_err res_reply_row(request *req, response *resp, stmt_id get, const char *id, int status)
{
    cd_err e;
    const char *p[2] = {req->auth->org_id, id};
    json_t *out = db_json(req->a, get, p, &e);
    if (!out)
        return e;
    if (status == 201) {
        char *loc = arena_printf(req->a, "%s%s/", req->path, id);
        if (loc)
            resp_set_header(resp, "Location", loc);
    }
    return resp_json_ref(resp, status, out);
}

cd_err res_write(request *req, response *resp, res_save_fn save, stmt_id get, const char *id)
{
    json_t *errors = input_errors(req);
    const char *saved = NULL;
    actor act = auth_actor(req);
    input_fields in = input_of(req);
    cd_err e = errors ? save(&act, &in, id, errors, &saved) : CD_ENOMEM;
    if (e != CD_OK)
        return e;
    return res_reply_row(req, resp, get, saved, id ? 200 : 201);
}

cd_err res_delete(request *req, response *resp, res_delete_fn del)
{
    actor act = auth_actor(req);
    cd_err e = del(&act, req->params[0]);
    if (e == CD_OK)
        resp->status = 204;
    return e;
}
