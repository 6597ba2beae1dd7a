/* list_sql.h (cli): `casedesk list-sql`, the composed case list statement of a shape, and the golden set. */
#ifndef CD_CLI_LIST_SQL_H
#define CD_CLI_LIST_SQL_H
#include <stdio.h>

/* Writes to out the statement case_list_sql() composes for the shape argv names: --user (a USER rather than
 * an ADMIN), --statuses (a page with the status counts) or --counts (the status counts alone) rather than a
 * page, --order KEY (as the API's ordering), and filters by the rows of db/case_filters.def: a filter's key
 * ("name", "team"), KEY and KEY+ for one value or several ("status", "status+"), or the words of one picked
 * by its value ("open", "closed"). First a comment line with the
 * statement's name and plan, then the SQL on one line. `--all DIR` instead writes the golden set
 * (list_sql_golden) into DIR. Returns the exit code (2 for an unknown argument). */
int cli_list_sql(FILE *out, int argc, char **argv);

/* Longest golden file name, and most shapes in the golden set. */
#define LIST_SQL_NAME_MAX 160
#define LIST_SQL_GOLDEN_MAX 512

/* Receives one shape of the golden set: its file name (kind, role, filters, ordering: "page.admin.status1.
 * created_on_desc.sql") and the file's text (the plan line, then the SQL on one line). Nonzero stops. */
typedef int list_sql_golden_fn(void *ctx, const char *name, const char *text);

/* Gives fn every shape of the golden set (tests/unit/case_list): each kind and role without filters, with
 * each filter alone and with each combination in which the composer takes another branch, and a page in each
 * ordering with and without the assignee. Returns 0, the first nonzero result of fn, or -1 when a shape
 * cannot be composed. */
int list_sql_golden(list_sql_golden_fn *fn, void *ctx);

/* Writes each shape of the golden set to DIR/NAME. Returns the exit code. */
int cli_list_sql_all(const char *dir);

#endif
