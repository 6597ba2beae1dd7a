/* case_bulk.c (web): POST /cases/bulk, the case list's bulk bar: the cases ticked on the page changed by the
 * bulk change rules of repo/case_bulk.c that the API applies too, then back to the list saying what happened. */
#include "handlers.h"
#include "auth/auth.h"
#include "core/arena_json.h"
#include "core/str.h"
#include "http/input.h"
#include "http/url.h"
#include "repo/case_bulk.h"
#include "web/page.h"
#include <string.h>

/* The list page the bar was posted from (its field back: a local /cases URL), else the list. */
static const char *back_to(request *req)
{
    const char *back = kv_get(&req->form, "back");
    if (back && url_is_local(back) && strncmp(back, "/cases", 6) == 0 && (back[6] == '\0' || back[6] == '?'))
        return back;
    const char *list = page_org_url(req, "/cases", NULL, NULL);
    return list ? list : "/cases";
}

/* Adds to object o (created in body under key part when needed) key: [the form's value of field] when it is
 * not blank. */
static void put_choice(request *req, json_t *body, const char *part, const char *key, const char *field, bool list)
{
    const char *v = kv_get(&req->form, field);
    if (!v || !*v)
        return;
    json_t *o = json_object_get(body, part);
    if (!o)
        json_object_set_new(body, part, o = json_object());
    json_object_set_new(o, key, list ? json_pack("[s]", v) : json_string(v));
}

/* The bulk change the bar's form describes, as the API's body: ids ticked (or every id of the page when "select
 * all on this page" was ticked without the script that ticks them), status (Close: Closed), priority, a member
 * to assign or unassign, a team to add or remove. */
static json_t *bar_body(request *req)
{
    json_t *body = arena_json(req->a, json_object()), *ids = json_array();
    if (!body || json_object_set_new(body, "ids", ids) != 0)
        return NULL;
    const char *key = kv_get(&req->form, "all_on_page") ? "page_ids" : "ids";
    for (size_t i = 0; i < req->form.n; i++)
        if (strcmp(req->form.v[i].key, key) == 0 && *req->form.v[i].value)
            json_array_append_new(ids, json_string(req->form.v[i].value));
    const char *action = kv_get(&req->form, "action");
    if (action && strcmp(action, "close") == 0)
        json_object_set_new(body, "set", json_pack("{s:s}", "status", "Closed"));
    else
        put_choice(req, body, "set", "status", "set_status", false);
    put_choice(req, body, "set", "priority", "set_priority", false);
    put_choice(req, body, "add", "assigned_to", "assign", true);
    put_choice(req, body, "remove", "assigned_to", "unassign", true);
    put_choice(req, body, "add", "teams", "add_team", true);
    put_choice(req, body, "remove", "teams", "remove_team", true);
    return body;
}

/* The answer to a bar that cannot be applied: what to change (400), with the way back. */
static cd_err bar_refused(request *req, response *resp, const json_t *errors)
{
    strbuf sb;
    sb_init(&sb, req->a);
    const char *k;
    json_t *msgs;
    json_object_foreach((json_t *)errors, k, msgs) {
        if (strcmp(k, "ids") == 0)
            sb_printf(&sb, "%sSelect at least one case, and at most %d.", sb.len ? " " : "", CASE_BULK_MAX);
        else if (strcmp(k, "set") == 0)
            sb_printf(&sb, "%sChoose a change: a status, a priority, a member or a team.", sb.len ? " " : "");
        else
            sb_printf(&sb, "%s%s: %s", sb.len ? " " : "", k, json_string_value(json_array_get(msgs, 0)));
    }
    tmpl_dict *d = page_start(req, "Nothing was changed", "error.tpl");
    if (!d)
        return CD_ENOMEM;
    tmpl_set_int(d, "STATUS", 400);
    tmpl_set(d, "REASON", "Nothing was changed");
    tmpl_set(d, "MESSAGE", sb.failed ? "The bulk change cannot be applied." : sb.data);
    tmpl_set(tmpl_section(d, "BACK"), "HREF", back_to(req));
    return page_refused(page_finish(req, resp, 400), CD_EINVALID);
}

/* What the bulk change did, for the notice: how many changed, how many already were so, and each refusal. */
static const char *bar_notice(request *req, const json_t *results, const case_bulk_counts *n)
{
    strbuf sb;
    sb_init(&sb, req->a);
    size_t total = json_array_size(results);
    sb_printf(&sb, "Changed %zu of %zu selected case%s", n->changed, total, total == 1 ? "" : "s");
    if (n->unchanged)
        sb_printf(&sb, "; %zu already %s so", n->unchanged, n->unchanged == 1 ? "was" : "were");
    if (n->refused) {
        sb_printf(&sb, ". Not changed (%zu):", n->refused);
        size_t i;
        json_t *r;
        json_array_foreach(results, i, r) {
            if (json_integer_value(json_object_get(r, "status")) == 200)
                continue;
            const char *why = json_string_value(json_object_get(r, "reason"));
            sb_printf(&sb, " case %s: %s", json_string_value(json_object_get(r, "id")),
                      why ? why : "the change conflicts with the case.");
        }
    }
    return sb.failed ? "Applied the bulk change" : sb.data;
}

cd_err web_cases_bulk(request *req, response *resp)
{
    actor act = auth_actor(req);
    json_t *errors = input_errors(req), *body = bar_body(req);
    if (!errors || !body)
        return CD_ENOMEM;
    case_bulk b;
    cd_err e = case_bulk_parse(&act, body, &b, errors);
    if (e == CD_EINVALID)
        return bar_refused(req, resp, errors);
    if (e != CD_OK)
        return e;
    case_bulk_counts n;
    json_t *results = case_bulk_apply(&act, &b, &n, &e);
    if (!results)
        return e;
    return page_done(req, resp, back_to(req), bar_notice(req, results, &n), NULL, NULL);
}
