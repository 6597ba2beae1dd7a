/* history.c (repo): appending history rows of cases. */
#include "repo/history.h"
#include "auth/auth.h"
#include "db/db.h"

cd_err case_event(request *req, const char *case_id, const char *field, const char *old_value,
                  const char *new_value)
{
    const char *p[6] = {req->auth->org_id, case_id, req->auth->user_id, field, old_value, new_value};
    cd_err e;
    return db_exec(req->a, STMT_CASE_EVENT, p, &e) ? CD_OK : e;
}
