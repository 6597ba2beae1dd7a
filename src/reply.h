/* reply.h: error responses in the representation of the route: JSON under /api/, HTML pages elsewhere. */
#ifndef CD_REPLY_H
#define CD_REPLY_H
#include <jansson.h>
#include "core/err.h"
#include "http/request.h"
#include "http/response.h"

/* Replaces resp with an error: {"error": name, "detail": message} for the API (CD_EINVALID adds
 * "errors": req->invalid), the error page for the browser. detail NULL uses req->error_detail or else the
 * enum's default message. Never fails (falls back to plain text). */
void reply_error(request *req, response *resp, cd_err e, const char *detail);

#endif
