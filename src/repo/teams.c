/* teams.c (repo): teams of an organization and their members: validation and writes. */
#include "repo/teams.h"
#include "db/db.h"
#include "repo/orgs.h"
#include "http/input.h"
#include <string.h>

enum { T_NAME, T_DESCRIPTION, T_USERS, T_COUNT };

static const field_spec team_fields[T_COUNT] = {
    [T_NAME] = {.name = "name", .type = F_STRING, .required = true, .min = 1, .max = 255},
    [T_DESCRIPTION] = {.name = "description", .type = F_STRING, .nullable = true, .max = 10000},
    [T_USERS] = {.name = "users", .type = F_UUID_LIST, .nullable = true},
};

/* Inside the write's transaction: checks that the name is free and that every user is an active member
 * (locking those memberships until commit), adding a message per problem to errors. */
static cd_err team_check(const actor *act, const field_val *v, const char *team_id, json_t *errors)
{
    cd_err e;
    if (v[T_NAME].s) {
        const char *p[3] = {act->org_id, v[T_NAME].s, team_id};
        PGresult *r = db_exec(act->a, STMT_TEAM_NAME_TAKEN, p, &e);
        if (!r)
            return e;
        if (PQntuples(r) > 0)
            field_error(errors, "name", "A team with this name already exists.");
    }
    if (v[T_USERS].n == 0)
        return CD_OK;
    const char *arr = input_uuid_array(act->a, v[T_USERS].list, v[T_USERS].n);
    const char *p[2] = {act->org_id, arr};
    PGresult *r = arr ? db_exec(act->a, STMT_MEMBERS_ACTIVE_LOCK, p, &e) : NULL;
    if (!r)
        return arr ? e : CD_ENOMEM;
    for (size_t i = 0; i < v[T_USERS].n; i++) {
        bool found = false;
        for (int row = 0; row < PQntuples(r) && !found; row++)
            found = strcmp(PQgetvalue(r, row, 0), v[T_USERS].list[i]) == 0;
        if (!found) {
            char *m = arena_printf(act->a, "%s is not an active member of the organization.", v[T_USERS].list[i]);
            field_error(errors, "users", m ? m : "Not an active member of the organization.");
        }
    }
    return CD_OK;
}

/* Replaces the team's members with the users sent (when they were sent). */
static cd_err team_set_users(const actor *act, const field_val *users, const char *team_id, bool creating)
{
    cd_err e;
    const char *p[3] = {act->org_id, team_id, NULL};
    if (!users->present)
        return CD_OK;
    if (!creating && !db_exec(act->a, STMT_TEAM_MEMBERS_CLEAR, p, &e))
        return e;
    for (size_t i = 0; i < users->n; i++) {
        p[2] = users->list[i];
        if (!db_exec(act->a, STMT_TEAM_MEMBER_ADD, p, &e))
            return e;
    }
    return CD_OK;
}

/* One transaction: the team is locked (or 404) before the checks, so that every bad field is reported
 * before anything is written. */
cd_err team_save(const actor *act, const input_fields *in, const char *team_id, json_t *errors, const char **id)
{
    bool creating = team_id == NULL;
    field_val v[T_COUNT];
    if (!input_validate_write(in, team_fields, T_COUNT, v, creating, errors))
        return input_refused(errors);
    cd_err e = CD_OK;
    const char *key[2] = {act->org_id, team_id};
    PGresult *r = !creating ? db_exec(act->a, STMT_TEAM_LOCK, key, &e) : NULL;
    if (e != CD_OK)
        return e;
    if (r && PQntuples(r) == 0)
        return CD_ENOTFOUND;
    if ((e = team_check(act, v, team_id, errors)) != CD_OK || (e = input_verdict(errors)) != CD_OK)
        return e;
    if (creating) {
        const char *p[3] = {act->org_id, v[T_NAME].s, input_text(&v[T_DESCRIPTION], true)};
        r = db_exec(act->a, STMT_TEAM_INSERT, p, &e);
    } else {
        const char *p[4] = {act->org_id, team_id, v[T_NAME].s, input_text(&v[T_DESCRIPTION], false)};
        r = db_exec(act->a, STMT_TEAM_UPDATE, p, &e);
    }
    if (!r && e == CD_ECONFLICT) { /* another transaction took the name after our check */
        field_error(errors, "name", "A team with this name already exists.");
        return input_verdict(errors);
    }
    if (!r)
        return e;
    if (!(*id = db_value(r, 0)))
        return CD_ENOTFOUND;
    return team_set_users(act, &v[T_USERS], *id, creating);
}

cd_err team_delete(const actor *act, const char *id)
{
    return org_row_delete(act, STMT_TEAM_LOCK, STMT_CASES_DROP_TEAM, STMT_TEAM_DELETE, id);
}
