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

cd_err member_add(const actor *act, const input_fields *in, json_t *errors, const char **user_id)
{
    static const field_spec specs[] = {
        {.name = "email", .type = F_EMAIL, .required = true},
        {.name = "password", .type = F_STRING, .max = PASSWORD_MAX},
        {.name = "name", .type = F_STRING, .max = 255},
        {.name = "role", .type = F_CHOICE, .choices = member_roles},
    };
    field_val v[4];
    bool ok = input_validate(in, specs, 4, v, errors);
    cd_err e = CD_OK;
    *user_id = NULL;
    if (ok) {
        const char *p[1] = {v[0].s};
        PGresult *r = db_exec(act->a, STMT_USER_BY_EMAIL, p, &e);
        if (!r)
            return e;
        *user_id = db_value(r, 0);
        if (!*user_id) {
            const char *problem = v[1].s ? password_problem(v[1].s) : "A password is required for a new user.";
            if (problem)
                field_error(errors, "password", problem);
        }
    }
    if ((e = input_verdict(errors)) != CD_OK)
        return e;
    if (!*user_id && (e = user_create(act->a, v[0].s, v[1].s, v[2].s ? v[2].s : "", user_id)) != CD_OK)
        return e;
    const char *m[3] = {act->org_id, *user_id, v[3].s ? v[3].s : "USER"};
    PGresult *r = db_exec(act->a, STMT_MEMBERSHIP_INSERT, m, &e);
    if (!r)
        return e;
    if (PQntuples(r) == 0)
        field_error(errors, "email", "This user is already a member of the organization.");
    return input_verdict(errors);
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

cd_err member_update(const actor *act, const input_fields *in, const char *user_id, json_t *errors)
{
    static const field_spec specs[] = {
        {.name = "role", .type = F_CHOICE, .choices = member_roles},
        {.name = "is_active", .type = F_BOOL},
        {.name = "name", .type = F_STRING, .max = 255},
    };
    field_val v[3];
    if (!input_validate(in, specs, 3, v, errors))
        return input_refused(errors);
    cd_err e;
    bool demotes = (v[0].s && strcmp(v[0].s, "ADMIN") != 0) || (v[1].present && !v[1].b);
    bool last = false;
    if (demotes && (e = last_admin_check(act, user_id, &last)) != CD_OK)
        return e;
    const char *p[4] = {act->org_id, user_id, v[0].s, v[1].present ? (v[1].b ? "true" : "false") : NULL};
    PGresult *r = db_exec(act->a, STMT_MEMBER_UPDATE, p, &e);
    if (!r || PQntuples(r) == 0)
        return r ? CD_ENOTFOUND : e;
    if (demotes && last)
        field_error(errors, v[0].s ? "role" : "is_active", MEMBER_LAST_ADMIN);
    if ((e = input_verdict(errors)) != CD_OK)
        return e;
    if (v[1].present && !v[1].b && (e = member_unassign(act, user_id)) != CD_OK)
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
    PGresult *r = db_exec(act->a, STMT_MEMBER_DELETE, p, &e);
    if (!r)
        return e;
    if (PQntuples(r) == 0)
        return CD_ENOTFOUND;
    if (last)
        field_error(errors, "non_field_errors", MEMBER_LAST_ADMIN);
    if ((e = input_verdict(errors)) != CD_OK || (e = member_unassign(act, user_id)) != CD_OK)
        return e;
    return db_exec(act->a, STMT_MEMBER_LEAVE_TEAMS, p, &e) ? CD_OK : e;
}
