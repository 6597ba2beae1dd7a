/* accounts.c (api): customer accounts of an organization: /api/accounts/ and /api/accounts/{id}/ (writes: ADMIN
 * only). */
#include "handlers.h"
#include "api/resource.h"
#include "http/query.h"
#include "repo/accounts.h"

cd_err api_accounts_list(request *req, response *resp)
{
    const char *filters[1] = {query_like(req->a, &req->query, "name")};
    return res_list(req, resp, STMT_ACCOUNT_COUNT, STMT_ACCOUNT_LIST, filters, 1);
}

cd_err api_accounts_create(request *req, response *resp)
{
    return res_write(req, resp, account_save, STMT_ACCOUNT_GET, NULL);
}

cd_err api_accounts_get(request *req, response *resp)
{
    return res_reply_row(req, resp, STMT_ACCOUNT_GET, req->params[0], 200);
}

cd_err api_accounts_update(request *req, response *resp)
{
    return res_write(req, resp, account_save, STMT_ACCOUNT_GET, req->params[0]);
}

cd_err api_accounts_delete(request *req, response *resp) { return res_delete(req, resp, account_delete); }
