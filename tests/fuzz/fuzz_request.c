/* fuzz_request.c: libFuzzer harness: request_init over a fuzzed FastCGI parameter set (and percent_decode
 * over each parameter) gives a well-formed request or a clean 400/503-class error. */
#include <ctype.h>
#include <stdint.h>
#include "fuzz_check.h"
#include "core/str.h"
#include "http/request.h"
#include "http/urlencoded.h"

/* Input: one byte choosing an arena limit (0: none), then lines, each one FastCGI parameter. A line
 * starting with a digit names a parameter the request reads (the rest is its value); any other line
 * is taken as it is ("NAME=value", or no '=' at all). */
static const char *const NAMES[] = {
    "REQUEST_URI", "CONTENT_TYPE", "HTTP_COOKIE",        "REQUEST_METHOD",       "CONTENT_LENGTH",
    "HTTPS",       "REMOTE_ADDR",  "HTTP_AUTHORIZATION", "HTTP_ORGANIZATION_ID", "HTTP_X_CSRF_TOKEN"};

#define MAX_PARAMS 64

static bool is_api(const char *p)
{
    return strncmp(p, "/api/", 5) == 0 || strcmp(p, "/api") == 0 || strcmp(p, "/healthz") == 0;
}

/* Checks everything request_init promises about a request it accepted. */
static void check_request(const request *r, char *const *env)
{
    CHECK(r->uri && r->uri[0] == '/');
    CHECK(r->path && r->path[0] == '/' && utf8_valid(r->path, strlen(r->path)));
    CHECK(r->is_api == is_api(r->path));
    CHECK(r->method == http_method_parse(r->method_name));
    CHECK(r->query_string && (r->query_string[0] == '\0' || r->query_string[-1] == '?'));
    for (size_t i = 0; i < r->query.n; i++)
        CHECK(utf8_valid(r->query.v[i].key, strlen(r->query.v[i].key)) &&
              utf8_valid(r->query.v[i].value, r->query.v[i].vlen) &&
              strlen(r->query.v[i].value) == r->query.v[i].vlen);
    for (const char *p = r->content_type; *p; p++)
        CHECK(*p != ';' && !isupper((unsigned char)*p));
    for (size_t i = 0; i < r->cookies.n; i++)
        CHECK(r->cookies.v[i].key[0] && !strchr(r->cookies.v[i].value, ';'));
    long long cl = request_content_length(r);
    CHECK(cl >= -1);
    const char *c = request_header(r, "Cookie");
    CHECK(c == kv_get(&r->env, "HTTP_COOKIE"));
    CHECK(request_header(r, "Content-Type") == kv_get(&r->env, "CONTENT_TYPE"));
    size_t n = 0;
    for (char *const *e = env; *e; e++)
        n += strchr(*e, '=') != NULL;
    CHECK(r->env.n == n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    arena *a = arena_new(4096);
    CHECK(a);
    char *text = fuzz_cstr(a, data + 1, size - 1);
    char *env[MAX_PARAMS + 1];
    size_t n = 0;
    for (char *line = text; line && n < MAX_PARAMS;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        if (*line >= '0' && *line <= '9')
            env[n] = arena_printf(a, "%s=%s", NAMES[*line - '0'], line + 1);
        else
            env[n] = line;
        CHECK(env[n]);
        n++;
        line = nl ? nl + 1 : NULL;
    }
    env[n] = NULL;

    for (size_t i = 0; i < n; i++) {
        cd_err de;
        char *d = percent_decode(a, env[i], strlen(env[i]), &de);
        CHECK(d ? de == CD_OK && utf8_valid(d, strlen(d)) && strlen(d) <= strlen(env[i]) : de == CD_EBADREQ);
    }

    static config cfg;
    config_defaults(&cfg);
    request r;
    cd_err e = request_init(&r, a, &cfg, env);
    CHECK(e == CD_OK || e == CD_EBADREQ);
    if (e == CD_OK)
        check_request(&r, env);

    /* Under an arena limit: the same answer, or CD_ENOMEM. */
    if (data[0]) {
        arena *b = arena_new(256);
        CHECK(b);
        arena_set_limit(b, (size_t)data[0] * 32);
        request t;
        cd_err te = request_init(&t, b, &cfg, env);
        CHECK(te == e || te == CD_ENOMEM);
        if (te == CD_OK)
            check_request(&t, env);
        arena_free(b);
    }
    arena_free(a);
    return 0;
}
