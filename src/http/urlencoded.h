/* urlencoded.h: streaming application/x-www-form-urlencoded parser (also used for query strings). */
#ifndef CD_URLENCODED_H
#define CD_URLENCODED_H
#include <stdbool.h>
#include <stddef.h>
#include "core/err.h"
#include "core/str.h"
#include "http/kv.h"

/* Called once per decoded pair; return non-zero to stop with CD_EBADREQ. */
typedef int (*urlenc_cb)(void *ctx, const char *key, size_t klen, const char *val, size_t vlen);

typedef struct urlenc {
    strbuf key, val;
    bool in_value;
    int pct;           /* hex digits still expected after '%' (0, 1 or 2) */
    unsigned char acc; /* value of the pending percent escape */
    size_t fields, max_fields, max_field_len;
    urlenc_cb cb;
    void *ctx;
    cd_err err;
} urlenc;

/* Prepares a parser; max_fields/max_field_len bound the work (0 = defaults of 1000 / 1 MiB). */
void urlenc_init(urlenc *p, arena *a, urlenc_cb cb, void *ctx, size_t max_fields, size_t max_field_len);

/* Feeds the next len bytes, in any chunking. Returns CD_OK or the first error (sticky):
 * CD_EBADREQ for bad percent-encoding, invalid UTF-8 or NUL, or too many/too long fields; CD_ENOMEM. */
cd_err urlenc_feed(urlenc *p, const char *data, size_t len);

/* Ends the input, emitting the last pair. Returns CD_OK or the error. */
cd_err urlenc_finish(urlenc *p);

/* Parses a whole buffer into list l (pairs with empty key and value are skipped). */
cd_err urlenc_parse(arena *a, const char *data, size_t len, kvlist *l);

/* Decodes %XX escapes in place-free fashion into a new arena string ('+' stays '+').
 * Returns NULL with *err set to CD_EBADREQ (bad escape, NUL, bad UTF-8) or CD_ENOMEM. */
char *percent_decode(arena *a, const char *s, size_t len, cd_err *err);

#endif
