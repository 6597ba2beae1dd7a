/* case_lookups.h: the members, accounts and teams the case list names its rows with and filters by, past the
 * first ones a page offers as choices. */
#ifndef CD_CASE_LOOKUPS_H
#define CD_CASE_LOOKUPS_H
#include "core/err.h"
#include "http/request.h"
#include <jansson.h>

/* The filters that choose one member, account or team: their query parameter and the one that finds by text. */
typedef enum { LOOKUP_ASSIGNEE, LOOKUP_ACCOUNT, LOOKUP_TEAM, LOOKUP__COUNT } lookup_filter;

/* An organization's lookups for one request. cached is the worker's shared copy (read only): the first
 * LOOKUP_SHOWN members, newest accounts and teams, and whether there are more of each. more holds what this
 * request fetched by id or found by text ({kind, id, email, name, is_active} objects); found[f] the matches of
 * filter f's text, when it had several. All owned by the request's arena. */
typedef struct case_lookups {
    json_t *cached, *more, *found[LOOKUP__COUNT];
} case_lookups;

/* How many of each kind a filter offers as choices before it offers finding by text as well. */
#define LOOKUP_SHOWN 100

/* Loads the organization's lookups (cached per worker until the directory stamp moves). CD_OK or an error. */
cd_err case_lookups_load(request *req, case_lookups *l);

/* Fetches, in one statement, the members and accounts that rows (case objects) and the chosen filters name and
 * that the cached lookups do not hold. CD_OK or an error. */
cd_err case_lookups_name_rows(request *req, case_lookups *l, const json_t *rows);

/* The member or account object ({id, name, ...}) with id, or NULL. */
const json_t *case_lookups_member(const case_lookups *l, const char *id);
const json_t *case_lookups_account(const case_lookups *l, const char *id);

/* For each filter whose find parameter (assigned_to_q, account_q, team_q) holds text: exactly one match is
 * added to chosen as the filter's parameter and id; none or several add a message to errors under the find
 * parameter (several are kept in found, for the filter's choices). CD_OK or an error. */
cd_err case_lookups_find(request *req, case_lookups *l, kvlist *chosen, json_t *errors);

/* Filter f's query parameter and its find parameter. */
const char *case_lookups_param(lookup_filter f);
const char *case_lookups_find_param(lookup_filter f);

/* The <option>s of filter f (case_options.tpl, escaped there): the matches of its text when it had several,
 * else the first choices with the chosen one marked (and added when it is not among them). NULL when out of
 * memory. */
const char *case_lookups_options(request *req, const case_lookups *l, lookup_filter f);

/* True when filter f offers finding by text: there are more than LOOKUP_SHOWN to choose from, or its find
 * parameter was given. */
bool case_lookups_findable(request *req, const case_lookups *l, lookup_filter f);

/* The element of array arr whose "id" is id, or NULL. */
const json_t *lookup_by_id(const json_t *arr, const char *id);

/* How a user object ({id, email, name}) is shown: the name, else the email. */
const char *lookup_user_label(const json_t *u);

#endif
