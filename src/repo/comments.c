/* comments.c (repo): comment writes shared by src/api/comments.c and the case pages. */
#include "repo/comments.h"
#include "repo/history.h"
#include "core/mentions.h"
#include "core/str.h"
#include "db/db.h"
#include "repo/attachments.h"
#include "repo/rules.h"

const field_spec comment_field = {.name = "comment", .type = F_STRING, .min = 1, .max = 10000, .multiline = true};

cd_err comment_set_mentions(const actor *act, const char *comment_id, const char *text)
{
    const char **emails;
    size_t n = mentions_extract(act->a, text, &emails);
    const char *p[3] = {act->org_id, comment_id, NULL};
    cd_err e;
    if (!db_exec(act->a, STMT_COMMENT_MENTIONS_CLEAR, p + 1, &e))
        return e;
    if (n == 0)
        return CD_OK;
    /* Quoted array literal: addresses may hold characters an unquoted element may not. */
    strbuf sb;
    sb_init(&sb, act->a);
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
    return db_exec(act->a, STMT_COMMENT_MENTIONS, p, &e) ? CD_OK : e;
}

cd_err comment_add(const actor *act, const char *case_id, const char *text, const char **comment_id)
{
    cd_err e;
    const char *p[4] = {act->org_id, case_id, act->user_id, text};
    PGresult *r = db_exec(act->a, STMT_COMMENT_INSERT, p, &e);
    const char *id = r ? db_value(r, 0) : NULL;
    if (!id)
        return r ? CD_EINTERNAL : e;
    if ((e = comment_set_mentions(act, id, text)) != CD_OK ||
        (e = case_event(act, case_id, "comment", NULL, id)) != CD_OK)
        return e;
    *comment_id = id;
    return CD_OK;
}

cd_err case_add_post(const actor *act, const upload *uploads, size_t nuploads, const case_lock *lk, const char *text,
                     json_t *files, const char **comment_id)
{
    cd_err e;
    *comment_id = NULL;
    if (text && (e = comment_add(act, lk->id, text, comment_id)) != CD_OK)
        return e;
    const char *t[1] = {lk->id};
    if ((e = case_store_uploads(act, uploads, nuploads, lk->id, files)) != CD_OK ||
        !db_exec(act->a, STMT_CASE_TOUCH, t, &e))
        return e;
    return CD_OK;
}

json_t *comment_json(const actor *act, const char *id, cd_err *e)
{
    const char *p[2] = {id, act->org_id};
    return db_json(act->a, STMT_COMMENT_JSON, p, e);
}

/* Locks comment id when act can see its case: *author says whether act wrote it, *case_id receives its case.
 * CD_ENOTFOUND otherwise. */
static cd_err comment_row(const actor *act, const char *id, bool *author, const char **case_id)
{
    *author = false;
    *case_id = NULL;
    const char *p[4] = {id, act->org_id, act->user_id, actor_admin_param(act)};
    cd_err e;
    PGresult *r = db_exec(act->a, STMT_COMMENT_LOCK, p, &e);
    if (!r)
        return e;
    if (PQntuples(r) != 1)
        return CD_ENOTFOUND;
    *author = PQgetvalue(r, 0, 2)[0] == 't';
    *case_id = PQgetvalue(r, 0, 1);
    return CD_OK;
}

/* Locks comment id when act may change it (may: comment_may_edit or comment_may_delete); *case_id
 * receives its case. */
static cd_err lock_comment(const actor *act, const char *id, bool (*may)(const actor *, bool), const char **case_id,
                           const char **refusal)
{
    bool author = false;
    cd_err e = comment_row(act, id, &author, case_id);
    if (e == CD_OK && !may(act, author)) {
        *refusal = COMMENT_CHANGE_REFUSED;
        *case_id = NULL;
        return CD_EFORBIDDEN;
    }
    return e;
}

cd_err comment_find(const actor *act, const char *id, json_t **comment, bool *may_edit, bool *may_delete)
{
    bool author = false;
    const char *case_id = NULL;
    cd_err e = comment_row(act, id, &author, &case_id);
    if (e != CD_OK)
        return e;
    *may_edit = comment_may_edit(act, author);
    *may_delete = comment_may_delete(act, author);
    return (*comment = comment_json(act, id, &e)) ? CD_OK : e;
}

json_t *comment_edit(const actor *act, const char *id, const char *text, const char **refusal, cd_err *e)
{
    const char *case_id;
    const char *p[2] = {id, text};
    if ((*e = lock_comment(act, id, comment_may_edit, &case_id, refusal)) != CD_OK ||
        !db_exec(act->a, STMT_COMMENT_UPDATE, p, e) || (*e = comment_set_mentions(act, id, text)) != CD_OK ||
        (*e = case_event(act, case_id, "comment edited", NULL, id)) != CD_OK)
        return NULL;
    return comment_json(act, id, e);
}

cd_err comment_delete(const actor *act, const char *id, const char **refusal)
{
    const char *case_id;
    const char *p[1] = {id};
    cd_err e = lock_comment(act, id, comment_may_delete, &case_id, refusal);
    if (e != CD_OK)
        return e;
    if (!db_exec(act->a, STMT_COMMENT_DELETE, p, &e))
        return e;
    return case_event(act, case_id, "comment deleted", id, NULL);
}
