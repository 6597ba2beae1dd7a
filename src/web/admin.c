/* admin.c: administration pages of teams, accounts and contacts (list, create, edit, delete), one
 * table-driven implementation over the same repo writes and statements as the JSON API. */
#include "handlers.h"
#include "web/admin.h"
#include "http/paging.h"
#include "auth/actor.h"
#include "auth/auth.h"
#include "core/arena_json.h"
#include "http/input.h"
#include "repo/accounts.h"
#include "repo/contacts.h"
#include "repo/teams.h"
#include "web/form.h"
#include "web/page.h"
#include <stdlib.h>
#include <string.h>

void admin_nav(tmpl_dict *d, const char *current)
{
    tmpl_dict *nav = tmpl_include(d, "ADMIN_NAV", "admin_nav.tpl");
    if (nav)
        tmpl_show(nav, current);
}

json_t *admin_rows(request *req, tmpl_dict *d, stmt_id count, stmt_id list, size_t nfilters, cd_err *e)
{
    paging pg;
    json_t *errors = arena_json(req->a, json_object());
    if (!errors || !paging_parse(req, &pg, errors)) {
        *e = errors ? CD_EBADREQ : CD_ENOMEM;
        return NULL;
    }
    if (!kv_get(&req->query, "limit")) {
        pg.limit = PAGE_MAX_LIMIT;
        snprintf(pg.limit_s, sizeof pg.limit_s, "%ld", pg.limit);
    }
    const char *p[8] = {req->auth->org_id};
    p[1 + nfilters] = pg.limit_s;
    p[2 + nfilters] = pg.offset_s;
    PGresult *r = db_exec(req->a, count, p, e);
    if (!r)
        return NULL;
    long long n = atoll(db_value(r, 0) ? db_value(r, 0) : "0");
    json_t *rows = db_json(req->a, list, p, e);
    json_t *env = rows ? arena_json(req->a, paging_envelope(req, &pg, n, json_incref(rows))) : NULL;
    tmpl_dict *pager = tmpl_include(d, "PAGER", "pager.tpl");
    if (env && pager && (json_is_string(json_object_get(env, "next")) || pg.offset > 0)) {
        tmpl_dict *pages = tmpl_section(pager, "PAGES");
        tmpl_set_int(pages, "FROM", pg.offset + 1);
        tmpl_set_int(pages, "TO", pg.offset + (long long)json_array_size(rows));
        tmpl_set_int(pages, "COUNT", n);
        if (json_is_string(json_object_get(env, "previous")))
            tmpl_set(tmpl_section(pages, "PREV"), "HREF", json_string_value(json_object_get(env, "previous")));
        if (json_is_string(json_object_get(env, "next")))
            tmpl_set(tmpl_section(pages, "NEXT"), "HREF", json_string_value(json_object_get(env, "next")));
    }
    return rows;
}

/* ---- the three resources ---- */

typedef enum col_kind { COL_LINK, COL_TEXT, COL_COUNT, COL_CHOICE } col_kind;

typedef struct admin_col {
    const char *label;
    col_kind kind;
    const char *key, *key2; /* COL_LINK: the row's name, key and key2 joined by a space */
    const char *choices;    /* COL_CHOICE: the list its value's label comes from */
} admin_col;

typedef struct admin_res {
    const char *path, *nav, *plural, *one; /* "/admin/teams", "TEAMS", "Teams", "team" */
    const form_field *fields;
    size_t nfields;
    const admin_col *cols; /* cols[0] is the COL_LINK naming the row */
    size_t ncols;
    stmt_id count, list, get;
    size_t nfilters; /* NULL filters list and count take after the organization */
    cd_err (*save)(const actor *act, const input_fields *in, const char *id, json_t *errors, const char **out);
    cd_err (*del)(const actor *act, const char *id);
    const char *delete_note;
    const char *page; /* "/accounts": each row's page is page/{id} (NULL: its edit form) */
    stmt_id links;    /* counts the cases that link to a row ($1 org, $2 id) */
    const char *lose; /* "this account": what deleting a row takes from each such case */
} admin_res;

static const form_field team_fields[] = {
    {.name = "name", .label = "Name", .w = W_TEXT, .required = true},
    {.name = "description", .label = "Description", .w = W_TEXTAREA},
    {.name = "users", .label = "Members", .w = W_CHECKS, .choices = "members"},
};
static const admin_col team_cols[] = {
    {.label = "Name", .kind = COL_LINK, .key = "name"},
    {.label = "Description", .kind = COL_TEXT, .key = "description"},
    {.label = "Members", .kind = COL_COUNT, .key = "users"},
};
static const admin_res teams = {
    "/admin/teams",
    "TEAMS",
    "Teams",
    "team",
    team_fields,
    3,
    team_cols,
    3,
    STMT_TEAM_COUNT,
    STMT_TEAM_LIST,
    STMT_TEAM_GET,
    0,
    team_save,
    team_delete,
    "Its members stay in the organization; cases assigned to it lose this team, each with a history entry.",
    NULL,
    STMT_TEAM_CASE_COUNT,
    "this team",
};

static const form_field account_fields[] = {
    {.name = "name", .label = "Name", .w = W_TEXT, .required = true},
    {.name = "email", .label = "Email", .w = W_EMAIL, .autocomplete = "email"},
    {.name = "phone", .label = "Phone", .w = W_TEXT, .autocomplete = "tel"},
    {.name = "website", .label = "Website", .w = W_TEXT, .autocomplete = "url"},
    {.name = "description", .label = "Description", .w = W_TEXTAREA},
};
static const admin_col account_cols[] = {
    {.label = "Name", .kind = COL_LINK, .key = "name"},
    {.label = "Email", .kind = COL_TEXT, .key = "email"},
    {.label = "Phone", .kind = COL_TEXT, .key = "phone"},
    {.label = "Website", .kind = COL_TEXT, .key = "website"},
};
static const admin_res accounts = {
    "/admin/accounts",
    "ACCOUNTS",
    "Accounts",
    "account",
    account_fields,
    5,
    account_cols,
    4,
    STMT_ACCOUNT_COUNT,
    STMT_ACCOUNT_LIST,
    STMT_ACCOUNT_GET,
    1,
    account_save,
    account_delete,
    "Its contacts and cases stay, without an account; each case records it in its history.",
    "/accounts",
    STMT_ACCOUNT_CASE_COUNT,
    "this account",
};

static const form_field contact_fields[] = {
    {.name = "first_name", .label = "First name", .w = W_TEXT, .required = true, .autocomplete = "off"},
    {.name = "last_name", .label = "Last name", .w = W_TEXT},
    {.name = "email", .label = "Email", .w = W_EMAIL},
    {.name = "phone", .label = "Phone", .w = W_TEXT},
    {.name = "title", .label = "Job title", .w = W_TEXT},
    {.name = "account", .label = "Account", .w = W_SELECT, .choices = "accounts", .empty = "No account"},
};
static const admin_col contact_cols[] = {
    {.label = "Name", .kind = COL_LINK, .key = "first_name", .key2 = "last_name"},
    {.label = "Email", .kind = COL_TEXT, .key = "email"},
    {.label = "Phone", .kind = COL_TEXT, .key = "phone"},
    {.label = "Account", .kind = COL_CHOICE, .key = "account", .choices = "accounts"},
};
static const admin_res contacts = {
    "/admin/contacts",
    "CONTACTS",
    "Contacts",
    "contact",
    contact_fields,
    6,
    contact_cols,
    4,
    STMT_CONTACT_COUNT,
    STMT_CONTACT_LIST,
    STMT_CONTACT_GET,
    2,
    contact_save,
    contact_delete,
    "Cases that name this contact lose it, each with a history entry.",
    "/contacts",
    STMT_CONTACT_CASE_COUNT,
    "this contact",
};

/* The text of row's key ("" when null or missing). */
static const char *text(const json_t *row, const char *key)
{
    const char *s = key ? json_string_value(json_object_get(row, key)) : NULL;
    return s ? s : "";
}

/* The name of a row as its list shows it, copied into the request's arena (NULL when out of memory). */
static const char *row_name(request *req, const admin_res *r, const json_t *row)
{
    const admin_col *c = &r->cols[0];
    const char *a = text(row, c->key), *b = text(row, c->key2);
    return arena_printf(req->a, "%s%s%s", a, *b ? " " : "", b);
}

/* The content dictionary of an admin page, with the sub-navigation. */
static tmpl_dict *start(request *req, const admin_res *r, const char *title, const char *tpl)
{
    tmpl_dict *d = page_start(req, title, tpl);
    if (d) {
        admin_nav(d, r->nav);
        tmpl_set(d, "HEADING", title);
        tmpl_set(d, "PLURAL", r->plural);
    }
    return d;
}

static void fill_cell(request *req, tmpl_dict *cell, const admin_res *r, const admin_col *c, const json_t *row,
                      const json_t *choices)
{
    const char *s;
    switch (c->kind) {
    case COL_LINK:
        s = row_name(req, r, row);
        break;
    case COL_COUNT:
        s = arena_printf(req->a, "%zu", json_array_size(json_object_get(row, c->key)));
        break;
    case COL_CHOICE:
        s = *text(row, c->key) ? form_choice_label(choices, c->choices, text(row, c->key)) : "";
        break;
    default:
        s = text(row, c->key);
    }
    tmpl_set(cell, "LABEL", c->label);
    tmpl_set(cell, "TEXT", s);
    tmpl_show(cell, c->kind == COL_LINK ? "LINK" : "PLAIN");
}

static cd_err list_page(request *req, response *resp, const admin_res *r)
{
    tmpl_dict *d = start(req, r, r->plural, "admin_list.tpl");
    if (!d)
        return CD_ENOMEM;
    cd_err e;
    json_t *choices = form_choices(req, &e);
    json_t *rows = choices ? admin_rows(req, d, r->count, r->list, r->nfilters, &e) : NULL;
    if (!rows)
        return e;
    tmpl_set(d, "NEW_HREF", arena_printf(req->a, "%s/new", r->path));
    tmpl_set(d, "NEW_LABEL", arena_printf(req->a, "New %s", r->one));
    if (json_array_size(rows) == 0)
        tmpl_set(tmpl_section(d, "NONE"), "MESSAGE", arena_printf(req->a, "No %ss yet.", r->one));
    tmpl_dict *table = json_array_size(rows) ? tmpl_section(d, "TABLE") : NULL;
    for (size_t c = 0; table && c < r->ncols; c++)
        tmpl_set(tmpl_section(table, "COL"), "LABEL", r->cols[c].label);
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row) {
        tmpl_dict *tr = tmpl_section(table, "ROW");
        const char *id = text(row, "id");
        tmpl_set(tr, "NAME", row_name(req, r, row));
        tmpl_set(tr, "EDIT", arena_printf(req->a, "%s/%s/edit", r->path, id));
        tmpl_set(tr, "DELETE", arena_printf(req->a, "%s/%s/delete", r->path, id));
        tmpl_set(tr, "HREF",
                 r->page ? arena_printf(req->a, "%s/%s", r->page, id)
                         : arena_printf(req->a, "%s/%s/edit", r->path, id));
        for (size_t c = 0; c < r->ncols; c++)
            fill_cell(req, tmpl_section(tr, "CELL"), r, &r->cols[c], row, choices);
    }
    return page_finish(req, resp, 200);
}

/* The create (id NULL) or edit form with values, and errors next to the fields. */
static cd_err form_page(request *req, response *resp, const admin_res *r, const char *id, const json_t *values,
                        const json_t *errors, int status)
{
    const char *title = id ? arena_printf(req->a, "Edit %s", r->one) : arena_printf(req->a, "New %s", r->one);
    tmpl_dict *d = start(req, r, title, "admin_form.tpl");
    if (!d)
        return CD_ENOMEM;
    cd_err e;
    json_t *choices = form_choices(req, &e);
    if (!choices)
        return e;
    tmpl_set(d, "BACK", r->path);
    tmpl_set(d, "ACTION",
             id ? arena_printf(req->a, "%s/%s/edit", r->path, id) : arena_printf(req->a, "%s/new", r->path));
    tmpl_set(d, "SUBMIT", id ? "Save" : arena_printf(req->a, "Create %s", r->one));
    if (id)
        tmpl_set(tmpl_section(d, "DELETE"), "HREF", arena_printf(req->a, "%s/%s/delete", r->path, id));
    form_alert(d, "ALERT", r->fields, r->nfields, errors);
    form_fill(d, "FIELDS", r->fields, r->nfields, values, choices, errors);
    return page_finish(req, resp, status);
}

/* The stored row id of the organization (owned by the request's arena), or NULL with *e (CD_ENOTFOUND). */
static json_t *get_row(request *req, const admin_res *r, const char *id, cd_err *e)
{
    const char *p[2] = {req->auth->org_id, id};
    return db_json(req->a, r->get, p, e);
}

/* The form of the resource (error_page_arg) shown again after a refused save: the input and every
 * message (400). */
static cd_err form_again(request *req, response *resp)
{
    const admin_res *r = req->error_page_arg;
    json_t *values = form_values(req, r->fields, r->nfields);
    return form_page(req, resp, r, req->nparams ? req->params[0] : NULL, values, req->invalid, 400);
}

/* GET shows the form (empty, or the stored row); POST saves through the repo write shared with the
 * API and goes back to the list, or shows the form again with the input and every message (400). */
static cd_err edit_page(request *req, response *resp, const admin_res *r, const char *id)
{
    cd_err e = CD_ENOMEM; /* what a failed empty row means */
    if (req->method != M_POST) {
        json_t *row = id ? get_row(req, r, id, &e) : arena_json(req->a, json_object());
        return row ? form_page(req, resp, r, id, row, NULL, 200) : e;
    }
    json_t *errors = input_errors(req);
    const char *saved;
    actor act = auth_actor(req);
    input_fields in = input_of(req);
    if ((e = form_submitted(req, r->fields, r->nfields)) != CD_OK)
        return e;
    e = errors ? r->save(&act, &in, id, errors, &saved) : CD_ENOMEM;
    json_t *row = e == CD_OK ? get_row(req, r, saved, &e) : NULL;
    if (row)
        return page_done(req, resp, r->path,
                         arena_printf(req->a, "%s %s %s", id ? "Saved" : "Created", r->one,
                                      page_quoted(req, row_name(req, r, row))),
                         NULL, NULL);
    if (e == CD_EINVALID) {
        req->error_page = form_again;
        req->error_page_arg = r;
    }
    return e;
}

/* GET asks for confirmation; POST deletes through the repo delete the API uses and goes back to the list,
 * which says what was deleted. */
static cd_err delete_page(request *req, response *resp, const admin_res *r, const char *id)
{
    cd_err e;
    json_t *row = get_row(req, r, id, &e);
    if (!row)
        return e;
    const char *name = row_name(req, r, row);
    if (req->method == M_POST) {
        actor act = auth_actor(req);
        if ((e = r->del(&act, id)) != CD_OK)
            return e;
        return page_done(req, resp, r->path, arena_printf(req->a, "Deleted %s %s", r->one, page_quoted(req, name)),
                         NULL, NULL);
    }
    tmpl_dict *d = start(req, r, arena_printf(req->a, "Delete %s “%s”?", r->one, name), "confirm.tpl");
    if (!d)
        return CD_ENOMEM;
    tmpl_set(d, "QUESTION", arena_printf(req->a, "The %s “%s” will be deleted.", r->one, name));
    tmpl_dict *facts = tmpl_section(d, "FACTS");
    const char *p[2] = {req->auth->org_id, id};
    PGresult *n = db_exec(req->a, r->links, p, &e);
    if (!n)
        return e;
    long long cases = atoll(db_value(n, 0) ? db_value(n, 0) : "0");
    tmpl_set(tmpl_section(facts, "FACT"), "TEXT",
             arena_printf(req->a, "%lld %s will lose %s.", cases, cases == 1 ? "case" : "cases", r->lose));
    tmpl_set(tmpl_section(facts, "FACT"), "TEXT", r->delete_note);
    tmpl_set(d, "ACTION", arena_printf(req->a, "%s/%s/delete", r->path, id));
    tmpl_set(d, "BUTTON", arena_printf(req->a, "Delete %s", r->one));
    tmpl_set(d, "CANCEL", arena_printf(req->a, "%s/%s/edit", r->path, id));
    return page_finish(req, resp, 200);
}

cd_err web_admin(request *req, response *resp)
{
    (void)req;
    return resp_redirect(resp, "/admin/members");
}

cd_err web_teams(request *req, response *resp) { return list_page(req, resp, &teams); }
cd_err web_team_new(request *req, response *resp) { return edit_page(req, resp, &teams, NULL); }
cd_err web_team_edit(request *req, response *resp) { return edit_page(req, resp, &teams, req->params[0]); }
cd_err web_team_delete(request *req, response *resp) { return delete_page(req, resp, &teams, req->params[0]); }

cd_err web_accounts(request *req, response *resp) { return list_page(req, resp, &accounts); }
cd_err web_account_new(request *req, response *resp) { return edit_page(req, resp, &accounts, NULL); }
cd_err web_account_edit(request *req, response *resp) { return edit_page(req, resp, &accounts, req->params[0]); }
cd_err web_account_delete(request *req, response *resp) { return delete_page(req, resp, &accounts, req->params[0]); }

cd_err web_contacts(request *req, response *resp) { return list_page(req, resp, &contacts); }
cd_err web_contact_new(request *req, response *resp) { return edit_page(req, resp, &contacts, NULL); }
cd_err web_contact_edit(request *req, response *resp) { return edit_page(req, resp, &contacts, req->params[0]); }
cd_err web_contact_delete(request *req, response *resp) { return delete_page(req, resp, &contacts, req->params[0]); }
