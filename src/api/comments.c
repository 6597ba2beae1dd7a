/* comments.c (api): POST /api/cases/{id}/ (comment and/or attachments), edit and delete comments. */
#include "handlers.h"
#include "auth/auth.h"
#include "core/arena_json.h"
#include "db/db.h"
#include "http/input.h"
#include "repo/attachments.h"
#include "repo/cases.h"
#include "repo/comments.h"
#include "repo/history.h"
#include <string.h>

static json_t *comment_json(request *req, const char *id, cd_err *e)
{
    const char *p[2] = {id, req->auth->org_id};
    return db_json(req->a, STMT_COMMENT_JSON, p, e);
}

cd_err api_case_post(request *req, response *resp)
{
    field_spec spec = comment_field;
    spec.required = req->nfiles == 0;
    field_val v;
    cd_err e = input_check(req, &spec, 1, &v);
    if (e != CD_OK)
        return e;
    case_lock lk;
    const char *comment_id;
    json_t *files = arena_json(req->a, json_array()), *c = json_null();
    if (!files)
        return CD_ENOMEM;
    if ((e = case_lock_visible(req, req->params[0], &lk)) != CD_OK ||
        (e = case_add_post(req, &lk, v.s, files, &comment_id)) != CD_OK ||
        (comment_id && !(c = comment_json(req, comment_id, &e))))
        return e;
    return resp_json(resp, 201, json_pack("{s:O, s:O}", "attachments", files, "comment", c));
}

/* Locks comment params[0] when the caller may change it: its author or an ADMIN. case_id receives its case. */
static cd_err lock_own_comment(request *req, const char **case_id)
{
    const char *p[4] = {req->params[0], req->auth->org_id, req->auth->user_id, auth_admin_param(req)};
    cd_err e;
    PGresult *r = db_exec(req->a, STMT_COMMENT_LOCK, p, &e);
    if (!r)
        return e;
    if (PQntuples(r) != 1)
        return CD_ENOTFOUND;
    if (!req->auth->is_admin && PQgetvalue(r, 0, 2)[0] != 't') {
        req->error_detail = "Only the author of a comment or an ADMIN may change it.";
        return CD_EFORBIDDEN;
    }
    *case_id = PQgetvalue(r, 0, 1);
    return CD_OK;
}

cd_err api_comment_update(request *req, response *resp)
{
    field_spec spec = comment_field;
    spec.required = true;
    field_val v;
    cd_err e = input_check(req, &spec, 1, &v);
    if (e != CD_OK)
        return e;
    const char *case_id;
    e = lock_own_comment(req, &case_id);
    if (e != CD_OK)
        return e;
    const char *p[2] = {req->params[0], v.s};
    json_t *out;
    if (!db_exec(req->a, STMT_COMMENT_UPDATE, p, &e) || (e = comment_set_mentions(req, req->params[0], v.s)) != CD_OK ||
        (e = case_event(req, case_id, "comment edited", NULL, req->params[0])) != CD_OK ||
        !(out = comment_json(req, req->params[0], &e)))
        return e;
    return resp_json_ref(resp, 200, out);
}

cd_err api_comment_delete(request *req, response *resp)
{
    const char *case_id;
    cd_err e = lock_own_comment(req, &case_id);
    if (e != CD_OK)
        return e;
    const char *p[1] = {req->params[0]};
    if (!db_exec(req->a, STMT_COMMENT_DELETE, p, &e) ||
        (e = case_event(req, case_id, "comment deleted", req->params[0], NULL)) != CD_OK)
        return e;
    resp->status = 204;
    return CD_OK;
}
