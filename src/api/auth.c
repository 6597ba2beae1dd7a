/* auth.c (api): POST /api/auth/login/, /refresh/, /logout/ and GET /api/auth/me/. */
#include "handlers.h"
#include "auth/auth.h"
#include "auth/login.h"
#include "core/arena_json.h"
#include "db/db.h"
#include "http/input.h"

/* The signed-in user and their organizations, as login and me answer. */
static json_t *me_json(request *req, const char *user_id, cd_err *e)
{
    const char *p[1] = {user_id};
    return db_json(req->a, STMT_USER_ME, p, e);
}

cd_err api_auth_login(request *req, response *resp)
{
    static const field_spec specs[] = {
        {.name = "email", .type = F_STRING, .required = true, .min = 1, .max = 254},
        {.name = "password", .type = F_STRING, .required = true, .min = 1, .max = 1024, .secret = true},
    };
    field_val v[2];
    cd_err e = input_check(req, specs, 2, v);
    if (e != CD_OK)
        return e;
    char user_id[CD_UUID_LEN + 1];
    long retry = 0;
    e = login_check(req, v[0].s, v[1].s, user_id, &retry);
    if (e == CD_ERATELIMIT) {
        req->error_detail = "Too many failed sign-ins; try again later.";
        set_retry_after(resp, retry);
    } else if (e == CD_EUNAUTH) {
        req->error_detail = "Invalid email or password.";
    }
    if (e != CD_OK)
        return e;
    json_t *out = me_json(req, user_id, &e);
    if (!out)
        return e;
    if ((e = tokens_issue(req, user_id, NULL, out)) != CD_OK)
        return e;
    return resp_json_ref(resp, 200, out);
}

cd_err api_auth_refresh(request *req, response *resp)
{
    static const field_spec specs[] = {
        {.name = "refresh_token", .type = F_STRING, .required = true, .min = 1, .max = 256},
    };
    field_val v[1];
    cd_err e = input_check(req, specs, 1, v);
    if (e != CD_OK)
        return e;
    json_t *out = arena_json(req->a, json_object());
    if (!out)
        return CD_ENOMEM;
    if ((e = tokens_refresh(req, v[0].s, out)) != CD_OK)
        return e;
    return resp_json_ref(resp, 200, out);
}

cd_err api_auth_logout(request *req, response *resp)
{
    const auth_ctx *a = req->auth;
    cd_err e;
    if (a->via_session) {
        if ((e = session_end(req, resp)) != CD_OK)
            return e;
    } else {
        const char *f[1] = {a->family};
        if (!db_exec(req->a, STMT_TOKEN_REVOKE_FAMILY, f, &e))
            return e;
    }
    resp->status = 204;
    return CD_OK;
}

cd_err api_auth_me(request *req, response *resp)
{
    cd_err e;
    json_t *out = me_json(req, req->auth->user_id, &e);
    return out ? resp_json_ref(resp, 200, out) : e;
}
