/* views.h (web): the views of the case list page: built-in ones and saved ones, with their counts. */
#ifndef CD_WEB_VIEWS_H
#define CD_WEB_VIEWS_H
#include "core/err.h"
#include "http/kv.h"
#include "http/request.h"
#include "view/tmpl.h"

/* Fills section VIEWS of d (cases.tpl) with the built-in views and the saved views the caller reads, each a
 * link to /cases with its filters and the number of cases it selects for the caller, the one whose filters
 * are those of query (the list's parameters, a saved view's already applied) marked current, and the save
 * form (SAVE_VIEW) for the filters of query. One statement counts every view. */
cd_err views_sidebar(request *req, tmpl_dict *d, const kvlist *query);

#endif
