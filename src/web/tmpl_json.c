/* tmpl_json.c (web): JSON values to template values, the one mapping every page uses. */
#include "web/tmpl_json.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define KEY_MAX 96

/* dst = a followed by b, cut to size bytes with its NUL (as snprintf "%s%s" would, without its cost: this runs
 * for every member of every row of a page). */
static void join(char *dst, size_t size, const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > size - 1)
        la = size - 1;
    if (lb > size - 1 - la)
        lb = size - 1 - la;
    memcpy(dst, a, la);
    memcpy(dst + la, b, lb);
    dst[la + lb] = '\0';
}

static void key_of(char *out, const char *prefix, const char *name)
{
    join(out, KEY_MAX, prefix, name);
    for (char *c = out; *c; c++)
        *c = isalnum((unsigned char)*c) ? (char)toupper((unsigned char)*c) : '_';
}

static int is_iso_utc(const char *s)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
    if (strlen(s) != sizeof shape - 1)
        return 0;
    for (size_t i = 0; shape[i]; i++)
        if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != shape[i])
            return 0;
    return 1;
}

static void set_flag(tmpl_dict *d, const char *prefix, const char *key)
{
    char name[KEY_MAX + 8];
    join(name, sizeof name, prefix, key);
    tmpl_show(d, name);
}

static void fill(tmpl_dict *d, const char *prefix, json_t *obj);

/* Sets one member; returns whether it counts as present (not null, false, "" or []). */
static int set_value(tmpl_dict *d, const char *key, json_t *v)
{
    char buf[64];
    switch (v ? json_typeof(v) : JSON_NULL) { /* a missing value shows as null */
    case JSON_STRING: {
        const char *s = json_string_value(v);
        tmpl_set(d, key, s);
        if (is_iso_utc(s)) { /* "2023-01-15T10:30:00Z" is also shown as "2023-01-15 10:30 UTC" */
            memcpy(buf, s, 10);
            buf[10] = ' ';
            memcpy(buf + 11, s + 11, 5);
            memcpy(buf + 16, " UTC", 5);
            char k[KEY_MAX + 8];
            join(k, sizeof k, key, "_TEXT");
            tmpl_set(d, k, buf);
        }
        return *s != '\0';
    }
    case JSON_INTEGER:
        tmpl_set_int(d, key, (long long)json_integer_value(v));
        return 1;
    case JSON_REAL:
        snprintf(buf, sizeof buf, "%g", json_real_value(v));
        tmpl_set(d, key, buf);
        return 1;
    case JSON_TRUE:
        tmpl_show(d, key);
        return 1;
    case JSON_OBJECT: {
        char k[KEY_MAX + 2];
        join(k, sizeof k, key, "_");
        fill(d, k, v);
        return 1;
    }
    case JSON_ARRAY:
        return tmpl_json_rows(d, key, v) > 0;
    default: /* null and false: set, so that a row never shows its parent's value instead */
        tmpl_set(d, key, "");
        return 0;
    }
}

static void fill(tmpl_dict *d, const char *prefix, json_t *obj)
{
    const char *name;
    json_t *v;
    json_object_foreach(obj, name, v) {
        char key[KEY_MAX];
        key_of(key, prefix, name);
        set_flag(d, set_value(d, key, v) ? "HAS_" : "NO_", key);
    }
}

void tmpl_json_object(tmpl_dict *d, json_t *obj)
{
    if (d && json_is_object(obj))
        fill(d, "", obj);
}

size_t tmpl_json_rows(tmpl_dict *d, const char *name, json_t *arr)
{
    size_t n = json_is_array(arr) ? json_array_size(arr) : 0;
    for (size_t i = 0; d && i < n; i++) {
        json_t *v = json_array_get(arr, i);
        tmpl_dict *row = tmpl_section(d, name);
        if (!row)
            break;
        if (json_is_object(v))
            fill(row, "", v);
        else
            set_value(row, "VALUE", v);
    }
    if (d && n == 0)
        set_flag(d, "NO_", name);
    return n;
}

const char *web_slug(arena *a, const char *value)
{
    char *s = arena_strdup(a, value ? value : "");
    for (char *c = s; c && *c; c++)
        *c = isalnum((unsigned char)*c) ? (char)tolower((unsigned char)*c) : '-';
    return s ? s : "";
}
