/* fuzz_json_body.c: libFuzzer harness: a JSON (or urlencoded) body through request_parse_body and then
 * input_validate with a spec holding every field type; results must obey the spec, errors must be sane. */
#include <stdint.h>
#include "fuzz_check.h"
#include "core/str.h"
#include "http/input.h"

/* Input: one selector byte, then the body.
 *   bit 0: the body is application/x-www-form-urlencoded instead of application/json
 *   bits 1-7: when non-zero, an arena limit of that many 64-byte units above what request_init used */

static const char *const CHOICES[] = {"New", "Open", "Closed", NULL};

static const field_spec SPECS[] = {
    {.name = "title", .type = F_STRING, .required = true, .min = 1, .max = 12},
    {.name = "note", .type = F_STRING, .nullable = true, .min = 2, .max = 0, .multiline = true},
    {.name = "email", .type = F_EMAIL},
    {.name = "owner", .type = F_UUID, .nullable = true},
    {.name = "tags", .type = F_UUID_LIST, .nullable = true, .max = 3},
    {.name = "status", .type = F_CHOICE, .choices = CHOICES},
    {.name = "urgent", .type = F_BOOL},
    {.name = "due", .type = F_TIME, .nullable = true},
};
#define NSPECS (sizeof SPECS / sizeof SPECS[0])

/* True when text s holds a character a field of that kind refuses (field_spec.multiline). */
static bool refused_character(const char *s, bool multiline)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_char(s + i, n - i, &cp);
        if (!len)
            return true;
        if ((cp < 0x20 && !(multiline && (cp == '\t' || cp == '\n' || cp == '\r'))) || (cp >= 0x7F && cp <= 0x9F) ||
            (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
            return true;
        i += len;
    }
    return false;
}

/* Checks one validated value against its spec. */
static void check_value(const field_spec *f, const field_val *v)
{
    if (!v->present || v->is_null) {
        CHECK(!f->required);
        CHECK(!v->is_null || f->nullable);
        return;
    }
    switch (f->type) {
    case F_STRING: {
        CHECK(v->s);
        size_t n = 0;
        for (const char *p = v->s; *p; p++)
            n += ((unsigned char)*p & 0xC0) != 0x80;
        CHECK(n >= f->min && (!f->max || n <= f->max));
        CHECK(!refused_character(v->s, f->multiline));
        break;
    }
    case F_EMAIL:
        CHECK(v->s && strchr(v->s, '@') && strlen(v->s) <= 254);
        for (const char *p = v->s; *p; p++)
            CHECK(!(*p >= 'A' && *p <= 'Z'));
        break;
    case F_UUID:
        CHECK(fuzz_lower_uuid(v->s));
        break;
    case F_UUID_LIST:
        CHECK(v->n <= f->max);
        for (size_t i = 0; i < v->n; i++) {
            CHECK(fuzz_lower_uuid(v->list[i]));
            for (size_t j = 0; j < i; j++)
                CHECK(strcmp(v->list[i], v->list[j]) != 0);
        }
        break;
    case F_CHOICE: {
        bool found = false;
        for (const char *const *c = f->choices; *c; c++)
            found |= v->s == *c;
        CHECK(found);
        break;
    }
    case F_BOOL:
        break;
    case F_TIME:
        /* UTC in the fixed-width form, so that text order is time order: within the years 0001..9999 */
        CHECK(v->s && (strlen(v->s) == 20 || strlen(v->s) == 27) && v->s[strlen(v->s) - 1] == 'Z');
        CHECK(strcmp(v->s, "0001-01-01T00:00:00Z") >= 0 && strncmp(v->s, "9999-12-31T23:59:59", 19) <= 0);
        break;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned sel = data[0];
    bool form = sel & 1;
    size_t limit_units = sel >> 1;
    arena *a = arena_new(4096);
    CHECK(a);
    static config cfg;
    config_defaults(&cfg);
    char *env[] = {"REQUEST_METHOD=POST", "REQUEST_URI=/api/cases/",
                   form ? "CONTENT_TYPE=application/x-www-form-urlencoded"
                        : "CONTENT_TYPE=application/json; charset=utf-8",
                   NULL};
    request r;
    CHECK(request_init(&r, a, &cfg, env) == CD_OK);
    char *body = arena_strndup(a, (const char *)data + 1, size - 1);
    CHECK(body);
    r.body = body;
    r.body_len = size - 1;
    if (limit_units)
        arena_set_limit(a, arena_used(a) + limit_units * 64);
    cd_err e = request_parse_body(&r);
    CHECK(e == CD_OK || e == CD_EBADREQ || (limit_units && e == CD_ENOMEM));
    CHECK(form || e != CD_OK || size == 1 || r.json);
    if (e == CD_OK) {
        json_t *errors = json_object();
        CHECK(errors);
        field_val out[NSPECS];
        bool ok = input_validate(&r, SPECS, NSPECS, out, errors);
        /* Every error names a spec field (or the body as a whole) and carries at least one message. */
        const char *key;
        json_t *msgs;
        json_object_foreach(errors, key, msgs) {
            bool known = strcmp(key, "non_field_errors") == 0;
            for (size_t i = 0; i < NSPECS; i++)
                known |= strcmp(key, SPECS[i].name) == 0;
            CHECK(known);
            CHECK(json_is_array(msgs) && json_array_size(msgs) > 0);
        }
        CHECK(ok ? json_object_size(errors) == 0 : json_object_size(errors) > 0 || arena_exhausted(a));
        CHECK(!arena_exhausted(a) || limit_units);
        if (ok)
            for (size_t i = 0; i < NSPECS; i++)
                check_value(&SPECS[i], &out[i]);
        json_decref(errors);
    }
    arena_free(a);
    return 0;
}
