/* list_sql.h (cli): `casedesk list-sql`, the composed case list statement of a shape, for bench/explain. */
#ifndef CD_CLI_LIST_SQL_H
#define CD_CLI_LIST_SQL_H
#include <stdio.h>

/* Writes to out the statement case_list_sql() composes for the shape argv names: --user (a USER rather than
 * an ADMIN), --counts (the status tabs rather than a page), --order KEY (as the API's ordering), and filters
 * name, status, status+ (several values), priority, priority+, case_type, case_type+, assigned_to, account,
 * open, closed. First a comment line with the statement's name and plan, then the SQL on one line.
 * Returns the exit code (2 for an unknown argument). */
int cli_list_sql(FILE *out, int argc, char **argv);

#endif
