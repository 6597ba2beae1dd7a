/* page.h: HTML pages: the shared layout around a content template, rendered into the response. */
#ifndef CD_PAGE_H
#define CD_PAGE_H
#include "core/err.h"
#include "http/request.h"
#include "http/response.h"
#include "view/tmpl.h"

/* Starts a page titled title whose main content is content_tpl; returns the content's dictionary
 * (NULL when out of memory), in which {{CSRF}} is already set for a signed-in session. The layout is
 * kept in req until page_finish. */
tmpl_dict *page_start(request *req, const char *title, const char *content_tpl);

/* Renders the page begun with page_start as the response with the given status. */
cd_err page_finish(request *req, response *resp, int status);

/* The error a handler returns after rendering its own page as the answer to error e: e when rendered is
 * CD_OK, else the rendering's own error. */
cd_err page_refused(cd_err rendered, cd_err e);

/* Renders the error page with status and message; for a status of 500 and above without any statement. */
cd_err page_error(request *req, response *resp, int status, const char *message);

#endif
