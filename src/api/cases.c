/* cases.c (api): /api/cases/ list and create, /api/cases/{id}/ detail, update and delete, and the pages of a
 * case's comments, history and attachments (/api/cases/{id}/comments/ and the like). */
#include "handlers.h"
#include "http/paging.h"
#include "auth/auth.h"
#include "core/arena_json.h"
#include "api/resource.h"
#include "db/db.h"
#include "repo/case_bulk.h"
#include "repo/case_json.h"
#include "repo/case_query.h"
#include "repo/cases.h"
#include "repo/views.h"
#include "http/input.h"
#include "http/url.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The list the request's query describes (a saved view's filters with ?view=, the query's own winning), for
 * act, in q: CD_OK, CD_EINVALID with errors naming each bad parameter, or an error. */
static cd_err list_query(request *req, const actor *act, case_query *q, json_t **errors)
{
    if (!(*errors = input_errors(req)))
        return CD_ENOMEM;
    paging pg;
    kvlist query;
    cd_err e = view_query(act, &req->query, &query, NULL, *errors);
    if (e != CD_OK)
        return e;
    paging_parse(req, &pg, *errors);
    case_query_parse(act, &query, &pg, q, *errors);
    return input_verdict(*errors);
}

cd_err api_cases_list(request *req, response *resp)
{
    actor act = auth_actor(req);
    case_query q;
    json_t *errors;
    cd_err e = list_query(req, &act, &q, &errors);
    if (e != CD_OK)
        return e;
    long long count = 0;
    bool estimated = false;
    json_t *rows = case_query_run(&act, &q, &count, &estimated, NULL, &e);
    if (!rows)
        return e;
    json_t *out = paging_envelope(req, &q.pg, count, json_incref(rows));
    if (out && estimated && json_object_set_new(out, "count_is_estimate", json_true()) != 0) {
        json_decref(out);
        out = NULL;
    }
    return resp_json(resp, 200, out);
}

cd_err api_cases_export(request *req, response *resp)
{
    actor act = auth_actor(req);
    case_query q;
    json_t *errors;
    cd_err e = list_query(req, &act, &q, &errors);
    return e != CD_OK ? e : case_export_reply(&act, &q, resp);
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

/* The paths of the parts' lists under /api/cases/{id}/, by case_part. */
static const struct {
    const char *key, *path;
} parts[] = {
    [CASE_PART_COMMENTS] = {"comments", "comments/"},
    [CASE_PART_HISTORY] = {"history", "history/"},
    [CASE_PART_ATTACHMENTS] = {"attachments", "attachments/"},
};

/* Beside each part of the detail (a first page of CASE_DETAIL_ROWS): "<part>_next", the URL of the part's
 * next page in its own list, or null when the detail holds all of it. */
static cd_err next_links(request *req, json_t *detail, const char *id)
{
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        const char *key = arena_printf(req->a, "%s_count", parts[i].key);
        long long n = key ? json_integer_value(json_object_get(detail, key)) : 0;
        json_t *next = json_null();
        if (n > CASE_DETAIL_ROWS) {
            kvlist q = {0};
            char num[24];
            snprintf(num, sizeof num, "%d", CASE_DETAIL_ROWS);
            const char *path = arena_printf(req->a, "/api/cases/%s/%s", id, parts[i].path);
            const char *url = path && kv_add(&q, req->a, "limit", 5, num, strlen(num)) == 0 &&
                                      kv_add(&q, req->a, "offset", 6, num, strlen(num)) == 0
                                  ? url_with_query(req->a, path, &q)
                                  : NULL;
            next = url ? json_string(url) : NULL;
        }
        key = arena_printf(req->a, "%s_next", parts[i].key);
        if (!key || json_object_set_new(detail, key, next) != 0)
            return CD_ENOMEM;
    }
    return CD_OK;
}

cd_err api_cases_get(request *req, response *resp)
{
    cd_err e;
    long version;
    actor act = auth_actor(req);
    json_t *out = case_detail(&act, req->params[0], NULL, &version, NULL, &e);
    if (!out)
        return e;
    json_t *c = json_object_get(out, "case_obj");
    if ((e = next_links(req, out, json_string_value(json_object_get(c, "id")))) != CD_OK)
        return e;
    set_etag(req, resp, version);
    return resp_json_ref(resp, 200, out);
}

/* A page of part of the case of the path in the list envelope. */
static cd_err part_list(request *req, response *resp, case_part part)
{
    json_t *errors = input_errors(req);
    if (!errors)
        return CD_ENOMEM;
    paging pg;
    paging_parse(req, &pg, errors);
    cd_err e = input_verdict(errors);
    if (e != CD_OK)
        return e;
    actor act = auth_actor(req);
    long long count = 0;
    json_t *rows = case_part_page(&act, req->params[0], part, &pg, &count, &e);
    if (!rows)
        return e;
    return resp_json(resp, 200, paging_envelope(req, &pg, count, json_incref(rows)));
}

cd_err api_case_comments(request *req, response *resp) { return part_list(req, resp, CASE_PART_COMMENTS); }

cd_err api_case_history(request *req, response *resp) { return part_list(req, resp, CASE_PART_HISTORY); }

cd_err api_case_attachments(request *req, response *resp) { return part_list(req, resp, CASE_PART_ATTACHMENTS); }

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

cd_err api_cases_bulk(request *req, response *resp)
{
    json_t *errors = input_errors(req);
    if (!errors)
        return CD_ENOMEM;
    actor act = auth_actor(req);
    case_bulk b;
    cd_err e = case_bulk_parse(&act, req->json, &b, errors);
    if (e != CD_OK)
        return e;
    case_bulk_counts n;
    json_t *results = case_bulk_apply(&act, &b, &n, &e);
    if (!results)
        return e;
    return resp_json(resp, 200,
                     json_pack("{s:O, s:I, s:I, s:I}", "results", results, "changed", (json_int_t)n.changed,
                               "unchanged", (json_int_t)n.unchanged, "refused", (json_int_t)n.refused));
}
