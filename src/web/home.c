/* home.c: the start page at /: who is signed in, in which organization, or a way to sign in. */
#include "handlers.h"
#include "auth/auth.h"
#include "web/page.h"

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
    return page_finish(req, resp, 200);
}
