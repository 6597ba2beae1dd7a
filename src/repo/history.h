/* history.h (repo): the history rows of a case, written by every change to it. */
#ifndef CD_REPO_HISTORY_H
#define CD_REPO_HISTORY_H
#include "auth/actor.h"
#include "core/err.h"

/* In the caller's transaction: appends a history row for case_id by act (field changed from old_value
 * to new_value, either may be NULL). */
cd_err case_event(const actor *act, const char *case_id, const char *field, const char *old_value,
                  const char *new_value);

#endif
