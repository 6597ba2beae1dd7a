/* home.c: the start page at /: who is signed in, in which organization, the invitations waiting for their answer,
 * or a way to sign in. */
#include "handlers.h"
#include "auth/auth.h"
#include "core/arena_json.h"
#include "db/db.h"
#include "web/list_rows.h"
#include "web/page.h"

#define HOME_INVITATIONS "50" /* the newest pending invitations shown */

/* One pending invitation of the caller, with its Accept and Decline forms. */
static void invitation_row(request *req, tmpl_dict *row, const json_t *inv)
{
    const char *id = json_string_value(json_object_get(inv, "id"));
    json_t *by = json_object_get(inv, "invited_by");
    tmpl_set(row, "ORG_NAME", json_string_value(json_object_get(json_object_get(inv, "organization"), "name")));
    tmpl_set(row, "ROLE", json_string_value(json_object_get(inv, "role")));
    if (json_is_object(by))
        tmpl_set(tmpl_section(row, "BY"), "EMAIL", json_string_value(json_object_get(by, "email")));
    tmpl_set(row, "ACCEPT", arena_printf(req->a, "/invitations/%s/accept", id));
    tmpl_set(row, "DECLINE", arena_printf(req->a, "/invitations/%s/decline", id));
}

cd_err web_home(request *req, response *resp)
{
    tmpl_dict *d = page_start(req, "Home", "home.tpl");
    if (!d)
        return CD_ENOMEM;
    const auth_ctx *a = req->auth;
    if (!a) {
        tmpl_show(d, "ANON");
        return page_finish(req, resp, 200);
    }
    tmpl_dict *w = tmpl_section(d, "WELCOME");
    tmpl_set(w, "EMAIL", a->email);
    if (a->member_active) {
        tmpl_dict *o = tmpl_section(w, "IN_ORG");
        tmpl_set(o, "ROLE", a->role);
        tmpl_set(o, "ORG_NAME", a->org_name);
    } else {
        tmpl_show(w, "NO_ORG");
    }
    const char *p[3] = {a->user_id, HOME_INVITATIONS, "0"};
    cd_err e = list_rows(req, w, "INVITATIONS", "INVITATION", STMT_INVITATION_MINE_LIST, p, invitation_row);
    return e == CD_OK ? page_finish(req, resp, 200) : e;
}
