/* comments.c (api): POST /api/cases/{id}/ (comment and/or attachments), edit and delete comments. */
#include "handlers.h"
#include "auth/auth.h"
#include "core/mentions.h"
#include "db/db.h"
#include "http/input.h"
#include "repo/attachments.h"
#include "repo/cases.h"
#include "reply.h"
#include <string.h>

#define COMMENT_MAX 10000

static const char *admin_flag(const request *req) { return req->auth->is_admin ? "true" : "false"; }

/* Records the members mentioned as @email in text on comment id. */
static cd_err record_mentions(request *req, const char *comment_id, const char *text)
{
    const char **emails;
    size_t n = mentions_extract(req->a, text, &emails);
    const char *p[3] = {req->auth->org_id, comment_id, NULL};
    cd_err e;
    if (!db_exec(req->a, STMT_COMMENT_MENTIONS_CLEAR, p + 1, &e))
        return e;
    if (n == 0)
        return CD_OK;
    /* Quoted array literal: addresses may hold characters an unquoted element may not. */
    strbuf sb;
    sb_init(&sb, req->a);
    sb_puts(&sb, "{");
    for (size_t i = 0; i < n; i++) {
        sb_puts(&sb, i ? ",\"" : "\"");
        for (const char *c = emails[i]; *c; c++) {
            if (*c == '"' || *c == '\\')
                sb_puts(&sb, "\\");
            sb_append(&sb, c, 1);
        }
        sb_puts(&sb, "\"");
    }
    sb_puts(&sb, "}");
    if (sb.failed)
        return CD_ENOMEM;
    p[2] = sb.data;
    return db_exec(req->a, STMT_COMMENT_MENTIONS, p, &e) ? CD_OK : e;
}

static json_t *comment_json(request *req, const char *id, cd_err *e)
{
    const char *p[2] = {id, req->auth->org_id};
    return db_json(req->a, STMT_COMMENT_JSON, p, e);
}

static const field_spec comment_spec = {.name = "comment", .type = F_STRING, .min = 1, .max = COMMENT_MAX};

cd_err api_case_post(request *req, response *resp)
{
    field_spec spec = comment_spec;
    spec.required = req->nfiles == 0;
    field_val v;
    if (!reply_validated(req, resp, &spec, 1, &v))
        return CD_OK;
    case_lock lk;
    cd_err e;
    if ((e = db_begin()) != CD_OK || (e = case_lock_visible(req, req->params[0], &lk)) != CD_OK)
        return e;
    json_t *out = json_object(), *files = json_array();
    json_object_set_new(out, "comment", json_null());
    json_object_set_new(out, "attachments", files);
    if (v.s) {
        const char *p[4] = {req->auth->org_id, lk.id, req->auth->user_id, v.s};
        PGresult *r = db_exec(req->a, STMT_COMMENT_INSERT, p, &e);
        const char *id = r ? db_value(r, 0) : NULL;
        json_t *c = NULL;
        if (!id || (e = record_mentions(req, id, v.s)) != CD_OK ||
            (e = case_event(req, lk.id, "comment", NULL, id)) != CD_OK || !(c = comment_json(req, id, &e))) {
            json_decref(out);
            return e;
        }
        json_object_set_new(out, "comment", c);
    }
    const char *t[1] = {lk.id};
    if ((e = case_store_uploads(req, lk.id, files)) != CD_OK || !db_exec(req->a, STMT_CASE_TOUCH, t, &e) ||
        (e = db_commit()) != CD_OK) {
        json_decref(out);
        return e;
    }
    return resp_json(resp, 201, out);
}

/* Locks comment params[0] when the caller may change it: its author or an ADMIN. case_id receives its case. */
static cd_err lock_own_comment(request *req, const char **case_id)
{
    const char *p[4] = {req->params[0], req->auth->org_id, req->auth->user_id, admin_flag(req)};
    cd_err e;
    if ((e = db_begin()) != CD_OK)
        return e;
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
    field_spec spec = comment_spec;
    spec.required = true;
    field_val v;
    if (!reply_validated(req, resp, &spec, 1, &v))
        return CD_OK;
    const char *case_id;
    cd_err e = lock_own_comment(req, &case_id);
    if (e != CD_OK)
        return e;
    const char *p[2] = {req->params[0], v.s};
    json_t *out;
    if (!db_exec(req->a, STMT_COMMENT_UPDATE, p, &e) || (e = record_mentions(req, req->params[0], v.s)) != CD_OK ||
        (e = case_event(req, case_id, "comment edited", NULL, req->params[0])) != CD_OK ||
        !(out = comment_json(req, req->params[0], &e)))
        return e;
    if ((e = db_commit()) != CD_OK) {
        json_decref(out);
        return e;
    }
    return resp_json(resp, 200, out);
}

cd_err api_comment_delete(request *req, response *resp)
{
    const char *case_id;
    cd_err e = lock_own_comment(req, &case_id);
    if (e != CD_OK)
        return e;
    const char *p[1] = {req->params[0]};
    if (!db_exec(req->a, STMT_COMMENT_DELETE, p, &e) ||
        (e = case_event(req, case_id, "comment deleted", req->params[0], NULL)) != CD_OK || (e = db_commit()) != CD_OK)
        return e;
    resp->status = 204;
    return CD_OK;
}
