/* contacts.c (api): people at customer accounts: /api/contacts/ and /api/contacts/{id}/ (writes: ADMIN only). */
#include "handlers.h"
#include "api/resource.h"
#include "auth/auth.h"

enum { C_FIRST_NAME, C_LAST_NAME, C_EMAIL, C_PHONE, C_TITLE, C_ACCOUNT, C_COUNT };

static const field_spec contact_fields[C_COUNT] = {
    [C_FIRST_NAME] = {.name = "first_name", .type = F_STRING, .required = true, .min = 1, .max = 255},
    [C_LAST_NAME] = {.name = "last_name", .type = F_STRING, .nullable = true, .max = 255},
    [C_EMAIL] = {.name = "email", .type = F_EMAIL, .nullable = true},
    [C_PHONE] = {.name = "phone", .type = F_STRING, .nullable = true, .max = 64},
    [C_TITLE] = {.name = "title", .type = F_STRING, .nullable = true, .max = 255},
    [C_ACCOUNT] = {.name = "account", .type = F_UUID, .nullable = true},
};

/* The write shared by create (contact_id NULL) and update, in one transaction with the account it
 * links to, which must belong to the organization and is kept from deletion until commit. */
static cd_err contact_write(request *req, response *resp, const char *contact_id)
{
    bool creating = contact_id == NULL;
    field_val v[C_COUNT];
    json_t *errors = json_object();
    res_validate(req, contact_fields, C_COUNT, v, creating, errors);
    if (res_reply_errors(req, resp, errors))
        return CD_OK;
    const char *account = v[C_ACCOUNT].s;
    cd_err e = db_begin();
    if (e != CD_OK)
        return e;
    if (account) {
        const char *p[2] = {req->auth->org_id, account};
        PGresult *r = db_exec(req->a, STMT_ACCOUNT_LOCK, p, &e);
        if (!r)
            return e;
        errors = json_object();
        if (PQntuples(r) == 0)
            field_error(errors, "account", "No such account in this organization.");
        if (res_reply_errors(req, resp, errors))
            return CD_OK;
    }
    const char *first = v[C_FIRST_NAME].s, *last = res_text(&v[C_LAST_NAME], creating),
               *email = res_text(&v[C_EMAIL], creating), *phone = res_text(&v[C_PHONE], creating),
               *title = res_text(&v[C_TITLE], creating);
    PGresult *r;
    if (creating) {
        const char *p[8] = {req->auth->org_id, account, first, last, email, phone, title, req->auth->user_id};
        r = db_exec(req->a, STMT_CONTACT_INSERT, p, &e);
    } else {
        const char *p[9] = {req->auth->org_id, contact_id, first, last, email, phone, title, account,
                            v[C_ACCOUNT].present ? "true" : "false"};
        r = db_exec(req->a, STMT_CONTACT_UPDATE, p, &e);
    }
    if (!r)
        return e;
    const char *id = db_value(r, 0);
    return id ? res_reply_row(req, resp, STMT_CONTACT_GET, id, creating ? 201 : 200) : CD_ENOTFOUND;
}

cd_err api_contacts_list(request *req, response *resp)
{
    json_t *errors = json_object();
    const char *filters[2] = {res_query_like(req, "name"), res_query_uuid(req, "account", errors)};
    return res_list(req, resp, errors, STMT_CONTACT_COUNT, STMT_CONTACT_LIST, filters, 2);
}

cd_err api_contacts_create(request *req, response *resp) { return contact_write(req, resp, NULL); }

cd_err api_contacts_get(request *req, response *resp)
{
    return res_reply_row(req, resp, STMT_CONTACT_GET, req->params[0], 200);
}

cd_err api_contacts_update(request *req, response *resp) { return contact_write(req, resp, req->params[0]); }

cd_err api_contacts_delete(request *req, response *resp) { return res_delete(req, resp, STMT_CONTACT_DELETE); }
