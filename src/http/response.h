/* response.h: status, headers and a buffered body; serialised once by the FastCGI adapter. */
#ifndef CD_RESPONSE_H
#define CD_RESPONSE_H
#include <stdbool.h>
#include <jansson.h>
#include "core/arena.h"
#include "core/err.h"
#include "core/str.h"
#include "http/kv.h"

typedef struct response {
    arena *a;
    int status; /* 0 until a handler sets one */
    kvlist headers;
    strbuf body;
} response;

/* Prepares an empty response in arena a. */
void resp_init(response *r, arena *a);

/* Adds a header. Returns 0, or -1 (header not added) when the name is not a token or the value
 * holds CR, LF or another control byte, or when out of memory. */
int resp_header(response *r, const char *name, const char *value);

/* Replaces any earlier header of the same name. Same contract as resp_header. */
int resp_set_header(response *r, const char *name, const char *value);

/* First value of a response header, or NULL. */
const char *resp_get_header(const response *r, const char *name);

/* Sets status and a JSON body (Content-Type application/json). Takes ownership of j (may be NULL:
 * then CD_ENOMEM). Returns CD_OK or CD_ENOMEM. */
cd_err resp_json(response *r, int status, json_t *j);

/* Like resp_json, but j stays the caller's: for values owned by the request's arena (core/arena_json.h). */
cd_err resp_json_ref(response *r, int status, const json_t *j);

/* Sets status and body with the given content type (the body is copied). */
cd_err resp_body(response *r, int status, const char *content_type, const void *data, size_t len);

/* Sets status 303 with a Location header; url must be a local path. */
cd_err resp_redirect(response *r, const char *url);

/* Serialises the CGI response head (Status line with reason phrase, headers, Content-Length) into out. */
cd_err resp_head(const response *r, strbuf *out);

#endif
