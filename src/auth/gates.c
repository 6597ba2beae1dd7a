/* gates.c: authentication, organization membership, roles and CSRF, checked once for every route. */
#include "auth/auth.h"
#include "auth/credcache.h"
#include "db/db.h"
#include "http/url.h"
#include <string.h>
#include <strings.h>

const char *auth_admin_param(const request *req) { return req->auth && req->auth->is_admin ? "true" : "false"; }

const char *auth_org_header(request *req, bool *malformed)
{
    *malformed = false;
    const char *h = request_header(req, "organization-id");
    if (!h || !*h)
        h = request_header(req, "org");
    if (!h || !*h)
        return NULL;
    char id[CD_UUID_LEN + 1];
    if (!uuid_normalize(h, strlen(h), id)) {
        *malformed = true;
        return NULL;
    }
    return arena_strdup(req->a, id);
}

const char *auth_org_param(request *req, bool *malformed)
{
    *malformed = false;
    const char *q = kv_get(&req->query, "org");
    if (!q || !*q)
        return NULL;
    char id[CD_UUID_LEN + 1];
    if (!uuid_normalize(q, strlen(q), id)) {
        *malformed = true;
        return NULL;
    }
    return arena_strdup(req->a, id);
}

static void copy_id(char dst[CD_UUID_LEN + 1], const char *src)
{
    dst[0] = '\0';
    if (src)
        strncat(dst, src, CD_UUID_LEN);
}

/* Fills the user (columns 0-2: id, email, name) of ctx from row 0 of r. */
static void set_user(auth_ctx *ctx, const PGresult *r)
{
    copy_id(ctx->user_id, db_value(r, 0));
    ctx->email = db_value(r, 1);
    ctx->name = db_value(r, 2);
}

/* Fills the membership part of ctx from columns role and active of row 0 of r. */
static void set_membership(auth_ctx *ctx, const PGresult *r, int role_col, int active_col)
{
    ctx->role = db_value(r, role_col);
    const char *active = db_value(r, active_col);
    ctx->member_active = ctx->role && active && active[0] == 't';
    ctx->is_admin = ctx->member_active && strcmp(ctx->role, "ADMIN") == 0;
}

/* Keeps ctx, a credential of kind `kind` read under stamp, for its remaining seconds (column col of r) or
 * cache_seconds. */
static void remember(const request *req, cred_kind kind, const auth_ctx *ctx, const char *org, unsigned long stamp,
                     const PGresult *r, int col)
{
    const char *left = db_value(r, col);
    long ttl = left ? atol(left) : 0;
    if (ttl > req->cfg->cache_seconds)
        ttl = req->cfg->cache_seconds;
    credcache_put(kind, ctx->credential_hash, org, stamp, ttl, ctx);
}

/* The credentials of an Authorization header of scheme Bearer, whose name is case-insensitive (RFC 7235), or
 * NULL for another scheme. */
static const char *bearer_credentials(const char *authz)
{
    if (strncasecmp(authz, "Bearer", 6) != 0 || authz[6] != ' ')
        return NULL;
    authz += 6;
    while (*authz == ' ')
        authz++;
    return authz;
}

static cd_err by_bearer(request *req, auth_ctx *ctx, const char *authz, const char *org)
{
    const char *token = bearer_credentials(authz);
    if (!token || !token_well_formed(token))
        return CD_EUNAUTH;
    token_hash_bytea(token, ctx->credential_hash);
    unsigned long stamp = db_directory_stamp();
    if (credcache_get(req->a, CRED_ACCESS, ctx->credential_hash, org, stamp, ctx))
        return CD_OK;
    const char *p[2] = {ctx->credential_hash, org};
    cd_err e;
    PGresult *r = db_exec(req->a, STMT_AUTH_TOKEN, p, &e);
    if (!r)
        return e;
    if (PQntuples(r) != 1)
        return CD_EUNAUTH;
    set_user(ctx, r);
    copy_id(ctx->family, db_value(r, 3));
    copy_id(ctx->org_id, org);
    set_membership(ctx, r, 4, 5);
    remember(req, CRED_ACCESS, ctx, org, stamp, r, 6);
    return CD_OK;
}

static cd_err by_session(request *req, auth_ctx *ctx, const char *cookie, const char *org)
{
    if (!token_well_formed(cookie))
        return CD_EUNAUTH;
    token_hash_bytea(cookie, ctx->credential_hash);
    unsigned long stamp = db_directory_stamp();
    if (credcache_get(req->a, CRED_SESSION, ctx->credential_hash, org, stamp, ctx))
        return CD_OK;
    char maxs[32], idles[32];
    snprintf(maxs, sizeof maxs, "%ld", req->cfg->session_max_hours * 3600);
    snprintf(idles, sizeof idles, "%ld", req->cfg->session_idle_minutes * 60);
    const char *p[3] = {ctx->credential_hash, org, maxs};
    cd_err e;
    PGresult *r = db_exec(req->a, STMT_AUTH_SESSION, p, &e);
    if (!r)
        return e;
    if (PQntuples(r) != 1)
        return CD_EUNAUTH;
    set_user(ctx, r);
    copy_id(ctx->org_id, db_value(r, 3));
    set_membership(ctx, r, 4, 5);
    ctx->csrf = db_value(r, 6);
    ctx->org_name = db_value(r, 8);
    ctx->via_session = true;
    const char *stale = db_value(r, 7);
    if (stale && stale[0] == 't') {
        const char *t[3] = {ctx->credential_hash, idles, maxs};
        if (!db_exec(req->a, STMT_SESSION_TOUCH, t, &e))
            return e;
    }
    remember(req, CRED_SESSION, ctx, org, stamp, r, 9);
    return CD_OK;
}

static cd_err to_login(request *req, response *resp)
{
    kvlist q = {0};
    if (kv_add(&q, req->a, "next", 4, req->uri, strlen(req->uri)) < 0)
        return CD_ENOMEM;
    char *url = url_with_query(req->a, "/login", &q);
    if (!url)
        return CD_ENOMEM;
    return resp_redirect(resp, url_is_local(url) ? url : "/login"); /* too long to come back to: drop next */
}

/* For GATE_ORG_OF_*: the organization owning the resource of the path, or NULL (with *err). */
static const char *resource_org(request *req, gate g, cd_err *err)
{
    const char *p[1] = {req->params[0]};
    PGresult *r = db_exec(req->a, g == GATE_ORG_OF_COMMENT ? STMT_COMMENT_ORG : STMT_ATTACHMENT_ORG, p, err);
    if (r && !db_value(r, 0))
        *err = CD_ENOTFOUND;
    return r ? db_value(r, 0) : NULL;
}

cd_err gate_identify(request *req, response *resp, gate g)
{
    if (g == GATE_PUBLIC)
        return CD_OK;
    db_directory_poll(); /* what changed since the last request, before any cached entry is used */
    auth_ctx *ctx = arena_calloc(req->a, 1, sizeof *ctx);
    if (!ctx)
        return CD_ENOMEM;
    bool malformed = false;
    const char *org = req->is_api ? auth_org_header(req, &malformed) : auth_org_param(req, &malformed);
    const char *authz = request_header(req, "Authorization");
    const char *cookie = kv_get(&req->cookies, SESSION_COOKIE);
    cd_err e = CD_EUNAUTH, found = CD_OK;
    bool by_resource = (g == GATE_ORG_OF_COMMENT || g == GATE_ORG_OF_ATTACHMENT) && !org && !malformed;
    if (by_resource && (authz || cookie))
        org = resource_org(req, g, &found);
    if (found == CD_EUNAVAIL)
        return found;
    if (authz && req->is_api)
        e = by_bearer(req, ctx, authz, org);
    else if (cookie)
        e = by_session(req, ctx, cookie, org);
    if (g == GATE_ANON_FORM) {
        if (e == CD_OK)
            req->auth = ctx;
        return e == CD_EUNAVAIL ? e : CD_OK;
    }
    if (e != CD_OK) {
        if (e == CD_EUNAUTH)
            req->error_detail = authz || cookie ? "The credentials are invalid or expired." : NULL;
        if (e == CD_EUNAUTH && !req->is_api && req->method & (M_GET | M_HEAD))
            return to_login(req, resp);
        return e;
    }
    req->auth = ctx;
    if (g == GATE_USER)
        return CD_OK;
    if (by_resource && (found != CD_OK || !ctx->member_active))
        return found != CD_OK ? found : CD_ENOTFOUND; /* never reveal another organization's rows */
    if (malformed) {
        req->error_detail = req->is_api ? "The organization-id header must be an organization UUID."
                                        : "The org parameter must be an organization UUID.";
        return CD_EBADREQ;
    }
    if (!ctx->org_id[0] && ctx->via_session && !req->is_api && req->method & (M_GET | M_HEAD))
        return resp_redirect(resp, "/"); /* the start page says so, with the invitations to accept */
    if (!ctx->org_id[0]) {
        req->error_detail = ctx->via_session ? "You are not a member of any organization."
                                             : "The organization-id header is required.";
        return ctx->via_session ? CD_EFORBIDDEN : CD_EBADREQ;
    }
    if (!ctx->member_active && org && !req->is_api && req->method & (M_GET | M_HEAD))
        return CD_ENOTFOUND; /* a page of an organization the user is not in: nothing disclosed */
    if (!ctx->member_active) {
        req->error_detail = "You are not an active member of this organization.";
        return CD_EFORBIDDEN;
    }
    if (g == GATE_ADMIN && !ctx->is_admin) {
        req->error_detail = "Only an ADMIN of the organization may do this.";
        return CD_EFORBIDDEN;
    }
    return CD_OK;
}

cd_err gate_csrf(request *req, gate g)
{
    if (!(req->method & (M_POST | M_PUT | M_PATCH | M_DELETE)) || g == GATE_PUBLIC)
        return CD_OK;
    const char *sent = request_header(req, CSRF_HEADER);
    if (!sent)
        sent = kv_get(&req->form, CSRF_FIELD);
    if (g == GATE_ANON_FORM) {
        const char *cookie = kv_get(&req->cookies, LOGIN_COOKIE);
        if (cookie && sent && token_well_formed(cookie) && secret_equal(cookie, sent))
            return CD_OK;
        req->error_detail = "The form has expired; reload the page and try again.";
        return CD_EFORBIDDEN;
    }
    const auth_ctx *ctx = req->auth;
    if (!ctx || !ctx->via_session)
        return CD_OK;
    if (ctx->csrf && sent && secret_equal(ctx->csrf, sent))
        return CD_OK;
    req->error_detail = "Missing or wrong CSRF token; reload the page and try again.";
    return CD_EFORBIDDEN;
}
