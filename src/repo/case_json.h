/* case_json.h (repo): a case as the API shows it, built from the columns of CASE_COLUMNS_OF. */
#ifndef CD_REPO_CASE_JSON_H
#define CD_REPO_CASE_JSON_H
#include <jansson.h>
#include <libpq-fe.h>

/* The number of columns CASE_COLUMNS_OF (statements.def) selects. */
#define CASE_JSON_COLUMNS 15

/* The case in row row of r whose CASE_COLUMNS_OF start at column col, as the API's JSON object (id, name,
 * status, priority, case_type, account, contacts, created_on, closed_on, assigned_to, teams, description,
 * created_by, org, updated_on): a new reference, or NULL (logged) when a value is not in the expected form or
 * memory runs out. */
json_t *case_json_row(const PGresult *r, int row, int col);

#endif
