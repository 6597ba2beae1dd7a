/* input.c: one validator for JSON and form input, so the API and the pages apply the same rules. */
#include "http/input.h"
#include "http/request.h"
#include "core/arena_json.h"
#include "core/ids.h"
#include "core/str.h"
#include <assert.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
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

#define TEXT_UTF8 "Must be valid UTF-8 text."

/* Why s cannot be the text of a field, or NULL when it can: see field_spec.multiline. */
static const char *text_problem(const char *s, bool multiline)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_char(s + i, n - i, &cp);
        if (!len)
            return TEXT_UTF8;
        bool line_break = cp == '\t' || cp == '\n' || cp == '\r';
        if ((cp < 0x20 && !(multiline && line_break)) || (cp >= 0x7F && cp <= 0x9F))
            return multiline ? "Control characters other than tab and line breaks are not allowed."
                             : "Control characters (tabs and line breaks included) are not allowed.";
        if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
            return "Bidirectional control characters (U+202A to U+202E, U+2066 to U+2069) are not allowed.";
        i += len;
    }
    return NULL;
}

/* The n digits at s as a number, or -1 when they are not all digits. */
static int digits_at(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static bool leap_year(long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int month_days(long y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap_year(y) ? 29 : days[m - 1];
}

/* Days from 1970-01-01 to y-m-d of the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
static long days_from_civil(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The date of day z since 1970-01-01 (civil_from_days, the inverse of days_from_civil). */
static void civil_from_days(long z, long *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

#define TIME_FORMAT "Must be an ISO 8601 date-time with a time zone, e.g. 2023-02-05T16:30:00Z."
#define TIME_RANGE "Must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z once in UTC."

/* Why s is not a timestamp the API takes, or NULL with *utc set to it in UTC, as
 * YYYY-MM-DDTHH:MM:SS[.ffffff]Z (digits past microseconds dropped), the form the reader turns back into the
 * API's timestamps (db/pgtext.c): YYYY-MM-DD(T| )HH:MM[:SS[.f...]](Z|+HH[[:]MM]|-HH[[:]MM]), a date of the
 * calendar, a time of day (00:00 to 23:59:59), an offset within 15:59 of UTC. */
static const char *time_problem(arena *a, const char *s, char **utc)
{
    size_t n = strlen(s);
    if (n < 17 || n > 40 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':')
        return TIME_FORMAT;
    int y = digits_at(s, 4), mo = digits_at(s + 5, 2), d = digits_at(s + 8, 2), h = digits_at(s + 11, 2),
        mi = digits_at(s + 14, 2), sec = 0;
    long usec = 0;
    if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0)
        return TIME_FORMAT;
    const char *z = s + 16;
    if (*z == ':') {
        if ((sec = digits_at(z + 1, 2)) < 0)
            return TIME_FORMAT;
        z += 3;
        const char *end = str_skip_fraction(z);
        if (!end)
            return TIME_FORMAT;
        if (*z == '.')
            for (long scale = 100000; ++z < end && scale; scale /= 10)
                usec += (*z - '0') * scale;
        z = end;
    }
    int off = 0; /* minutes east of UTC */
    if (*z == 'Z' || *z == 'z') {
        if (z[1])
            return TIME_FORMAT;
    } else if (*z == '+' || *z == '-') {
        int oh = digits_at(z + 1, 2), om = 0;
        const char *m = z + 3;
        if (oh < 0)
            return TIME_FORMAT;
        if (*m == ':')
            m++;
        if (*m && ((om = digits_at(m, 2)) < 0 || m[2]))
            return TIME_FORMAT;
        if (m == z + 4 && !*m)
            return TIME_FORMAT; /* "+02:" */
        if (oh > 15 || om > 59)
            return "The offset from UTC must lie within -15:59 to +15:59.";
        off = (*z == '-' ? -1 : 1) * (oh * 60 + om);
    } else {
        return TIME_FORMAT;
    }
    if (mo < 1 || mo > 12 || d < 1 || d > month_days(y, mo))
        return "No such date.";
    if (h > 23 || mi > 59 || sec > 59)
        return "No such time of day.";
    long long t = (long long)days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - off * 60LL;
    long long lo = (long long)days_from_civil(1, 1, 1) * 86400, hi = (long long)days_from_civil(9999, 12, 31) * 86400;
    if (t < lo || t >= hi + 86400)
        return TIME_RANGE;
    long long day = t / 86400 - (t % 86400 < 0), rest = t - day * 86400;
    long uy;
    int um, ud;
    civil_from_days((long)day, &uy, &um, &ud);
    char frac[24] = "";
    if (usec)
        snprintf(frac, sizeof frac, ".%06ld", usec);
    *utc = arena_printf(a, "%04ld-%02d-%02dT%02d:%02d:%02d%sZ", uy, um, ud, (int)(rest / 3600), (int)(rest / 60 % 60),
                        (int)(rest % 60), frac);
    return NULL;
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
    if (f->type == F_STRING && f->multiline && s && *s && !(s = arena_strdup(in->a, raw)))
        return false; /* text of several lines keeps its surrounding blanks; only blanks are blank */
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
    assert(s); /* present and not null: a JSON string or boolean, or a form value, trimmed unless multiline */
    switch (f->type) {
    case F_STRING: {
        const char *problem = !f->secret                 ? text_problem(s, f->multiline)
                              : utf8_valid(s, strlen(s)) ? NULL
                                                         : TEXT_UTF8;
        if (problem) {
            field_error(errors, f->name, problem);
            return false;
        }
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
        if (text_problem(s, false) || !email_ok(s)) {
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
    case F_TIME: {
        char *utc = NULL;
        const char *problem = time_problem(in->a, s, &utc);
        if (problem) {
            field_error(errors, f->name, problem);
            return false;
        }
        v->s = utc;
        return utc != NULL; /* NULL: out of memory */
    }
    case F_UUID_LIST:
        break;
    }
    return false;
}

const char *input_time_utc(arena *a, const char *s, const char **utc)
{
    char *out = NULL;
    const char *problem = time_problem(a, s, &out);
    *utc = out;
    return problem;
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
