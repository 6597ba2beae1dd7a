/* users.c (api): members of an organization: /api/users/ and /api/users/{id}/ (writes: ADMIN only); a POST
 * invites (repo/invitations.h). */
#include "handlers.h"
#include "api/resource.h"
#include "repo/invitations.h"
#include "repo/members.h"

cd_err api_users_list(request *req, response *resp)
{
    return res_list(req, resp, STMT_MEMBER_COUNT, STMT_MEMBER_LIST, NULL, 0);
}

/* 201 with the pending invitation, the same whether or not the email has a user: it becomes a member on
 * accepting (POST /api/invitations/{id}/accept/). */
cd_err api_users_create(request *req, response *resp)
{
    const char *id;
    actor act = auth_actor(req);
    input_fields in = input_of(req);
    cd_err e = invitation_send(&act, &in, input_errors(req), &id);
    if (e != CD_OK)
        return e;
    const char *p[2] = {act.org_id, id};
    json_t *out = db_json(req->a, STMT_INVITATION_GET, p, &e);
    return out ? resp_json_ref(resp, 201, out) : e;
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
