/* case_json.h (repo): a case as the API shows it, built from the columns of CASE_COLUMNS_OF. */
#ifndef CD_REPO_CASE_JSON_H
#define CD_REPO_CASE_JSON_H
#include <jansson.h>
#include <libpq-fe.h>

/* The case in row row of r whose CASE_COLUMNS_OF (statements.def) start at column col, as the API's JSON
 * object (id, then the keys of CASE_SHOWN in db/case_fields.h): a new reference, or NULL (logged) when a value
 * is not in the expected form or memory runs out. */
json_t *case_json_row(const PGresult *r, int row, int col);

#endif
