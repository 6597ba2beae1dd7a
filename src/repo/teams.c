/* teams.c (repo): teams of an organization and their members: validation and writes. */
#include "repo/teams.h"
#include "db/db.h"
#include "repo/orgs.h"
#include "http/input.h"
#include <string.h>

enum { T_NAME, T_DESCRIPTION, T_USERS, T_COUNT };

const field_spec team_field_specs[T_COUNT] = {
    [T_NAME] = {.name = "name", .type = F_STRING, .required = true, .min = 1, .max = 255},
    [T_DESCRIPTION] = {.name = "description", .type = F_STRING, .nullable = true, .max = 10000, .multiline = true},
    [T_USERS] = {.name = "users", .type = F_UUID_LIST, .nullable = true},
};
const size_t team_field_count = T_COUNT;

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

/* Before a write of team_id's members (NULL: a team about to be created), when users were sent: the locks the
 * visibility of its cases depends on (sql/013), taken before the team's row and the memberships, as a deletion
 * of the team or a removal of a member takes them. */
static cd_err lock_members(const actor *act, const field_val *users, const char *team_id)
{
    if (!users->present)
        return CD_OK;
    const char *p[2] = {team_id, input_uuid_array(act->a, users->list, users->n)};
    cd_err e;
    if (!p[1])
        return CD_ENOMEM;
    return db_exec(act->a, STMT_TEAM_MEMBERS_LOCK, p, &e) ? CD_OK : e;
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
    if (!input_validate_write(in, team_field_specs, T_COUNT, v, creating, errors))
        return input_refused(errors);
    cd_err e = lock_members(act, &v[T_USERS], team_id);
    if (e != CD_OK)
        return e;
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
    const char *p[2] = {act->org_id, id};
    cd_err e;
    /* the cases its deletion rewrites first, in id order, as every writer of visibility locks (sql/013) */
    if (!db_exec(act->a, STMT_TEAM_GONE_LOCK, p, &e))
        return e;
    return org_row_delete(act, STMT_TEAM_LOCK, STMT_CASES_DROP_TEAM, STMT_TEAM_DELETE, id);
}
