/* urlencoded.c: byte-at-a-time state machine so that input may arrive split anywhere. */
#include "http/urlencoded.h"
#include <string.h>

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void urlenc_init(urlenc *p, arena *a, urlenc_cb cb, void *ctx, size_t max_fields, size_t max_field_len)
{
    memset(p, 0, sizeof(*p));
    sb_init(&p->key, a);
    sb_init(&p->val, a);
    p->cb = cb;
    p->ctx = ctx;
    p->max_fields = max_fields ? max_fields : 1000;
    p->max_field_len = max_field_len ? max_field_len : (1u << 20);
}

static cd_err fail(urlenc *p, cd_err e)
{
    if (p->err == CD_OK)
        p->err = e;
    return p->err;
}

static cd_err put(urlenc *p, unsigned char c)
{
    strbuf *b = p->in_value ? &p->val : &p->key;
    if (b->len >= p->max_field_len)
        return fail(p, CD_EBADREQ);
    if (sb_append(b, &c, 1) < 0)
        return fail(p, CD_ENOMEM);
    return CD_OK;
}

static cd_err emit(urlenc *p)
{
    if (p->pct)
        return fail(p, CD_EBADREQ);
    if (p->key.len || p->val.len) {
        const char *k = p->key.len ? p->key.data : "";
        const char *v = p->val.len ? p->val.data : "";
        if (!utf8_valid(k, p->key.len) || !utf8_valid(v, p->val.len))
            return fail(p, CD_EBADREQ);
        if (++p->fields > p->max_fields)
            return fail(p, CD_EBADREQ);
        if (p->cb(p->ctx, k, p->key.len, v, p->val.len) != 0)
            return fail(p, CD_EBADREQ);
    }
    p->key.len = p->val.len = 0;
    p->in_value = false;
    return CD_OK;
}

cd_err urlenc_feed(urlenc *p, const char *data, size_t len)
{
    for (size_t i = 0; i < len && p->err == CD_OK; i++) {
        unsigned char c = (unsigned char)data[i];
        if (p->pct) {
            int h = hexval(c);
            if (h < 0)
                return fail(p, CD_EBADREQ);
            p->acc = (unsigned char)(p->acc << 4 | (unsigned)h);
            if (--p->pct == 0)
                put(p, p->acc);
            continue;
        }
        switch (c) {
        case '%':
            p->pct = 2;
            p->acc = 0;
            break;
        case '+':
            put(p, ' ');
            break;
        case '&':
            emit(p);
            break;
        case '=':
            if (p->in_value)
                put(p, c);
            else
                p->in_value = true;
            break;
        default:
            put(p, c);
        }
    }
    return p->err;
}

cd_err urlenc_finish(urlenc *p)
{
    if (p->err == CD_OK)
        emit(p);
    return p->err;
}

struct list_ctx {
    kvlist *l;
    arena *a;
    bool oom;
};

static int add_to_list(void *ctx, const char *k, size_t kl, const char *v, size_t vl)
{
    struct list_ctx *c = ctx;
    if (kv_add(c->l, c->a, k, kl, v, vl) < 0) {
        c->oom = true;
        return -1;
    }
    return 0;
}

cd_err urlenc_parse(arena *a, const char *data, size_t len, kvlist *l)
{
    urlenc p;
    struct list_ctx c = {l, a, false};
    urlenc_init(&p, a, add_to_list, &c, 0, 0);
    urlenc_feed(&p, data, len);
    cd_err e = urlenc_finish(&p);
    /* a full list is out of memory (503), not a malformed request (400) */
    return c.oom ? CD_ENOMEM : e;
}

char *percent_decode(arena *a, const char *s, size_t len, cd_err *err)
{
    char *out = arena_alloc(a, len + 1);
    if (!out) {
        *err = CD_ENOMEM;
        return NULL;
    }
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '%') {
            out[o++] = s[i];
            continue;
        }
        int h1 = i + 1 < len ? hexval((unsigned char)s[i + 1]) : -1;
        int h2 = i + 2 < len ? hexval((unsigned char)s[i + 2]) : -1;
        if (h1 < 0 || h2 < 0) {
            *err = CD_EBADREQ;
            return NULL;
        }
        out[o++] = (char)(h1 << 4 | h2);
        i += 2;
    }
    out[o] = '\0';
    if (!utf8_valid(out, o)) {
        *err = CD_EBADREQ;
        return NULL;
    }
    *err = CD_OK;
    return out;
}
