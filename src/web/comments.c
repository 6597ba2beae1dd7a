/* comments.c (web): the pages that edit and delete a comment of a case (/cases/comment/{id}/edit and /delete),
 * through the comment rules of repo/comments.c that the API applies too. */
#include "handlers.h"
#include "auth/auth.h"
#include "core/arena_json.h"
#include "http/input.h"
#include "repo/comments.h"
#include "repo/rules.h"
#include "web/form.h"
#include "web/case_lookups.h"
#include "web/page.h"
#include <string.h>

static const form_field comment_text = {.name = "comment", .label = "Comment", .w = W_TEXTAREA, .required = true};

/* The page of comment id: path sub ("/edit", "/delete") in the request's organization. */
static const char *comment_url(request *req, const char *id, const char *sub)
{
    const char *url = page_org_url(req, arena_printf(req->a, "/cases/comment/%s%s", id, sub), NULL, NULL);
    return url ? url : "/cases";
}

/* The comment at its place on its case's page. */
static const char *comment_place(request *req, const json_t *c)
{
    return page_case_url(req, json_string_value(json_object_get(c, "case")), NULL,
                         arena_printf(req->a, "#comment-%s", json_string_value(json_object_get(c, "id"))));
}

/* The edit form with text (as stored, or as submitted) and errors (NULL: none), answered with status. */
static cd_err edit_form(request *req, response *resp, const json_t *c, const char *text, const json_t *errors,
                        int status)
{
    tmpl_dict *d = page_start(req, "Edit comment", "comment_form.tpl");
    json_t *values = arena_json(req->a, json_pack("{s:s}", "comment", text ? text : ""));
    if (!d || !values)
        return CD_ENOMEM;
    tmpl_set(d, "ACTION", comment_url(req, req->params[0], "/edit"));
    tmpl_set(d, "CANCEL", comment_place(req, c));
    form_alert(d, "ALERT", &comment_text, 1, errors);
    form_fill(d, "FIELDS", &comment_text, 1, values, NULL, errors);
    return page_finish(req, resp, status);
}

/* The comment of the path (*c) when act may edit it (deleting: delete it); CD_EFORBIDDEN saying why, else
 * CD_ENOTFOUND or an error. */
static cd_err comment_allowed(request *req, const actor *act, json_t **c, bool deleting)
{
    bool may_edit, may_delete;
    cd_err e = comment_find(act, req->params[0], c, &may_edit, &may_delete);
    if (e == CD_OK && !(deleting ? may_delete : may_edit)) {
        req->error_detail = COMMENT_CHANGE_REFUSED;
        return CD_EFORBIDDEN;
    }
    return e;
}

cd_err web_comment_edit(request *req, response *resp)
{
    actor act = auth_actor(req);
    json_t *c;
    cd_err e = comment_allowed(req, &act, &c, false);
    if (e != CD_OK)
        return e;
    if (req->method != M_POST)
        return edit_form(req, resp, c, json_string_value(json_object_get(c, "comment")), NULL, 200);
    field_val v;
    if ((e = form_submitted(req, &comment_text, 1)) == CD_OK)
        e = input_check(req, &comment_field, 1, &v);
    if (e == CD_EINVALID)
        return page_refused(edit_form(req, resp, c, kv_get(&req->form, "comment"), req->invalid, 400), e);
    if (e != CD_OK || !comment_edit(&act, req->params[0], v.s, &req->error_detail, &e))
        return e;
    return page_done(req, resp, comment_place(req, c), "Saved your changes to the comment", NULL, NULL);
}

cd_err web_comment_delete(request *req, response *resp)
{
    actor act = auth_actor(req);
    json_t *c;
    cd_err e = comment_allowed(req, &act, &c, true);
    if (e != CD_OK)
        return e;
    const char *case_url = page_case_url(req, json_string_value(json_object_get(c, "case")), NULL, "#comments");
    if (req->method == M_POST) {
        if ((e = comment_delete(&act, req->params[0], &req->error_detail)) != CD_OK)
            return e;
        return page_done(req, resp, case_url, "Deleted the comment", NULL, NULL);
    }
    tmpl_dict *d = page_start(req, "Delete comment", "confirm.tpl");
    if (!d)
        return CD_ENOMEM;
    const json_t *by = json_object_get(c, "commented_by");
    const char *who = json_is_object(by) ? lookup_user_label(by) : NULL;
    tmpl_set(d, "HEADING", arena_printf(req->a, "Delete the comment by %s?", who ? who : "a former member"));
    tmpl_set(d, "QUESTION", "The comment will be removed from the case; the case's history records its deletion.");
    tmpl_dict *facts = tmpl_section(d, "FACTS");
    tmpl_set(tmpl_section(facts, "FACT"), "TEXT", json_string_value(json_object_get(c, "comment")));
    tmpl_set(d, "ACTION", comment_url(req, req->params[0], "/delete"));
    tmpl_set(d, "BUTTON", "Delete comment");
    tmpl_set(d, "CANCEL", comment_place(req, c));
    return page_finish(req, resp, 200);
}
