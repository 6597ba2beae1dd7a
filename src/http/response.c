/* response.c: response builder that refuses unsafe header bytes by construction. */
#include "http/response.h"
#include "http/filename.h"
#include "http/headers.h"
#include "http/url.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

void resp_init(response *r, arena *a)
{
    memset(r, 0, sizeof(*r));
    r->a = a;
    sb_init(&r->body, a);
}

int resp_header(response *r, const char *name, const char *value)
{
    if (!header_name_ok(name) || !header_value_ok(value))
        return -1;
    return kv_add(&r->headers, r->a, name, strlen(name), value, strlen(value));
}

int resp_set_header(response *r, const char *name, const char *value)
{
    if (!header_name_ok(name) || !header_value_ok(value))
        return -1;
    for (size_t i = 0; i < r->headers.n; i++) {
        if (strcasecmp(r->headers.v[i].key, name) == 0) {
            char *v = arena_strdup(r->a, value);
            if (!v)
                return -1;
            r->headers.v[i].value = v;
            r->headers.v[i].vlen = strlen(v);
            return 0;
        }
    }
    return resp_header(r, name, value);
}

const char *resp_get_header(const response *r, const char *name)
{
    for (size_t i = 0; i < r->headers.n; i++)
        if (strcasecmp(r->headers.v[i].key, name) == 0)
            return r->headers.v[i].value;
    return NULL;
}

static int dump_cb(const char *buf, size_t size, void *data) { return sb_append(data, buf, size); }

cd_err resp_json(response *r, int status, json_t *j)
{
    cd_err e = resp_json_ref(r, status, j);
    json_decref(j);
    return e;
}

cd_err resp_json_ref(response *r, int status, const json_t *j)
{
    if (!j)
        return CD_ENOMEM;
    r->body.len = 0;
    int rc = json_dump_callback(j, dump_cb, &r->body, JSON_COMPACT | JSON_ENSURE_ASCII);
    if (rc < 0 || r->body.failed)
        return CD_ENOMEM;
    r->status = status;
    return resp_set_header(r, "Content-Type", "application/json") < 0 ? CD_ENOMEM : CD_OK;
}

cd_err resp_body(response *r, int status, const char *content_type, const void *data, size_t len)
{
    r->body.len = 0;
    if (sb_append(&r->body, data, len) < 0)
        return CD_ENOMEM;
    r->status = status;
    return resp_set_header(r, "Content-Type", content_type) < 0 ? CD_ENOMEM : CD_OK;
}

cd_err resp_redirect(response *r, const char *url)
{
    if (!url_is_local(url))
        url = "/";
    r->status = 303;
    r->body.len = 0;
    return resp_set_header(r, "Location", url) < 0 ? CD_EBADREQ : CD_OK;
}

cd_err resp_head(const response *r, strbuf *out)
{
    int status = r->status ? r->status : 200;
    sb_printf(out, "Status: %d %s\r\n", status, http_reason(status));
    for (size_t i = 0; i < r->headers.n; i++)
        sb_printf(out, "%s: %s\r\n", r->headers.v[i].key, r->headers.v[i].value);
    if (status != 204 && status != 304 && !r->streamed) {
        char cl[32];
        snprintf(cl, sizeof cl, "%zu", r->body.len);
        sb_printf(out, "Content-Length: %s\r\n", cl);
    }
    sb_puts(out, "\r\n");
    return out->failed ? CD_ENOMEM : CD_OK;
}

cd_err resp_stream_start(response *r, int status, const char *content_type)
{
    if (resp_set_header(r, "Content-Type", content_type) < 0)
        return CD_ENOMEM;
    r->status = status;
    r->body.len = 0;
    r->streamed = true;
    if (!r->write)
        return CD_OK;
    strbuf head;
    sb_init(&head, r->a);
    if (resp_head(r, &head) != CD_OK)
        return CD_ENOMEM;
    return r->write(r->write_ctx, head.data, head.len) < 0 ? CD_EUNAVAIL : CD_OK;
}

cd_err resp_stream_write(response *r, const void *data, size_t len)
{
    if (r->no_body || len == 0)
        return CD_OK;
    if (!r->write)
        return sb_append(&r->body, data, len) < 0 ? CD_ENOMEM : CD_OK;
    return r->write(r->write_ctx, data, len) < 0 ? CD_EUNAVAIL : CD_OK;
}

int resp_stream_sink(void *r, const void *data, size_t len)
{
    return resp_stream_write(r, data, len) == CD_OK ? 0 : -1;
}

cd_err resp_download_start(response *r, const char *content_type, const char *filename)
{
    const char *disposition = content_disposition(r->a, filename);
    if (!disposition || resp_set_header(r, "Content-Disposition", disposition) < 0)
        return CD_ENOMEM;
    return resp_stream_start(r, 200, content_type);
}
