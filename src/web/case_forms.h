/* case_forms.h (web): the case page's quick form, which the case forms (case_forms.c) save as an edit. */
#ifndef CD_WEB_CASE_FORMS_H
#define CD_WEB_CASE_FORMS_H
#include <jansson.h>
#include "core/err.h"
#include "http/request.h"
#include "view/tmpl.h"

/* Fills section QUICK of d for case c (as the API shows it) at version: its ACTION and VERSION; section FORM
 * with the status, priority, assignee and team fields (include QUICK_FIELDS) and the values they were loaded
 * with (HIDDEN rows); one-click buttons ASSIGN_ME (when the user is not assigned), CLOSE or REOPEN, each with
 * the HIDDEN rows it posts. All post to /cases/{id}/quick, saved as an edit of those fields only. */
cd_err case_quick_fill(request *req, tmpl_dict *d, const json_t *c, long version);

#endif
