/* fcgi.h: the FastCGI adapter; the only code that talks to libfcgi. */
#ifndef CD_FCGI_H
#define CD_FCGI_H
#include <signal.h>
#include "core/config.h"
#include "http/request.h"
#include "http/response.h"

typedef void (*fcgi_app)(request *req, response *resp);

/* Renders error e into resp in the application's representation; detail NULL: the default message. */
typedef void (*fcgi_error_fn)(request *req, response *resp, cd_err e, const char *detail);

/* Sets how the adapter answers the requests it refuses itself (malformed, too large, out of memory).
 * Until set: the message as text/plain. */
void fcgi_set_error_renderer(fcgi_error_fn fn);

/* Opens the listening socket: the unix socket cfg->socket (a stale file is removed first, mode set to
 * cfg->socket_mode), or, when cfg->socket is empty, the socket inherited on fd 0. Returns the fd or -1
 * with a message in err. */
int fcgi_listen(const config *cfg, char *err, size_t errlen);

/* Serves requests on listen_fd with app until *stop becomes non-zero (set from a signal handler, which
 * should also call fcgi_interrupt). Every request gets its own arena, reset after the reply; one log
 * line per request. Returns 0 on a clean stop, -1 when the adapter could not start. */
int fcgi_serve(int listen_fd, const config *cfg, fcgi_app app, volatile sig_atomic_t *stop);

/* Reads up to len bytes of request body into buf; returns how many, 0 at its end, < 0 on error. */
typedef int (*fcgi_read_fn)(void *ctx, char *buf, int len);

/* One request, apart from the socket (fcgi_serve calls it; tests call it directly): builds req from the
 * FastCGI params envp, reads a body within cfg->max_body (for multipart cfg->max_upload + cfg->max_body + 64 KiB of
 * envelope) through rd, runs app and leaves the answer in resp. Everything comes from arena a, capped at
 * cfg->max_request_memory (0: no cap); a request that ran short of memory anywhere (even where the code recovered) is
 * answered 503 (CD_ENOMEM, with Retry-After), rendered with the cap lifted. The cap is off again on return.
 * resp->write and resp->write_ctx are kept as the caller set them (where a streamed answer goes; zero them for
 * an answer collected in resp). */
void fcgi_handle(arena *a, const config *cfg, fcgi_app app, char *const *envp, fcgi_read_fn rd, void *ctx,
                 request *req, response *resp);

/* Async-signal-safe: makes a worker idle in accept() return so it can stop; a request in progress
 * is finished first. */
void fcgi_interrupt(void);

#endif
