/* case_list.h (db): the case list statements, composed for the filters a request gives. */
#ifndef CD_DB_CASE_LIST_H
#define CD_DB_CASE_LIST_H
#include <stdbool.h>
#include <stddef.h>
#include <libpq-fe.h>
#include "core/arena.h"
#include "core/err.h"

/* The parameters of every case list statement, in order (statements.def, "the case list"): NULL for a
 * filter not given. CQ_ADMIN is "true" or "false" (auth_admin_param); the choice filters are text[] literals; CQ_RESOLUTION is "open"
 * or "closed". */
enum { CQ_ORG, CQ_USER, CQ_ADMIN, CQ_NAME, CQ_STATUS, CQ_PRIORITY, CQ_TYPE, CQ_ASSIGNEE, CQ_ACCOUNT,
       CQ_RESOLUTION, CQ_LIMIT, CQ_OFFSET, CQ__COUNT };

/* The orderings of the list, each then by newest first. */
typedef enum case_order {
    CO_CREATED_DESC, CO_CREATED_ASC, CO_NAME_ASC, CO_NAME_DESC, CO_PRIORITY_ASC, CO_PRIORITY_DESC,
    CO_STATUS_ASC, CO_STATUS_DESC, CO_CLOSED_ASC, CO_CLOSED_DESC, CO__COUNT
} case_order;

/* The ordering the API's key names ("-created_on", "name", ...: a field, '-' first for descending) in *order;
 * false when key is none of them. */
bool case_order_parse(const char *key, case_order *order);

/* The API's key of order ("-created_on" for CO_CREATED_DESC); NULL when order is none. */
const char *case_order_key(case_order order);

/* What a composed statement returns. */
typedef enum case_list_kind {
    CL_KIND_PAGE,              /* rows (total, CASE_COLUMNS_OF...); one row of total and NULLs when the page is
                                  empty */
    CL_KIND_PAGE_AND_STATUSES, /* rows (total, statuses, CASE_COLUMNS_OF...): statuses is the JSON object of
                                  CL_KIND_STATUS_COUNTS ({"New": 12, ...}; null when no case) */
    CL_KIND_STATUS_COUNTS      /* rows (status, count) of the cases every filter but status selects */
} case_list_kind;

/* The SQL of the list statement of kind for parameters p and ordering order (ignored for status counts),
 * written to buf (size len), and its shape's statement name to name (size DB_COMPOSED_NAME_MAX). Returns
 * false when buf is too small. Pure: which filters are given, and whether a choice filter holds one value,
 * decide the text; the values never enter it. */
bool case_list_sql(case_list_kind kind, const char *const p[CQ__COUNT], case_order order, char *buf, size_t len,
                   char *name);

/* True when the statement for p and order is planned for its values at each execution (STMT_CUSTOM_PLAN's
 * way) rather than once. */
bool case_list_custom_plan(const char *const p[CQ__COUNT], case_order order);

/* Runs the list statement of kind for p and order (see case_list_sql) on the worker connection: the result,
 * freed with arena a, or NULL with *err as db_exec. */
PGresult *case_list_exec(arena *a, case_list_kind kind, const char *const p[CQ__COUNT], case_order order,
                         cd_err *err);

#endif
