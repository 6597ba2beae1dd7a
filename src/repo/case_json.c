/* case_json.c (repo): a case as the API shows it, built from the columns of CASE_COLUMNS_OF. */
#include "repo/case_json.h"
#include "core/log.h"
#include "db/case_fields.h"
#include "db/pgtext.h"
#include <string.h>

/* How each column of CASE_COLUMNS_OF becomes a JSON value. */
typedef enum { V_TEXT, V_TEXT_OR_NULL, V_TIME, V_TIME_OR_NULL, V_IDS } value_kind;

#define SHOWN_COLUMN(a, key, column, kind) {key, V_##kind},
static const struct {
    const char *key;
    value_kind kind;
} columns[] = {{"id", V_TEXT}, CASE_SHOWN(SHOWN_COLUMN, )};
#define NCOLUMNS ((int)(sizeof columns / sizeof columns[0]))

/* The JSON value of column col of row, a column of the case whose id is id. */
static json_t *value(const PGresult *r, int row, int col, value_kind kind, const char *id)
{
    if (PQgetisnull(r, row, col))
        return kind == V_TEXT_OR_NULL || kind == V_TIME_OR_NULL ? json_null() : NULL;
    const char *v = PQgetvalue(r, row, col);
    switch (kind) {
    case V_TEXT:
    case V_TEXT_OR_NULL:
        return json_stringn(v, (size_t)PQgetlength(r, row, col));
    case V_TIME:
    case V_TIME_OR_NULL: {
        /* Validation keeps every stored time readable (http/input.c); one written otherwise (before that rule,
         * or by hand) shows as null, logged, rather than taking down every list that holds its case. */
        char iso[PG_ISO_LEN];
        if (pg_ts_iso(v, iso))
            return json_string(iso);
        log_warn("case %s: %s \"%s\" is not a timestamp the API can show; shown as null", id, PQfname(r, col), v);
        return json_null();
    }
    case V_IDS:
        return pg_uuid_array(v);
    }
    return NULL;
}

json_t *case_json_row(const PGresult *r, int row, int col)
{
    if (PQnfields(r) < col + NCOLUMNS || row >= PQntuples(r)) {
        log_error("case_json_row: no case at row %d, column %d", row, col);
        return NULL;
    }
    json_t *o = json_object();
    for (int i = 0; o && i < NCOLUMNS; i++) {
        json_t *v = value(r, row, col + i, columns[i].kind, PQgetvalue(r, row, col));
        if (!v || json_object_set_new(o, columns[i].key, v) != 0) {
            log_error("case_json_row: %s is not in the expected form", columns[i].key);
            json_decref(o);
            o = NULL;
        }
    }
    return o;
}
