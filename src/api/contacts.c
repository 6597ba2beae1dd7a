/* contacts.c (api): people at customer accounts: /api/contacts/ and /api/contacts/{id}/ (writes: ADMIN only). */
#include "handlers.h"
#include "api/resource.h"
#include "http/query.h"
#include "repo/contacts.h"

cd_err api_contacts_list(request *req, response *resp)
{
    const char *filters[2] = {query_like(req->a, &req->query, "name"),
                              query_uuid(req->a, &req->query, "account", input_errors(req))};
    return res_list(req, resp, STMT_CONTACT_COUNT, STMT_CONTACT_LIST, filters, 2);
}

cd_err api_contacts_create(request *req, response *resp)
{
    return res_write(req, resp, contact_save, STMT_CONTACT_GET, NULL);
}

cd_err api_contacts_get(request *req, response *resp)
{
    return res_reply_row(req, resp, STMT_CONTACT_GET, req->params[0], 200);
}

cd_err api_contacts_update(request *req, response *resp)
{
    return res_write(req, resp, contact_save, STMT_CONTACT_GET, req->params[0]);
}

cd_err api_contacts_delete(request *req, response *resp) { return res_delete(req, resp, contact_delete); }
