/* case_forms.c (web): /cases/new, /cases/{id}/edit and /cases/{id}/delete, through the case rules of
 * repo/cases.c that the API applies too; a stale edit is shown side by side, never saved over. */
#include "handlers.h"
#include "auth/auth.h"
#include "core/arena_json.h"
#include "http/input.h"
#include "db/db.h"
#include "repo/cases.h"
#include "repo/rules.h"
#include "web/form.h"
#include "web/page.h"
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

/* The form's choices: the organization's lists and the values of every choice field. */
static json_t *case_choices(request *req, cd_err *e)
{
    json_t *c = form_choices(req, e);
    for (int f = 0; c && f < CF__COUNT; f++)
        if (case_field_specs[f].choices)
            form_static_choices(c, case_field_specs[f].name, case_field_specs[f].choices);
    return c;
}

/* The values of the form as submitted, with what it shows but never sends (Closed on) from stored, the case
 * as stored (NULL for the create form). */
static json_t *submitted(request *req, const json_t *stored)
{
    json_t *v = form_values(req, case_fields, NCASE);
    if (v && stored)
        json_object_set(v, "closed_on", json_object_get(stored, "closed_on"));
    return v;
}

typedef struct case_view {
    const char *id;       /* NULL: the create form */
    const char *version;  /* the version the form edits */
    const json_t *values; /* what the fields show */
    const json_t *errors; /* messages next to the fields, or NULL */
    const json_t *theirs; /* the stored case when the edit was stale, or NULL */
} case_view;

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
    const char *back = v->id ? arena_printf(req->a, "/cases/%s", v->id) : "/cases";
    const char *name = json_string_value(json_object_get(v->theirs ? v->theirs : v->values, "name"));
    tmpl_set(d, "HEADING", v->id && name && *name ? arena_printf(req->a, "Edit case: %s", name) : title);
    tmpl_set(d, "CANCEL", back);
    tmpl_set(d, "CANCEL_LABEL", v->id ? "Back to the case" : "Back to the cases");
    tmpl_set(d, "ACTION", v->id ? arena_printf(req->a, "/cases/%s/edit", v->id) : "/cases/new");
    tmpl_set(d, "SUBMIT", v->theirs ? "Save my version" : v->id ? "Save changes" : "Create case");
    if (v->version)
        tmpl_set(tmpl_section(d, "VERSION"), "NUMBER", v->version);
    if (v->theirs) {
        tmpl_dict *c = tmpl_section(d, "CONFLICT");
        tmpl_set(c, "DISCARD", back);
        tmpl_set(c, "RELOAD", arena_printf(req->a, "/cases/%s/edit", v->id));
        form_compare(req, c, "ROW", case_fields, NCASE, v->theirs, v->values, choices);
    }
    form_alert(d, "ALERT", case_fields, NCASE, v->errors);
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
    field_val v[CF__COUNT];
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
        return page_done(req, resp, arena_printf(req->a, "/cases/%s", id),
                         arena_printf(req->a, "Created case %s", page_quoted(req, v[CF_NAME].s)), NULL, NULL);
    if (e == CD_EINVALID)
        req->error_page = new_again;
    return e;
}

/* The edit form again after a stale edit: the stored case beside the submitted one, the form keeping the
 * submission with the stored version (409). */
static cd_err stale_again(request *req, response *resp)
{
    case_summary cs;
    actor act = auth_actor(req);
    cd_err e = case_summary_get(&act, req->params[0], &cs);
    if (e != CD_OK)
        return e;
    return case_form(req, resp, 409,
                     &(case_view){.id = req->params[0],
                                  .version = arena_printf(req->a, "%ld", cs.version),
                                  .values = submitted(req, cs.obj),
                                  .theirs = cs.obj});
}

/* The name of case id as an edit of name (sent or not) leaves it, for the notice ("" when unknown). */
static const char *saved_name(const actor *act, const char *id, const field_val *name)
{
    if (name->present && name->s)
        return name->s;
    case_summary cs;
    const char *s =
        case_summary_get(act, id, &cs) == CD_OK ? json_string_value(json_object_get(cs.obj, "name")) : NULL;
    return s ? s : "";
}

/* The edit form again after a refused edit: the input and every message (400). */
static cd_err edit_again(request *req, response *resp)
{
    case_summary cs;
    actor act = auth_actor(req);
    cd_err e = case_summary_get(&act, req->params[0], &cs);
    if (e != CD_OK)
        return e;
    return case_form(req, resp, 400,
                     &(case_view){.id = req->params[0],
                                  .version = kv_get(&req->form, "version"),
                                  .values = submitted(req, cs.obj),
                                  .errors = req->invalid});
}

cd_err web_case_edit(request *req, response *resp)
{
    const char *id = req->params[0];
    actor act = auth_actor(req);
    cd_err e;
    if (req->method != M_POST) {
        case_summary cs;
        if ((e = case_summary_get(&act, id, &cs)) != CD_OK)
            return e;
        return case_form(
            req, resp, 200,
            &(case_view){.id = id, .version = arena_printf(req->a, "%ld", cs.version), .values = cs.obj});
    }
    field_val v[CF__COUNT];
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
        return page_done(req, resp, arena_printf(req->a, "/cases/%s", id),
                         arena_printf(req->a, "Saved case %s", page_quoted(req, saved_name(&act, id, &v[CF_NAME]))),
                         NULL, NULL);
    if (e == CD_EPRECOND)
        req->error_page = stale_again;
    else if (e == CD_EINVALID)
        req->error_page = edit_again;
    return e;
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
        e = case_delete(&act, id, &req->error_detail);
        return e == CD_OK
                   ? page_done(req, resp, "/cases", arena_printf(req->a, "Deleted case %s", deleted), NULL, NULL)
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
    tmpl_set(d, "ACTION", arena_printf(req->a, "/cases/%s/delete", id));
    tmpl_set(d, "BUTTON", "Delete case");
    tmpl_set(d, "CANCEL", arena_printf(req->a, "/cases/%s", id));
    return page_finish(req, resp, 200);
}
