/* request.h: one HTTP request as the handlers see it, built from FastCGI parameters and the body. */
#ifndef CD_REQUEST_H
#define CD_REQUEST_H
#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>
#include "core/arena.h"
#include "core/config.h"
#include "core/err.h"
#include "http/kv.h"
#include "http/upload.h"

typedef enum http_method {
    M_GET = 1 << 0,
    M_HEAD = 1 << 1,
    M_POST = 1 << 2,
    M_PUT = 1 << 3,
    M_PATCH = 1 << 4,
    M_DELETE = 1 << 5,
    M_OPTIONS = 1 << 6,
    M_OTHER = 1 << 7,
} http_method;

#define REQ_MAX_PARAMS 4
#define REQ_MAX_ENV_BYTES (64 * 1024) /* all FastCGI params together; more is a 400 */

struct route;
struct auth_ctx;
struct request;
struct response;

/* Renders the answer to a handler's error once the router has undone its writes. */
typedef cd_err (*error_page_fn)(struct request *req, struct response *resp);

typedef struct request {
    arena *a;
    const config *cfg;
    http_method method;
    const char *method_name;
    const char *uri;          /* raw REQUEST_URI */
    const char *path;         /* percent-decoded path, without the query */
    const char *query_string; /* raw query ("" when none) */
    kvlist env;               /* every FastCGI parameter */
    kvlist query;             /* decoded query parameters */
    kvlist cookies;
    kvlist form;   /* decoded body fields: urlencoded, or the plain fields of multipart */
    upload *files; /* multipart file parts, in order */
    size_t nfiles;
    const char *upload_refused; /* the file (name) whose data passed cfg->max_upload: no file is kept then */
    const char *content_type;   /* media type, lower-case, without parameters ("" when none) */
    const char *body;
    size_t body_len;
    json_t *json;                       /* parsed JSON body (owned by the arena) or NULL */
    const char *params[REQ_MAX_PARAMS]; /* path parameters captured by the route */
    int nparams;
    bool is_api; /* path under /api/ or /healthz: errors are JSON */
    bool https;
    const char *remote_addr;
    const struct route *route;
    struct auth_ctx *auth;      /* who is calling, filled by the router's gates */
    void *page;                 /* layout dictionary of an HTML page being built */
    const char *error_detail;   /* message for the error response, set where the error is found */
    json_t *invalid;            /* with CD_EINVALID: the field errors {field: [message]} (owned by the arena) */
    error_page_fn error_page;   /* set by a handler whose error is answered by a page of its own (a form shown
                                 * again with its messages): the router calls it after rolling back */
    const void *error_page_arg; /* what error_page shows (the handler's own description) */
    bool writes_stand;          /* the writes made so far are part of the answer even when the handler fails
                                 * (a failed sign-in counted, a replayed token's family revoked) */
} request;

/* Maps a method name to its enum (M_OTHER when unknown). */
http_method http_method_parse(const char *name);

/* Name of a single method flag ("GET"...). */
const char *http_method_name(http_method m);

/* Fills r from FastCGI params envp (NULL-terminated "NAME=value" strings): method, URI, decoded path,
 * query parameters, cookies and content type. Returns CD_OK, CD_EBADREQ (malformed URI, bad
 * percent-encoding, invalid UTF-8, oversize params) or CD_ENOMEM. */
cd_err request_init(request *r, arena *a, const config *cfg, char *const *envp);

/* Value of request header name ("Authorization"), or NULL. */
const char *request_header(const request *r, const char *name);

/* Declared body length from CONTENT_LENGTH (0 when absent or empty); -1 when malformed. */
long long request_content_length(const request *r);

/* Parses the body already stored in r->body according to its Content-Type: JSON into r->json,
 * urlencoded into r->form; multipart/form-data (boundary taken from the raw CONTENT_TYPE) puts plain
 * fields into r->form and file parts (those with a filename) into r->files, skipping what a browser
 * sends for an empty file input (empty filename, no data). File data together may not exceed
 * cfg->max_upload, plain field values together cfg->max_body. Returns CD_OK, CD_EBADREQ (malformed,
 * including a missing boundary), CD_ETOOLARGE (over those limits), CD_EMEDIATYPE (other type with a
 * non-empty body) or CD_ENOMEM. Files over cfg->max_upload are CD_ETOOLARGE with the plain fields in
 * r->form all the same, no file in r->files, and r->upload_refused naming the file that passed the limit,
 * so that a page can show its form again with the input kept. */
cd_err request_parse_body(request *r);

#endif
