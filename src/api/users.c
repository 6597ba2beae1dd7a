/* users.c (api): members of an organization: /api/users/ and /api/users/{id}/ (writes: ADMIN only). */
#include "handlers.h"
#include "api/resource.h"
#include "auth/auth.h"
#include "auth/password.h"
#include "db/db.h"
#include "http/input.h"
#include "reply.h"
#include <stdlib.h>
#include <string.h>

static const char *const roles[] = {"ADMIN", "USER", NULL};

static json_t *member_json(request *req, const char *user_id, cd_err *e)
{
    const char *p[2] = {req->auth->org_id, user_id};
    return db_json(req->a, STMT_MEMBER_GET, p, e);
}

cd_err api_users_list(request *req, response *resp)
{
    return res_list(req, resp, json_object(), STMT_MEMBER_COUNT, STMT_MEMBER_LIST, NULL, 0);
}

cd_err api_users_create(request *req, response *resp)
{
    static const field_spec specs[] = {
        {.name = "email", .type = F_EMAIL, .required = true},
        {.name = "password", .type = F_STRING, .max = PASSWORD_MAX},
        {.name = "name", .type = F_STRING, .max = 255},
        {.name = "role", .type = F_CHOICE, .choices = roles},
    };
    field_val v[4];
    json_t *errors = json_object();
    bool ok = input_validate(req, specs, 4, v, errors);
    cd_err e = CD_OK;
    const char *user_id = NULL;
    if (ok) {
        const char *p[1] = {v[0].s};
        PGresult *r = db_exec(req->a, STMT_USER_BY_EMAIL, p, &e);
        if (!r) {
            json_decref(errors);
            return e;
        }
        user_id = db_value(r, 0);
        if (!user_id) {
            const char *problem = v[1].s ? password_problem(v[1].s) : "A password is required for a new user.";
            if (problem) {
                field_error(errors, "password", problem);
                ok = false;
            }
        }
    }
    if (!ok) {
        reply_field_errors(req, resp, errors);
        return CD_OK;
    }
    if ((e = db_begin()) != CD_OK) {
        json_decref(errors);
        return e;
    }
    if (!user_id) {
        char *hash = password_hash(req->a, v[1].s);
        const char *u[3] = {v[0].s, hash, v[2].s ? v[2].s : ""};
        PGresult *r = hash ? db_exec(req->a, STMT_USER_INSERT, u, &e) : NULL;
        if (!r) {
            json_decref(errors);
            return hash ? e : CD_ENOMEM;
        }
        user_id = db_value(r, 0);
    }
    const char *m[3] = {req->auth->org_id, user_id, v[3].s ? v[3].s : "USER"};
    PGresult *r = db_exec(req->a, STMT_MEMBERSHIP_INSERT, m, &e);
    if (!r) {
        json_decref(errors);
        return e;
    }
    if (PQntuples(r) == 0) {
        db_rollback();
        field_error(errors, "email", "This user is already a member of the organization.");
        reply_field_errors(req, resp, errors);
        return CD_OK;
    }
    json_decref(errors);
    json_t *out = member_json(req, user_id, &e);
    if (!out || (e = db_commit()) != CD_OK) {
        json_decref(out);
        return e;
    }
    char *loc = arena_printf(req->a, "/api/users/%s/", user_id);
    if (loc)
        resp_set_header(resp, "Location", loc);
    return resp_json(resp, 201, out);
}

cd_err api_users_get(request *req, response *resp)
{
    cd_err e;
    json_t *out = member_json(req, req->params[0], &e);
    return out ? resp_json(resp, 200, out) : e;
}

/* In a transaction holding the organization's lock: would the change leave no active ADMIN? */
static cd_err last_admin_check(request *req, const char *user_id, bool *last)
{
    cd_err e;
    const char *o[1] = {req->auth->org_id};
    if (!db_exec(req->a, STMT_ORG_LOCK, o, &e))
        return e;
    const char *p[2] = {req->auth->org_id, user_id};
    PGresult *r = db_exec(req->a, STMT_MEMBER_ACTIVE_ADMINS_EXCEPT, p, &e);
    if (!r)
        return e;
    *last = atoll(db_value(r, 0) ? db_value(r, 0) : "0") == 0;
    return CD_OK;
}

cd_err api_users_update(request *req, response *resp)
{
    static const field_spec specs[] = {
        {.name = "role", .type = F_CHOICE, .choices = roles},
        {.name = "is_active", .type = F_BOOL},
        {.name = "name", .type = F_STRING, .max = 255},
    };
    field_val v[3];
    json_t *errors = json_object();
    if (!input_validate(req, specs, 3, v, errors)) {
        reply_field_errors(req, resp, errors);
        return CD_OK;
    }
    const char *user_id = req->params[0];
    cd_err e = db_begin();
    if (e != CD_OK) {
        json_decref(errors);
        return e;
    }
    bool demotes = (v[0].s && strcmp(v[0].s, "ADMIN") != 0) || (v[1].present && !v[1].b);
    bool last = false;
    if (demotes && (e = last_admin_check(req, user_id, &last)) != CD_OK) {
        json_decref(errors);
        return e;
    }
    const char *p[4] = {req->auth->org_id, user_id, v[0].s, v[1].present ? (v[1].b ? "true" : "false") : NULL};
    PGresult *r = db_exec(req->a, STMT_MEMBER_UPDATE, p, &e);
    if (!r || PQntuples(r) == 0) {
        json_decref(errors);
        return r ? CD_ENOTFOUND : e;
    }
    if (demotes && last) {
        db_rollback();
        field_error(errors, v[0].s ? "role" : "is_active", "The organization must keep at least one active ADMIN.");
        reply_field_errors(req, resp, errors);
        return CD_OK;
    }
    json_decref(errors);
    if (v[2].present) {
        const char *n[2] = {user_id, v[2].s ? v[2].s : ""};
        if (!db_exec(req->a, STMT_USER_SET_NAME, n, &e))
            return e;
    }
    json_t *out = member_json(req, user_id, &e);
    if (!out || (e = db_commit()) != CD_OK) {
        json_decref(out);
        return e;
    }
    return resp_json(resp, 200, out);
}

cd_err api_users_delete(request *req, response *resp)
{
    const char *user_id = req->params[0];
    cd_err e = db_begin();
    if (e != CD_OK)
        return e;
    bool last = false;
    if ((e = last_admin_check(req, user_id, &last)) != CD_OK)
        return e;
    const char *p[2] = {req->auth->org_id, user_id};
    PGresult *r = db_exec(req->a, STMT_MEMBER_DELETE, p, &e);
    if (!r)
        return e;
    if (PQntuples(r) == 0)
        return CD_ENOTFOUND;
    if (last) {
        db_rollback();
        json_t *errors = json_object();
        field_error(errors, "non_field_errors", "The organization must keep at least one active ADMIN.");
        reply_field_errors(req, resp, errors);
        return CD_OK;
    }
    if (!db_exec(req->a, STMT_MEMBER_LEAVE_TEAMS, p, &e) || (e = db_commit()) != CD_OK)
        return e;
    resp->status = 204;
    return CD_OK;
}
