/* response.h: status, headers and a buffered body, serialised once by the FastCGI adapter; or a body streamed
 * while the handler runs. */
#ifndef CD_RESPONSE_H
#define CD_RESPONSE_H
#include <stdbool.h>
#include <jansson.h>
#include "core/arena.h"
#include "core/err.h"
#include "core/str.h"
#include "http/kv.h"

/* Writes len bytes of the answer (head or body) to the client; 0, or -1 when they could not be sent. */
typedef int (*resp_write_fn)(void *ctx, const void *data, size_t len);

typedef struct response {
    arena *a;
    int status; /* 0 until a handler sets one */
    kvlist headers;
    strbuf body;
    resp_write_fn write; /* set by the adapter: where a streamed answer goes (NULL: into body) */
    void *write_ctx;
    bool no_body;  /* set by the adapter for HEAD: a streamed body is dropped */
    bool streamed; /* resp_stream_start ran: the head is sent, the answer can no longer change */
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

/* Starts a streamed answer: sets status and content type and sends the head (without Content-Length) through
 * r->write, so that the body can be written in pieces with resp_stream_write while the handler runs, in constant
 * memory. Without r->write (a test), the body is collected in r->body instead. CD_ENOMEM, or CD_EUNAVAIL when the
 * client is gone; after this the answer is fixed: an error later can only end the body early. */
cd_err resp_stream_start(response *r, int status, const char *content_type);

/* resp_stream_start for a download: Content-Disposition attachment with filename (http/filename.h), then the
 * head. Same results. */
cd_err resp_download_start(response *r, const char *content_type, const char *filename);

/* Sends len bytes of a streamed body (resp_stream_start first). CD_OK, CD_ENOMEM, or CD_EUNAVAIL when the client
 * is gone. */
cd_err resp_stream_write(response *r, const void *data, size_t len);

/* resp_stream_write as a resp_write_fn over the response r (for code that writes to a sink it is given);
 * -1 on failure. */
int resp_stream_sink(void *r, const void *data, size_t len);

/* Serialises the CGI response head (Status line with reason phrase, headers, Content-Length unless streamed)
 * into out. */
cd_err resp_head(const response *r, strbuf *out);

#endif
