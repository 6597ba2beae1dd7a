/* admin.h: what the administration pages share: their sub-navigation, paged lists. */
#ifndef CD_WEB_ADMIN_H
#define CD_WEB_ADMIN_H
#include <jansson.h>
#include "core/err.h"
#include "db/db.h"
#include "http/request.h"
#include "view/tmpl.h"

/* Adds the administration sub-navigation (templates/admin_nav.tpl) to content d, current being one of
 * "MEMBERS", "TEAMS", "ACCOUNTS", "CONTACTS". */
void admin_nav(tmpl_dict *d, const char *current);

/* One page of a list: count(org, NULL filters...) and list(org, NULL filters..., limit, offset) with
 * nfilters filters, limit (default 100) and offset from the query. Fills the pager (templates/
 * pager.tpl, include PAGER of d) and returns the rows (owned by the request's arena), or NULL with *e set. */
json_t *admin_rows(request *req, tmpl_dict *d, stmt_id count, stmt_id list, size_t nfilters, cd_err *e);

#endif
