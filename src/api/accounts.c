/* accounts.c (api): customer accounts of an organization: /api/accounts/ and /api/accounts/{id}/ (writes: ADMIN only). */
#include "handlers.h"
#include "api/resource.h"
#include "auth/auth.h"

enum { A_NAME, A_EMAIL, A_PHONE, A_WEBSITE, A_DESCRIPTION, A_COUNT };

static const field_spec account_fields[A_COUNT] = {
    [A_NAME] = {.name = "name", .type = F_STRING, .required = true, .min = 1, .max = 255},
    [A_EMAIL] = {.name = "email", .type = F_EMAIL, .nullable = true},
    [A_PHONE] = {.name = "phone", .type = F_STRING, .nullable = true, .max = 64},
    [A_WEBSITE] = {.name = "website", .type = F_STRING, .nullable = true, .max = 1000},
    [A_DESCRIPTION] = {.name = "description", .type = F_STRING, .nullable = true, .max = 10000},
};

/* The write shared by create (account_id NULL) and update: one statement, then the stored row. */
static cd_err account_write(request *req, response *resp, const char *account_id)
{
    bool creating = account_id == NULL;
    field_val v[A_COUNT];
    json_t *errors = json_object();
    res_validate(req, account_fields, A_COUNT, v, creating, errors);
    if (res_reply_errors(req, resp, errors))
        return CD_OK;
    const char *name = v[A_NAME].s, *email = res_text(&v[A_EMAIL], creating),
               *phone = res_text(&v[A_PHONE], creating), *website = res_text(&v[A_WEBSITE], creating),
               *description = res_text(&v[A_DESCRIPTION], creating);
    cd_err e;
    PGresult *r;
    if (creating) {
        const char *p[7] = {req->auth->org_id, name, email, phone, website, description, req->auth->user_id};
        r = db_exec(req->a, STMT_ACCOUNT_INSERT, p, &e);
    } else {
        const char *p[7] = {req->auth->org_id, account_id, name, email, phone, website, description};
        r = db_exec(req->a, STMT_ACCOUNT_UPDATE, p, &e);
    }
    if (!r)
        return e;
    const char *id = db_value(r, 0);
    return id ? res_reply_row(req, resp, STMT_ACCOUNT_GET, id, creating ? 201 : 200) : CD_ENOTFOUND;
}

cd_err api_accounts_list(request *req, response *resp)
{
    const char *filters[1] = {res_query_like(req, "name")};
    return res_list(req, resp, json_object(), STMT_ACCOUNT_COUNT, STMT_ACCOUNT_LIST, filters, 1);
}

cd_err api_accounts_create(request *req, response *resp) { return account_write(req, resp, NULL); }

cd_err api_accounts_get(request *req, response *resp)
{
    return res_reply_row(req, resp, STMT_ACCOUNT_GET, req->params[0], 200);
}

cd_err api_accounts_update(request *req, response *resp) { return account_write(req, resp, req->params[0]); }

cd_err api_accounts_delete(request *req, response *resp) { return res_delete(req, resp, STMT_ACCOUNT_DELETE); }
