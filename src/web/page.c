/* page.c: layout.tpl wraps every page; handlers only fill their content template. */
#include "web/page.h"

tmpl_dict *page_start(request *req, const char *title, const char *content_tpl)
{
    tmpl_dict *layout = tmpl_dict_new(req->a, "layout");
    if (!layout)
        return NULL;
    tmpl_set(layout, "TITLE", title);
    req->page = layout;
    return tmpl_include(layout, "CONTENT", content_tpl);
}

cd_err page_finish(request *req, response *resp, int status)
{
    if (!req->page)
        return CD_ENOMEM;
    resp->body.len = 0;
    cd_err e = tmpl_render("layout.tpl", req->page, &resp->body);
    req->page = NULL;
    if (e != CD_OK)
        return e;
    resp->status = status;
    return resp_set_header(resp, "Content-Type", "text/html; charset=utf-8") < 0 ? CD_ENOMEM : CD_OK;
}

cd_err page_error(request *req, response *resp, int status, const char *message)
{
    tmpl_dict *d = page_start(req, http_reason(status), "error.tpl");
    if (!d)
        return CD_ENOMEM;
    tmpl_set_int(d, "STATUS", status);
    tmpl_set(d, "REASON", http_reason(status));
    tmpl_set(d, "MESSAGE", message);
    return page_finish(req, resp, status);
}
