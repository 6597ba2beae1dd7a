/* case_search.h (repo): the search box's query (core/search_syntax.h) read into the case list's parameters. */
#ifndef CD_REPO_CASE_SEARCH_H
#define CD_REPO_CASE_SEARCH_H
#include <jansson.h>
#include "auth/actor.h"
#include "db/case_list.h"

/* The field names the search box knows, NULL-terminated: status, priority, type, assignee, team, account,
 * created, updated. */
extern const char *const case_search_fields[];

/* Reads search text q (NULL or blank: no search) for act into the list's parameters p: its free text into CQ_Q
 * with act's organization's text search configuration in CQ_QCONFIG; each field term into its filter, values
 * matched as the list's parameters match them (status:open as the resolution, not Closed; assignee:me,
 * assignee:none; a member, team or account by its name, or email, exactly or by the only one holding it;
 * created/updated with <, <=, >, >= a date (UTC) or an age Nd or Nh, a date alone meaning that day). A syntax
 * error, a term whose filter p holds already, an unknown value or an ambiguous name adds one error to errors
 * under "q" that names its position ("At 12: ..."); CD_OK then, or the database's error. */
cd_err case_search_parse(const actor *act, const char *q, const char *p[CQ__COUNT], json_t *errors);

#endif
