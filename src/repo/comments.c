/* comments.c (repo): comment writes shared by src/api/comments.c and the case pages. */
#include "repo/comments.h"
#include "repo/history.h"
#include "auth/auth.h"
#include "core/mentions.h"
#include "db/db.h"
#include "repo/attachments.h"

const field_spec comment_field = {.name = "comment", .type = F_STRING, .min = 1, .max = 10000};

cd_err comment_set_mentions(request *req, const char *comment_id, const char *text)
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

cd_err case_add_post(request *req, const case_lock *lk, const char *text, json_t *files, const char **comment_id)
{
    cd_err e;
    *comment_id = NULL;
    if (text) {
        const char *p[4] = {req->auth->org_id, lk->id, req->auth->user_id, text};
        PGresult *r = db_exec(req->a, STMT_COMMENT_INSERT, p, &e);
        const char *id = r ? db_value(r, 0) : NULL;
        if (!id)
            return r ? CD_EINTERNAL : e;
        if ((e = comment_set_mentions(req, id, text)) != CD_OK || (e = case_event(req, lk->id, "comment", NULL, id)) != CD_OK)
            return e;
        *comment_id = id;
    }
    const char *t[1] = {lk->id};
    if ((e = case_store_uploads(req, lk->id, files)) != CD_OK || !db_exec(req->a, STMT_CASE_TOUCH, t, &e))
        return e;
    return CD_OK;
}
