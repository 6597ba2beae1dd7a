/* err.h: the one error enum of casedesk and its mapping to HTTP statuses. */
#ifndef CD_ERR_H
#define CD_ERR_H

typedef enum cd_err {
    CD_OK = 0,
    CD_EBADREQ,    /* malformed request, or a value PostgreSQL refused: 400 */
    CD_EINVALID,   /* the field errors on the request (request.invalid) say why: 400 */
    CD_EUNAUTH,    /* missing or bad credentials: 401 */
    CD_EFORBIDDEN, /* authenticated but not allowed: 403 */
    CD_ENOTFOUND,  /* no such resource (or not visible to the caller): 404 */
    CD_EMETHOD,    /* route exists, method does not: 405 */
    CD_ECONFLICT,  /* state conflict such as a duplicate: 409 */
    CD_EPRECOND,   /* If-Match did not match: 412 */
    CD_ETOOLARGE,  /* body over the configured limit: 413 */
    CD_EMEDIATYPE, /* unsupported Content-Type: 415 */
    CD_ERATELIMIT, /* too many attempts: 429 */
    CD_EUNAVAIL,   /* database unreachable or timed out: 503 */
    CD_ERETRY,     /* serialization failure or deadlock: the transaction may succeed when run again; 503 */
    CD_ENOMEM,     /* out of memory: 503, the request may be retried */
    CD_EINTERNAL,  /* a bug: 500 */
    CD_ERR__COUNT
} cd_err;

/* HTTP status code for an error (CD_OK maps to 200). */
int cd_err_status(cd_err e);

/* Short machine-readable name of an error, e.g. "not_found". */
const char *cd_err_name(cd_err e);

/* Human-readable default message for an error. */
const char *cd_err_message(cd_err e);

/* Reason phrase for an HTTP status code ("OK", "Not Found"...); "Unknown" for others. */
const char *http_reason(int status);

#endif
