/* contacts.c (repo): people at customer accounts: validation and writes. */
#include "repo/contacts.h"
#include "db/db.h"
#include "repo/orgs.h"
#include "http/input.h"

enum { C_FIRST_NAME, C_LAST_NAME, C_EMAIL, C_PHONE, C_TITLE, C_ACCOUNT, C_COUNT };

const field_spec contact_field_specs[C_COUNT] = {
    [C_FIRST_NAME] = {.name = "first_name", .type = F_STRING, .required = true, .min = 1, .max = 255},
    [C_LAST_NAME] = {.name = "last_name", .type = F_STRING, .nullable = true, .max = 255},
    [C_EMAIL] = {.name = "email", .type = F_EMAIL, .nullable = true},
    [C_PHONE] = {.name = "phone", .type = F_STRING, .nullable = true, .max = 64},
    [C_TITLE] = {.name = "title", .type = F_STRING, .nullable = true, .max = 255},
    [C_ACCOUNT] = {.name = "account", .type = F_UUID, .nullable = true},
};
const size_t contact_field_count = C_COUNT;

/* One transaction with the account the contact links to, which must belong to the organization and
 * is kept from deletion until commit. */
cd_err contact_save(const actor *act, const input_fields *in, const char *contact_id, json_t *errors, const char **id)
{
    bool creating = contact_id == NULL;
    field_val v[C_COUNT];
    if (!input_validate_write(in, contact_field_specs, C_COUNT, v, creating, errors))
        return input_refused(errors);
    const char *account = v[C_ACCOUNT].s;
    cd_err e;
    if (account) {
        const char *p[2] = {act->org_id, account};
        PGresult *r = db_exec(act->a, STMT_ACCOUNT_LOCK, p, &e);
        if (!r)
            return e;
        if (PQntuples(r) == 0)
            field_error(errors, "account", "No such account in this organization.");
        if ((e = input_verdict(errors)) != CD_OK)
            return e;
    }
    const char *first = v[C_FIRST_NAME].s, *last = input_text(&v[C_LAST_NAME], creating),
               *email = input_text(&v[C_EMAIL], creating), *phone = input_text(&v[C_PHONE], creating),
               *title = input_text(&v[C_TITLE], creating);
    PGresult *r;
    if (creating) {
        const char *p[8] = {act->org_id, account, first, last, email, phone, title, act->user_id};
        r = db_exec(act->a, STMT_CONTACT_INSERT, p, &e);
    } else {
        const char *p[9] = {act->org_id, contact_id, first,
                            last,        email,      phone,
                            title,       account,    v[C_ACCOUNT].present ? "true" : "false"};
        r = db_exec(act->a, STMT_CONTACT_UPDATE, p, &e);
    }
    if (!r)
        return e;
    return (*id = db_value(r, 0)) ? CD_OK : CD_ENOTFOUND;
}

cd_err contact_delete(const actor *act, const char *id)
{
    const char *p[2] = {act->org_id, id};
    cd_err e;
    /* the cases its deletion rewrites first, in id order, as every writer of visibility locks (sql/013) */
    if (!db_exec(act->a, STMT_CONTACT_CASES_LOCK, p, &e))
        return e;
    return org_row_delete(act, STMT_CONTACT_LOCK_DELETE, STMT_CASES_DROP_CONTACT, STMT_CONTACT_DELETE, id);
}
