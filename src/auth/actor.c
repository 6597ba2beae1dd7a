/* actor.c: the actor of a request, from the identity its gates established. */
#include "auth/actor.h"
#include "http/request.h"
#include "auth/auth.h"

actor auth_actor(const request *req)
{
    const auth_ctx *c = req->auth;
    actor act = {req->a, c ? c->org_id : "", c ? c->user_id : "", ROLE_NONE, req->cfg};
    if (c && c->is_admin)
        act.role = ROLE_ADMIN;
    else if (c && c->member_active)
        act.role = ROLE_USER;
    return act;
}

const char *actor_admin_param(const actor *act) { return act->role == ROLE_ADMIN ? "true" : "false"; }
