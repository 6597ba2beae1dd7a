/* dashboard.h (repo): the numbers of the start page: a member's open cases, the unassigned ones, the backlog by
 * status and priority, and the cases created and closed per day, counted as the case list counts them. */
#ifndef CD_REPO_DASHBOARD_H
#define CD_REPO_DASHBOARD_H
#include <jansson.h>
#include "auth/actor.h"
#include "core/err.h"

#define DASHBOARD_DAYS 30 /* the days of the chart, up to today (UTC) */

/* The start page's numbers for act, over the cases act may see (an ADMIN every case of the organization, a
 * USER their visible ones): {"mine": n (open, created by or assigned to act: the list's mine filter),
 * "unassigned": n (open, no assignee), "by_status": {"New": n, ...} and "by_priority": {"High": n, ...} (open
 * cases; a value without one left out), "days": [["2026-11-03", created, closed], ...] (DASHBOARD_DAYS UTC days,
 * oldest first)}, owned by act's arena; NULL with *err. One statement. */
json_t *dashboard_counts(const actor *act, cd_err *err);

#endif
