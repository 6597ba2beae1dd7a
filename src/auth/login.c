/* login.c: password check with throttling, token issuance and browser session start/end. */
#include "auth/login.h"
#include "auth/auth.h"
#include "auth/password.h"
#include "auth/ratelimit.h"
#include "http/cookie.h"
#include "http/input.h"
#include "db/db.h"
#include "core/log.h"
#include <stdio.h>
#include <string.h>

static const field_spec sign_in_fields[] = {
    {.name = "email", .type = F_STRING, .required = true, .min = 1, .max = LOGIN_EMAIL_MAX},
    {.name = "password", .type = F_STRING, .required = true, .min = 1, .max = LOGIN_PASSWORD_MAX, .secret = true},
};

/* The email as the client sent it (JSON string or form field) whatever its length, "" when there is none. */
static const char *email_sent(request *req)
{
    input_fields in = input_of(req);
    const char *s = in.json ? json_string_value(json_object_get(in.json, "email")) : kv_get(in.form, "email");
    return s ? s : "";
}

cd_err login_check(request *req, char user_id[CD_UUID_LEN + 1], long *retry_after)
{
    field_val v[2];
    cd_err valid = input_check(req, sign_in_fields, 2, v);
    if (valid == CD_ENOMEM)
        return valid;
    const char *email = email_sent(req);
    cd_err e = ratelimit_check(req, email, retry_after);
    if (e != CD_OK)
        return e;
    if (valid == CD_OK) {
        const char *p[1] = {v[0].s};
        PGresult *r = db_exec(req->a, STMT_USER_BY_EMAIL, p, &e);
        if (!r)
            return e;
        const char *id = db_value(r, 0), *hash = db_value(r, 1);
        if (password_verify(v[1].s, id ? hash : NULL)) {
            snprintf(user_id, CD_UUID_LEN + 1, "%s", id);
            return ratelimit_succeeded(req, email);
        }
    }
    /* Refused, malformed or over-long input included: every attempt spends the email's and the address's budget. */
    log_info("sign-in failed for a user from %s", req->remote_addr);
    e = ratelimit_failed(req, email);
    req->writes_stand = true; /* the failure counts even though the sign-in is refused */
    return e != CD_OK ? e : valid != CD_OK ? CD_EINVALID : CD_EUNAUTH;
}

static cd_err insert_token(request *req, const char *hash, const char *user_id, const char *kind, const char *family,
                           long ttl_secs)
{
    char ttl[32];
    snprintf(ttl, sizeof ttl, "%ld", ttl_secs);
    const char *p[5] = {hash, user_id, kind, family, ttl};
    cd_err e;
    return db_exec(req->a, STMT_TOKEN_INSERT, p, &e) ? CD_OK : e;
}

cd_err tokens_issue(request *req, const char *user_id, const char *family, json_t *obj)
{
    char access[TOKEN_STR_LEN + 1], refresh[TOKEN_STR_LEN + 1], fam[CD_UUID_LEN + 1];
    char ah[TOKEN_HASH_HEX + 3], rh[TOKEN_HASH_HEX + 3];
    if (!token_new(access) || !token_new(refresh))
        return CD_EUNAVAIL;
    if (family)
        snprintf(fam, sizeof fam, "%s", family);
    else
        uuid_new_str(fam);
    token_hash_bytea(access, ah);
    token_hash_bytea(refresh, rh);
    long access_ttl = req->cfg->token_ttl_minutes * 60;
    cd_err e = insert_token(req, ah, user_id, "access", fam, access_ttl);
    if (e == CD_OK)
        e = insert_token(req, rh, user_id, "refresh", fam, req->cfg->refresh_ttl_hours * 3600);
    if (e != CD_OK)
        return e;
    json_object_set_new(obj, "access_token", json_string(access));
    json_object_set_new(obj, "refresh_token", json_string(refresh));
    json_object_set_new(obj, "token_type", json_string("Bearer"));
    json_object_set_new(obj, "expires_in", json_integer(access_ttl));
    return CD_OK;
}

cd_err tokens_refresh(request *req, const char *refresh_token, json_t *obj)
{
    if (!token_well_formed(refresh_token))
        return CD_EUNAUTH;
    char h[TOKEN_HASH_HEX + 3];
    token_hash_bytea(refresh_token, h);
    const char *p[1] = {h};
    cd_err e;
    PGresult *r = db_exec(req->a, STMT_REFRESH_GET, p, &e);
    if (!r)
        return e;
    const char *user = db_value(r, 0), *family = db_value(r, 1), *revoked = db_value(r, 2);
    if (!user)
        return CD_EUNAUTH;
    const char *f[1] = {family};
    if (revoked && revoked[0] == 't') {
        /* A refresh token used twice was stolen or replayed: end the whole family. */
        if (!db_exec(req->a, STMT_TOKEN_REVOKE_FAMILY, f, &e))
            return e;
        req->writes_stand = true;
        return CD_EUNAUTH;
    }
    const char *rv[2] = {h, family};
    if (!db_exec(req->a, STMT_TOKEN_REVOKE_REFRESHED, rv, &e))
        return e;
    return tokens_issue(req, user, family, obj);
}

static int set_cookie(request *req, response *resp, const char *value, long max_age)
{
    char *c = cookie_build(req->a, SESSION_COOKIE, value, max_age, true, req->https);
    return c ? resp_header(resp, "Set-Cookie", c) : -1;
}

/* Deletes the server-side session named by the request's cookie, if any. */
static cd_err session_forget(request *req)
{
    const char *old = kv_get(&req->cookies, SESSION_COOKIE);
    if (old && token_well_formed(old)) {
        char h[TOKEN_HASH_HEX + 3];
        token_hash_bytea(old, h);
        const char *p[1] = {h};
        cd_err e;
        if (!db_exec(req->a, STMT_SESSION_DELETE, p, &e))
            return e;
    }
    return CD_OK;
}

cd_err session_end(request *req, response *resp)
{
    cd_err e = session_forget(req);
    if (e != CD_OK)
        return e;
    return set_cookie(req, resp, "", 0) < 0 ? CD_ENOMEM : CD_OK;
}

cd_err session_start(request *req, response *resp, const char *user_id)
{
    cd_err e = session_forget(req); /* never reuse an id the browser had before signing in */
    if (e != CD_OK)
        return e;
    char sid[TOKEN_STR_LEN + 1], csrf[TOKEN_STR_LEN + 1], h[TOKEN_HASH_HEX + 3], idle[32];
    if (!token_new(sid) || !token_new(csrf))
        return CD_EUNAVAIL;
    token_hash_bytea(sid, h);
    snprintf(idle, sizeof idle, "%ld", req->cfg->session_idle_minutes * 60);
    const char *u[1] = {user_id};
    PGresult *r = db_exec(req->a, STMT_MEMBER_START_ORG, u, &e);
    if (!r)
        return e;
    const char *p[5] = {h, user_id, db_value(r, 0), csrf, idle};
    if (!db_exec(req->a, STMT_SESSION_INSERT, p, &e))
        return e;
    db_exec(req->a, STMT_SESSION_PRUNE, NULL, &e);
    return set_cookie(req, resp, sid, -1) < 0 ? CD_ENOMEM : CD_OK;
}

cd_err session_set_org(request *req, const char *org_id)
{
    const char *s[2] = {req->auth->credential_hash, org_id}, *u[2] = {req->auth->user_id, org_id};
    cd_err e;
    if (!db_exec(req->a, STMT_SESSION_SET_ORG, s, &e) || !db_exec(req->a, STMT_USER_SET_LAST_ORG, u, &e))
        return e;
    return CD_OK;
}

void set_retry_after(response *resp, long secs)
{
    char s[32];
    snprintf(s, sizeof s, "%ld", secs);
    resp_set_header(resp, "Retry-After", s);
}
