/* session.c (web): GET/POST /login, POST /logout and POST /org/switch for the browser. */
#include "handlers.h"
#include "auth/auth.h"
#include "auth/login.h"
#include "db/db.h"
#include "http/cookie.h"
#include "http/input.h"
#include "http/url.h"
#include "web/page.h"
#include <string.h>

/* Renders the sign-in form with a fresh double-submit token as the answer to refusal (CD_OK: the form
 * itself, 200), error (may be NULL) above the form; returns refusal once rendered. */
static cd_err login_form(request *req, response *resp, cd_err refusal, const char *email, const char *error)
{
    char token[TOKEN_STR_LEN + 1];
    if (!token_new(token))
        return CD_EUNAVAIL;
    char *cookie = cookie_build(req->a, LOGIN_COOKIE, token, 3600, true, req->https);
    if (!cookie || resp_header(resp, "Set-Cookie", cookie) < 0)
        return CD_ENOMEM;
    tmpl_dict *d = page_start(req, "Sign in", "login.tpl");
    if (!d)
        return CD_ENOMEM;
    tmpl_set(d, "CSRF", token);
    tmpl_set(d, "EMAIL", email);
    const char *next = kv_get(&req->query, "next");
    if (!next)
        next = kv_get(&req->form, "next");
    tmpl_set(d, "NEXT", url_is_local(next) ? next : "/");
    if (error)
        tmpl_set(tmpl_section(d, "ERROR"), "MESSAGE", error);
    return page_refused(page_finish(req, resp, refusal == CD_OK ? 200 : cd_err_status(refusal)), refusal);
}

cd_err web_login_form(request *req, response *resp)
{
    if (req->auth)
        return resp_redirect(resp, "/");
    return login_form(req, resp, CD_OK, "", NULL);
}

cd_err web_login(request *req, response *resp)
{
    const char *email = kv_get(&req->form, "email");
    if (!email)
        email = "";
    char user_id[CD_UUID_LEN + 1];
    long retry = 0;
    cd_err e = login_check(req, user_id, &retry);
    if (e == CD_EINVALID) {
        const char *m = arena_printf(req->a, "Enter your email (at most %d characters) and password (at most %d).",
                                     LOGIN_EMAIL_MAX, LOGIN_PASSWORD_MAX);
        return login_form(req, resp, e, email, m ? m : "Enter your email and password.");
    }
    if (e == CD_ERATELIMIT) {
        set_retry_after(resp, retry);
        return login_form(req, resp, e, email, "Too many failed sign-ins. Wait a moment and try again.");
    }
    if (e == CD_EUNAUTH)
        return login_form(req, resp, e, email, "Invalid email or password.");
    if (e != CD_OK)
        return e;
    if ((e = session_start(req, resp, user_id)) != CD_OK)
        return e;
    char *clear = cookie_build(req->a, LOGIN_COOKIE, "", 0, true, req->https);
    if (clear)
        resp_header(resp, "Set-Cookie", clear);
    const char *next = kv_get(&req->form, "next");
    return resp_redirect(resp, url_is_local(next) ? next : "/");
}

cd_err web_logout(request *req, response *resp)
{
    cd_err e = session_end(req, resp);
    return e == CD_OK ? resp_redirect(resp, "/login") : e;
}

cd_err web_org_switch(request *req, response *resp)
{
    static const field_spec specs[] = {{.name = "org", .type = F_UUID, .required = true}};
    field_val v[1];
    cd_err e = input_check(req, specs, 1, v);
    if (e != CD_OK)
        return e == CD_EINVALID ? CD_EBADREQ : e;
    const char *p[1] = {req->auth->user_id};
    PGresult *r = db_exec(req->a, STMT_USER_ORGS, p, &e);
    if (!r)
        return e;
    bool member = false;
    for (int i = 0; i < PQntuples(r); i++)
        member |= strcmp(PQgetvalue(r, i, 0), v[0].s) == 0;
    if (!member)
        return CD_EFORBIDDEN;
    if ((e = session_set_org(req, v[0].s)) != CD_OK)
        return e;
    const char *back = kv_get(&req->form, "next");
    return resp_redirect(resp, url_is_local(back) ? back : "/");
}
