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

void reply_error(request *req, response *resp, cd_err e, const char *detail)
{
    int status = cd_err_status(e);
    const char *msg = detail ? detail : req->error_detail ? req->error_detail : cd_err_message(e);
    if (req->is_api) {
        json_t *j = json_pack("{s:s, s:s}", "error", cd_err_name(e), "detail", msg);
        if (resp_json(resp, status, j) != CD_OK)
            plain(resp, status, msg);
    } else if (page_error(req, resp, status, msg) != CD_OK) {
        plain(resp, status, msg);
    }
    if (status == 503) /* after the body: plain() drops the headers set before */
        resp_set_header(resp, "Retry-After", "1");
}

void reply_field_errors(request *req, response *resp, json_t *errors)
{
    json_t *j = json_pack("{s:s, s:s, s:o}", "error", "bad_request", "detail", "Some fields are invalid.", "errors",
                          errors);
    if (resp_json(resp, 400, j) != CD_OK)
        reply_error(req, resp, CD_ENOMEM, NULL);
}

bool reply_validated(request *req, response *resp, const field_spec *specs, size_t n, field_val *v)
{
    json_t *errors = json_object();
    if (input_validate(req, specs, n, v, errors)) {
        json_decref(errors);
        return true;
    }
    reply_field_errors(req, resp, errors);
    return false;
}
