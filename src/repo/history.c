/* history.c (repo): appending history rows of cases. */
#include "repo/history.h"
#include "db/db.h"

cd_err case_event(const actor *act, const char *case_id, const char *field, const char *old_value,
                  const char *new_value)
{
    const char *p[6] = {act->org_id, case_id, act->user_id, field, old_value, new_value};
    cd_err e;
    return db_exec(act->a, STMT_CASE_EVENT, p, &e) ? CD_OK : e;
}
