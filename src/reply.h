/* reply.h: error responses in the representation of the route: JSON under /api/, HTML pages elsewhere. */
#ifndef CD_REPLY_H
#define CD_REPLY_H
#include <jansson.h>
#include <stdbool.h>
#include "core/err.h"
#include "http/input.h"
#include "http/request.h"
#include "http/response.h"

/* Replaces resp with an error: {"error": name, "detail": message} for the API, the error page for the
 * browser. detail NULL uses the enum's default message. Never fails (falls back to plain text). */
void reply_error(request *req, response *resp, cd_err e, const char *detail);

/* 400 with {"errors": {"field": ["message", ...]}}; takes ownership of errors. */
void reply_field_errors(request *req, response *resp, json_t *errors);

/* Validates the request's fields against specs (input_validate); when any is bad, writes the 400 that
 * lists them into resp and returns false, so a handler can `if (!reply_validated(...)) return CD_OK;`. */
bool reply_validated(request *req, response *resp, const field_spec *specs, size_t n, field_val *v);

#endif
