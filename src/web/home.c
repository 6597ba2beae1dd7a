/* home.c: the landing page at /. */
#include "handlers.h"
#include "web/page.h"

cd_err web_home(request *req, response *resp)
{
    tmpl_dict *d = page_start(req, "casedesk", "home.tpl");
    if (!d)
        return CD_ENOMEM;
    return page_finish(req, resp, 200);
}
