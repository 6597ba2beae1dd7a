/* input.c: one validator for JSON and form input, so the API and the pages apply the same rules. */
#include "http/input.h"
#include "http/request.h"
#include "core/arena_json.h"
#include "core/ids.h"
#include "core/str.h"
#include <assert.h>
#include <ctype.h>
#include <string.h>

void field_error(json_t *errors, const char *field, const char *message)
{
    json_t *list = json_object_get(errors, field);
    if (!list) {
        list = json_array();
        json_object_set_new(errors, field, list);
    }
    json_array_append_new(list, json_string(message));
}

json_t *input_errors(request *req)
{
    if (!req->invalid)
        req->invalid = arena_json(req->a, json_object());
    return req->invalid;
}

cd_err input_verdict(const json_t *errors) { return json_object_size(errors) ? CD_EINVALID : CD_OK; }

cd_err input_refused(const json_t *errors) { return json_object_size(errors) ? CD_EINVALID : CD_ENOMEM; }

input_fields input_of(request *req) { return (input_fields){req->a, req->json, &req->form}; }

cd_err input_check(request *req, const field_spec *specs, size_t n, field_val *v)
{
    json_t *errors = input_errors(req);
    if (!errors)
        return CD_ENOMEM;
    input_fields in = input_of(req);
    return input_validate(&in, specs, n, v, errors) ? CD_OK : input_refused(errors);
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static char *trimmed(arena *a, const char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    return arena_strndup(a, s, n);
}

static bool email_ok(const char *s)
{
    size_t n = strlen(s);
    const char *at = strchr(s, '@');
    if (n < 3 || n > 254 || !at || at == s || !at[1] || strchr(at + 1, '@') || !strchr(at + 1, '.'))
        return false;
    for (const char *p = s; *p; p++)
        if (isspace((unsigned char)*p) || iscntrl((unsigned char)*p) || *p == '<' || *p == '>' || *p == ',')
            return false;
    return at[strlen(at) - 1] != '.';
}

static bool time_ok(const char *s)
{
    /* YYYY-MM-DDTHH:MM[:SS[.fff]](Z|+HH:MM|-HH:MM); PostgreSQL checks the calendar itself. */
    size_t n = strlen(s);
    if (n < 17 || n > 40)
        return false;
    for (size_t i = 0; i < 16; i++) {
        char c = s[i];
        bool ok = (i == 4 || i == 7) ? c == '-'
                  : i == 10          ? (c == 'T' || c == ' ')
                  : i == 13          ? c == ':'
                                     : isdigit((unsigned char)c);
        if (!ok)
            return false;
    }
    const char *z = s + 16;
    if (*z == ':') {
        z++;
        if (!isdigit((unsigned char)z[0]) || !isdigit((unsigned char)z[1]))
            return false;
        z = str_skip_fraction(z + 2);
        if (!z)
            return false;
    }
    if (*z == 'Z' || *z == 'z')
        return z[1] == '\0';
    if ((*z == '+' || *z == '-') && isdigit((unsigned char)z[1]) && isdigit((unsigned char)z[2])) {
        z += 3;
        if (*z == ':')
            z++;
        if (*z == '\0')
            return true;
        return isdigit((unsigned char)z[0]) && isdigit((unsigned char)z[1]) && z[2] == '\0';
    }
    return false;
}

/* Raw text of a scalar field, or NULL with *bad set when the JSON type is wrong. */
static const char *scalar_text(const input_fields *in, json_t *j, const field_spec *f, bool *bad)
{
    if (!j)
        return NULL;
    if (json_is_string(j))
        return json_string_value(j);
    if (f->type == F_BOOL && json_is_boolean(j))
        return json_is_true(j) ? "true" : "false";
    (void)in;
    *bad = true;
    return NULL;
}

static void add_uuid(const input_fields *in, field_val *v, const char *s, size_t len, size_t max, const field_spec *f,
                     json_t *errors, bool *ok)
{
    char id[CD_UUID_LEN + 1];
    while (len && isspace((unsigned char)*s)) {
        s++;
        len--;
    }
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    if (len == 0)
        return;
    if (!uuid_normalize(s, len, id)) {
        field_error(errors, f->name, "Must be a list of valid UUIDs.");
        *ok = false;
        return;
    }
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->list[i], id) == 0)
            return;
    if (v->n >= max) {
        field_error(errors, f->name, "Too many items.");
        *ok = false;
        return;
    }
    if (!(v->list[v->n] = arena_strdup(in->a, id))) {
        *ok = false; /* out of memory: no field error, the arena reports it */
        return;
    }
    v->n++;
}

static bool one_list(const input_fields *in, json_t *body, const field_spec *f, field_val *v, json_t *errors)
{
    size_t max = f->max ? f->max : 100;
    bool ok = true;
    v->list = arena_calloc(in->a, max, sizeof(char *));
    if (!v->list)
        return false;
    if (body) {
        json_t *j = json_object_get(body, f->name);
        if (!j)
            return true;
        v->present = true;
        if (json_is_null(j)) {
            v->is_null = true;
            return true;
        }
        if (!json_is_array(j)) {
            field_error(errors, f->name, "Must be a list of UUIDs.");
            return false;
        }
        size_t i;
        json_t *it;
        json_array_foreach(j, i, it) {
            if (!json_is_string(it) || json_string_length(it) == 0) {
                field_error(errors, f->name, "Must be a list of valid UUIDs.");
                return false;
            }
            add_uuid(in, v, json_string_value(it), json_string_length(it), max, f, errors, &ok);
            if (!ok)
                return false;
        }
        return true;
    }
    for (size_t i = 0; i < in->form->n && ok; i++) {
        if (strcmp(in->form->v[i].key, f->name) != 0)
            continue;
        v->present = true;
        const char *s = in->form->v[i].value;
        while (*s && ok) {
            size_t len = strcspn(s, ",");
            add_uuid(in, v, s, len, max, f, errors, &ok);
            s += len;
            if (*s == ',')
                s++;
        }
    }
    return ok;
}

static bool one_field(const input_fields *in, json_t *body, const field_spec *f, field_val *v, json_t *errors)
{
    memset(v, 0, sizeof *v);
    if (f->type == F_UUID_LIST) {
        if (!one_list(in, body, f, v, errors))
            return false;
        if ((!v->present || v->is_null) && f->required) {
            field_error(errors, f->name, "This field is required.");
            return false;
        }
        if (v->is_null && !f->nullable) {
            field_error(errors, f->name, "This field may not be null or blank.");
            return false;
        }
        return true;
    }
    bool bad_type = false;
    const char *raw = NULL;
    if (body) {
        json_t *j = json_object_get(body, f->name);
        if (j) {
            v->present = true;
            if (json_is_null(j))
                v->is_null = true;
            else
                raw = scalar_text(in, j, f, &bad_type);
        }
    } else {
        raw = kv_get(in->form, f->name);
        v->present = raw != NULL;
    }
    if (bad_type) {
        field_error(errors, f->name, f->type == F_BOOL ? "Must be true or false." : "Must be a string.");
        return false;
    }
    char *s = raw ? trimmed(in->a, raw) : NULL;
    if (raw && !s)
        return false; /* out of memory */
    if (v->present && !v->is_null && s && !*s && f->type != F_STRING)
        v->is_null = true;
    if (f->type == F_STRING && s && !*s && f->nullable && f->min > 0)
        v->is_null = true;
    if (!v->present || v->is_null) {
        if (f->required) {
            field_error(errors, f->name, "This field is required.");
            return false;
        }
        if (v->is_null && !f->nullable) {
            field_error(errors, f->name, "This field may not be null or blank.");
            return false;
        }
        return true;
    }
    assert(s); /* present and not null: a JSON string or boolean, or a form value, trimmed */
    switch (f->type) {
    case F_STRING: {
        size_t n = utf8_chars(s);
        if (n < f->min) {
            field_error(errors, f->name, f->min == 1 ? "This field may not be blank." : "Too short.");
            return false;
        }
        if (f->max && n > f->max) {
            char *m = arena_printf(in->a, "Ensure this field has no more than %zu characters.", f->max);
            field_error(errors, f->name, m ? m : "Too long.");
            return false;
        }
        v->s = s;
        return true;
    }
    case F_EMAIL:
        for (char *p = s; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        if (!email_ok(s)) {
            field_error(errors, f->name, "Enter a valid email address.");
            return false;
        }
        v->s = s;
        return true;
    case F_UUID: {
        char id[CD_UUID_LEN + 1];
        if (!uuid_normalize(s, strlen(s), id)) {
            field_error(errors, f->name, "Must be a valid UUID.");
            return false;
        }
        v->s = arena_strdup(in->a, id);
        return v->s != NULL;
    }
    case F_CHOICE:
        for (const char *const *c = f->choices; *c; c++) {
            if (strcmp(*c, s) == 0) {
                v->s = *c;
                return true;
            }
        }
        {
            strbuf m;
            sb_init(&m, in->a);
            sb_printf(&m, "\"%s\" is not a valid choice; expected one of:", s);
            for (const char *const *c = f->choices; *c; c++)
                sb_printf(&m, "%s \"%s\"", c == f->choices ? "" : ",", *c);
            field_error(errors, f->name, m.failed ? "Not a valid choice." : m.data);
        }
        return false;
    case F_BOOL:
        if (!strcmp(s, "true") || !strcmp(s, "on") || !strcmp(s, "1")) {
            v->b = true;
            return true;
        }
        if (!strcmp(s, "false") || !strcmp(s, "off") || !strcmp(s, "0")) {
            v->b = false;
            return true;
        }
        field_error(errors, f->name, "Must be true or false.");
        return false;
    case F_TIME:
        if (!time_ok(s)) {
            field_error(errors, f->name,
                        "Must be an ISO 8601 date-time with a time zone, e.g. 2023-02-05T16:30:00Z.");
            return false;
        }
        v->s = s;
        return true;
    case F_UUID_LIST:
        break;
    }
    return false;
}

bool input_validate(const input_fields *in, const field_spec *specs, size_t n, field_val *out, json_t *errors)
{
    json_t *body = in->json;
    if (body && !json_is_object(body)) {
        field_error(errors, "non_field_errors", "Expected a JSON object.");
        for (size_t i = 0; i < n; i++)
            memset(&out[i], 0, sizeof out[i]);
        return false;
    }
    bool ok = true;
    for (size_t i = 0; i < n; i++)
        ok &= one_field(in, body, &specs[i], &out[i], errors);
    return ok;
}

bool input_validate_write(const input_fields *in, const field_spec *specs, size_t n, field_val *v, bool creating,
                          json_t *errors)
{
    assert(n <= INPUT_MAX_FIELDS);
    field_spec s[INPUT_MAX_FIELDS];
    for (size_t i = 0; i < n; i++) {
        s[i] = specs[i];
        s[i].required = s[i].required && creating;
    }
    return input_validate(in, s, n, v, errors);
}

const char *input_text(const field_val *v, bool creating)
{
    if (!v->present)
        return creating ? "" : NULL;
    return v->s ? v->s : "";
}

char *input_uuid_array(arena *a, const char *const *items, size_t n)
{
    strbuf sb;
    sb_init(&sb, a);
    sb_puts(&sb, "{");
    for (size_t i = 0; i < n; i++)
        sb_printf(&sb, "%s%s", i ? "," : "", items[i]);
    sb_puts(&sb, "}");
    return sb.failed ? NULL : sb.data;
}
