/* users.c (api): members of an organization: /api/users/ and /api/users/{id}/ (writes: ADMIN only). */
#include "handlers.h"
#include "api/resource.h"
#include "repo/members.h"

cd_err api_users_list(request *req, response *resp)
{
    return res_list(req, resp, STMT_MEMBER_COUNT, STMT_MEMBER_LIST, NULL, 0);
}

cd_err api_users_create(request *req, response *resp)
{
    const char *user_id;
    actor act = auth_actor(req);
    input_fields in = input_of(req);
    cd_err e = member_add(&act, &in, input_errors(req), &user_id);
    if (e != CD_OK)
        return e;
    return res_reply_row(req, resp, STMT_MEMBER_GET, user_id, 201);
}

cd_err api_users_get(request *req, response *resp)
{
    return res_reply_row(req, resp, STMT_MEMBER_GET, req->params[0], 200);
}

cd_err api_users_update(request *req, response *resp)
{
    actor act = auth_actor(req);
    input_fields in = input_of(req);
    cd_err e = member_update(&act, &in, req->params[0], input_errors(req));
    if (e != CD_OK)
        return e;
    return res_reply_row(req, resp, STMT_MEMBER_GET, req->params[0], 200);
}

cd_err api_users_delete(request *req, response *resp)
{
    actor act = auth_actor(req);
    cd_err e = member_remove(&act, req->params[0], input_errors(req));
    if (e != CD_OK)
        return e;
    resp->status = 204;
    return CD_OK;
}
