/* paging.c: Django-REST-style limit/offset pagination. */
#include "http/paging.h"
#include "http/request.h"
#include "http/input.h"
#include "http/url.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool parse_long(const char *s, long min, long max, long *out)
{
    if (!s || !*s)
        return false;
    for (const char *c = s; *c; c++)
        if (*c < '0' || *c > '9')
            return false;
    errno = 0;
    long v = strtol(s, NULL, 10);
    if (errno || v < min || v > max)
        return false;
    *out = v;
    return true;
}

bool paging_offset(const request *req, const char *key, long *offset, json_t *errors)
{
    const char *o = kv_get(&req->query, key);
    *offset = 0;
    if (o && !parse_long(o, 0, 1000000000L, offset)) {
        field_error(errors, key, "Must be a whole number of 0 or more.");
        return false;
    }
    return true;
}

bool paging_parse(const request *req, paging *p, json_t *errors)
{
    bool ok = true;
    const char *l = kv_get(&req->query, "limit");
    p->limit = PAGE_DEFAULT_LIMIT;
    if (l && !parse_long(l, 1, PAGE_MAX_LIMIT, &p->limit)) {
        field_error(errors, "limit", "Must be a whole number from 1 to 100.");
        ok = false;
    }
    if (!paging_offset(req, "offset", &p->offset, errors))
        ok = false;
    snprintf(p->limit_s, sizeof p->limit_s, "%ld", p->limit);
    snprintf(p->offset_s, sizeof p->offset_s, "%ld", p->offset);
    return ok;
}

static json_t *link(const request *req, long limit, long offset)
{
    kvlist q = {0};
    for (size_t i = 0; i < req->query.n; i++) {
        const kv *e = &req->query.v[i];
        if (strcmp(e->key, "limit") && strcmp(e->key, "offset") &&
            kv_add(&q, req->a, e->key, strlen(e->key), e->value, e->vlen) < 0)
            return NULL;
    }
    char num[24];
    snprintf(num, sizeof num, "%ld", limit);
    if (kv_add(&q, req->a, "limit", 5, num, strlen(num)) < 0)
        return NULL;
    if (offset > 0) {
        snprintf(num, sizeof num, "%ld", offset);
        if (kv_add(&q, req->a, "offset", 6, num, strlen(num)) < 0)
            return NULL;
    }
    char *url = url_with_query(req->a, req->path, &q);
    return url ? json_string(url) : NULL;
}

json_t *paging_envelope(const request *req, const paging *p, long long count, json_t *results)
{
    json_t *next = p->offset + p->limit < count ? link(req, p->limit, p->offset + p->limit) : json_null();
    json_t *prev = p->offset > 0 ? link(req, p->limit, p->offset > p->limit ? p->offset - p->limit : 0) : json_null();
    if (!results || !next || !prev) {
        json_decref(results);
        json_decref(next);
        json_decref(prev);
        return NULL;
    }
    return json_pack("{s:I, s:o, s:o, s:o}", "count", (json_int_t)count, "next", next, "previous", prev, "results",
                     results);
}
