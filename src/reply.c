/* reply.c: the single place that turns an error enum into a response body. */
#include "reply.h"
#include "web/page.h"
#include <string.h>

/* The last resort: msg as text/plain, or, when even that cannot be copied, the status alone. */
static void plain(response *resp, int status, const char *msg)
{
    resp->headers.n = 0;
    if (resp_body(resp, status, "text/plain; charset=utf-8", msg, strlen(msg)) != CD_OK) {
        resp->status = status;
        resp->body.len = 0;
    }
}

/* The JSON body of error e: its name and message, and for CD_EINVALID the field errors. */
static json_t *error_json(const request *req, cd_err e, const char *msg)
{
    if (e != CD_EINVALID)
        return json_pack("{s:s, s:s}", "error", cd_err_name(e), "detail", msg);
    json_t *errors = req->invalid ? json_incref(req->invalid) : json_object();
    return json_pack("{s:s, s:s, s:o}", "error", cd_err_name(e), "detail", msg, "errors", errors);
}

void reply_error(request *req, response *resp, cd_err e, const char *detail)
{
    int status = cd_err_status(e);
    const char *msg = detail ? detail : req->error_detail ? req->error_detail : cd_err_message(e);
    if (req->is_api) {
        if (resp_json(resp, status, error_json(req, e, msg)) != CD_OK)
            plain(resp, status, msg);
    } else if (page_error(req, resp, status, msg) != CD_OK) {
        plain(resp, status, msg);
    }
    if (status == 503) /* after the body: plain() drops the headers set before */
        resp_set_header(resp, "Retry-After", "1");
}
