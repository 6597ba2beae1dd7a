/* case_forms.c (web): /cases/new, /cases/{id}/edit and /cases/{id}/delete, through the case rules of
 * repo/cases.c that the API applies too; a stale edit merges three ways with the change made meanwhile. */
#include "handlers.h"
#include "auth/auth.h"
#include "core/arena_json.h"
#include "http/input.h"
#include "db/db.h"
#include "repo/cases.h"
#include "repo/rules.h"
#include "web/case_forms.h"
#include "web/form.h"
#include "web/page.h"
#include "web/tmpl_json.h"
#include <stdlib.h>
#include <string.h>

/* The main column (NMAIN fields), then the side column. */
static const form_field case_fields[] = {
    {.name = "name", .label = "Name", .w = W_TEXT, .required = true},
    {.name = "description", .label = "Description", .w = W_TEXTAREA},
    {.name = "contacts", .label = "Contacts", .w = W_CHECKS},
    {.name = "assigned_to", .label = "Assignees", .w = W_CHECKS, .choices = "members"},
    {.name = "teams", .label = "Teams", .w = W_CHECKS},
    {.name = "status", .label = "Status", .w = W_SELECT, .required = true},
    {.name = "priority", .label = "Priority", .w = W_SELECT, .required = true},
    {.name = "case_type", .label = "Type", .w = W_SELECT, .empty = "No type"},
    {.name = "account", .label = "Account", .w = W_SELECT, .choices = "accounts", .empty = "No account"},
    {.name = "closed_on",
     .label = "Closed on",
     .w = W_SHOWN,
     .empty = "Not closed",
     .hint = "Set when the case is closed, cleared when it is reopened."},
};
#define NMAIN 5
#define NCASE (sizeof case_fields / sizeof case_fields[0])
#define NNEW (NCASE - 1) /* the create form leaves out Closed on, the last field: a new case has none */

/* The attachments input, its hint saying the configured size limit (arena copy; NULL when out of memory). */
static const form_field *files_field(request *req)
{
    form_field *f = arena_calloc(req->a, 1, sizeof *f);
    if (!f)
        return NULL;
    *f = (form_field){.name = "attachments", .label = "Attachments", .w = W_FILES, .max_bytes = req->cfg->max_upload};
    f->hint = arena_printf(req->a,
                           "Optional, up to %s in all. If the form comes back with problems, choose the files again.",
                           page_upload_limit(req));
    return f;
}

/* The choices c (owned by the request) with the values of every choice field added. */
static json_t *with_values(json_t *c)
{
    for (int f = 0; c && f < CF__COUNT; f++)
        if (case_field_specs[f].choices)
            form_static_choices(c, case_field_specs[f].name, case_field_specs[f].choices);
    return c;
}

/* The form's choices: the organization's lists and the values of every choice field. */
static json_t *case_choices(request *req, cd_err *e) { return with_values(form_choices(req, e)); }

/* The quick form's: members, teams and the values of every choice field (no accounts or contacts to read). */
static json_t *quick_choices(request *req, cd_err *e) { return with_values(form_team_choices(req, e)); }

/* The values of the form as submitted, with what it shows but never sends (Closed on) from stored, the case
 * as stored (NULL: left out). */
static json_t *submitted(request *req, const json_t *stored)
{
    json_t *v = form_values(req, case_fields, NCASE);
    if (v && stored)
        json_object_set(v, "closed_on", json_object_get(stored, "closed_on"));
    return v;
}

/* The prefix of the form fields carrying the values an edit form was loaded with. */
#define LOADED "loaded_"
#define LOADED_LEN (sizeof LOADED - 1)

/* The form field carrying the value field f had when the edit form was loaded. */
static const char *loaded_key(request *req, const form_field *f)
{
    return arena_printf(req->a, LOADED "%s", f->name);
}

/* The values the submitted edit form was loaded with (form_values' shape); a field the form did not carry is
 * left out (its merge then cannot tell who changed it). */
static json_t *loaded_values(request *req) { return form_sent_values(req, case_fields, NCASE, LOADED); }

/* The answers of a conflict form: each field whose pick_<name> is "theirs" takes the values it was loaded with
 * (there: the other person's), in place of the submitted ones (mine). */
static cd_err apply_picks(request *req)
{
    kvlist form = {0};
    bool theirs[NCASE] = {false}, any = false;
    for (size_t i = 0; i < NCASE; i++) {
        const char *pick = kv_get(&req->form, arena_printf(req->a, "pick_%s", case_fields[i].name));
        any |= theirs[i] = pick && strcmp(pick, "theirs") == 0;
    }
    if (!any)
        return CD_OK;
    for (size_t k = 0; k < req->form.n; k++) {
        const kv *e = &req->form.v[k];
        const char *name = e->key;
        bool loaded = strncmp(name, LOADED, LOADED_LEN) == 0;
        size_t i = 0;
        while (i < NCASE && strcmp(case_fields[i].name, loaded ? name + LOADED_LEN : name) != 0)
            i++;
        if (i < NCASE && theirs[i] && !loaded)
            continue; /* mine, not taken */
        if (kv_add(&form, req->a, e->key, strlen(e->key), e->value, e->vlen) < 0)
            return CD_ENOMEM;
        if (i < NCASE && theirs[i] && loaded &&
            kv_add(&form, req->a, name + LOADED_LEN, strlen(name + LOADED_LEN), e->value, e->vlen) < 0)
            return CD_ENOMEM;
    }
    req->form = form;
    return CD_OK;
}

/* What a stale edit of the case stored now (theirs, as the API shows it) merges to, field by field. */
typedef struct case_merged {
    case_merge how[NCASE];
    size_t conflicts;
} case_merged;

static void merge_fields(request *req, const json_t *theirs, case_merged *m)
{
    json_t *mine = submitted(req, NULL), *loaded = loaded_values(req);
    m->conflicts = 0;
    for (size_t i = 0; i < NCASE; i++) {
        const char *name = case_fields[i].name;
        if (!kv_count(&req->form, name)) { /* a form that does not carry the field (the quick form) keeps it */
            m->how[i] = MERGE_UNCHANGED;
            continue;
        }
        m->how[i] = case_merge_field(json_object_get(loaded, name), json_object_get(mine, name),
                                     json_object_get(theirs, name));
        m->conflicts += m->how[i] == MERGE_CONFLICT;
    }
}

typedef struct case_view {
    const char *id;            /* NULL: the create form */
    const char *version;       /* the version the form edits */
    const json_t *values;      /* what the fields show */
    const json_t *errors;      /* messages next to the fields, or NULL */
    const json_t *loaded;      /* edit forms: the stored values the form carries as loaded_<name> */
    long long mark;            /* edit forms: the newest history row when they were loaded */
    const case_merged *merged; /* a stale edit with conflicts: how each field merged, or NULL */
    const json_t *changes;     /* then: who changed each field since the form was loaded (case_field_changes) */
} case_view;

/* One hidden input of section HIDDEN in d per value of field f of values, named name (an empty one first for
 * a checkbox group, so that "none" is sent too). */
static void hidden_values(tmpl_dict *d, const char *name, const form_field *f, const json_t *values)
{
    const json_t *v = json_object_get(values, f->name);
    if (f->w == W_CHECKS) {
        tmpl_dict *h = tmpl_section(d, "HIDDEN");
        tmpl_set(h, "NAME", name);
        tmpl_set(h, "VALUE", "");
        size_t i;
        json_t *it;
        json_array_foreach(v, i, it) {
            h = tmpl_section(d, "HIDDEN");
            tmpl_set(h, "NAME", name);
            tmpl_set(h, "VALUE", json_string_value(it));
        }
        return;
    }
    tmpl_dict *h = tmpl_section(d, "HIDDEN");
    tmpl_set(h, "NAME", name);
    tmpl_set(h, "VALUE", json_string_value(v) ? json_string_value(v) : "");
}

/* The conflict form of a stale edit: each field changed by both, with both values, who changed it and when, and
 * the choice between them; every other field merged (mine where only I changed it, else theirs) as hidden
 * values. */
static void merge_form(request *req, tmpl_dict *d, const case_view *v, const json_t *choices)
{
    tmpl_dict *c = tmpl_section(d, "MERGE");
    tmpl_set(c, "DISCARD", page_case_url(req, v->id, NULL, NULL));
    tmpl_set(c, "RELOAD", page_case_url(req, v->id, "/edit", NULL));
    for (size_t i = 0; i < NCASE; i++) {
        const form_field *f = &case_fields[i];
        if (f->w == W_SHOWN) /* never sent: the server keeps it */
            continue;
        case_merge how = v->merged->how[i];
        hidden_values(d, f->name, f, how == MERGE_CONFLICT || how == MERGE_MINE ? v->values : v->loaded);
        if (how != MERGE_CONFLICT)
            continue;
        tmpl_dict *row = tmpl_section(c, "FIELD");
        tmpl_set(row, "NAME", f->name);
        tmpl_set(row, "LABEL", f->label);
        tmpl_set(row, "MINE", form_shown(req, f, v->values, choices));
        tmpl_set(row, "THEIRS", form_shown(req, f, v->loaded, choices));
        json_t *who = json_object_get(v->changes, f->name);
        if (who) {
            tmpl_dict *w = tmpl_section(row, "CHANGED");
            tmpl_json_object(w, who);
            if (!json_string_value(json_object_get(who, "by")))
                tmpl_set(w, "BY", "a former member");
        }
    }
}

static cd_err case_form(request *req, response *resp, int status, const case_view *v)
{
    cd_err e;
    json_t *choices = case_choices(req, &e);
    if (!choices)
        return e;
    const char *title = v->id ? "Edit case" : "New case";
    tmpl_dict *d = page_start(req, title, "case_form.tpl");
    if (!d)
        return CD_ENOMEM;
    const char *back = v->id ? page_case_url(req, v->id, NULL, NULL) : page_org_url(req, "/cases", NULL, NULL);
    const char *name = json_string_value(json_object_get(v->loaded ? v->loaded : v->values, "name"));
    tmpl_set(d, "HEADING", v->id && name && *name ? arena_printf(req->a, "Edit case: %s", name) : title);
    tmpl_set(d, "CANCEL", back ? back : "/cases");
    tmpl_set(d, "CANCEL_LABEL", v->id ? "Back to the case" : "Back to the cases");
    const char *action =
        v->id ? page_case_url(req, v->id, "/edit", NULL) : page_org_url(req, "/cases/new", NULL, NULL);
    tmpl_set(d, "ACTION", action ? action : "/cases/new");
    tmpl_set(d, "SUBMIT", v->merged ? "Save with these choices" : v->id ? "Save changes" : "Create case");
    if (v->version)
        tmpl_set(tmpl_section(d, "VERSION"), "NUMBER", v->version);
    if (v->loaded) {
        for (size_t i = 0; i < NCASE; i++)
            if (case_fields[i].w != W_SHOWN)
                hidden_values(d, loaded_key(req, &case_fields[i]), &case_fields[i], v->loaded);
        tmpl_dict *h = tmpl_section(d, "HIDDEN");
        tmpl_set(h, "NAME", LOADED "history");
        tmpl_set(h, "VALUE", arena_printf(req->a, "%lld", v->mark));
    }
    form_alert(d, "ALERT", case_fields, NCASE, v->errors);
    if (v->merged) {
        merge_form(req, d, v, choices);
        return page_finish(req, resp, status);
    }
    tmpl_show(d, "FIELDS");
    form_fill(d, "MAIN", case_fields, NMAIN, v->values, choices, v->errors);
    form_fill(d, "SIDE", case_fields + NMAIN, (v->id ? NCASE : NNEW) - NMAIN, v->values, choices, v->errors);
    if (!v->id) {
        const form_field *files = files_field(req);
        if (!files)
            return CD_ENOMEM;
        tmpl_show(d, "MULTIPART");
        form_fill(d, "FILES", files, 1, v->values, choices, v->errors);
    }
    return page_finish(req, resp, status);
}

/* The create form again after a refused case: the input and every message (400). */
static cd_err new_again(request *req, response *resp)
{
    json_t *values = submitted(req, NULL);
    return case_form(req, resp, 400, &(case_view){.values = values, .errors = req->invalid});
}

cd_err web_case_new(request *req, response *resp)
{
    if (req->method != M_POST) {
        json_t *defaults = arena_json(req->a, json_pack("{s:s, s:s}", "status", "New", "priority", "Normal"));
        return case_form(req, resp, 200, &(case_view){.values = defaults});
    }
    field_val v[CF__COUNT] = {{0}};
    json_t *errors = input_errors(req);
    actor act = auth_actor(req);
    input_fields in = input_of(req);
    cd_err e = form_submitted(req, case_fields, NCASE);
    if (e == CD_OK)
        e = errors ? case_validate(&act, &in, true, v, errors) : CD_ENOMEM;
    if ((e == CD_OK || e == CD_EINVALID) && req->upload_refused) {
        field_error(errors, "attachments", page_upload_refusal(req));
        e = input_verdict(errors);
    }
    char id[37];
    if (e == CD_OK && (e = case_create(&act, req->files, req->nfiles, v, id)) == CD_OK)
        return page_done(req, resp, page_case_url(req, id, NULL, NULL),
                         arena_printf(req->a, "Created case %s", page_quoted(req, v[CF_NAME].s)), NULL, NULL);
    if (e == CD_EINVALID)
        req->error_page = new_again;
    return e;
}

/* The case of the path as stored now (cs) and the history mark the posted form was loaded at (0: none). */
static cd_err stored_case(request *req, const actor *act, case_summary *cs, long long *mark)
{
    const char *m = kv_get(&req->form, LOADED "history");
    *mark = m ? atoll(m) : 0;
    return case_summary_get(act, req->params[0], cs);
}

/* The answer to a stale edit with conflicts, once its writes are undone: the conflict form against the case as
 * stored now (409). */
static cd_err stale_again(request *req, response *resp)
{
    case_summary cs;
    actor act = auth_actor(req);
    long long mark;
    cd_err e = stored_case(req, &act, &cs, &mark);
    if (e != CD_OK)
        return e;
    json_t *changes = case_field_changes(&act, req->params[0], mark, &e);
    if (!changes)
        return e;
    case_merged m;
    merge_fields(req, cs.obj, &m);
    return case_form(req, resp, 409,
                     &(case_view){.id = req->params[0],
                                  .version = arena_printf(req->a, "%ld", cs.version),
                                  .values = submitted(req, cs.obj),
                                  .loaded = cs.obj,
                                  .mark = cs.history_mark,
                                  .merged = &m,
                                  .changes = changes});
}

/* The edit form again after a refused edit: the input and every message (400), still against the version and
 * values it was loaded with. */
static cd_err edit_again(request *req, response *resp)
{
    case_summary cs;
    actor act = auth_actor(req);
    long long mark;
    cd_err e = stored_case(req, &act, &cs, &mark);
    if (e != CD_OK)
        return e;
    json_t *yours = submitted(req, cs.obj), *loaded = loaded_values(req);
    if (!yours || !loaded)
        return CD_ENOMEM;
    for (size_t i = 0; i < NCASE; i++) { /* what the form did not carry (the quick form) shows as stored */
        const char *name = case_fields[i].name;
        if (case_fields[i].w != W_SHOWN && !kv_count(&req->form, name)) {
            json_object_set(yours, name, json_object_get(cs.obj, name));
            json_object_set(loaded, name, json_object_get(cs.obj, name));
        }
    }
    return case_form(req, resp, 400,
                     &(case_view){.id = req->params[0],
                                  .version = kv_get(&req->form, "version"),
                                  .values = yours,
                                  .errors = req->invalid,
                                  .loaded = loaded,
                                  .mark = mark});
}

/* The name of the case as an edit of name (sent or not) leaves it: the one sent, else the one it had (lk). */
static const char *saved_name(const case_lock *lk, const field_val *name)
{
    return name->present && name->s ? name->s : lk->name ? lk->name : "";
}

/* The fields of the case page's quick form, in the order it shows them. */
static const char *const quick_names[] = {"status", "priority", "assigned_to", "teams"};
#define NQUICK (sizeof quick_names / sizeof quick_names[0])

/* The form field of case_fields named name. */
static const form_field *case_field(const char *name)
{
    for (size_t i = 0; i < NCASE; i++)
        if (strcmp(case_fields[i].name, name) == 0)
            return &case_fields[i];
    return NULL;
}

/* What an edit saved says: "Saved case “name”"; from the quick form (quick), which of its fields it changed
 * from the values the page was loaded with, and to what ("Saved case “name”: Status: Closed; Assignees: Ann"),
 * or that nothing changed. */
static const char *saved_notice(request *req, const char *name, bool quick)
{
    const char *saved = arena_printf(req->a, "Saved case %s", page_quoted(req, name));
    cd_err e;
    json_t *choices = quick ? quick_choices(req, &e) : NULL;
    json_t *mine = submitted(req, NULL), *loaded = loaded_values(req);
    if (!choices || !mine || !loaded)
        return saved;
    strbuf sb;
    sb_init(&sb, req->a);
    for (size_t i = 0; i < NQUICK; i++) {
        const form_field *f = case_field(quick_names[i]);
        if (!kv_count(&req->form, f->name) || case_merge_field(NULL, json_object_get(mine, f->name),
                                                               json_object_get(loaded, f->name)) == MERGE_UNCHANGED)
            continue;
        const char *shown = form_shown(req, f, mine, choices);
        sb_printf(&sb, "%s%s: %s", sb.len ? "; " : "", f->label, strcmp(shown, "—") == 0 ? "none" : shown);
    }
    if (sb.failed)
        return saved;
    if (!sb.len)
        return arena_printf(req->a, "Nothing to change on case %s", page_quoted(req, name));
    return arena_printf(req->a, "%s: %s", saved, sb.data);
}

/* A stale edit (the case is at version lk->version, locked): merged with the change made meanwhile when no field
 * was changed by both, and saved at once against the current version (303 to the case, saying so); otherwise
 * CD_EPRECOND with the conflict form to answer. */
static cd_err merge_stale(request *req, response *resp, field_val v[CF__COUNT], json_t *errors, bool quick)
{
    const char *id = req->params[0];
    actor act = auth_actor(req);
    case_summary cs;
    cd_err e = case_summary_get(&act, id, &cs);
    if (e != CD_OK)
        return e;
    case_merged m;
    merge_fields(req, cs.obj, &m);
    if (m.conflicts) {
        req->error_page = stale_again;
        return CD_EPRECOND;
    }
    for (size_t i = 0; i < NCASE; i++)
        for (int f = 0; f < CF__COUNT; f++)
            if (strcmp(case_field_specs[f].name, case_fields[i].name) == 0)
                v[f].present = m.how[i] == MERGE_MINE;
    case_lock lk;
    long now;
    e = case_update(&act, id, arena_printf(req->a, "\"%ld\"", cs.version), v, errors, &lk, &now);
    if (e == CD_OK)
        return page_done(req, resp, page_case_url(req, id, NULL, NULL),
                         arena_printf(req->a,
                                      "%s. Someone else changed it while you were editing: your changes were merged "
                                      "with theirs.",
                                      saved_notice(req, saved_name(&lk, &v[CF_NAME]), quick)),
                         NULL, NULL);
    if (e == CD_EPRECOND)
        req->error_page = stale_again;
    else if (e == CD_EINVALID)
        req->error_page = edit_again;
    return e;
}

/* Saves a posted edit of the case of the path: from the edit form, or from the case page's quick form and
 * buttons (quick), which carry only some fields (the others are kept). A stale one merges three ways
 * (merge_stale); a refused one shows the edit form again. */
static cd_err save_edit(request *req, response *resp, bool quick)
{
    const char *id = req->params[0];
    actor act = auth_actor(req);
    cd_err e;
    if ((e = apply_picks(req)) != CD_OK)
        return e;
    field_val v[CF__COUNT] = {{0}};
    json_t *errors = input_errors(req);
    const char *version = kv_get(&req->form, "version");
    case_lock lk;
    long now;
    input_fields in = input_of(req);
    e = form_submitted(req, case_fields, NCASE);
    if (e == CD_OK)
        e = errors ? case_validate(&act, &in, false, v, errors) : CD_ENOMEM;
    if (e == CD_OK) /* the form's version as an If-Match value; a missing one never matches */
        e = case_update(&act, id, arena_printf(req->a, "\"%s\"", version ? version : "none"), v, errors, &lk, &now);
    if (e == CD_OK)
        return page_done(req, resp, page_case_url(req, id, NULL, NULL),
                         saved_notice(req, saved_name(&lk, &v[CF_NAME]), quick), NULL, NULL);
    if (e == CD_EPRECOND)
        return merge_stale(req, resp, v, errors, quick);
    if (e == CD_EINVALID)
        req->error_page = edit_again;
    return e;
}

cd_err web_case_edit(request *req, response *resp)
{
    if (req->method == M_POST)
        return save_edit(req, resp, false);
    actor act = auth_actor(req);
    case_summary cs;
    cd_err e = case_summary_get(&act, req->params[0], &cs);
    if (e != CD_OK)
        return e;
    return case_form(req, resp, 200,
                     &(case_view){.id = req->params[0],
                                  .version = arena_printf(req->a, "%ld", cs.version),
                                  .values = cs.obj,
                                  .loaded = cs.obj,
                                  .mark = cs.history_mark});
}

cd_err web_case_quick(request *req, response *resp) { return save_edit(req, resp, true); }

/* One of the case page's one-click buttons: section name of d posting field to value (for a checkbox group:
 * the stored values and value) over what c holds now. */
static void quick_button(request *req, tmpl_dict *d, const char *section, const json_t *c, const char *field,
                         const char *value)
{
    const form_field *f = case_field(field);
    tmpl_dict *b = tmpl_section(d, section);
    json_t *mine = arena_json(req->a, json_deep_copy(c));
    if (!mine)
        return;
    if (f->w == W_CHECKS) {
        json_t *list = json_object_get(mine, field);
        if (!json_is_array(list))
            json_object_set_new(mine, field, list = json_array());
        json_array_append_new(list, json_string(value));
    } else {
        json_object_set_new(mine, field, json_string(value));
    }
    hidden_values(b, f->name, f, mine);
    hidden_values(b, loaded_key(req, f), f, c);
}

cd_err case_quick_fill(request *req, tmpl_dict *d, const json_t *c, long version)
{
    cd_err e;
    json_t *choices = quick_choices(req, &e);
    if (!choices)
        return e;
    form_field *fields = arena_calloc(req->a, NQUICK, sizeof *fields);
    if (!fields)
        return CD_ENOMEM;
    tmpl_dict *q = tmpl_section(d, "QUICK");
    tmpl_set(q, "ACTION", page_case_url(req, json_string_value(json_object_get(c, "id")), "/quick", NULL));
    tmpl_set_int(q, "VERSION", version);
    tmpl_dict *form = tmpl_section(q, "FORM");
    for (size_t i = 0; i < NQUICK; i++) {
        fields[i] = *case_field(quick_names[i]);
        fields[i].required = false; /* the stored value is always sent */
        hidden_values(form, loaded_key(req, &fields[i]), &fields[i], c);
    }
    form_fill(form, "QUICK_FIELDS", fields, NQUICK, c, choices, NULL);
    const char *status = json_string_value(json_object_get(c, "status"));
    bool closed = status && strcmp(status, "Closed") == 0, mine = false;
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(c, "assigned_to"), i, it)
        mine |= json_string_value(it) && strcmp(json_string_value(it), req->auth->user_id) == 0;
    if (!mine)
        quick_button(req, q, "ASSIGN_ME", c, "assigned_to", req->auth->user_id);
    quick_button(req, q, closed ? "REOPEN" : "CLOSE", c, "status", closed ? "In Progress" : "Closed");
    return CD_OK;
}

cd_err web_case_delete(request *req, response *resp)
{
    const char *id = req->params[0];
    actor act = auth_actor(req);
    case_summary cs;
    cd_err e = case_summary_get(&act, id, &cs);
    if (e != CD_OK)
        return e;
    const json_t *c = cs.obj;
    if (req->method == M_POST) {
        const char *deleted = page_quoted(req, json_string_value(json_object_get(c, "name")));
        const char *list = page_org_url(req, "/cases", NULL, NULL);
        e = case_delete(&act, id, &req->error_detail);
        return e == CD_OK ? page_done(req, resp, list ? list : "/cases",
                                      arena_printf(req->a, "Deleted case %s", deleted), NULL, NULL)
                          : e;
    }
    const char *creator = json_string_value(json_object_get(c, "created_by"));
    if (!case_may_delete(&act, actor_is(&act, creator))) {
        req->error_detail = CASE_DELETE_REFUSED;
        return CD_EFORBIDDEN;
    }
    tmpl_dict *d = page_start(req, "Delete case", "confirm.tpl");
    if (!d)
        return CD_ENOMEM;
    const char *name = json_string_value(json_object_get(c, "name"));
    tmpl_set(d, "HEADING", arena_printf(req->a, "Delete case “%s”?", name));
    tmpl_set(d, "QUESTION", "The case will be deleted with everything that belongs to it:");
    tmpl_dict *facts = tmpl_section(d, "FACTS");
    tmpl_set(tmpl_section(facts, "FACT"), "TEXT",
             arena_printf(req->a, "%lld comment%s", cs.comments, cs.comments == 1 ? "" : "s"));
    tmpl_set(tmpl_section(facts, "FACT"), "TEXT",
             arena_printf(req->a, "%lld attachment%s", cs.attachments, cs.attachments == 1 ? "" : "s"));
    tmpl_set(tmpl_section(facts, "FACT"), "TEXT", "its history");
    tmpl_set(d, "ACTION", page_case_url(req, id, "/delete", NULL));
    tmpl_set(d, "BUTTON", "Delete case");
    tmpl_set(d, "CANCEL", page_case_url(req, id, NULL, NULL));
    return page_finish(req, resp, 200);
}
