/* list_rows.h: a page section filled with one item per row of a list statement. */
#ifndef CD_LIST_ROWS_H
#define CD_LIST_ROWS_H
#include "core/err.h"
#include "db/db.h"
#include "http/request.h"
#include "view/tmpl.h"

/* Fills one row's item section from its JSON object. */
typedef void list_row_fill(request *req, tmpl_dict *item, const json_t *row);

/* Runs list statement id with params p; when it returns rows, opens section `section` of d once and, per
 * row, one `item` section inside it filled by fill (nothing is shown for no rows). CD_OK or the
 * statement's error. */
cd_err list_rows(request *req, tmpl_dict *d, const char *section, const char *item, stmt_id id, const char *const *p,
                 list_row_fill *fill);

#endif
