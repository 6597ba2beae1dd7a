/* test_fcgi.c: one request through fcgi_handle (params, body, app, answer) under every per-request memory
 * cap: the right answer or a clean 503, never a crash; and the error replies themselves when memory is short. */
#include <stdio.h>
#include "core/log.h"
#include "core/str.h"
#include "http/fcgi.h"
#include "reply.h"
#include "testutil.h"

/* A request body served from memory, in pieces of at most step bytes (0: as asked). */
typedef struct body_src {
    const char *data;
    size_t len, at, step;
} body_src;

static int mem_read(void *ctx, char *buf, int len)
{
    body_src *b = ctx;
    size_t n = b->len - b->at;
    if (n > (size_t)len)
        n = (size_t)len;
    if (b->step && n > b->step)
        n = b->step;
    memcpy(buf, b->data + b->at, n);
    b->at += n;
    return (int)n;
}

/* What a handler does with input: parse the body, read query, cookies and fields, answer in JSON. */
static void echo_app(request *req, response *resp)
{
    cd_err e = request_parse_body(req);
    if (e != CD_OK) {
        reply_error(req, resp, e, NULL);
        return;
    }
    json_t *q = json_object(), *f = json_object();
    for (size_t i = 0; i < req->query.n; i++)
        json_object_set_new(q, req->query.v[i].key, json_string(req->query.v[i].value));
    for (size_t i = 0; i < req->form.n; i++)
        json_object_set_new(f, req->form.v[i].key, json_string(req->form.v[i].value));
    char *label = arena_printf(req->a, "%s %s (%zu files)", req->method_name, req->path, req->nfiles);
    json_t *j = json_pack("{s:s?, s:o, s:o, s:O?, s:s?, s:i}", "request", label, "query", q, "form", f, "json",
                          req->json, "sid", kv_get(&req->cookies, "sid"), "files", (int)req->nfiles);
    if (resp_json(resp, 200, j) != CD_OK || resp_header(resp, "X-Echo", "1") < 0) /* resp_json owns j */
        reply_error(req, resp, CD_ENOMEM, NULL);
}

typedef struct sample {
    const char *what;
    const char *env[8];
    const char *body;
} sample;

static const sample SAMPLES[] = {
    {"GET with query and cookies",
     {"REQUEST_METHOD=GET", "REQUEST_URI=/api/cases/?status=New&status=Open&name=a+b%C3%A9",
      "HTTP_COOKIE=sid=s1; csrf=c1; theme=\"dark\"", NULL},
     NULL},
    {"JSON POST",
     {"REQUEST_METHOD=POST", "REQUEST_URI=/api/cases/", "CONTENT_TYPE=application/json", NULL},
     "{\"name\":\"Printer on fire\",\"tags\":[\"a\",\"b\",\"c\"],\"nested\":{\"deep\":[1,2,{\"x\":null}]}}"},
    {"form POST",
     {"REQUEST_METHOD=POST", "REQUEST_URI=/api/x/", "CONTENT_TYPE=application/x-www-form-urlencoded", NULL},
     "a=1&b=two+words&c=%E2%82%AC&d=&e=last"},
    {"multipart POST",
     {"REQUEST_METHOD=POST", "REQUEST_URI=/api/up/", "CONTENT_TYPE=multipart/form-data; boundary=XyZ", NULL},
     "--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
     "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r\xc3\xa9port.txt\"\r\n"
     "Content-Type: text/plain\r\n\r\nline one\r\nline two\r\n--XyZ--\r\n"},
};

/* Runs sample s through fcgi_handle in arena a (reset first) with config cfg; fills req and resp. */
static void run(arena *a, const config *cfg, const sample *s, request *req, response *resp)
{
    arena_reset(a);
    char *env[10];
    size_t n = 0;
    for (; s->env[n]; n++)
        env[n] = (char *)s->env[n];
    char cl[48];
    size_t len = s->body ? strlen(s->body) : 0;
    snprintf(cl, sizeof cl, "CONTENT_LENGTH=%zu", len);
    env[n++] = cl;
    env[n] = NULL;
    body_src b = {s->body, len, 0, 7};
    fcgi_handle(a, cfg, echo_app, env, mem_read, &b, req, resp);
}

START_TEST(every_memory_cap)
{
    const sample *s = &SAMPLES[_i];
    config cfg;
    config_defaults(&cfg);
    arena *a = arena_new(256);
    ck_assert_ptr_nonnull(a);
    request req;
    response resp = {0};
    cfg.max_request_memory = 0;
    run(a, &cfg, s, &req, &resp);
    ck_assert_msg(resp.status == 200, "%s: status %d without a cap", s->what, resp.status);
    char *want = strdup(resp.body.data);
    size_t need = arena_used(a);
    int full = 0, short_ = 0;
    for (size_t cap = 1; cap <= need + 64; cap += cap < 512 ? 1 : 16) {
        cfg.max_request_memory = (long)cap;
        run(a, &cfg, s, &req, &resp);
        strbuf head;
        sb_init(&head, a);
        ck_assert_int_eq(resp_head(&resp, &head), CD_OK);
        if (resp.status == 200) {
            ck_assert_str_eq(resp.body.data, want);
            ck_assert_str_eq(resp_get_header(&resp, "X-Echo"), "1");
            full++;
        } else {
            ck_assert_msg(resp.status == 503, "%s: status %d with a cap of %zu bytes", s->what, resp.status, cap);
            ck_assert_str_eq(resp_get_header(&resp, "Retry-After"), "1");
            ck_assert_ptr_null(resp_get_header(&resp, "X-Echo"));
            ck_assert_ptr_nonnull(strstr(resp.body.data, "\"error\":\"unavailable\""));
            short_++;
        }
        /* The cap is the request's: it is back for the next one. */
        ck_assert(cap >= need || short_ > 0);
    }
    ck_assert_int_gt(full, 0);
    ck_assert_int_gt(short_, 0);
    free(want);
    arena_free(a);
}
END_TEST

/* The error reply itself, with no memory left at all: a status, never a 200 with an empty body. */
START_TEST(error_reply_without_memory)
{
    static const cd_err errs[] = {CD_ENOMEM, CD_EBADREQ, CD_ENOTFOUND, CD_EINTERNAL};
    for (int api = 0; api < 2; api++) {
        for (size_t i = 0; i < sizeof errs / sizeof errs[0]; i++) {
            for (size_t room = 0; room < 2048; room += 32) {
                arena *a = test_arena();
                request req;
                memset(&req, 0, sizeof req);
                req.a = a;
                req.is_api = api;
                response resp = {0};
                resp_init(&resp, a);
                arena_set_limit(a, arena_used(a) + room);
                reply_error(&req, &resp, errs[i], NULL);
                ck_assert_int_eq(resp.status, cd_err_status(errs[i]));
                arena_free(a);
            }
        }
    }
}
END_TEST

/* Response building and JSON rendering at every size: CD_OK with the whole body, or CD_ENOMEM. */
START_TEST(response_building_every_size)
{
    arena *a = test_arena();
    int ok = 0, nomem = 0;
    for (size_t room = 0; room < 4096; room += 8) {
        arena_reset(a);
        arena_set_limit(a, 0);
        response resp = {0};
        resp_init(&resp, a);
        arena_set_limit(a, arena_used(a) + room);
        json_t *j =
            json_pack("{s:s, s:[i,i,i], s:{s:s}}", "name", "caf\xc3\xa9 \"quoted\" <b>", "n", 1, 2, 3, "o", "k", "v");
        cd_err e = resp_json(&resp, 201, j);
        if (e == CD_OK)
            e = resp_header(&resp, "Location", "/api/cases/1/") < 0 ? CD_ENOMEM : CD_OK;
        strbuf head;
        sb_init(&head, a);
        if (e == CD_OK)
            e = resp_head(&resp, &head);
        if (e == CD_OK) {
            ck_assert_str_eq(resp.body.data,
                             "{\"name\":\"caf\\u00E9 \\\"quoted\\\" <b>\",\"n\":[1,2,3],\"o\":{\"k\":\"v\"}}");
            ck_assert_ptr_nonnull(strstr(head.data, "Status: 201 Created\r\n"));
            ok++;
        } else {
            ck_assert_int_eq(e, CD_ENOMEM);
            ck_assert(arena_exhausted(a));
            nomem++;
        }
    }
    ck_assert_int_gt(ok, 0);
    ck_assert_int_gt(nomem, 0);
    arena_free(a);
}
END_TEST

/* A handler that builds a large jansson tree (what a big result parsed into): 10,000 strings of 100 bytes. */
static void big_tree_app(request *req, response *resp)
{
    (void)req;
    json_t *arr = json_array();
    char text[101];
    memset(text, 'x', 100);
    text[100] = '\0';
    for (int i = 0; arr && i < 10000; i++)
        if (json_array_append_new(arr, json_string(text)) != 0)
            break;
    resp->status = 200;
    json_decref(arr);
}

/* jansson's allocations count toward the request's cap: over it the request is a 503, not a bigger worker;
 * between requests nothing counts. */
START_TEST(jansson_counts_toward_the_cap)
{
    config cfg;
    config_defaults(&cfg);
    arena *a = arena_new(256);
    ck_assert_ptr_nonnull(a);
    char *env[] = {"REQUEST_METHOD=GET", "REQUEST_URI=/x", NULL};
    body_src b = {NULL, 0, 0, 0};
    request req;
    response resp = {0};
    cfg.max_request_memory = 0;
    fcgi_handle(a, &cfg, big_tree_app, env, mem_read, &b, &req, &resp);
    ck_assert_int_eq(resp.status, 200);
    ck_assert_uint_gt(arena_used(a), 10000 * 100);
    arena_reset(a);
    cfg.max_request_memory = 512 * 1024;
    fcgi_handle(a, &cfg, big_tree_app, env, mem_read, &b, &req, &resp);
    ck_assert_int_eq(resp.status, 503);
    arena_reset(a);
    json_t *outside = json_pack("{s:s}", "k", "v");
    ck_assert_ptr_nonnull(outside);
    ck_assert_uint_eq(arena_used(a), 0);
    json_decref(outside);
    arena_free(a);
}
END_TEST

START_TEST(max_request_memory_setting)
{
    config cfg;
    config_defaults(&cfg);
    ck_assert_int_eq(cfg.max_request_memory, 64L << 20);
    char err[128];
    ck_assert_int_eq(config_set(&cfg, "max_request_memory", "0", err, sizeof err), 0);
    ck_assert_int_eq(cfg.max_request_memory, 0);
    ck_assert_int_eq(config_set(&cfg, "max_request_memory", "1048576", err, sizeof err), 0);
    ck_assert_int_eq(cfg.max_request_memory, 1048576);
    ck_assert_int_eq(config_set(&cfg, "max_request_memory", "-1", err, sizeof err), -1);
}
END_TEST

/* A handler that streams its answer in three pieces. */
static void stream_app(request *req, response *resp)
{
    (void)req;
    if (resp_stream_start(resp, 200, "text/csv; charset=utf-8") != CD_OK ||
        resp_stream_write(resp, "a,b\r\n", 5) != CD_OK || resp_stream_write(resp, "", 0) != CD_OK ||
        resp_stream_write(resp, "1,2\r\n", 5) != CD_OK)
        reply_error(req, resp, CD_ENOMEM, NULL);
}

/* A client as a resp_write_fn: what reached it, in one buffer. */
static int collect(void *ctx, const void *data, size_t len) { return sb_append(ctx, data, len); }

/* Runs stream_app for method through fcgi_handle, the answer written to out (out NULL: collected in resp). */
static void run_stream(arena *a, const char *method, strbuf *out, response *resp)
{
    config cfg;
    config_defaults(&cfg);
    char m[32];
    snprintf(m, sizeof m, "REQUEST_METHOD=%s", method);
    char *env[] = {m, "REQUEST_URI=/cases.csv", "CONTENT_LENGTH=", NULL};
    body_src b = {"", 0, 0, 0};
    request req;
    *resp = (response){.write = out ? collect : NULL, .write_ctx = out};
    fcgi_handle(a, &cfg, stream_app, env, mem_read, &b, &req, resp);
}

START_TEST(streamed_answers)
{
    arena *a = arena_new(1024);
    strbuf out;
    sb_init(&out, a);
    response resp;
    /* to the client while the handler runs: the head without Content-Length, then each piece */
    run_stream(a, "GET", &out, &resp);
    ck_assert(resp.streamed);
    ck_assert_uint_eq(resp.body.len, 0);
    ck_assert_str_eq(out.data, "Status: 200 OK\r\nContent-Type: text/csv; charset=utf-8\r\n\r\na,b\r\n1,2\r\n");
    /* HEAD: the head alone */
    out.len = 0;
    run_stream(a, "HEAD", &out, &resp);
    ck_assert_str_eq(out.data, "Status: 200 OK\r\nContent-Type: text/csv; charset=utf-8\r\n\r\n");
    /* without a client (as here, in tests): collected in the body */
    run_stream(a, "GET", NULL, &resp);
    ck_assert(resp.streamed);
    ck_assert_str_eq(resp.body.data, "a,b\r\n1,2\r\n");
    strbuf head;
    sb_init(&head, a);
    ck_assert_int_eq(resp_head(&resp, &head), CD_OK);
    ck_assert_ptr_null(strstr(head.data, "Content-Length"));
    arena_free(a);
}
END_TEST

static Suite *fcgi_suite(void)
{
    Suite *s = suite_create("fcgi");
    TCase *tc = tcase_create("memory");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, every_memory_cap, 0, sizeof SAMPLES / sizeof SAMPLES[0]);
    tcase_add_test(tc, error_reply_without_memory);
    tcase_add_test(tc, response_building_every_size);
    tcase_add_test(tc, max_request_memory_setting);
    tcase_add_test(tc, jansson_counts_toward_the_cap);
    tcase_add_test(tc, streamed_answers);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    fcgi_set_error_renderer(reply_error);
    log_set_level(LOG_ERROR); /* one warning per starved request would drown the report */
    return run_suite(fcgi_suite());
}
