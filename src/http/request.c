/* request.c: turns FastCGI parameters into a request; the only place raw URIs are decoded. */
#include "http/request.h"
#include "http/cookie.h"
#include "http/filename.h"
#include "http/headers.h"
#include "http/multipart.h"
#include "http/urlencoded.h"
#include "core/str.h"
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    http_method m;
} methods[] = {{"GET", M_GET},     {"HEAD", M_HEAD},     {"POST", M_POST},      {"PUT", M_PUT},
               {"PATCH", M_PATCH}, {"DELETE", M_DELETE}, {"OPTIONS", M_OPTIONS}};

http_method http_method_parse(const char *name)
{
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (name && strcmp(methods[i].name, name) == 0)
            return methods[i].m;
    return M_OTHER;
}

const char *http_method_name(http_method m)
{
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (methods[i].m == m)
            return methods[i].name;
    return "OTHER";
}

static void json_release(void *p) { json_decref(p); }

/* Paths whose errors are JSON: /api, /api/... and /healthz. */
static bool api_path(const char *p, size_t len)
{
    return (len >= 5 && memcmp(p, "/api/", 5) == 0) || (len == 4 && memcmp(p, "/api", 4) == 0) ||
           (len == 8 && memcmp(p, "/healthz", 8) == 0);
}

cd_err request_init(request *r, arena *a, const config *cfg, char *const *envp)
{
    memset(r, 0, sizeof(*r));
    r->a = a;
    r->cfg = cfg;
    /* Judged on the raw URI before anything is allocated, so that a request under /api/ that runs out of
     * memory in here still gets a JSON error. */
    for (char *const *e = envp; e && *e; e++) {
        if (strncmp(*e, "REQUEST_URI=", 12) == 0) {
            const char *u = *e + 12;
            r->is_api = api_path(u, strcspn(u, "?"));
            break;
        }
    }
    size_t total = 0;
    for (char *const *e = envp; e && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (!eq)
            continue;
        size_t len = strlen(*e);
        total += len;
        if (total > REQ_MAX_ENV_BYTES)
            return CD_EBADREQ;
        if (kv_add(&r->env, a, *e, (size_t)(eq - *e), eq + 1, len - (size_t)(eq - *e) - 1) < 0)
            return CD_ENOMEM;
    }
    const char *m = kv_get(&r->env, "REQUEST_METHOD");
    r->method_name = m ? m : "";
    r->method = http_method_parse(m);
    r->uri = kv_get(&r->env, "REQUEST_URI");
    if (!r->uri || r->uri[0] != '/')
        r->uri = "/";
    const char *https = kv_get(&r->env, "HTTPS");
    r->https = https && *https && strcmp(https, "off") != 0;
    r->remote_addr = kv_get(&r->env, "REMOTE_ADDR");
    if (!r->remote_addr)
        r->remote_addr = "";

    const char *q = strchr(r->uri, '?');
    size_t plen = q ? (size_t)(q - r->uri) : strlen(r->uri);
    r->query_string = q ? q + 1 : "";
    /* Judged on the raw path first, so that a 400 for a path that does not decode is still JSON under /api/. */
    r->is_api = api_path(r->uri, plen);
    cd_err err;
    char *path = percent_decode(a, r->uri, plen, &err);
    if (!path)
        return err;
    r->path = path;
    r->is_api = api_path(path, strlen(path));
    err = urlenc_parse(a, r->query_string, strlen(r->query_string), &r->query);
    if (err != CD_OK)
        return err;
    if (cookie_parse(a, kv_get(&r->env, "HTTP_COOKIE"), &r->cookies) < 0)
        return CD_ENOMEM;

    const char *ct = kv_get(&r->env, "CONTENT_TYPE");
    if (!ct)
        ct = "";
    size_t n = strcspn(ct, ";");
    while (n && isspace((unsigned char)ct[n - 1]))
        n--;
    char *t = arena_strndup(a, ct, n);
    if (!t)
        return CD_ENOMEM;
    for (char *p = t; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    r->content_type = t;
    return CD_OK;
}

const char *request_header(const request *r, const char *name)
{
    char env[128];
    if (!header_env_name(name, env, sizeof env))
        return NULL;
    if (strcmp(env, "HTTP_CONTENT_TYPE") == 0)
        return kv_get(&r->env, "CONTENT_TYPE");
    if (strcmp(env, "HTTP_CONTENT_LENGTH") == 0)
        return kv_get(&r->env, "CONTENT_LENGTH");
    return kv_get(&r->env, env);
}

long long request_content_length(const request *r)
{
    const char *cl = kv_get(&r->env, "CONTENT_LENGTH");
    if (!cl || !*cl)
        return 0;
    for (const char *p = cl; *p; p++)
        if (!isdigit((unsigned char)*p))
            return -1;
    errno = 0;
    long long v = strtoll(cl, NULL, 10);
    return errno ? -1 : v;
}

static cd_err parse_multipart(request *r)
{
    const char *boundary = multipart_boundary(r->a, kv_get(&r->env, "CONTENT_TYPE"));
    if (!boundary)
        return CD_EBADREQ;
    multipart_limits lim = {.expect = r->body_len, .drop_over_files = true};
    if (r->cfg && r->cfg->max_upload > 0)
        lim.max_file_bytes = (size_t)r->cfg->max_upload;
    if (r->cfg && r->cfg->max_body > 0)
        lim.max_field_bytes = (size_t)r->cfg->max_body;
    multipart mp;
    multipart_init(&mp, r->a, boundary, &lim);
    multipart_feed(&mp, r->body, r->body_len);
    cd_err e = multipart_finish(&mp);
    if (e != CD_OK && !(e == CD_ETOOLARGE && mp.files_over))
        return e;
    r->files = arena_calloc(r->a, mp.nparts ? mp.nparts : 1, sizeof *r->files);
    if (!r->files)
        return CD_ENOMEM;
    for (size_t i = 0; i < mp.nparts; i++) {
        const mp_part *m = &mp.parts[i];
        if (!m->filename) {
            if (kv_add(&r->form, r->a, m->name, strlen(m->name), m->data, m->len) < 0)
                return CD_ENOMEM;
            continue;
        }
        if (m->dropped) {
            if (!r->upload_refused && !(r->upload_refused = filename_safe(r->a, m->filename)))
                return CD_ENOMEM;
            continue;
        }
        if (!m->filename[0] && m->len == 0)
            continue; /* a file input left empty */
        const char *fn = filename_safe(r->a, m->filename);
        if (!fn)
            return CD_ENOMEM;
        r->files[r->nfiles++] = (upload){m->name, fn, m->content_type, m->data, m->len};
    }
    if (r->upload_refused)
        r->nfiles = 0; /* nothing of an upload over the limit is taken */
    return e;
}

cd_err request_parse_body(request *r)
{
    if (r->body_len == 0)
        return CD_OK;
    if (strcmp(r->content_type, "application/json") == 0) {
        json_error_t jerr;
        json_t *j = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &jerr);
        if (!j)
            return CD_EBADREQ;
        if (arena_defer(r->a, json_release, j) < 0)
            return CD_ENOMEM;
        r->json = j;
        return CD_OK;
    }
    if (strcmp(r->content_type, "application/x-www-form-urlencoded") == 0)
        return urlenc_parse(r->a, r->body, r->body_len, &r->form);
    if (strcmp(r->content_type, "multipart/form-data") == 0)
        return parse_multipart(r);
    return CD_EMEDIATYPE;
}
