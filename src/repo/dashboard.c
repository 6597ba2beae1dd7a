/* dashboard.c (repo): the start page's numbers, one statement per role. */
#include "repo/dashboard.h"
#include "db/db.h"

json_t *dashboard_counts(const actor *act, cd_err *err)
{
    const char *p[2] = {act->org_id, act->user_id};
    return db_json(act->a, act->role == ROLE_ADMIN ? STMT_DASHBOARD_ADMIN : STMT_DASHBOARD_USER, p, err);
}
