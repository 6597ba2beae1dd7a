/* case_lookups.c: the members, accounts and teams of the case list's names and filters, found by id or by text
 * past the first LOOKUP_SHOWN of each. */
#include "web/case_lookups.h"
#include "auth/auth.h"
#include "core/arena_json.h"
#include "core/ids.h"
#include "core/like.h"
#include "db/db.h"
#include "http/input.h"
#include "repo/dircache.h"
#include "view/tmpl.h"
#include <stdio.h>
#include <string.h>

/* How many matches of a find are offered as choices when it has several. */
#define LOOKUP_FOUND 20

static const struct {
    const char *param, *find, *kind, *list, *options, *noun, *nouns;
} filters[LOOKUP__COUNT] = {
    [LOOKUP_ASSIGNEE] = {"assigned_to", "assigned_to_q", "member", "members", "assignee_options", "member",
                         "members"},
    [LOOKUP_ACCOUNT] = {"account", "account_q", "account", "accounts", "account_options", "account", "accounts"},
    [LOOKUP_TEAM] = {"team", "team_q", "team", "teams", "team_options", "team", "teams"},
};

const char *case_lookups_param(lookup_filter f) { return filters[f].param; }

const char *case_lookups_find_param(lookup_filter f) { return filters[f].find; }

const json_t *lookup_by_id(const json_t *arr, const char *id)
{
    size_t i;
    const json_t *v;
    json_array_foreach(arr, i, v) {
        const char *vid = json_string_value(json_object_get(v, "id"));
        if (id && vid && strcmp(vid, id) == 0)
            return v;
    }
    return NULL;
}

const char *lookup_user_label(const json_t *u)
{
    const char *name = json_string_value(json_object_get(u, "name"));
    return name && *name ? name : json_string_value(json_object_get(u, "email"));
}

/* The object of kind with id among the cached first ones or those this request fetched, or NULL. */
static const json_t *find_id(const case_lookups *l, const char *kind, const char *list, const char *id)
{
    const json_t *v = lookup_by_id(json_object_get(l->cached, list), id);
    if (v)
        return v;
    size_t i;
    json_array_foreach(l->more, i, v) {
        if (strcmp(json_string_value(json_object_get(v, "kind")), kind) == 0 &&
            strcmp(json_string_value(json_object_get(v, "id")), id) == 0)
            return v;
    }
    return NULL;
}

const json_t *case_lookups_member(const case_lookups *l, const char *id)
{
    return id ? find_id(l, "member", "members", id) : NULL;
}

const json_t *case_lookups_account(const case_lookups *l, const char *id)
{
    return id ? find_id(l, "account", "accounts", id) : NULL;
}

/* A lookup row of a CASE_LIST_* statement (kind, id, email, name, is_active) as an object; NULL when out of
 * memory. */
static json_t *row_object(PGresult *r, int i)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:b}", "kind", PQgetvalue(r, i, 0), "id", PQgetvalue(r, i, 1), "email",
                     PQgetvalue(r, i, 2), "name", PQgetvalue(r, i, 3), "is_active", PQgetvalue(r, i, 4)[0] == 't');
}

/* The <option>s (case_options.tpl, auto-escaped) for the objects of arr (members: the active ones), marking the
 * one whose id is chosen and adding it first when it is extra and not in arr. "" for none; NULL when out of
 * memory. */
static const char *render_options(request *req, const json_t *arr, bool members, const char *chosen,
                                  const json_t *extra)
{
    tmpl_dict *d = tmpl_dict_new(req->a, "options");
    const json_t *lists[2] = {extra && !lookup_by_id(arr, chosen) ? json_pack("[O]", (json_t *)extra) : NULL, arr};
    if (lists[0])
        arena_json(req->a, (json_t *)lists[0]);
    for (int k = 0; k < 2; k++) {
        size_t i;
        const json_t *v;
        json_array_foreach(lists[k], i, v) {
            if (members && !json_is_true(json_object_get(v, "is_active")))
                continue;
            const char *id = json_string_value(json_object_get(v, "id"));
            tmpl_dict *o = tmpl_section(d, "OPT");
            tmpl_set(o, "ID", id);
            tmpl_set(o, "LABEL", members ? lookup_user_label(v) : json_string_value(json_object_get(v, "name")));
            if (id && chosen && strcmp(id, chosen) == 0)
                tmpl_show(o, "SELECTED");
        }
    }
    strbuf out;
    sb_init(&out, req->a);
    if (tmpl_render("case_options.tpl", d, &out) != CD_OK)
        return NULL;
    return out.data ? out.data : "";
}

cd_err case_lookups_load(request *req, case_lookups *l)
{
    memset(l, 0, sizeof *l);
    if (!(l->more = arena_json(req->a, json_array())))
        return CD_ENOMEM;
    const char *org = req->auth->org_id;
    unsigned long stamp = db_directory_stamp();
    if ((l->cached = dircache_get(DIRCACHE_LOOKUPS, org, stamp)))
        return arena_json(req->a, l->cached) ? CD_OK : CD_ENOMEM;
    char limit[16];
    snprintf(limit, sizeof limit, "%d", LOOKUP_SHOWN + 1); /* one more, to know whether there are more */
    const char *p[2] = {org, limit};
    cd_err e;
    PGresult *r = db_exec(req->a, STMT_CASE_LIST_LOOKUPS, p, &e);
    if (!r)
        return e;
    json_t *c = arena_json(req->a, json_pack("{s:[], s:[], s:[], s:{}}", "members", "accounts", "teams", "more"));
    if (!c)
        return CD_ENOMEM;
    for (int i = 0; i < PQntuples(r); i++) {
        lookup_filter f = LOOKUP_ASSIGNEE;
        while (f < LOOKUP__COUNT && strcmp(PQgetvalue(r, i, 0), filters[f].kind) != 0)
            f++;
        json_t *arr = f < LOOKUP__COUNT ? json_object_get(c, filters[f].list) : NULL;
        if (!arr)
            continue;
        if (json_array_size(arr) == LOOKUP_SHOWN) {
            json_object_set_new(json_object_get(c, "more"), filters[f].kind, json_true());
            continue;
        }
        if (json_array_append_new(arr, row_object(r, i)) != 0)
            return CD_ENOMEM;
    }
    for (lookup_filter f = LOOKUP_ASSIGNEE; f < LOOKUP__COUNT; f++) {
        const char *o = render_options(req, json_object_get(c, filters[f].list), f == LOOKUP_ASSIGNEE, NULL, NULL);
        if (!o || json_object_set_new(c, filters[f].options, json_string(o)) != 0)
            return CD_ENOMEM;
    }
    dircache_put(DIRCACHE_LOOKUPS, org, stamp, req->cfg->cache_seconds, c);
    l->cached = c;
    return CD_OK;
}

/* Adds id (when a UUID the cached lookups do not hold) to the ids to fetch. */
static void want(const case_lookups *l, const char *kind, const char *list, const char *id, const char **ids,
                 size_t *n, size_t cap)
{
    if (!id || !uuid_valid(id) || *n >= cap || find_id(l, kind, list, id))
        return;
    for (size_t i = 0; i < *n; i++)
        if (strcmp(ids[i], id) == 0)
            return;
    ids[(*n)++] = id;
}

cd_err case_lookups_name_rows(request *req, case_lookups *l, const json_t *rows)
{
    size_t cap = LOOKUP__COUNT, i, k;
    const json_t *c, *uid;
    json_array_foreach(rows, i, c)
        cap += 1 + json_array_size(json_object_get(c, "assigned_to"));
    const char **ids = arena_alloc(req->a, cap * sizeof *ids);
    if (!ids)
        return CD_ENOMEM;
    size_t n = 0;
    for (lookup_filter f = LOOKUP_ASSIGNEE; f < LOOKUP__COUNT; f++)
        want(l, filters[f].kind, filters[f].list, kv_get(&req->query, filters[f].param), ids, &n, cap);
    json_array_foreach(rows, i, c) {
        want(l, "account", "accounts", json_string_value(json_object_get(c, "account")), ids, &n, cap);
        json_array_foreach(json_object_get(c, "assigned_to"), k, uid)
            want(l, "member", "members", json_string_value(uid), ids, &n, cap);
    }
    if (!n)
        return CD_OK;
    const char *p[2] = {req->auth->org_id, input_uuid_array(req->a, ids, n)};
    if (!p[1])
        return CD_ENOMEM;
    cd_err e;
    PGresult *r = db_exec(req->a, STMT_CASE_LIST_NAMES, p, &e);
    if (!r)
        return e;
    for (int j = 0; j < PQntuples(r); j++)
        if (json_array_append_new(l->more, row_object(r, j)) != 0)
            return CD_ENOMEM;
    return CD_OK;
}

cd_err case_lookups_find(request *req, case_lookups *l, kvlist *chosen, json_t *errors)
{
    char limit[16];
    snprintf(limit, sizeof limit, "%d", LOOKUP_FOUND);
    for (lookup_filter f = LOOKUP_ASSIGNEE; f < LOOKUP__COUNT; f++) {
        const char *text = kv_get(&req->query, filters[f].find);
        if (!text || !*text)
            continue;
        const char *p[4] = {req->auth->org_id, filters[f].kind, like_escape(req->a, text), limit};
        if (!p[2])
            return CD_ENOMEM;
        cd_err e;
        PGresult *r = db_exec(req->a, STMT_CASE_LIST_LOOKUP_FIND, p, &e);
        if (!r)
            return e;
        int n = PQntuples(r);
        if (n == 1) {
            const char *id = PQgetvalue(r, 0, 1);
            if (kv_add(chosen, req->a, filters[f].param, strlen(filters[f].param), id, strlen(id)) < 0)
                return CD_ENOMEM;
            continue;
        }
        if (n == 0) {
            field_error(errors, filters[f].find,
                        arena_printf(req->a, "No %s matches \"%s\".", filters[f].noun, text));
            continue;
        }
        if (!(l->found[f] = arena_json(req->a, json_array())))
            return CD_ENOMEM;
        for (int j = 0; j < n; j++) {
            json_t *o = row_object(r, j);
            if (json_array_append(l->found[f], o) != 0 || json_array_append_new(l->more, o) != 0)
                return CD_ENOMEM;
        }
        field_error(
            errors, filters[f].find,
            n == LOOKUP_FOUND
                ? arena_printf(req->a,
                               "At least %d %s match \"%s\": the first %d are in the list; type more to narrow it.",
                               n, filters[f].nouns, text, n)
                : arena_printf(req->a, "%d %s match \"%s\": choose one in the list.", n, filters[f].nouns, text));
    }
    return CD_OK;
}

const char *case_lookups_options(request *req, const case_lookups *l, lookup_filter f)
{
    bool members = f == LOOKUP_ASSIGNEE;
    if (l->found[f])
        return render_options(req, l->found[f], members, NULL, NULL);
    const char *chosen = kv_get(&req->query, filters[f].param);
    const json_t *first = json_object_get(l->cached, filters[f].list);
    if (!chosen || !*chosen)
        return json_string_value(json_object_get(l->cached, filters[f].options));
    return render_options(req, first, members, chosen, find_id(l, filters[f].kind, filters[f].list, chosen));
}

bool case_lookups_findable(request *req, const case_lookups *l, lookup_filter f)
{
    const char *text = kv_get(&req->query, filters[f].find);
    return (text && *text) || json_is_true(json_object_get(json_object_get(l->cached, "more"), filters[f].kind));
}
