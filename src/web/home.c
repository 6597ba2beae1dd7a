/* home.c: the start page at /: who is signed in, in which organization, the invitations waiting for their answer,
 * or a way to sign in. */
#include "handlers.h"
#include "auth/auth.h"
#include "core/arena_json.h"
#include "db/db.h"
#include "web/page.h"

#define HOME_INVITATIONS "50" /* the newest pending invitations shown */

/* One INVITATION section of w per pending invitation of the caller, with its Accept and Decline forms. */
static cd_err invitations(request *req, tmpl_dict *w)
{
    cd_err e;
    const char *p[3] = {req->auth->user_id, HOME_INVITATIONS, "0"};
    json_t *rows = db_json(req->a, STMT_INVITATION_MINE_LIST, p, &e);
    if (!rows)
        return e;
    if (json_array_size(rows) == 0)
        return CD_OK;
    tmpl_dict *list = tmpl_section(w, "INVITATIONS");
    size_t i;
    json_t *inv;
    json_array_foreach(rows, i, inv) {
        const char *id = json_string_value(json_object_get(inv, "id"));
        json_t *by = json_object_get(inv, "invited_by");
        tmpl_dict *row = tmpl_section(list, "INVITATION");
        tmpl_set(row, "ORG_NAME", json_string_value(json_object_get(json_object_get(inv, "organization"), "name")));
        tmpl_set(row, "ROLE", json_string_value(json_object_get(inv, "role")));
        if (json_is_object(by))
            tmpl_set(tmpl_section(row, "BY"), "EMAIL", json_string_value(json_object_get(by, "email")));
        tmpl_set(row, "ACCEPT", arena_printf(req->a, "/invitations/%s/accept", id));
        tmpl_set(row, "DECLINE", arena_printf(req->a, "/invitations/%s/decline", id));
    }
    return CD_OK;
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
    cd_err e = invitations(req, w);
    return e == CD_OK ? page_finish(req, resp, 200) : e;
}
