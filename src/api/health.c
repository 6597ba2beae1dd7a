/* health.c: GET /healthz, a database round trip that load balancers and the tests poll. */
#include "handlers.h"
#include "db/db.h"

cd_err api_healthz(request *req, response *resp)
{
    cd_err e;
    if (!db_exec(req->a, STMT_PING, NULL, &e))
        return resp_json(resp, 503, json_pack("{s:s}", "status", "unavailable"));
    return resp_json(resp, 200, json_pack("{s:s}", "status", "ok"));
}
