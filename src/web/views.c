/* views.c (web): the views sidebar of /cases (built-in views and saved ones, with live counts), and the pages
 * that save (/views/new) and delete (/views/{id}/delete) a saved view. */
#include "handlers.h"
#include "web/views.h"
#include "auth/auth.h"
#include "core/arena_json.h"
#include "http/input.h"
#include "http/url.h"
#include "http/urlencoded.h"
#include "repo/case_query.h"
#include "repo/views.h"
#include "web/form.h"
#include "web/page.h"
#include <string.h>

#define SAVED_VIEWS_SHOWN "50" /* saved views listed in the sidebar */

/* The built-in views: a label and the list's query parameters. The open ones keep the queue's order. */
static const struct {
    const char *label, *query;
} builtin[] = {
    {"My open", "resolution=open&mine=1&ordering=-priority,updated_on"},
    {"Unassigned", "resolution=open&unassigned=true&ordering=-priority,updated_on"},
    {"My teams", "resolution=open&my_teams=1&ordering=-priority,updated_on"},
    {"Critical and High", "priority=Critical&priority=High&resolution=open&ordering=-priority,updated_on"},
    {"Not updated for 3 days", "resolution=open&updated_before=3d&ordering=-priority,updated_on"},
    {"Recently closed", "resolution=closed&updated_after=7d&ordering=-updated_on"},
};

/* The normal form of query (view_query_normal, its complaints dropped), or NULL when out of memory. */
static const char *normal(const actor *act, const kvlist *query)
{
    json_t *ignored = arena_json(act->a, json_object());
    return ignored ? view_query_normal(act, query, "query", ignored) : NULL;
}

/* The views of the sidebar whose counts one statement reads: each entry's section and its list. */
typedef struct counted {
    tmpl_dict *entry[CASE_TOTALS_MAX];
    case_query q[CASE_TOTALS_MAX];
    size_t n;
} counted;

/* Fills entry e for the view of query text (normal form): its link, current when it is the query of the
 * page, and its list in c, to be counted (a saved view whose filters no longer read counts nothing). */
static cd_err view_entry(request *req, tmpl_dict *e, const actor *act, const char *text, const char *current,
                         counted *c)
{
    kvlist q = {0};
    cd_err err = urlenc_parse(req->a, text, strlen(text), &q);
    if (err != CD_OK)
        return err;
    json_t *errors = arena_json(req->a, json_object());
    if (!errors)
        return CD_ENOMEM;
    paging pg = {.limit = 0, .limit_s = "0", .offset_s = "0"};
    case_query spare = {0}, *cq = c->n < CASE_TOTALS_MAX ? &c->q[c->n] : &spare; /* its parameters point into it */
    case_query_parse(act, &q, &pg, cq, errors);
    if (json_object_size(errors) == 0 && cq != &spare)
        c->entry[c->n++] = e;
    const char *url = url_with_query(req->a, "/cases", &q);
    tmpl_set(e, "URL", url ? url : "/cases");
    if (current && strcmp(current, text) == 0)
        tmpl_show(e, "CURRENT");
    return CD_OK;
}

cd_err views_sidebar(request *req, tmpl_dict *d, const kvlist *query)
{
    actor act = auth_actor(req);
    const char *current = normal(&act, query);
    counted *c = arena_calloc(req->a, 1, sizeof *c);
    if (!current || !c)
        return CD_ENOMEM;
    tmpl_dict *v = tmpl_section(d, "VIEWS");
    cd_err e;
    for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++) {
        kvlist q = {0};
        const char *text;
        if ((e = urlenc_parse(req->a, builtin[i].query, strlen(builtin[i].query), &q)) != CD_OK)
            return e;
        if (!(text = normal(&act, &q)))
            return CD_ENOMEM;
        tmpl_dict *b = tmpl_section(v, "BUILTIN");
        tmpl_set(b, "LABEL", builtin[i].label);
        if ((e = view_entry(req, b, &act, text, current, c)) != CD_OK)
            return e;
    }
    json_t *saved = views_readable(&act, SAVED_VIEWS_SHOWN, &e);
    if (!saved)
        return e;
    size_t i;
    json_t *row;
    tmpl_dict *list = json_array_size(saved) ? tmpl_section(v, "SAVED_LIST") : NULL;
    json_array_foreach(saved, i, row) {
        tmpl_dict *s = tmpl_section(list, "SAVED");
        const char *id = json_string_value(json_object_get(row, "id"));
        const char *owner = json_string_value(json_object_get(row, "owner"));
        bool shared = json_is_true(json_object_get(row, "shared"));
        tmpl_set(s, "ID", id);
        tmpl_set(s, "LABEL", json_string_value(json_object_get(row, "name")));
        if (shared)
            tmpl_show(s, "SHARED");
        if ((e = view_entry(req, s, &act, json_string_value(json_object_get(row, "query")), current, c)) != CD_OK)
            return e;
        if (view_may_edit(&act, owner, shared))
            tmpl_set(tmpl_section(s, "DELETE"), "URL",
                     page_org_url(req, arena_printf(req->a, "/views/%s/delete", id), NULL, NULL));
    }
    long long counts[CASE_TOTALS_MAX] = {0};
    if ((e = case_query_totals(&act, c->n, c->q, counts)) != CD_OK)
        return e;
    for (size_t k = 0; k < c->n; k++)
        tmpl_set_int(c->entry[k], "COUNT", counts[k]);
    tmpl_dict *f = tmpl_section(d, "SAVE_VIEW");
    tmpl_set(f, "ACTION", page_org_url(req, "/views/new", NULL, NULL));
    tmpl_set(f, "QUERY", current);
    return CD_OK;
}

/* ---- saving a view ---- */

static const form_field name_field[] = {{.name = "name", .label = "Name of the view", .w = W_TEXT, .required = true}};

/* The save form again after a refused save: the name, the shared choice and the filters as sent, and every
 * message (400). */
static cd_err save_again(request *req, response *resp)
{
    tmpl_dict *d = page_start(req, "Save this view", "view_form.tpl");
    if (!d)
        return CD_ENOMEM;
    const char *query = kv_get(&req->form, "query");
    const char *shared = kv_get(&req->form, "shared");
    kvlist q = {0};
    const char *back = query && urlenc_parse(req->a, query, strlen(query), &q) == CD_OK
                           ? url_with_query(req->a, "/cases", &q)
                           : NULL;
    tmpl_set(d, "ACTION", page_org_url(req, "/views/new", NULL, NULL));
    tmpl_set(d, "QUERY", query);
    tmpl_set(d, "FILTERS", query && *query ? query : "none (every case)");
    tmpl_set(d, "BACK", back ? back : "/cases");
    if (shared && *shared && strcmp(shared, "false") != 0)
        tmpl_show(d, "SHARED");
    form_alert(d, "ALERT", name_field, 1, req->invalid);
    form_fill(d, "FIELDS", name_field, 1, form_values(req, name_field, 1), NULL, req->invalid);
    return page_finish(req, resp, 400);
}

cd_err web_view_new(request *req, response *resp)
{
    json_t *errors = input_errors(req);
    if (!errors)
        return CD_ENOMEM;
    actor act = auth_actor(req);
    input_fields in = input_of(req);
    const char *id = NULL;
    cd_err e = view_save(&act, &in, NULL, errors, &id);
    if (e == CD_EINVALID)
        req->error_page = save_again;
    if (e != CD_OK)
        return e;
    kvlist q = {0};
    if (kv_add(&q, req->a, "view", 4, id, strlen(id)) < 0)
        return CD_ENOMEM;
    const char *url = page_org_url(req, "/cases", &q, NULL);
    return page_done(req, resp, url ? url : "/cases",
                     arena_printf(req->a, "Saved the view %s", page_quoted(req, kv_get(&req->form, "name"))), NULL,
                     NULL);
}

/* ---- deleting a view ---- */

cd_err web_view_delete(request *req, response *resp)
{
    actor act = auth_actor(req);
    cd_err e;
    json_t *v = view_get(&act, req->params[0], &e);
    if (!v)
        return e;
    const char *name = json_string_value(json_object_get(v, "name"));
    if (!view_may_edit(&act, json_string_value(json_object_get(v, "owner")),
                       json_is_true(json_object_get(v, "shared"))))
        return CD_EFORBIDDEN;
    if (req->method == M_POST) {
        if ((e = view_delete(&act, req->params[0])) != CD_OK)
            return e;
        return page_done(req, resp, "/cases", arena_printf(req->a, "Deleted the view %s", page_quoted(req, name)),
                         NULL, NULL);
    }
    tmpl_dict *d = page_start(req, "Delete view", "confirm.tpl");
    if (!d)
        return CD_ENOMEM;
    tmpl_set(d, "HEADING", arena_printf(req->a, "Delete the view %s?", page_quoted(req, name)));
    tmpl_set(d, "QUESTION",
             json_is_true(json_object_get(v, "shared"))
                 ? "The saved view will be removed for everyone in the organization; no case changes."
                 : "The saved view will be removed; no case changes.");
    tmpl_set(d, "ACTION", page_org_url(req, arena_printf(req->a, "/views/%s/delete", req->params[0]), NULL, NULL));
    tmpl_set(d, "BUTTON", "Delete view");
    kvlist q = {0};
    const char *back = kv_add(&q, req->a, "view", 4, req->params[0], strlen(req->params[0])) < 0
                           ? NULL
                           : page_org_url(req, "/cases", &q, NULL);
    tmpl_set(d, "CANCEL", back ? back : "/cases");
    return page_finish(req, resp, 200);
}
