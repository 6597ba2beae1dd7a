/* orgs.c (api): POST /api/org/: any signed-in user creates an organization and becomes its ADMIN. */
#include "handlers.h"
#include "auth/actor.h"
#include "repo/orgs.h"
#include "http/input.h"

cd_err api_org_create(request *req, response *resp)
{
    field_val v[1];
    cd_err e = input_check(req, org_field_specs, org_field_count, v);
    if (e != CD_OK)
        return e;
    actor act = auth_actor(req);
    json_t *out = org_create(&act, v[0].s, &e);
    if (!out)
        return e;
    return resp_json_ref(resp, 201, out);
}
