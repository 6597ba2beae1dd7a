/* page.c: layout.tpl wraps every page; handlers only fill their content template. */
#include "web/page.h"
#include "auth/auth.h"
#include "db/db.h"

/* The signed-in user's bar: name, organization switcher and sign-out, each form with the CSRF token. */
static void user_bar(request *req, tmpl_dict *layout)
{
    const auth_ctx *a = req->auth;
    if (!a || !a->via_session) {
        tmpl_show(layout, "SIGNED_OUT");
        return;
    }
    tmpl_dict *u = tmpl_section(layout, "SIGNED_IN");
    tmpl_set(u, "EMAIL", a->email);
    tmpl_set(u, "CSRF", a->csrf);
    tmpl_set(u, "NEXT", req->uri);
    cd_err e;
    const char *p[2] = {a->user_id, a->org_id[0] ? a->org_id : NULL};
    PGresult *r = db_exec(req->a, STMT_USER_ORGS, p, &e);
    int n = r ? PQntuples(r) : 0;
    for (int i = 0; i < n; i++) {
        tmpl_dict *o = tmpl_section(u, "ORG");
        tmpl_set(o, "ID", PQgetvalue(r, i, 0));
        tmpl_set(o, "NAME", PQgetvalue(r, i, 1));
        if (PQgetvalue(r, i, 3)[0] == 't')
            tmpl_show(o, "SELECTED");
    }
    if (n > 1)
        tmpl_show(u, "SWITCHER");
}

tmpl_dict *page_start(request *req, const char *title, const char *content_tpl)
{
    tmpl_dict *layout = tmpl_dict_new(req->a, "layout");
    if (!layout)
        return NULL;
    tmpl_set(layout, "TITLE", title);
    user_bar(req, layout);
    req->page = layout;
    tmpl_dict *content = tmpl_include(layout, "CONTENT", content_tpl);
    /* Include dictionaries see no values of the layout: give the content what every form needs. */
    const auth_ctx *a = req->auth;
    if (content && a && a->via_session)
        tmpl_set(content, "CSRF", a->csrf);
    return content;
}

cd_err page_finish(request *req, response *resp, int status)
{
    if (!req->page)
        return CD_ENOMEM;
    resp->body.len = 0;
    cd_err e = tmpl_render("layout.tpl", req->page, &resp->body);
    req->page = NULL;
    if (e != CD_OK)
        return e;
    resp->status = status;
    return resp_set_header(resp, "Content-Type", "text/html; charset=utf-8") < 0 ? CD_ENOMEM : CD_OK;
}

cd_err page_error(request *req, response *resp, int status, const char *message)
{
    tmpl_dict *d = page_start(req, http_reason(status), "error.tpl");
    if (!d)
        return CD_ENOMEM;
    tmpl_set_int(d, "STATUS", status);
    tmpl_set(d, "REASON", http_reason(status));
    tmpl_set(d, "MESSAGE", message);
    return page_finish(req, resp, status);
}
