/* accounts.c (repo): customer accounts of an organization: validation and writes. */
#include "repo/accounts.h"
#include "db/db.h"
#include "repo/orgs.h"
#include "http/input.h"

enum { A_NAME, A_EMAIL, A_PHONE, A_WEBSITE, A_DESCRIPTION, A_COUNT };

const field_spec account_field_specs[A_COUNT] = {
    [A_NAME] = {.name = "name", .type = F_STRING, .required = true, .min = 1, .max = 255},
    [A_EMAIL] = {.name = "email", .type = F_EMAIL, .nullable = true},
    [A_PHONE] = {.name = "phone", .type = F_STRING, .nullable = true, .max = 64},
    [A_WEBSITE] = {.name = "website", .type = F_STRING, .nullable = true, .max = 1000},
    [A_DESCRIPTION] = {.name = "description", .type = F_STRING, .nullable = true, .max = 10000, .multiline = true},
};
const size_t account_field_count = A_COUNT;

/* One statement, outside any transaction. */
cd_err account_save(const actor *act, const input_fields *in, const char *account_id, json_t *errors, const char **id)
{
    bool creating = account_id == NULL;
    field_val v[A_COUNT];
    if (!input_validate_write(in, account_field_specs, A_COUNT, v, creating, errors))
        return input_refused(errors);
    const char *name = v[A_NAME].s, *email = input_text(&v[A_EMAIL], creating),
               *phone = input_text(&v[A_PHONE], creating), *website = input_text(&v[A_WEBSITE], creating),
               *description = input_text(&v[A_DESCRIPTION], creating);
    cd_err e;
    PGresult *r;
    if (creating) {
        const char *p[7] = {act->org_id, name, email, phone, website, description, act->user_id};
        r = db_exec(act->a, STMT_ACCOUNT_INSERT, p, &e);
    } else {
        const char *p[7] = {act->org_id, account_id, name, email, phone, website, description};
        r = db_exec(act->a, STMT_ACCOUNT_UPDATE, p, &e);
    }
    if (!r)
        return e;
    return (*id = db_value(r, 0)) ? CD_OK : CD_ENOTFOUND;
}

cd_err account_delete(const actor *act, const char *id)
{
    const char *p[2] = {act->org_id, id};
    cd_err e;
    /* the cases its deletion rewrites first, in id order, as every writer of visibility locks (sql/013) */
    if (!db_exec(act->a, STMT_ACCOUNT_CASES_LOCK, p, &e))
        return e;
    return org_row_delete(act, STMT_ACCOUNT_LOCK_DELETE, STMT_CASES_DROP_ACCOUNT, STMT_ACCOUNT_DELETE, id);
}
