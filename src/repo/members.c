/* members.c (repo): memberships of users in an organization, guarding the last active ADMIN. */
#include "repo/members.h"
#include "auth/password.h"
#include "db/db.h"
#include "http/input.h"
#include <stdlib.h>
#include <string.h>

const char *const member_roles[] = {"ADMIN", "USER", NULL};

cd_err user_create(arena *a, const char *email, const char *password, const char *name, const char **id)
{
    char *hash = password_hash(a, password);
    const char *u[3] = {email, hash, name};
    cd_err e;
    PGresult *r = hash ? db_exec(a, STMT_USER_INSERT, u, &e) : NULL;
    if (!r)
        return hash ? e : CD_ENOMEM;
    *id = db_value(r, 0);
    return *id ? CD_OK : CD_EINTERNAL;
}

cd_err member_set(const actor *act, const char *user_id, const char *role)
{
    const char *m[3] = {act->org_id, user_id, role};
    cd_err e;
    return db_exec(act->a, STMT_MEMBERSHIP_UPSERT, m, &e) ? CD_OK : e;
}

const field_spec member_add_field_specs[] = {
    {.name = "email", .type = F_EMAIL, .required = true},
    {.name = "password", .type = F_STRING, .max = PASSWORD_MAX, .secret = true},
    {.name = "name", .type = F_STRING, .max = 255},
    {.name = "role", .type = F_CHOICE, .choices = member_roles},
};
const size_t member_add_field_count = sizeof member_add_field_specs / sizeof member_add_field_specs[0];

const field_spec member_update_field_specs[] = {
    {.name = "role", .type = F_CHOICE, .choices = member_roles},
    {.name = "is_active", .type = F_BOOL},
    {.name = "name", .type = F_STRING, .max = 255},
};
const size_t member_update_field_count = sizeof member_update_field_specs / sizeof member_update_field_specs[0];

cd_err member_worked_in(const actor *act)
{
    if (act->role == ROLE_NONE || !act->org_id || !*act->org_id)
        return CD_OK;
    const char *p[2] = {act->user_id, act->org_id};
    cd_err e;
    return db_exec(act->a, STMT_USER_SET_LAST_ORG, p, &e) ? CD_OK : e;
}

/* In a transaction holding the organization's lock: would the change leave no active ADMIN? */
static cd_err last_admin_check(const actor *act, const char *user_id, bool *last)
{
    cd_err e;
    const char *o[1] = {act->org_id};
    if (!db_exec(act->a, STMT_ORG_LOCK, o, &e))
        return e;
    const char *p[2] = {act->org_id, user_id};
    PGresult *r = db_exec(act->a, STMT_MEMBER_ACTIVE_ADMINS_EXCEPT, p, &e);
    if (!r)
        return e;
    *last = atoll(db_value(r, 0) ? db_value(r, 0) : "0") == 0;
    return CD_OK;
}

/* A member removed or made inactive no longer works any case: takes user_id off every case of act's organization
 * assigned to them, each with an "assigned_to" history row and a new version, the cases locked in id order. */
static cd_err member_unassign(const actor *act, const char *user_id)
{
    const char *p[3] = {act->org_id, user_id, act->user_id};
    cd_err e;
    return db_exec(act->a, STMT_CASES_DROP_ASSIGNEE, p, &e) ? CD_OK : e;
}

/* Takes user_id off every case of act's organization while holding what an assignment of them waits for, so
 * that one validated before they left cannot commit after: their cases first (in id order), then
 * MEMBER_VISIBILITY_LOCK (their teams and themselves), then the cases such an assignment committed meanwhile. The
 * order is the one every writer of visibility locks in (sql/013). */
static cd_err member_leave_cases(const actor *act, const char *user_id)
{
    const char *p[2] = {act->org_id, user_id};
    cd_err e;
    if ((e = member_unassign(act, user_id)) != CD_OK || !db_exec(act->a, STMT_MEMBER_VISIBILITY_LOCK, p, &e))
        return e;
    return member_unassign(act, user_id);
}

cd_err member_update(const actor *act, const input_fields *in, const char *user_id, json_t *errors)
{
    field_val v[3];
    if (!input_validate(in, member_update_field_specs, 3, v, errors))
        return input_refused(errors);
    cd_err e;
    bool demotes = (v[0].s && strcmp(v[0].s, "ADMIN") != 0) || (v[1].present && !v[1].b);
    bool last = false;
    if (demotes && (e = last_admin_check(act, user_id, &last)) != CD_OK)
        return e;
    if (v[1].present && !v[1].b && (e = member_leave_cases(act, user_id)) != CD_OK)
        return e;
    const char *p[4] = {act->org_id, user_id, v[0].s, v[1].present ? (v[1].b ? "true" : "false") : NULL};
    PGresult *r = db_exec(act->a, STMT_MEMBER_UPDATE, p, &e);
    if (!r || PQntuples(r) == 0)
        return r ? CD_ENOTFOUND : e;
    if (demotes && last)
        field_error(errors, v[0].s ? "role" : "is_active", MEMBER_LAST_ADMIN);
    if ((e = input_verdict(errors)) != CD_OK)
        return e;
    if (v[2].present) {
        const char *n[3] = {user_id, v[2].s ? v[2].s : "", act->org_id};
        PGresult *named = db_exec(act->a, STMT_USER_SET_NAME, n, &e);
        if (!named)
            return e;
        if (PQntuples(named) == 0) /* the name is global: other organizations show it too */
            field_error(errors, "name",
                        "This user belongs to other organizations too; their name cannot be changed here.");
    }
    return input_verdict(errors);
}

cd_err member_remove(const actor *act, const char *user_id, json_t *errors)
{
    cd_err e;
    bool last = false;
    if ((e = last_admin_check(act, user_id, &last)) != CD_OK)
        return e;
    const char *p[2] = {act->org_id, user_id};
    if ((e = member_leave_cases(act, user_id)) != CD_OK) /* before their membership and team rows */
        return e;
    PGresult *r = db_exec(act->a, STMT_MEMBER_DELETE, p, &e);
    if (!r)
        return e;
    if (PQntuples(r) == 0)
        return CD_ENOTFOUND;
    if (last)
        field_error(errors, "non_field_errors", MEMBER_LAST_ADMIN);
    if ((e = input_verdict(errors)) != CD_OK)
        return e;
    return db_exec(act->a, STMT_MEMBER_LEAVE_TEAMS, p, &e) ? CD_OK : e;
}
