/* err.c: tables for the error enum and HTTP reason phrases. */
#include "core/err.h"

static const struct {
    int status;
    const char *name, *message;
} table[CD_ERR__COUNT] = {
    [CD_OK] = {200, "ok", "OK"},
    [CD_EBADREQ] = {400, "bad_request", "The request is malformed or invalid."},
    [CD_EINVALID] = {400, "bad_request", "Some fields are invalid."},
    [CD_EUNAUTH] = {401, "unauthorized", "Authentication credentials were missing or invalid."},
    [CD_EFORBIDDEN] = {403, "forbidden", "You do not have permission to do this."},
    [CD_ENOTFOUND] = {404, "not_found", "Not found."},
    [CD_EMETHOD] = {405, "method_not_allowed", "Method not allowed."},
    [CD_ECONFLICT] = {409, "conflict", "The request conflicts with the current state."},
    [CD_EPRECOND] = {412, "precondition_failed", "The resource has changed since you read it."},
    [CD_ETOOLARGE] = {413, "too_large", "The request body is too large."},
    [CD_EMEDIATYPE] = {415, "unsupported_media_type", "Unsupported Content-Type."},
    [CD_ERATELIMIT] = {429, "rate_limited", "Too many attempts; try again later."},
    [CD_EUNAVAIL] = {503, "unavailable", "The service is temporarily unavailable."},
    [CD_ERETRY] = {503, "unavailable", "The service is temporarily unavailable."},
    [CD_ENOMEM] = {503, "unavailable", "The service is temporarily out of memory."},
    [CD_EINTERNAL] = {500, "internal", "Internal error."},
};

int cd_err_status(cd_err e) { return (unsigned)e < CD_ERR__COUNT ? table[e].status : 500; }

const char *cd_err_name(cd_err e) { return (unsigned)e < CD_ERR__COUNT ? table[e].name : "internal"; }

const char *cd_err_message(cd_err e) { return (unsigned)e < CD_ERR__COUNT ? table[e].message : "Internal error."; }

const char *http_reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 412:
        return "Precondition Failed";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Content";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Unknown";
    }
}
