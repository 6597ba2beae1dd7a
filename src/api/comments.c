/* comments.c (api): POST /api/cases/{id}/ (comment and/or attachments), edit and delete comments. */
#include "handlers.h"
#include "auth/actor.h"
#include "core/arena_json.h"
#include "http/input.h"
#include "repo/cases.h"
#include "repo/comments.h"

cd_err api_case_post(request *req, response *resp)
{
    field_spec spec = comment_field;
    spec.required = req->nfiles == 0;
    field_val v;
    cd_err e = input_check(req, &spec, 1, &v);
    if (e != CD_OK)
        return e;
    actor act = auth_actor(req);
    case_lock lk;
    const char *comment_id;
    json_t *files = arena_json(req->a, json_array()), *c = json_null();
    if (!files)
        return CD_ENOMEM;
    if ((e = case_lock_visible(&act, req->params[0], &lk)) != CD_OK ||
        (e = case_add_post(&act, req->files, req->nfiles, &lk, v.s, files, &comment_id)) != CD_OK ||
        (comment_id && !(c = comment_json(&act, comment_id, &e))))
        return e;
    /* The case's ETag: a client compares it with the one it read to learn whether the case changed since. */
    char *tag = arena_printf(req->a, "\"%ld\"", lk.version);
    if (!tag || resp_set_header(resp, "ETag", tag) < 0)
        return CD_ENOMEM;
    return resp_json(resp, 201, json_pack("{s:O, s:O}", "attachments", files, "comment", c));
}

cd_err api_comment_update(request *req, response *resp)
{
    field_spec spec = comment_field;
    spec.required = true;
    field_val v;
    cd_err e = input_check(req, &spec, 1, &v);
    if (e != CD_OK)
        return e;
    actor act = auth_actor(req);
    json_t *out = comment_edit(&act, req->params[0], v.s, &req->error_detail, &e);
    return out ? resp_json_ref(resp, 200, out) : e;
}

cd_err api_comment_delete(request *req, response *resp)
{
    actor act = auth_actor(req);
    cd_err e = comment_delete(&act, req->params[0], &req->error_detail);
    if (e == CD_OK)
        resp->status = 204;
    return e;
}
