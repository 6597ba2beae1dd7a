/* invitations.c (web): the invitee's Accept and Decline forms (shown on the start page) and an ADMIN's Revoke
 * (on /admin/members), through the same repo/invitations.c as the API. */
#include "handlers.h"
#include "auth/auth.h"
#include "auth/login.h"
#include "repo/invitations.h"
#include "web/page.h"

cd_err web_invitation_accept(request *req, response *resp)
{
    actor act = auth_actor(req);
    const char *org = NULL;
    cd_err e = invitation_decide(&act, req->params[0], true, &org);
    if (e == CD_OK && req->auth->via_session) /* the organization just joined is where the user goes on */
        e = session_set_org(req, org);
    return e == CD_OK ? resp_redirect(resp, "/") : e;
}

cd_err web_invitation_decline(request *req, response *resp)
{
    actor act = auth_actor(req);
    cd_err e = invitation_decide(&act, req->params[0], false, NULL);
    return e == CD_OK ? resp_redirect(resp, "/") : e;
}

cd_err web_invitation_revoke(request *req, response *resp)
{
    actor act = auth_actor(req);
    cd_err e = invitation_revoke(&act, req->params[0]);
    return e == CD_OK ? page_done(req, resp, "/admin/members", "Revoked the invitation.", NULL, NULL) : e;
}
