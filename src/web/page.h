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

/* The URL of path (with the query q, may be NULL, and anchor, may be NULL: "#part") in the organization the
 * request acts in (query parameter org): how case links and form actions reach the case's own organization
 * whatever the session's current one is. NULL when out of memory. */
const char *page_org_url(request *req, const char *path, const kvlist *q, const char *anchor);

/* page_org_url of the page of case id, or of its sub-page sub ("/edit"; NULL: the case itself), at anchor (may be
 * NULL); "/cases" when out of memory. */
const char *page_case_url(request *req, const char *id, const char *sub, const char *anchor);

/* Renders the page begun with page_start as the response with the given status. */
cd_err page_finish(request *req, response *resp, int status);

/* The error a handler returns after rendering its own page as the answer to error e: e when rendered is
 * CD_OK, else the rendering's own error. */
cd_err page_refused(cd_err rendered, cd_err e);

/* Answers with a redirect (303) to location and leaves a notice of what was done: message, and a link
 * (href, a local URL, with label) when href is non-NULL. The next page rendered for this browser shows it
 * once, as a status message (role="status") at the top of its content, and clears it. */
cd_err page_done(request *req, response *resp, const char *location, const char *message, const char *href,
                 const char *label);

/* "“name”" for a notice or a heading (arena copy; "" when out of memory). */
const char *page_quoted(request *req, const char *name);

/* The attachment size limit in words ("10 MB"), from the configuration. */
const char *page_upload_limit(request *req);

/* The message next to a file field whose upload passed the limit (req->upload_refused names the file). */
const char *page_upload_refusal(request *req);

/* n bytes in words into buf: "512 bytes", "1.5 KB", "2.0 MB". */
void page_size_text(char *buf, size_t len, long long n);

/* Renders the error page with status and message; for a status of 500 and above without any statement. */
cd_err page_error(request *req, response *resp, int status, const char *message);

#endif
