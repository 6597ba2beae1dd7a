/* fcgi.c: accept loop, body reading with limits, and serialisation of responses onto FastCGI. */
#include "http/fcgi.h"
#include "core/arena_json.h"
#include "core/heap.h"
#include "core/log.h"
#include "core/str.h"
#include <errno.h>
#include <fcgiapp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* A request that used more (its arena, libpq results and jansson values: arena_used) is followed by
 * heap_trim, so the worker does not keep what it freed; asking malloc how much it holds free instead costs
 * about 1.5 ms with 10,000 free chunks, at every request. */
#define HEAP_TRIM_AFTER (4u << 20)

static volatile sig_atomic_t idle;
static volatile sig_atomic_t listen_fd_copy = -1;

int fcgi_listen(const config *cfg, char *err, size_t errlen)
{
    if (FCGX_Init() != 0) {
        snprintf(err, errlen, "libfcgi initialisation failed");
        return -1;
    }
    if (!cfg->socket[0]) {
        struct stat st;
        int type = 0;
        socklen_t len = sizeof type;
        if (fstat(0, &st) < 0 || !S_ISSOCK(st.st_mode) || getsockopt(0, SOL_SOCKET, SO_TYPE, &type, &len) < 0) {
            snprintf(err, errlen, "no socket configured and fd 0 is not a socket");
            return -1;
        }
        return 0;
    }
    if (unlink(cfg->socket) < 0 && errno != ENOENT) {
        snprintf(err, errlen, "cannot remove stale socket %s: %s", cfg->socket, strerror(errno));
        return -1;
    }
    mode_t old = umask(0777 & ~(mode_t)cfg->socket_mode);
    int fd = FCGX_OpenSocket(cfg->socket, (int)cfg->backlog);
    umask(old);
    if (fd < 0) {
        snprintf(err, errlen, "cannot listen on %s: %s", cfg->socket, strerror(errno));
        return -1;
    }
    chmod(cfg->socket, (mode_t)cfg->socket_mode);
    return fd;
}

void fcgi_interrupt(void)
{
    if (idle && listen_fd_copy >= 0) {
        close(listen_fd_copy);
        listen_fd_copy = -1;
    }
}

static double ms_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* The path as received (raw, before percent-decoding, without the query) with bytes outside printable
 * ASCII escaped as %XX, so that every request, even one whose path does not decode, logs one parseable line. */
static const char *log_path(arena *a, const char *uri)
{
    if (!uri)
        return "-";
    size_t len = strcspn(uri, "?");
    char *out = arena_alloc(a, 3 * len + 1);
    if (!out)
        return "-";
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)uri[i];
        if (c > 0x20 && c < 0x7f) {
            out[o++] = (char)c;
        } else {
            snprintf(out + o, 4, "%%%02X", c);
            o += 3;
        }
    }
    out[o] = '\0';
    return o ? out : "-";
}

/* Reads exactly len bytes of body into the arena; false when the peer sent less (req->body set) or when
 * out of memory (req->body NULL). */
static bool read_body(fcgi_read_fn rd, void *ctx, request *req, size_t len)
{
    char *buf = arena_alloc(req->a, len + 1);
    if (!buf)
        return false;
    size_t got = 0;
    while (got < len) {
        int chunk = len - got > (1u << 20) ? 1 << 20 : (int)(len - got);
        int n = rd(ctx, buf + got, chunk);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    buf[got] = '\0';
    req->body = buf;
    req->body_len = got;
    return got == len;
}

/* The answer without an application renderer: the message as text/plain. */
static void plain_error(request *req, response *resp, cd_err e, const char *detail)
{
    (void)req;
    const char *msg = detail ? detail : cd_err_message(e);
    if (resp_body(resp, cd_err_status(e), "text/plain; charset=utf-8", msg, strlen(msg)) != CD_OK)
        resp->status = cd_err_status(e);
}

static fcgi_error_fn reply_error = plain_error;

void fcgi_set_error_renderer(fcgi_error_fn fn) { reply_error = fn ? fn : plain_error; }

/* Replaces whatever resp holds by the 503 of a request that ran short of memory, rendered with the arena's
 * cap lifted (the request's own allocations are released with the arena anyway). */
static void reply_out_of_memory(request *req, response *resp, arena *a)
{
    arena_set_limit(a, 0);
    if (resp->streamed) { /* sent already: it ends where it ran short */
        log_warn("streamed request ran out of memory (%zu bytes in its arena)", arena_used(a));
        return;
    }
    log_warn("request ran out of memory (%zu bytes in its arena)", arena_used(a));
    resp_init(resp, a);
    reply_error(req, resp, CD_ENOMEM, NULL);
}

/* Everything of fcgi_handle but the out-of-memory rule. */
static void handle(arena *a, const config *cfg, fcgi_app app, char *const *envp, fcgi_read_fn rd, void *ctx,
                   request *req, response *resp)
{
    resp_write_fn write = resp->write;
    void *write_ctx = resp->write_ctx;
    resp_init(resp, a);
    resp->write = write;
    resp->write_ctx = write_ctx;
    cd_err e = request_init(req, a, cfg, envp);
    resp->no_body = req->method == M_HEAD;
    if (e != CD_OK) {
        reply_error(req, resp, e, e == CD_EBADREQ ? "Malformed request line, query or headers." : NULL);
        return;
    }
    long long cl = request_content_length(req);
    /* A multipart body is read up to its files, its fields and their envelope, so that a form whose files pass
     * max_upload (nginx lets a little more through) is still read and shown again with its fields. */
    long long limit = strcmp(req->content_type, "multipart/form-data") == 0
                          ? (long long)cfg->max_upload + cfg->max_body + 65536
                          : cfg->max_body;
    if (cl < 0) {
        reply_error(req, resp, CD_EBADREQ, "Malformed Content-Length.");
        return;
    }
    if (cl > limit) {
        reply_error(req, resp, CD_ETOOLARGE, NULL);
        return;
    }
    if (cl > 0 && !read_body(rd, ctx, req, (size_t)cl)) {
        reply_error(req, resp, req->body ? CD_EBADREQ : CD_ENOMEM, req->body ? "Truncated request body." : NULL);
        return;
    }
    app(req, resp);
}

void fcgi_handle(arena *a, const config *cfg, fcgi_app app, char *const *envp, fcgi_read_fn rd, void *ctx,
                 request *req, response *resp)
{
    arena_set_limit(a, cfg->max_request_memory > 0 ? (size_t)cfg->max_request_memory : 0);
    arena_json_charge(a); /* the request's jansson values count toward its cap */
    handle(a, cfg, app, envp, rd, ctx, req, resp);
    arena_json_charge(NULL);
    if (arena_exhausted(a))
        reply_out_of_memory(req, resp, a);
    arena_set_limit(a, 0); /* the answer is built: serialising and logging it are not the request's */
}

static int fcgx_read(void *in, char *buf, int len) { return FCGX_GetStr(buf, len, in); }

/* A streamed answer's bytes onto the request's output stream (resp_write_fn); libfcgi sends each full buffer. */
static int fcgx_write(void *out, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        int chunk = len > (1u << 20) ? 1 << 20 : (int)len;
        if (FCGX_PutStr(p, chunk, out) != chunk)
            return -1;
        p += chunk;
        len -= (size_t)chunk;
    }
    return 0;
}

static void send_response(FCGX_Request *fr, const request *req, const response *resp)
{
    if (resp->streamed) /* sent while the handler ran */
        return;
    strbuf head;
    sb_init(&head, resp->a);
    if (resp_head(resp, &head) != CD_OK) {
        static const char oom[] =
            "Status: 503 Service Unavailable\r\nContent-Type: text/plain\r\n\r\nout of memory\n";
        FCGX_PutStr(oom, (int)sizeof oom - 1, fr->out);
        return;
    }
    FCGX_PutStr(head.data, (int)head.len, fr->out);
    if (req->method != M_HEAD && resp->body.len)
        FCGX_PutStr(resp->body.data, (int)resp->body.len, fr->out);
}

/* Ends the exchange. FCGX_Finish_r half-closes the connection and then waits, reading, for nginx to close
 * its end, so that closing with unread input cannot reset the connection before nginx has the reply: a wait
 * for nginx to be scheduled, at every request. Once the request's input has been read to its end (the empty
 * FCGI_STDIN record; what a handler left is read here), nginx sends nothing more on a connection it does not
 * keep: the request is detached, and FCGX_Finish_r closes it at once. */
static void finish(FCGX_Request *fr)
{
    char rest[4096];
    while (FCGX_GetStr(rest, sizeof rest, fr->in) > 0)
        ;
    if (!fr->keepConnection && FCGX_HasSeenEOF(fr->in) == EOF && FCGX_GetError(fr->in) == 0)
        FCGX_Detach(fr);
    FCGX_Finish_r(fr);
}

int fcgi_serve(int listen_fd, const config *cfg, fcgi_app app, volatile sig_atomic_t *stop)
{
    FCGX_Request fr;
    if (FCGX_InitRequest(&fr, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR) != 0)
        return -1;
    arena *a = arena_new(64 * 1024);
    if (!a)
        return -1;
    listen_fd_copy = listen_fd;
    while (!*stop) {
        idle = 1;
        /* cppcheck-suppress oppositeInnerCondition ; *stop is set by a signal handler: one that came after the
         * loop's test but before idle was set would otherwise wait for the next request */
        if (*stop)
            break;
        int rc = FCGX_Accept_r(&fr);
        idle = 0;
        if (rc < 0) {
            if (*stop || listen_fd_copy < 0)
                break;
            continue;
        }
        struct timespec t0;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        request req;
        response resp = {.write = fcgx_write, .write_ctx = fr.out};
        fcgi_handle(a, cfg, app, fr.envp, fcgx_read, fr.in, &req, &resp);
        send_response(&fr, &req, &resp);
        finish(&fr);
        int status = resp.status ? resp.status : 200;
        log_info("%s %s %d %.1fms", req.method_name && *req.method_name ? req.method_name : "-", log_path(a, req.uri),
                 status, ms_since(&t0));
        size_t used = arena_used(a);
        arena_reset(a);
        if (used > HEAP_TRIM_AFTER)
            heap_trim();
    }
    arena_free(a);
    FCGX_Free(&fr, 1);
    return 0;
}
