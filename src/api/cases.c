/* cases.c (api): /api/cases/ list and create, /api/cases/{id}/ detail, update and delete. */
#include "handlers.h"
#include "http/paging.h"
#include "auth/auth.h"
#include "core/arena_json.h"
#include "api/resource.h"
#include "db/db.h"
#include "repo/case_json.h"
#include "repo/case_query.h"
#include "repo/cases.h"
#include "http/input.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

cd_err api_cases_list(request *req, response *resp)
{
    json_t *errors = input_errors(req);
    if (!errors)
        return CD_ENOMEM;
    actor act = auth_actor(req);
    paging pg;
    case_query q;
    paging_parse(req, &pg, errors);
    case_query_parse(&act, &req->query, &pg, &q, errors);
    cd_err e = input_verdict(errors);
    if (e != CD_OK)
        return e;
    long long count = 0;
    json_t *rows = case_query_run(&act, &q, &count, NULL, &e);
    if (!rows)
        return e;
    return resp_json(resp, 200, paging_envelope(req, &q.pg, count, json_incref(rows)));
}

static void set_etag(request *req, response *resp, long version)
{
    char *tag = arena_printf(req->a, "\"%ld\"", version);
    if (tag)
        resp_set_header(resp, "ETag", tag);
}

/* Answers with the case as the list shows it. */
static cd_err reply_case(request *req, response *resp, const char *id, long version, int status)
{
    const char *p[2] = {id, req->auth->org_id};
    cd_err e;
    PGresult *r = db_exec(req->a, STMT_CASE_JSON, p, &e);
    if (!r)
        return e;
    json_t *out = PQntuples(r) == 1 ? arena_json(req->a, case_json_row(r, 0, 0)) : NULL;
    if (!out)
        return PQntuples(r) == 1 ? CD_EINTERNAL : CD_ENOTFOUND;
    set_etag(req, resp, version);
    if (status == 201) {
        char *loc = arena_printf(req->a, "/api/cases/%s/", id);
        if (loc)
            resp_set_header(resp, "Location", loc);
    }
    return resp_json_ref(resp, status, out);
}

cd_err api_cases_create(request *req, response *resp)
{
    field_val v[CF__COUNT];
    json_t *errors = input_errors(req);
    actor act = auth_actor(req);
    input_fields in = input_of(req);
    cd_err e = errors ? case_validate(&act, &in, true, v, errors) : CD_ENOMEM;
    if (e != CD_OK)
        return e;
    char id[37];
    if ((e = case_create(&act, req->files, req->nfiles, v, id)) != CD_OK)
        return e;
    return reply_case(req, resp, id, 1, 201);
}

cd_err api_cases_get(request *req, response *resp)
{
    cd_err e;
    long version;
    actor act = auth_actor(req);
    json_t *out = case_detail(&act, req->params[0], &version, &e);
    if (!out)
        return e;
    set_etag(req, resp, version);
    return resp_json_ref(resp, 200, out);
}

cd_err api_cases_update(request *req, response *resp)
{
    field_val v[CF__COUNT];
    json_t *errors = input_errors(req);
    actor act = auth_actor(req);
    input_fields in = input_of(req);
    cd_err e = errors ? case_validate(&act, &in, false, v, errors) : CD_ENOMEM;
    case_lock lk;
    long version = 0;
    if (e == CD_OK)
        e = case_update(&act, req->params[0], request_header(req, "If-Match"), v, errors, &lk, &version);
    if (e == CD_EPRECOND)
        req->error_detail = "The case has changed since you read it; fetch it again.";
    if (e != CD_OK)
        return e;
    return reply_case(req, resp, lk.id, version, 200);
}

cd_err api_cases_delete(request *req, response *resp)
{
    actor act = auth_actor(req);
    cd_err e = case_delete(&act, req->params[0], &req->error_detail);
    if (e == CD_OK)
        resp->status = 204;
    return e;
}
