/* views.c (repo): saved views of the case list: who reads and writes them, and their normalised filters. */
#include "repo/views.h"
#include "db/db.h"
#include "http/paging.h"
#include "http/query.h"
#include "http/url.h"
#include "http/urlencoded.h"
#include "repo/case_query.h"
#include <string.h>

enum { V_NAME, V_SHARED, V_QUERY, V_COUNT };

const field_spec view_field_specs[V_COUNT] = {
    [V_NAME] = {.name = "name", .type = F_STRING, .required = true, .min = 1, .max = 100},
    [V_SHARED] = {.name = "shared", .type = F_BOOL},
    [V_QUERY] = {.name = "query", .type = F_STRING, .nullable = true, .max = 2000},
};
const size_t view_field_count = V_COUNT;

/* The entry of case_query_keys for key, or NULL when key is no parameter of the list's filters. */
static const case_query_key *query_key(const char *key)
{
    for (const case_query_key *k = case_query_keys; k->key; k++)
        if (strcmp(k->key, key) == 0)
            return k;
    return NULL;
}

/* Appends to out the pairs of query with key (all of them when every, else the first), blanks left out. */
static int add_values(kvlist *out, arena *a, const kvlist *query, const char *key, bool every)
{
    for (size_t i = 0; i < query->n; i++) {
        const kv *e = &query->v[i];
        if (strcmp(e->key, key) != 0 || !*e->value)
            continue;
        if (kv_add(out, a, key, strlen(key), e->value, e->vlen) < 0)
            return -1;
        if (!every)
            break;
    }
    return 0;
}

const char *view_query_normal(const actor *act, const kvlist *query, const char *field, json_t *errors)
{
    arena *a = act->a;
    for (size_t i = 0; i < query->n; i++) {
        const char *k = query->v[i].key;
        if (!query_key(k) && strcmp(k, "limit") != 0 && strcmp(k, "offset") != 0) {
            const char *m = arena_printf(a, "%s: Not a filter of the case list.", k);
            field_error(errors, field, m ? m : "Not a filter of the case list.");
        }
    }
    json_t *bad = json_object();
    if (!bad)
        return NULL;
    paging pg = {.limit = 10, .limit_s = "10", .offset_s = "0"};
    case_query q;
    case_query_parse(act, query, &pg, &q, bad);
    const char *key;
    json_t *msgs;
    json_object_foreach(bad, key, msgs) {
        const char *m = arena_printf(a, "%s: %s", key, json_string_value(json_array_get(msgs, 0)));
        field_error(errors, field, m ? m : "Malformed filter.");
    }
    json_decref(bad);
    kvlist out = {0};
    for (const case_query_key *k = case_query_keys; k->key; k++)
        if (add_values(&out, a, query, k->key, k->several) < 0)
            return NULL;
    const char *s = url_with_query(a, "", &out);
    return s && *s == '?' ? s + 1 : s;
}

bool view_may_edit(const actor *act, const char *owner, bool shared)
{
    return (owner && strcmp(owner, act->user_id) == 0) || (shared && act->role == ROLE_ADMIN);
}

/* View id as act may read it (VIEW_READ, or VIEW_LOCK when lock): its row, or NULL with *e (CD_ENOTFOUND). */
static PGresult *view_row(const actor *act, const char *id, bool lock, cd_err *e)
{
    const char *p[3] = {act->org_id, act->user_id, id};
    PGresult *r = db_exec(act->a, lock ? STMT_VIEW_LOCK : STMT_VIEW_READ, p, e);
    if (r && PQntuples(r) == 0) {
        *e = CD_ENOTFOUND;
        return NULL;
    }
    return r;
}

/* The query parameters of view id (VIEW_READ) in *out, those of query but view overriding them; its name in
 * *name. */
static cd_err view_apply(const actor *act, const char *id, const kvlist *query, kvlist *out, const char **name)
{
    cd_err e;
    PGresult *r = view_row(act, id, false, &e);
    if (!r)
        return e;
    *name = PQgetvalue(r, 0, 3);
    kvlist saved = {0};
    const char *text = PQgetvalue(r, 0, 2);
    if ((e = urlenc_parse(act->a, text, strlen(text), &saved)) != CD_OK)
        return e;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < query->n; i++)
        if (strcmp(query->v[i].key, "view") != 0 &&
            kv_add(out, act->a, query->v[i].key, strlen(query->v[i].key), query->v[i].value, query->v[i].vlen) < 0)
            return CD_ENOMEM;
    for (size_t i = 0; i < saved.n; i++)
        if (!kv_get(query, saved.v[i].key) &&
            kv_add(out, act->a, saved.v[i].key, strlen(saved.v[i].key), saved.v[i].value, saved.v[i].vlen) < 0)
            return CD_ENOMEM;
    return CD_OK;
}

cd_err view_query(const actor *act, const kvlist *query, kvlist *out, const char **name, json_t *errors)
{
    const char *ignored = NULL;
    name = name ? name : &ignored;
    *name = NULL;
    *out = *query;
    if (!kv_get(query, "view") || !*kv_get(query, "view"))
        return CD_OK;
    const char *id = query_uuid(act->a, query, "view", errors);
    if (!id)
        return CD_OK;
    cd_err e = view_apply(act, id, query, out, name);
    if (e != CD_OK)
        *name = NULL;
    if (e == CD_ENOTFOUND) {
        *out = *query;
        field_error(errors, "view", "No such view.");
        return CD_OK;
    }
    return e;
}

/* Adds the message of a name another view of owner has to errors. */
static cd_err name_check(const actor *act, const char *owner, const char *name, const char *view_id, json_t *errors)
{
    const char *p[4] = {act->org_id, owner, name, view_id};
    cd_err e;
    PGresult *r = db_exec(act->a, STMT_VIEW_NAME_TAKEN, p, &e);
    if (!r)
        return e;
    if (PQntuples(r) > 0)
        field_error(errors, "name", "You already have a view with this name.");
    return CD_OK;
}

cd_err view_save(const actor *act, const input_fields *in, const char *view_id, json_t *errors, const char **id)
{
    bool creating = view_id == NULL;
    field_val v[V_COUNT];
    if (!input_validate_write(in, view_field_specs, V_COUNT, v, creating, errors))
        return input_refused(errors);
    cd_err e;
    const char *owner = act->user_id;
    if (!creating) {
        PGresult *r = view_row(act, view_id, true, &e);
        if (!r)
            return e;
        owner = PQgetvalue(r, 0, 0);
        if (!view_may_edit(act, owner, PQgetvalue(r, 0, 1)[0] == 't'))
            return CD_EFORBIDDEN;
    }
    const char *query = NULL;
    if (v[V_QUERY].present) {
        const char *text = v[V_QUERY].s ? v[V_QUERY].s : "";
        kvlist l = {0};
        if (*text == '?')
            text++;
        if (urlenc_parse(act->a, text, strlen(text), &l) != CD_OK)
            field_error(errors, "query", "Must be a query string of case list filters (status=New&priority=High).");
        else if (!(query = view_query_normal(act, &l, "query", errors)))
            return CD_ENOMEM;
    } else if (creating) {
        query = "";
    }
    if (v[V_NAME].s && (e = name_check(act, owner, v[V_NAME].s, view_id, errors)) != CD_OK)
        return e;
    if ((e = input_verdict(errors)) != CD_OK)
        return e;
    const char *shared = v[V_SHARED].present ? (v[V_SHARED].b ? "true" : "false") : creating ? "false" : NULL;
    PGresult *r;
    if (creating) {
        const char *p[5] = {act->org_id, owner, v[V_NAME].s, shared, query};
        r = db_exec(act->a, STMT_VIEW_INSERT, p, &e);
    } else {
        const char *p[5] = {act->org_id, view_id, v[V_NAME].s, shared, query};
        r = db_exec(act->a, STMT_VIEW_UPDATE, p, &e);
    }
    if (!r && e == CD_ECONFLICT) { /* another transaction took the name after our check */
        field_error(errors, "name", "You already have a view with this name.");
        return input_verdict(errors);
    }
    if (!r)
        return e;
    return (*id = db_value(r, 0)) ? CD_OK : CD_ENOTFOUND;
}

cd_err view_delete(const actor *act, const char *id)
{
    cd_err e;
    PGresult *r = view_row(act, id, true, &e);
    if (!r)
        return e;
    if (!view_may_edit(act, PQgetvalue(r, 0, 0), PQgetvalue(r, 0, 1)[0] == 't'))
        return CD_EFORBIDDEN;
    const char *p[2] = {act->org_id, id};
    return db_exec(act->a, STMT_VIEW_DELETE, p, &e) ? CD_OK : e;
}

json_t *view_get(const actor *act, const char *id, cd_err *e)
{
    const char *p[3] = {act->org_id, act->user_id, id};
    return db_json(act->a, STMT_VIEW_GET, p, e);
}

json_t *views_readable(const actor *act, const char *limit, cd_err *e)
{
    const char *p[4] = {act->org_id, act->user_id, limit, "0"};
    return db_json(act->a, STMT_VIEW_LIST, p, e);
}
