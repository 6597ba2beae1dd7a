/* invitations.c (repo): invitations to an organization, sent by its ADMINs and decided by their invitees. */
#include "repo/invitations.h"
#include "auth/password.h"
#include "db/db.h"
#include "repo/members.h"

cd_err invitation_send(const actor *act, const input_fields *in, json_t *errors, const char **id)
{
    field_val v[4];
    *id = NULL;
    if (!input_validate(in, member_add_field_specs, 4, v, errors))
        return input_refused(errors);
    const char *password = v[1].s && *v[1].s ? v[1].s : NULL; /* a form's empty field: none */
    const char *problem = password ? password_problem(password) : NULL;
    if (problem)
        field_error(errors, "password", problem);
    cd_err e;
    const char *m[2] = {act->org_id, v[0].s};
    PGresult *r = db_exec(act->a, STMT_MEMBER_BY_EMAIL, m, &e);
    if (!r)
        return e;
    if (PQntuples(r) > 0)
        field_error(errors, "email", "This user is already a member of the organization.");
    if ((e = input_verdict(errors)) != CD_OK)
        return e;
    if (password) {
        char *hash = password_hash(act->a, password);
        if (!hash)
            return CD_ENOMEM;
        const char *u[3] = {v[0].s, hash, v[2].s ? v[2].s : ""};
        if (!db_exec(act->a, STMT_USER_INSERT_IF_NEW, u, &e)) /* no row: the email has a user already */
            return e;
    }
    const char *p[4] = {act->org_id, v[0].s, v[3].s ? v[3].s : "USER", act->user_id};
    if (!(r = db_exec(act->a, STMT_INVITATION_INSERT, p, &e)))
        return e;
    *id = db_value(r, 0);
    if (!*id)
        field_error(errors, "email", "This email already has a pending invitation to the organization.");
    return input_verdict(errors);
}

cd_err invitation_decide(const actor *act, const char *id, bool accept, const char **org_id)
{
    cd_err e;
    const char *p[3] = {id, act->user_id, accept ? "accepted" : "declined"};
    PGresult *r = db_exec(act->a, STMT_INVITATION_DECIDE, p, &e);
    if (!r)
        return e;
    const char *org = db_value(r, 0), *role = db_value(r, 1);
    if (!org)
        return CD_ENOTFOUND;
    if (org_id)
        *org_id = org;
    if (!accept)
        return CD_OK;
    const char *m[3] = {org, act->user_id, role};
    if (!db_exec(act->a, STMT_MEMBERSHIP_INSERT, m, &e))
        return e;
    actor in_org = *act;
    in_org.org_id = org;
    in_org.role = ROLE_USER;
    return member_worked_in(&in_org);
}

cd_err invitation_revoke(const actor *act, const char *id)
{
    cd_err e;
    const char *p[2] = {act->org_id, id};
    PGresult *r = db_exec(act->a, STMT_INVITATION_REVOKE, p, &e);
    if (!r)
        return e;
    return PQntuples(r) == 0 ? CD_ENOTFOUND : CD_OK;
}
