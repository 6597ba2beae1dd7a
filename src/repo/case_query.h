/* case_query.h (repo): the case list's filters, ordering and paging read from the query string, shared
 * by GET /api/cases/ and the /cases page so that both apply exactly the same rules. */
#ifndef CD_REPO_CASE_QUERY_H
#define CD_REPO_CASE_QUERY_H
#include <jansson.h>
#include "http/paging.h"
#include "db/case_list.h"
#include "db/db.h"
#include "auth/actor.h"
#include "http/kv.h"
#include "http/response.h"

typedef struct case_query {
    const char *p[CQ__COUNT]; /* the parameters of the case list statements (db/case_list.h) */
    case_order order;         /* the ordering */
    const char *ordering;     /* the ordering key as accepted ("-created_on" by default) */
    paging pg;
    cd_err err; /* the database's error while reading the query (a search's names); the runs below return it */
} case_query;

/* The query parameters case_query_parse reads, in the order of the filter table then ordering; several:
 * every value given counts (the choice filters), else the first. Ends with a NULL key. */
typedef struct case_query_key {
    const char *key;
    bool several;
} case_query_key;
extern const case_query_key case_query_keys[];

/* Reads q (the search box, repo/case_search.h: free text and field terms; ordered by relevance unless an ordering
 * is given), name, status, priority, case_type (each given once or more: the values any of them matches),
 * assigned_to, account, team, contact, unassigned (true: no assignee), updated_after, updated_before (a time, or Nd:
 * N days before now), created_after, created_before (the same), mine (true: act created it or is assigned to it),
 * my_teams (true: linked to a team of act; not with mine), resolution and ordering from query, for act's organization
 * and role, with the page pg (paging_parse). Every malformed value is added to errors. */
void case_query_parse(const actor *act, const kvlist *query, const paging *pg, case_query *q, json_t *errors);

/* Runs the list q describes: the page of cases as a JSON array (owned by act's arena; with a search each case
 * has "highlight", case_highlight_json) and, in *count, the number of cases the filters select: exact, unless
 * a search or name filter selects more than CASE_COUNT_EXACT_MAX, when it is the planner's estimate (at least one
 * more) and *estimated (when not NULL) is set; with statuses non-NULL also, in *statuses (owned by
 * the arena too), the number of cases per status that the filters other than status select ({"New": 12, ...}).
 * NULL with *err on failure. One statement. */
json_t *case_query_run(const actor *act, const case_query *q, long long *count, bool *estimated, json_t **statuses,
                       cd_err *err);

/* A search's snippet as case_search_headline (sql/025) makes it, the matches between U+0002 and U+0003, as the
 * JSON the API shows: [{"text": "...", "match": false}, {"text": "invoice", "match": true}, ...] (new
 * reference); NULL when text is NULL or out of memory. */
json_t *case_highlight_json(const char *text);

/* Writes every case the list q describes (its paging aside: all of them, in the list's order) through write(ctx,
 * ...) as CSV (core/csv.h): a header row, then per case id, name, status, priority, case_type, account (its
 * name), assignees (emails), teams and contacts (names; "; " between several), created_on, updated_on and
 * closed_on (UTC ISO 8601). Reads the rows from a cursor in batches (CL_KIND_EXPORT, so the caller's
 * transaction must be one: the route's TX_SNAPSHOT) and writes each batch before it reads the next, in memory of
 * its own released after each batch: the worker's memory does not grow with the number of cases. Nothing is
 * written before the first batch is read. CD_OK, the database's error, or write's failure as CD_EUNAVAIL. */
cd_err case_query_export(const actor *act, const case_query *q, resp_write_fn write, void *ctx);

/* The answer to an export of q: a download (resp_download_start) named "cases-YYYY-MM-DD.csv" (UTC), type
 * text/csv, whose body case_query_export streams, its head sent with the first batch. An error before then is
 * returned for the router to answer; after it, the body ends early. */
cd_err case_export_reply(const actor *act, const case_query *q, response *resp);

/* The exact number of cases each of the n lists q[i] selects (paging and ordering ignored) in counts[i], for
 * act, in one statement: CD_OK, CD_EINVALID when n is over CASE_TOTALS_MAX, or the database's error. */
cd_err case_query_totals(const actor *act, size_t n, const case_query *q, long long *counts);

#endif
