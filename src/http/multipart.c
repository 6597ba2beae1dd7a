/* multipart.c: byte-level state machine that tracks a partial delimiter so that input may split anywhere. */
#include "http/multipart.h"
#include "http/urlencoded.h"
#include <string.h>
#include <strings.h>

enum {
    S_PREAMBLE,  /* before the first delimiter: discarded */
    S_DELIM_END, /* just after a delimiter: "--", padding or CRLF follows */
    S_PAD,       /* spaces or tabs after a delimiter */
    S_DELIM_CR,  /* CR after a delimiter, LF expected */
    S_CLOSE,     /* one '-' after a delimiter, the second expected */
    S_HEADER,    /* inside a header line */
    S_HEADER_CR, /* CR ending a header line, LF expected */
    S_DATA,      /* part data, up to the next delimiter */
    S_EPILOGUE,  /* after the closing delimiter: discarded */
};

static cd_err fail(multipart *p, cd_err e)
{
    if (p->err == CD_OK)
        p->err = e;
    return p->err;
}

/* RFC 2046 bchars: DIGIT / ALPHA / "'()+_,-./:=?" / space, 1..70 of them, the last not a space. */
static bool boundary_ok(const char *b)
{
    size_t n = b ? strlen(b) : 0;
    if (n == 0 || n > MP_MAX_BOUNDARY || b[n - 1] == ' ')
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)b[i];
        bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!alnum && !strchr("'()+_,-./:=? ", c))
            return false;
    }
    return true;
}

static bool is_ows(char c) { return c == ' ' || c == '\t'; }

/* True when the n bytes at s equal the lower-case literal lit in any case. */
static bool tok_ieq(const char *s, size_t n, const char *lit)
{
    return n == strlen(lit) && strncasecmp(s, lit, n) == 0;
}

/* One header parameter: "; name=value" with value a token or a quoted string. */
typedef struct hparam {
    const char *name;
    size_t nlen;
    char *value; /* arena copy, quotes removed */
} hparam;

enum { P_END = 0, P_OK = 1, P_BAD = -1, P_NOMEM = -2 };

/* Parses the parameter at *s (before end), advancing *s. In a quoted string a backslash escapes only
 * '"' and '\\' and is otherwise kept, so Windows paths sent raw survive. Returns P_OK, P_END when
 * only blanks (or a last ';') remain, P_BAD when malformed, P_NOMEM. */
static int next_param(arena *a, const char **s, const char *end, hparam *out)
{
    const char *q = *s;
    while (q < end && is_ows(*q))
        q++;
    if (q == end)
        return P_END;
    if (*q++ != ';')
        return P_BAD;
    while (q < end && is_ows(*q))
        q++;
    if (q == end)
        return P_END;
    out->name = q;
    while (q < end && *q != '=' && *q != ';' && *q != '"' && !is_ows(*q))
        q++;
    out->nlen = (size_t)(q - out->name);
    while (q < end && is_ows(*q))
        q++;
    if (out->nlen == 0 || q == end || *q++ != '=')
        return P_BAD;
    while (q < end && is_ows(*q))
        q++;
    char *v = arena_alloc(a, (size_t)(end - q) + 1);
    if (!v)
        return P_NOMEM;
    size_t n = 0;
    if (q < end && *q == '"') {
        for (q++;; q++) {
            if (q == end)
                return P_BAD;
            if (*q == '"')
                break;
            if (*q == '\\' && q + 1 < end && (q[1] == '"' || q[1] == '\\'))
                q++;
            v[n++] = *q;
        }
        q++;
    } else {
        while (q < end && *q != ';') {
            if (*q == '"')
                return P_BAD;
            v[n++] = *q++;
        }
        while (n && is_ows(v[n - 1]))
            n--;
    }
    v[n] = '\0';
    out->value = v;
    *s = q;
    return P_OK;
}

const char *multipart_boundary(arena *a, const char *ct)
{
    if (!ct)
        return NULL;
    const char *s = ct + strcspn(ct, ";"), *end = ct + strlen(ct), *found = NULL;
    hparam hp;
    int r;
    while ((r = next_param(a, &s, end, &hp)) == P_OK) {
        if (!tok_ieq(hp.name, hp.nlen, "boundary"))
            continue;
        if (found)
            return NULL;
        found = hp.value;
    }
    return r == P_END && boundary_ok(found) ? found : NULL;
}

void multipart_init(multipart *p, arena *a, const char *boundary, const multipart_limits *lim)
{
    memset(p, 0, sizeof(*p));
    p->a = a;
    if (lim)
        p->lim = *lim;
    if (!p->lim.max_parts)
        p->lim.max_parts = 100;
    if (!p->lim.max_header_bytes)
        p->lim.max_header_bytes = 8 * 1024;
    if (!p->lim.max_name)
        p->lim.max_name = 200;
    if (!p->lim.max_filename)
        p->lim.max_filename = 1024;
    if (!p->lim.max_file_bytes)
        p->lim.max_file_bytes = 10u << 20;
    if (!p->lim.max_field_bytes)
        p->lim.max_field_bytes = 1u << 20;
    sb_init(&p->line, a);
    sb_init(&p->store, a);
    p->state = S_PREAMBLE;
    if (!boundary_ok(boundary)) {
        fail(p, CD_EBADREQ);
        return;
    }
    memcpy(p->delim, "\r\n--", 4);
    memcpy(p->delim + 4, boundary, strlen(boundary) + 1);
    p->dlen = strlen(p->delim);
    /* the body may open with the delimiter without its CRLF: start as if one had been read */
    p->k = 2;
    if (p->lim.expect && sb_reserve(&p->store, p->lim.expect) < 0)
        fail(p, CD_ENOMEM);
}

/* Takes n bytes of body text: discarded in the preamble, stored as part data otherwise. */
static void body_put(multipart *p, const char *s, size_t n)
{
    if (p->state != S_DATA || n == 0)
        return;
    mp_part *cur = &p->parts[p->nparts - 1];
    if (cur->dropped)
        return;
    size_t *used = p->is_file ? &p->file_bytes : &p->field_bytes;
    size_t max = p->is_file ? p->lim.max_file_bytes : p->lim.max_field_bytes;
    if (n > max - *used) {
        if (!p->is_file || !p->lim.drop_over_files) {
            fail(p, CD_ETOOLARGE);
            return;
        }
        p->files_over = cur->dropped = true;
        p->store.len = p->offs[p->nparts - 1]; /* what was kept of this part goes too */
        return;
    }
    *used += n;
    if (sb_append(&p->store, s, n) < 0)
        fail(p, CD_ENOMEM);
}

/* A delimiter closes the current part: its data gets its NUL and, for a plain field, its check. */
static void end_part(multipart *p)
{
    if (p->state != S_DATA)
        return;
    size_t off = p->offs[p->nparts - 1];
    mp_part *m = &p->parts[p->nparts - 1];
    m->len = p->store.len - off;
    if (!m->filename && !utf8_valid(p->store.data ? p->store.data + off : "", m->len)) {
        fail(p, CD_EBADREQ);
        return;
    }
    if (sb_append(&p->store, "", 1) < 0)
        fail(p, CD_ENOMEM);
}

/* Consumes preamble or part data up to the end of a delimiter or of the n bytes; returns bytes used. */
static size_t scan_body(multipart *p, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && p->err == CD_OK) {
        if (p->k == 0) {
            /* no delimiter in progress: everything before the next CR is body text */
            const char *cr = memchr(s + i, '\r', n - i);
            size_t run = cr ? (size_t)(cr - (s + i)) : n - i;
            body_put(p, s + i, run);
            i += run;
            if (!cr)
                break;
        }
        char c = s[i++];
        if (p->k && c != p->delim[p->k]) {
            /* The delimiter starts with CR and a boundary holds none, so no tail of a partial match
             * can begin another one: the matched bytes are body text, only c may start a new match. */
            body_put(p, p->delim, p->k);
            p->k = 0;
        }
        if (c == p->delim[p->k])
            p->k++;
        else
            body_put(p, &c, 1);
        if (p->k == p->dlen) {
            p->k = 0;
            end_part(p);
            p->state = S_DELIM_END;
            break;
        }
    }
    return i;
}

static void begin_part(multipart *p)
{
    if (p->nparts >= p->lim.max_parts) {
        fail(p, CD_EBADREQ);
        return;
    }
    p->has_cd = p->is_file = false;
    p->name = p->filename = p->filename_star = p->content_type = NULL;
    p->hbytes = 0;
    p->line.len = 0;
    p->state = S_HEADER;
}

/* Decodes a filename*= value: UTF-8'language'percent-encoded. NULL with *e set when it is not that. */
static const char *ext_value(arena *a, const char *v, cd_err *e)
{
    const char *q1 = strchr(v, '\''), *q2 = q1 ? strchr(q1 + 1, '\'') : NULL;
    if (!q2 || !tok_ieq(v, (size_t)(q1 - v), "utf-8")) {
        *e = CD_EBADREQ;
        return NULL;
    }
    return percent_decode(a, q2 + 1, strlen(q2 + 1), e);
}

/* Content-Disposition: form-data; name="..."; filename="..."; filename*=UTF-8''... */
static void parse_disposition(multipart *p, const char *v, const char *end)
{
    if (p->has_cd) {
        fail(p, CD_EBADREQ);
        return;
    }
    p->has_cd = true;
    size_t tlen = strcspn(v, ";");
    const char *s = v + tlen;
    while (tlen && is_ows(v[tlen - 1]))
        tlen--;
    if (!tok_ieq(v, tlen, "form-data")) {
        fail(p, CD_EBADREQ);
        return;
    }
    hparam hp;
    int r;
    while ((r = next_param(p->a, &s, end, &hp)) == P_OK) {
        const char **slot = tok_ieq(hp.name, hp.nlen, "name")        ? &p->name
                            : tok_ieq(hp.name, hp.nlen, "filename")  ? &p->filename
                            : tok_ieq(hp.name, hp.nlen, "filename*") ? &p->filename_star
                                                                     : NULL;
        if (!slot)
            continue;
        if (*slot) { /* a repeated parameter is ambiguous */
            fail(p, CD_EBADREQ);
            return;
        }
        *slot = hp.value;
    }
    if (r != P_END)
        fail(p, r == P_NOMEM ? CD_ENOMEM : CD_EBADREQ);
}

/* One complete header line (without its CRLF) in p->line. */
static void header_line(multipart *p)
{
    const char *l = p->line.data, *end = l + p->line.len;
    const char *colon = memchr(l, ':', p->line.len);
    if (!colon || colon == l) {
        fail(p, CD_EBADREQ);
        return;
    }
    size_t nlen = (size_t)(colon - l);
    const char *v = colon + 1;
    while (v < end && is_ows(*v))
        v++;
    while (end > v && is_ows(end[-1]))
        end--;
    if (tok_ieq(l, nlen, "content-disposition")) {
        p->line.data[end - l] = '\0'; /* the value is then a string; the line is done with */
        parse_disposition(p, v, end);
    } else if (tok_ieq(l, nlen, "content-type")) {
        if (p->content_type || !utf8_valid(v, (size_t)(end - v))) {
            fail(p, CD_EBADREQ);
            return;
        }
        if (!(p->content_type = arena_strndup(p->a, v, (size_t)(end - v))))
            fail(p, CD_ENOMEM);
    }
}

static bool grow_parts(multipart *p)
{
    if (p->nparts < p->cap)
        return true;
    size_t cap = p->cap ? p->cap * 2 : 8;
    mp_part *parts = arena_calloc(p->a, cap, sizeof *parts);
    size_t *offs = arena_calloc(p->a, cap, sizeof *offs);
    if (!parts || !offs)
        return false;
    if (p->nparts) {
        memcpy(parts, p->parts, p->nparts * sizeof *parts);
        memcpy(offs, p->offs, p->nparts * sizeof *offs);
    }
    p->parts = parts;
    p->offs = offs;
    p->cap = cap;
    return true;
}

/* The empty line after the headers: the part is checked and its data begins. */
static void headers_done(multipart *p)
{
    const char *fn = p->filename;
    if (p->filename_star) {
        cd_err e;
        if (!(fn = ext_value(p->a, p->filename_star, &e))) {
            fail(p, e);
            return;
        }
    }
    size_t nlen = p->name ? strlen(p->name) : 0;
    if (!p->has_cd || nlen == 0 || nlen > p->lim.max_name || !utf8_valid(p->name, nlen) ||
        (fn && (strlen(fn) > p->lim.max_filename || !utf8_valid(fn, strlen(fn))))) {
        fail(p, CD_EBADREQ);
        return;
    }
    if (!grow_parts(p)) {
        fail(p, CD_ENOMEM);
        return;
    }
    p->parts[p->nparts] =
        (mp_part){p->name, fn, p->content_type ? p->content_type : "", NULL, 0, fn && p->files_over};
    p->offs[p->nparts++] = p->store.len;
    p->is_file = fn != NULL;
    p->state = S_DATA;
}

/* One byte of the framing between a delimiter and part data. */
static void step(multipart *p, char c)
{
    switch (p->state) {
    case S_DELIM_END:
        if (c == '-')
            p->state = S_CLOSE;
        else if (is_ows(c))
            p->state = S_PAD;
        else if (c == '\r')
            p->state = S_DELIM_CR;
        else
            fail(p, CD_EBADREQ);
        break;
    case S_PAD:
        if (c == '\r')
            p->state = S_DELIM_CR;
        else if (!is_ows(c))
            fail(p, CD_EBADREQ);
        break;
    case S_CLOSE:
        if (c == '-')
            p->state = S_EPILOGUE;
        else
            fail(p, CD_EBADREQ);
        break;
    case S_DELIM_CR:
        if (c == '\n')
            begin_part(p);
        else
            fail(p, CD_EBADREQ);
        break;
    case S_HEADER:
    case S_HEADER_CR:
        if (++p->hbytes > p->lim.max_header_bytes) {
            fail(p, CD_EBADREQ);
        } else if (p->state == S_HEADER_CR) {
            if (c != '\n') {
                fail(p, CD_EBADREQ);
            } else if (p->line.len == 0) {
                headers_done(p);
            } else {
                header_line(p);
                p->line.len = 0;
                p->state = S_HEADER;
            }
        } else if (c == '\r') {
            p->state = S_HEADER_CR;
        } else if (((unsigned char)c < 0x20 && c != '\t') || c == 0x7f) {
            fail(p, CD_EBADREQ); /* NUL, bare LF and other controls have no place in a header */
        } else if (sb_append(&p->line, &c, 1) < 0) {
            fail(p, CD_ENOMEM);
        }
        break;
    }
}

cd_err multipart_feed(multipart *p, const char *data, size_t len)
{
    size_t i = 0;
    while (i < len && p->err == CD_OK && p->state != S_EPILOGUE) {
        if (p->state == S_PREAMBLE || p->state == S_DATA)
            i += scan_body(p, data + i, len - i);
        else
            step(p, data[i++]);
    }
    return p->err;
}

cd_err multipart_finish(multipart *p)
{
    if (p->err == CD_OK && p->state != S_EPILOGUE)
        fail(p, CD_EBADREQ); /* truncated: no closing delimiter */
    if (p->err != CD_OK)
        return p->err;
    for (size_t i = 0; i < p->nparts; i++)
        p->parts[i].data = p->store.data ? p->store.data + p->offs[i] : "";
    return p->files_over ? CD_ETOOLARGE : CD_OK;
}
