/* case_list.h (web): the case list's filter form and results, shared by /cases and the pages that list the
 * cases of one account or contact. */
#ifndef CD_WEB_CASE_LIST_H
#define CD_WEB_CASE_LIST_H
#include "core/err.h"
#include "http/request.h"
#include "http/response.h"
#include "view/tmpl.h"
#include <jansson.h>

/* Answers the page d (of cases.tpl's sections: the filter form's fields and options, COUNT, ERRORS or RESULTS)
 * with the cases the request's query selects (errors: the problems found in it so far, or NULL), as /cases lists
 * them, and with parameter param (a CQ_ of db/case_list.h; -1: none) set to value whatever the query says. Its links
 * (statuses, sorting, pages) stay on the request's path. A malformed filter is answered 400 with ERRORS saying which
 * (CD_EINVALID returned); a member, account or team found by text redirects to the page filtered by it. CD_OK or the
 * error. */
cd_err web_case_list_page(request *req, response *resp, tmpl_dict *d, json_t *errors, int param, const char *value);

#endif
