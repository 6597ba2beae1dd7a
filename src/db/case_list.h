/* case_list.h (db): the case list statements, composed for the filters a request gives. */
#ifndef CD_DB_CASE_LIST_H
#define CD_DB_CASE_LIST_H
#include <stdbool.h>
#include <stddef.h>
#include <libpq-fe.h>
#include "core/arena.h"
#include "core/err.h"

/* The parameters of every case list statement, in order: the rows of case_filters.def (CQ_ORG, CQ_USER,
 * CQ_ADMIN, a CQ_ per filter, CQ_LIMIT, CQ_OFFSET). NULL for a filter not given. CQ_ADMIN is "true" or "false"
 * (auth_admin_param); the choice filters are text[] literals; CQ_RESOLUTION is "open" or "closed". */
enum {
#define CL_PARAM(id, ...) CQ_##id,
#define CL_FILTER(id, ...) CQ_##id,
#include "db/case_filters.def"
#undef CL_FILTER
#undef CL_PARAM
    CQ__COUNT
};

/* How a filter's value picks its form (case_filters.def): a parameter that is no filter has none. */
typedef enum case_pick { CP_NONE, CP_GIVEN, CP_ARITY, CP_WORDS } case_pick;

/* A row of case_filters.def as the composer reads it. */
typedef struct case_param {
    const char *key;                         /* the query parameter; $key in the fragments */
    case_pick pick;                          /* CP_NONE for organization, user, role and paging */
    const char *words[2];                    /* CP_WORDS: the value of each form */
    const char *over_case[3];                /* by form (0: not given): the fragment over a case (alias c) */
    const char *over_counter[3];             /* the same over a counter row (alias k); NULL when none can answer it */
    bool custom_plan;                        /* the best plan depends on the value */
    const char *links_from;                  /* a page in creation order can read from these links; NULL when not */
    const char *links_newest, *links_oldest; /* that page's orderings */
    const char *links_total;                 /* the total when the filter is an ADMIN's only one */
} case_param;

/* Every parameter of the case list statements, indexed by CQ_. */
extern const case_param case_params[CQ__COUNT];

/* The form value takes for the filter of row r: 0 when not given (NULL, or r is no filter), else 1 or 2. */
int case_param_form(const case_param *r, const char *value);

/* The orderings of the list, each then by newest first. */
typedef enum case_order {
    CO_CREATED_DESC,
    CO_CREATED_ASC,
    CO_NAME_ASC,
    CO_NAME_DESC,
    CO_PRIORITY_ASC,
    CO_PRIORITY_DESC,
    CO_STATUS_ASC,
    CO_STATUS_DESC,
    CO_CLOSED_ASC,
    CO_CLOSED_DESC,
    CO_UPDATED_ASC,
    CO_UPDATED_DESC,
    CO_QUEUE,     /* highest priority first, then the longest without an update */
    CO_RELEVANCE, /* how well the search matches, blended with recency (only with CQ_Q; else CO_CREATED_DESC) */
    CO__COUNT
} case_order;

/* The ordering the API's key names ("-created_on", "name", ...: a field, '-' first for descending) in *order;
 * false when key is none of them. */
bool case_order_parse(const char *key, case_order *order);

/* The API's key of order ("-created_on" for CO_CREATED_DESC); NULL when order is none. */
const char *case_order_key(case_order order);

/* What a composed statement returns. */
typedef enum case_list_kind {
    CL_KIND_PAGE,              /* rows (total, CASE_COLUMNS_OF...), with CQ_Q then the highlight (sql/025's
                                  case_search_headline); one row of total and NULLs when the page is empty */
    CL_KIND_PAGE_AND_STATUSES, /* rows (total, statuses, CASE_COLUMNS_OF...): statuses is the JSON object of
                                  CL_KIND_STATUS_COUNTS ({"New": 12, ...}; null when no case) */
    CL_KIND_STATUS_COUNTS,     /* rows (status, count) of the cases every filter but status selects */
    CL_KIND_ESTIMATE,          /* one row: the planner's estimate of the cases the page's filters select, as
                                  EXPLAIN (FORMAT JSON) gives it (case_list_estimate reads it) */
    CL_KIND_EXPORT             /* declares the cursor case_export over the rows of CL_EXPORT_HEAD (statements.def)
                                  of every case the page would list, in its order: with $limit NULL, all of them;
                                  read with STMT_CASE_EXPORT_FETCH in the same transaction */
} case_list_kind;

/* A search (CQ_Q) or name filter counts its cases exactly up to this many; its total is one more when there are
 * more (then case_list_estimate tells how many). */
#define CASE_COUNT_EXACT_MAX 10000

/* True when the total of the list p is counted only up to one past CASE_COUNT_EXACT_MAX. */
bool case_list_capped(const char *const p[CQ__COUNT]);

/* The SQL of the list statement of kind for parameters p and ordering order (ignored for status counts),
 * written to buf (size len), and its shape's statement name to name (size DB_COMPOSED_NAME_MAX). Returns
 * false when buf is too small. Pure: which filters are given, and whether a choice filter holds one value,
 * decide the text; the values never enter it. */
bool case_list_sql(case_list_kind kind, const char *const p[CQ__COUNT], case_order order, char *buf, size_t len,
                   char *name);

/* The most lists one totals statement counts, and the room the total of one takes in its text. */
#define CASE_TOTALS_MAX 64
#define CASE_TOTAL_SQL_MAX 2048

/* The SQL of one statement of the exact totals of n lists (p[i] the parameters of list i, as for
 * case_list_sql; paging ignored): one row, its column i the total of list i, each total composed as the page
 * of that list composes it, its parameters numbered after those of the lists before it (list i's row r is
 * $(i * CQ__COUNT + r + 1)). Written to buf (size len), the statement's name (one per sequence of shapes) to
 * name (size DB_COMPOSED_NAME_MAX). False when buf is too small or n is 0. */
bool case_list_totals_sql(size_t n, const char *const (*p)[CQ__COUNT], char *buf, size_t len, char *name);

/* Runs the totals statement of n lists (case_list_totals_sql, n <= CASE_TOTALS_MAX) on the worker
 * connection: its one row, freed with arena a, or NULL with *err as db_exec. */
PGresult *case_list_totals_exec(arena *a, size_t n, const char *const (*p)[CQ__COUNT], cd_err *err);

/* True when the statement for p and order is planned for its values at each execution (STMT_CUSTOM_PLAN's
 * way) rather than once. */
bool case_list_custom_plan(const char *const p[CQ__COUNT], case_order order);

/* The planner's estimate of how many cases list p selects (CL_KIND_ESTIMATE), at least min; -1 with *err as
 * db_exec when it could not be read. */
long long case_list_estimate(arena *a, const char *const p[CQ__COUNT], long long min, cd_err *err);

/* Runs the list statement of kind for p and order (see case_list_sql) on the worker connection: the result,
 * freed with arena a, or NULL with *err as db_exec. */
PGresult *case_list_exec(arena *a, case_list_kind kind, const char *const p[CQ__COUNT], case_order order,
                         cd_err *err);

#endif
