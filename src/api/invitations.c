/* invitations.c (api): the caller's pending invitations (/api/invitations/: list, accept, decline) and an
 * organization's (/api/org/invitations/: ADMINs list and revoke them); POST /api/users/ sends them. */
#include "handlers.h"
#include "api/resource.h"
#include "auth/auth.h"
#include "repo/invitations.h"

cd_err api_invitations_list(request *req, response *resp)
{
    return res_list_of(req, resp, req->auth->user_id, STMT_INVITATION_MINE_COUNT, STMT_INVITATION_MINE_LIST, NULL, 0);
}

cd_err api_invitation_accept(request *req, response *resp)
{
    actor act = auth_actor(req);
    const char *org = NULL;
    cd_err e = invitation_decide(&act, req->params[0], true, &org);
    if (e != CD_OK)
        return e;
    const char *p[2] = {org, act.user_id};
    json_t *out = db_json(req->a, STMT_ORG_JSON, p, &e);
    return out ? resp_json_ref(resp, 200, out) : e;
}

cd_err api_invitation_decline(request *req, response *resp)
{
    actor act = auth_actor(req);
    cd_err e = invitation_decide(&act, req->params[0], false, NULL);
    if (e == CD_OK)
        resp->status = 204;
    return e;
}

cd_err api_org_invitations_list(request *req, response *resp)
{
    return res_list(req, resp, STMT_INVITATION_ORG_COUNT, STMT_INVITATION_ORG_LIST, NULL, 0);
}

cd_err api_org_invitation_revoke(request *req, response *resp) { return res_delete(req, resp, invitation_revoke); }
