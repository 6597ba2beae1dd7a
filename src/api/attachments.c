/* attachments.c (api): GET (download) and DELETE /api/cases/attachment/{id}/. */
#include "handlers.h"
#include "auth/auth.h"
#include "db/db.h"
#include "http/filename.h"
#include "repo/attachments.h"
#include "repo/cases.h"

cd_err api_attachment_get(request *req, response *resp)
{
    const char *p[4] = {req->params[0], req->auth->org_id, req->auth->user_id, auth_admin_param(req)};
    cd_err e;
    PGresult *r = db_exec_bin(req->a, STMT_ATTACHMENT_CONTENT, p, NULL, NULL, 1, &e);
    if (!r)
        return e;
    if (PQntuples(r) != 1)
        return CD_ENOTFOUND;
    const char *name = PQgetvalue(r, 0, 0), *type = PQgetvalue(r, 0, 1);
    char *disposition = content_disposition(req->a, name);
    if (!disposition || resp_set_header(resp, "Content-Disposition", disposition) < 0)
        return CD_ENOMEM;
    resp_set_header(resp, "Content-Security-Policy", "default-src 'none'; sandbox");
    return resp_body(resp, 200, attachment_served_type(type), PQgetvalue(r, 0, 2), (size_t)PQgetlength(r, 0, 2));
}

cd_err api_attachment_delete(request *req, response *resp)
{
    const char *case_id;
    actor act = auth_actor(req);
    cd_err e;
    if ((e = attachment_delete(&act, req->params[0], &case_id, &req->error_detail)) != CD_OK)
        return e;
    resp->status = 204;
    return CD_OK;
}
