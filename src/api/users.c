/* users.c (api): members of an organization: /api/users/ and /api/users/{id}/ (writes: ADMIN only). */
#include "handlers.h"
#include "api/resource.h"
#include "auth/auth.h"
#include "db/db.h"
#include "repo/members.h"

/* Replies status with member user_id's JSON, committing an open transaction first. */
static cd_err reply_member(request *req, response *resp, const char *user_id, int status)
{
    cd_err e;
    const char *p[2] = {req->auth->org_id, user_id};
    json_t *out = db_json(req->a, STMT_MEMBER_GET, p, &e);
    if (!out)
        return e;
    if (db_in_transaction() && (e = db_commit()) != CD_OK) {
        json_decref(out);
        return e;
    }
    if (status == 201) {
        char *loc = arena_printf(req->a, "/api/users/%s/", user_id);
        if (loc)
            resp_set_header(resp, "Location", loc);
    }
    return resp_json(resp, status, out);
}

cd_err api_users_list(request *req, response *resp)
{
    return res_list(req, resp, json_object(), STMT_MEMBER_COUNT, STMT_MEMBER_LIST, NULL, 0);
}

cd_err api_users_create(request *req, response *resp)
{
    json_t *errors = json_object();
    const char *user_id;
    cd_err e = member_add(req, errors, &user_id);
    if (e != CD_OK)
        return res_refused(req, resp, e, errors);
    json_decref(errors);
    return reply_member(req, resp, user_id, 201);
}

cd_err api_users_get(request *req, response *resp) { return reply_member(req, resp, req->params[0], 200); }

cd_err api_users_update(request *req, response *resp)
{
    json_t *errors = json_object();
    cd_err e = member_update(req, req->params[0], errors);
    if (e != CD_OK)
        return res_refused(req, resp, e, errors);
    json_decref(errors);
    return reply_member(req, resp, req->params[0], 200);
}

cd_err api_users_delete(request *req, response *resp)
{
    json_t *errors = json_object();
    cd_err e = member_remove(req, req->params[0], errors);
    if (e != CD_OK)
        return res_refused(req, resp, e, errors);
    json_decref(errors);
    resp->status = 204;
    return CD_OK;
}
