/* list_rows.c: a page section filled with one item per row of a list statement. */
#include "web/list_rows.h"

cd_err list_rows(request *req, tmpl_dict *d, const char *section, const char *item, stmt_id id, const char *const *p,
                 list_row_fill *fill)
{
    cd_err e;
    json_t *rows = db_json(req->a, id, p, &e);
    if (!rows)
        return e;
    if (json_array_size(rows) == 0)
        return CD_OK;
    tmpl_dict *list = tmpl_section(d, section);
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row)
        fill(req, tmpl_section(list, item), row);
    return CD_OK;
}
