/* members.c (web): /admin/members: list the organization's members and pending invitations, invite one, change
 * a role, deactivate or reactivate, remove (after confirmation), through the same repo/members.c and
 * repo/invitations.c as /api/users/. */
#include "handlers.h"
#include "auth/auth.h"
#include "auth/password.h"
#include "core/arena_json.h"
#include "http/input.h"
#include "repo/invitations.h"
#include "repo/members.h"
#include "web/admin.h"
#include "web/form.h"
#include "web/list_rows.h"
#include "web/page.h"
#include <string.h>

#define STR_(x) #x
#define STR(x) STR_(x)

static const form_field add_fields[] = {
    {.name = "email", .label = "Email", .w = W_EMAIL, .required = true, .autocomplete = "off"},
    {.name = "name", .label = "Name", .w = W_TEXT, .hint = "Only used when the email has no account yet."},
    {.name = "password",
     .label = "Password",
     .w = W_PASSWORD,
     .autocomplete = "new-password",
     .hint = "Only used when the email has no account yet: at least " STR(PASSWORD_MIN) " characters."},
    {.name = "role", .label = "Role", .w = W_SELECT, .required = true, .choices = "roles"},
};
#define NADD (sizeof add_fields / sizeof add_fields[0])
#define PENDING_SHOWN "100" /* the newest pending invitations listed */

/* One pending invitation of the organization, with its Revoke form. */
static void pending_row(request *req, tmpl_dict *row, const json_t *inv)
{
    tmpl_set(row, "EMAIL", json_string_value(json_object_get(inv, "email")));
    tmpl_set(row, "ROLE", json_string_value(json_object_get(inv, "role")));
    tmpl_set(row, "INVITED_ON", json_string_value(json_object_get(inv, "invited_on")));
    tmpl_set(row, "REVOKE",
             arena_printf(req->a, "/admin/invitations/%s/revoke", json_string_value(json_object_get(inv, "id"))));
}

/* The members page; add_values/add_errors refill the add form, refused (may be NULL) lists the
 * messages of a refused change to member who. */
static cd_err members_page(request *req, response *resp, int status, const json_t *add_values,
                           const json_t *add_errors, const char *who, const json_t *refused)
{
    tmpl_dict *d = page_start(req, "Members", "members.tpl");
    if (!d)
        return CD_ENOMEM;
    admin_nav(d, "MEMBERS");
    cd_err e;
    json_t *rows = admin_rows(req, d, STMT_MEMBER_COUNT, STMT_MEMBER_LIST, 0, &e);
    if (!rows)
        return e;
    size_t i;
    json_t *m;
    json_array_foreach(rows, i, m) {
        tmpl_dict *row = tmpl_section(d, "MEMBER");
        const char *id = json_string_value(json_object_get(m, "id")),
                   *role = json_string_value(json_object_get(m, "role"));
        bool active = json_is_true(json_object_get(m, "is_active"));
        tmpl_set(row, "ID", id);
        tmpl_set(row, "EMAIL", json_string_value(json_object_get(m, "email")));
        tmpl_set(row, "NAME", json_string_value(json_object_get(m, "name")));
        tmpl_set(row, "ACTION", arena_printf(req->a, "/admin/members/%s", id));
        tmpl_set(row, "REMOVE", arena_printf(req->a, "/admin/members/%s/remove", id));
        tmpl_show(row, active ? "ACTIVE" : "INACTIVE");
        tmpl_set(row, "TOGGLE", active ? "Deactivate" : "Activate");
        tmpl_set(row, "TOGGLE_VALUE", active ? "false" : "true");
        if (strcmp(id, req->auth->user_id) == 0)
            tmpl_show(row, "YOU");
        for (const char *const *r = member_roles; *r; r++) {
            tmpl_dict *o = tmpl_section(row, "ROLE");
            tmpl_set(o, "VALUE", *r);
            if (role && strcmp(role, *r) == 0)
                tmpl_show(o, "SELECTED");
        }
    }
    const char *pending[3] = {req->auth->org_id, PENDING_SHOWN, "0"};
    if ((e = list_rows(req, d, "PENDING", "INVITATION", STMT_INVITATION_ORG_LIST, pending, pending_row)) != CD_OK)
        return e;
    const char *key;
    json_t *msgs;
    tmpl_dict *alert = json_object_size(refused) ? tmpl_section(d, "REFUSED") : NULL;
    json_object_foreach((json_t *)refused, key, msgs) {
        json_t *msg;
        json_array_foreach(msgs, i, msg) {
            tmpl_dict *p = tmpl_section(alert, "PROBLEM");
            tmpl_set(p, "WHO", who);
            tmpl_set(p, "MESSAGE", json_string_value(msg));
        }
    }
    json_t *choices = arena_json(req->a, json_object());
    form_static_choices(choices, "roles", member_roles);
    form_alert(d, "ALERT", add_fields, NADD, add_errors);
    form_fill(d, "FIELDS", add_fields, NADD, add_values, choices, add_errors);
    return page_finish(req, resp, status);
}

/* The email of member user_id, for messages ("" when unknown). */
static const char *member_email(request *req, const char *user_id)
{
    cd_err e;
    const char *p[2] = {req->auth->org_id, user_id};
    json_t *m = db_json(req->a, STMT_MEMBER_GET, p, &e);
    const char *s = m ? json_string_value(json_object_get(m, "email")) : NULL;
    return s ? s : "";
}

/* The members page again after a refused addition: the add form with its input and messages. */
static cd_err add_again(request *req, response *resp)
{
    json_t *values = form_values(req, add_fields, NADD);
    return members_page(req, resp, 400, values, req->invalid, NULL, NULL);
}

/* The members page again after a refused change to member params[0], its messages at the top. */
static cd_err update_again(request *req, response *resp)
{
    json_t *defaults = arena_json(req->a, json_pack("{s:s}", "role", "USER"));
    return members_page(req, resp, 400, defaults, NULL, member_email(req, req->params[0]), req->invalid);
}

cd_err web_members(request *req, response *resp)
{
    if (req->method != M_POST)
        return members_page(req, resp, 200, arena_json(req->a, json_pack("{s:s}", "role", "USER")), NULL, NULL, NULL);
    const char *invitation_id;
    actor act = auth_actor(req);
    input_fields in = input_of(req);
    cd_err e = invitation_send(&act, &in, input_errors(req), &invitation_id);
    if (e == CD_OK)
        return page_done(req, resp, "/admin/members",
                         arena_printf(req->a, "Invitation sent to %s: they become a member when they accept it.",
                                      kv_get(&req->form, "email")),
                         NULL, NULL);
    if (e == CD_EINVALID)
        req->error_page = add_again;
    return e;
}

cd_err web_member_update(request *req, response *resp)
{
    actor act = auth_actor(req);
    input_fields in = input_of(req);
    cd_err e = member_update(&act, &in, req->params[0], input_errors(req));
    if (e == CD_OK)
        return page_done(req, resp, "/admin/members",
                         arena_printf(req->a, "Updated member %s", member_email(req, req->params[0])), NULL, NULL);
    if (e == CD_EINVALID)
        req->error_page = update_again;
    return e;
}

/* The confirmation page of removing member user_id, with the refusal's message when there is one. */
static cd_err remove_page(request *req, response *resp, int status, const char *message)
{
    const char *email = member_email(req, req->params[0]);
    if (!*email)
        return CD_ENOTFOUND;
    tmpl_dict *d = page_start(req, "Remove member", "confirm.tpl");
    if (!d)
        return CD_ENOMEM;
    admin_nav(d, "MEMBERS");
    tmpl_set(d, "HEADING", arena_printf(req->a, "Remove %s?", email));
    if (message)
        tmpl_set(tmpl_section(d, "ERROR"), "MESSAGE", message);
    tmpl_set(d, "QUESTION", arena_printf(req->a, "%s will no longer be a member of this organization.", email));
    tmpl_dict *facts = tmpl_section(d, "FACTS");
    tmpl_set(tmpl_section(facts, "FACT"), "TEXT", "They leave the organization's teams.");
    tmpl_set(tmpl_section(facts, "FACT"), "TEXT", "They are unassigned from their cases, each with a history entry.");
    tmpl_set(tmpl_section(facts, "FACT"), "TEXT", "The cases they created, their comments and attachments stay.");
    tmpl_set(d, "ACTION", arena_printf(req->a, "/admin/members/%s/remove", req->params[0]));
    tmpl_set(d, "BUTTON", "Remove member");
    tmpl_set(d, "CANCEL", "/admin/members");
    return page_finish(req, resp, status);
}

/* The confirmation page again after a refused removal. */
static cd_err remove_again(request *req, response *resp) { return remove_page(req, resp, 400, MEMBER_LAST_ADMIN); }

cd_err web_member_remove(request *req, response *resp)
{
    if (req->method != M_POST)
        return remove_page(req, resp, 200, NULL);
    actor act = auth_actor(req);
    const char *email = member_email(req, req->params[0]);
    cd_err e = member_remove(&act, req->params[0], input_errors(req));
    if (e == CD_OK)
        return page_done(req, resp, "/admin/members", arena_printf(req->a, "Removed member %s", email), NULL, NULL);
    if (e == CD_EINVALID)
        req->error_page = remove_again;
    return e;
}
