/* attachments.c (repo): content-addressed attachment storage in PostgreSQL. */
#include "repo/attachments.h"
#include "auth/secret.h"
#include "core/str.h"
#include "db/db.h"
#include "repo/history.h"
#include "repo/rules.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *attachment_content_type(arena *a, const char *declared)
{
    if (!declared)
        return "application/octet-stream";
    size_t n = strcspn(declared, ";");
    while (n && isspace((unsigned char)declared[n - 1]))
        n--;
    const char *slash = memchr(declared, '/', n);
    if (!slash || slash == declared || slash == declared + n - 1 || n > 100)
        return "application/octet-stream";
    char *t = arena_strndup(a, declared, n);
    if (!t)
        return "application/octet-stream";
    for (char *p = t; *p; p++) {
        *p = (char)tolower((unsigned char)*p);
        if (!isalnum((unsigned char)*p) && !strchr("/!#$&^_.+-", *p))
            return "application/octet-stream";
    }
    return strchr(strchr(t, '/') + 1, '/') ? "application/octet-stream" : t;
}

const char *attachment_served_type(const char *stored)
{
    static const char *const safe[] = {"image/png",       "image/jpeg", "image/gif",  "image/webp",
                                       "application/pdf", "text/plain", "audio/mpeg", "audio/ogg",
                                       "video/mp4",       "video/webm", NULL};
    for (const char *const *s = safe; *s; s++)
        if (strcmp(*s, stored) == 0)
            return strcmp(stored, "text/plain") == 0 ? "text/plain; charset=utf-8" : stored;
    return "application/octet-stream";
}

/* The most of an attachment's text that search reads (the document takes 20,000 characters of it). */
#define ATTACHMENT_TEXT_MAX 100000

/* Whether search reads the text of a file of stored type (attachment_content_type) and name: text types and a few
 * text formats sent under another type are read as they are stored; a PDF by the text-extraction child. */
typedef enum { TEXT_NONE, TEXT_NOW, TEXT_LATER } text_kind;
static text_kind text_of(const char *type, const char *name)
{
    const char *dot = name ? strrchr(name, '.') : NULL;
    if (str_starts(type, "text/") || strcmp(type, "application/json") == 0 || strcmp(type, "application/xml") == 0)
        return TEXT_NOW;
    if (strcmp(type, "application/pdf") == 0)
        return TEXT_LATER;
    if (dot && (!strcasecmp(dot, ".txt") || !strcasecmp(dot, ".log") || !strcasecmp(dot, ".csv") ||
                !strcasecmp(dot, ".md") || !strcasecmp(dot, ".json") || !strcasecmp(dot, ".xml")))
        return TEXT_NOW;
    return dot && !strcasecmp(dot, ".pdf") ? TEXT_LATER : TEXT_NONE;
}

/* Records blob sha's text for search, before the attachment that holds it is inserted (whose trigger makes the
 * case's search document read it). */
static cd_err store_text(const actor *act, const char *sha, const upload *u, const char *type)
{
    text_kind k = text_of(type, u->filename);
    if (k == TEXT_NONE)
        return CD_OK;
    const char *body =
        k == TEXT_NOW ? utf8_clean_text(act->a, u->data ? u->data : "", u->len, ATTACHMENT_TEXT_MAX) : NULL;
    if (k == TEXT_NOW && !body)
        return CD_ENOMEM;
    const char *p[3] = {act->org_id, sha, body};
    cd_err e;
    return db_exec(act->a, STMT_ATTACHMENT_TEXT_PUT, p, &e) ? CD_OK : e;
}

static cd_err store_one(const actor *act, const char *case_id, const upload *u, json_t *created)
{
    char sha[TOKEN_HASH_HEX + 3], size[32];
    sha[0] = '\\';
    sha[1] = 'x';
    sha256_hex(u->data, u->len, sha + 2);
    snprintf(size, sizeof size, "%zu", u->len);
    const char *org = act->org_id;
    const char *bp[4] = {org, sha, size, u->data ? u->data : ""};
    const int lens[4] = {0, 0, 0, (int)u->len};
    const int fmts[4] = {0, 0, 0, 1};
    cd_err e;
    if (!db_exec_bin(act->a, STMT_BLOB_PUT, bp, lens, fmts, 0, &e))
        return e;
    const char *name = u->filename; /* made safe when the body was parsed */
    const char *type = attachment_content_type(act->a, u->content_type);
    if ((e = store_text(act, sha, u, type)) != CD_OK)
        return e;
    const char *ap[7] = {org, case_id, name, type, size, sha, act->user_id};
    PGresult *r = name ? db_exec(act->a, STMT_ATTACHMENT_INSERT, ap, &e) : NULL;
    if (!r)
        return name ? e : CD_ENOMEM;
    const char *id = db_value(r, 0);
    if ((e = case_event(act, case_id, "attachment", NULL, name)) != CD_OK)
        return e;
    if (created) {
        const char *jp[2] = {id, org};
        json_t *j = db_json(act->a, STMT_ATTACHMENT_JSON, jp, &e);
        if (!j)
            return e;
        json_array_append(created, j);
    }
    return CD_OK;
}

cd_err case_store_uploads(const actor *act, const upload *files, size_t nfiles, const char *case_id, json_t *created)
{
    for (size_t i = 0; i < nfiles; i++) {
        cd_err e = store_one(act, case_id, &files[i], created);
        if (e != CD_OK)
            return e;
    }
    return CD_OK;
}

cd_err attachments_prune(const actor *act, const char *digests)
{
    if (!digests)
        return CD_OK;
    const char *p[2] = {act->org_id, digests};
    cd_err e;
    if (!db_exec(act->a, STMT_BLOB_LOCK, p, &e))
        return e;
    return db_exec(act->a, STMT_BLOB_PRUNE, p, &e) ? CD_OK : e;
}

cd_err attachment_find(const actor *act, const char *id, const char **case_id, const char **file_name,
                       bool *may_delete)
{
    const char *p[4] = {id, act->org_id, act->user_id, actor_admin_param(act)};
    cd_err e;
    PGresult *r = db_exec(act->a, STMT_ATTACHMENT_FIND, p, &e);
    if (!r)
        return e;
    if (PQntuples(r) != 1)
        return CD_ENOTFOUND;
    *case_id = PQgetvalue(r, 0, 1);
    *file_name = PQgetvalue(r, 0, 4);
    *may_delete = attachment_may_delete(act, PQgetvalue(r, 0, 2)[0] == 't');
    return CD_OK;
}

cd_err attachment_delete(const actor *act, const char *id, const char **case_id, const char **refusal)
{
    const char *p[4] = {id, act->org_id, act->user_id, actor_admin_param(act)};
    cd_err e;
    PGresult *r = db_exec(act->a, STMT_ATTACHMENT_LOCK, p, &e);
    if (!r)
        return e;
    if (PQntuples(r) != 1)
        return CD_ENOTFOUND;
    if (!attachment_may_delete(act, PQgetvalue(r, 0, 2)[0] == 't')) {
        *refusal = ATTACHMENT_DELETE_REFUSED;
        return CD_EFORBIDDEN;
    }
    const char *name = PQgetvalue(r, 0, 4);
    *case_id = PQgetvalue(r, 0, 1);
    char *digests = arena_printf(act->a, "{\"\\%s\"}", PQgetvalue(r, 0, 3));
    if (!digests)
        return CD_ENOMEM;
    const char *d[1] = {id};
    if (!db_exec(act->a, STMT_ATTACHMENT_DELETE, d, &e))
        return e;
    if ((e = attachments_prune(act, digests)) != CD_OK)
        return e;
    return case_event(act, *case_id, "attachment deleted", name, NULL);
}
