/* form.c: the one renderer of form fields, their values, choices and messages (markup in form_fields.tpl). */
#include "web/form.h"
#include "core/arena_json.h"
#include "auth/auth.h"
#include "db/db.h"
#include "core/str.h"
#include <stdio.h>
#include <string.h>

/* form_values of the form fields named prefix + name; only_sent leaves out a field not sent at all. */
static json_t *values_of(request *req, const form_field *f, size_t n, const char *prefix, bool only_sent)
{
    json_t *out = json_object();
    for (size_t i = 0; i < n && out; i++) {
        const char *key = arena_printf(req->a, "%s%s", prefix, f[i].name);
        if (f[i].w == W_FILES || f[i].w == W_SHOWN || !key || (only_sent && !kv_count(&req->form, key)))
            continue;
        if (f[i].w != W_CHECKS) {
            const char *s = kv_get(&req->form, key);
            json_object_set_new(out, f[i].name, json_string(s ? s : ""));
            continue;
        }
        json_t *list = json_array();
        for (size_t k = 0; k < req->form.n; k++)
            if (strcmp(req->form.v[k].key, key) == 0 && *req->form.v[k].value)
                json_array_append_new(list, json_string(req->form.v[k].value));
        json_object_set_new(out, f[i].name, list);
    }
    return arena_json(req->a, out);
}

cd_err form_text_lines(request *req, const char *name)
{
    for (size_t k = 0; k < req->form.n; k++) {
        kv *it = &req->form.v[k];
        if (strcmp(it->key, name) != 0 || !memchr(it->value, '\r', it->vlen))
            continue;
        char *out = arena_alloc(req->a, it->vlen + 1), *w = out;
        if (!out)
            return CD_ENOMEM;
        for (size_t i = 0; i < it->vlen; i++) {
            if (it->value[i] != '\r')
                *w++ = it->value[i];
            else if (i + 1 == it->vlen || it->value[i + 1] != '\n')
                *w++ = '\n'; /* a lone CR is a line break too */
        }
        *w = '\0';
        it->value = out;
        it->vlen = (size_t)(w - out);
    }
    return CD_OK;
}

/* Removes every submitted value of field name. */
static void drop_field(kvlist *form, const char *name)
{
    size_t w = 0;
    for (size_t k = 0; k < form->n; k++)
        if (strcmp(form->v[k].key, name) != 0)
            form->v[w++] = form->v[k];
    form->n = w;
}

cd_err form_submitted(request *req, const form_field *f, size_t n)
{
    cd_err e = CD_OK;
    for (size_t i = 0; i < n && e == CD_OK; i++) {
        if (f[i].w == W_TEXTAREA)
            e = form_text_lines(req, f[i].name);
        else if (f[i].w == W_SHOWN)
            drop_field(&req->form, f[i].name);
    }
    return e;
}

json_t *form_values(request *req, const form_field *f, size_t n) { return values_of(req, f, n, "", false); }

json_t *form_sent_values(request *req, const form_field *f, size_t n, const char *prefix)
{
    return values_of(req, f, n, prefix, true);
}

json_t *form_choices(request *req, cd_err *e)
{
    const char *p[1] = {req->auth->org_id};
    return db_json(req->a, STMT_FORM_CHOICES, p, e);
}

json_t *form_team_choices(request *req, cd_err *e)
{
    const char *p[1] = {req->auth->org_id};
    return db_json(req->a, STMT_FORM_TEAM_CHOICES, p, e);
}

void form_static_choices(json_t *choices, const char *key, const char *const *values)
{
    json_t *list = json_array();
    for (const char *const *v = values; *v; v++)
        json_array_append_new(list, json_pack("{s:s, s:s}", "value", *v, "label", *v));
    json_object_set_new(choices, key, list);
}

/* The text of a scalar value ("" for null, missing or non-text). */
static const char *text_of(const json_t *values, const char *key)
{
    const char *s = json_string_value(json_object_get(values, key));
    return s ? s : "";
}

static bool in_list(const json_t *list, const char *value)
{
    size_t i;
    json_t *it;
    json_array_foreach(list, i, it) {
        if (json_is_string(it) && strcmp(json_string_value(it), value) == 0)
            return true;
    }
    return false;
}

static const char *choice_key(const form_field *f) { return f->choices ? f->choices : f->name; }

const char *form_choice_label(const json_t *choices, const char *key, const char *value)
{
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(choices, key), i, c) {
        if (strcmp(json_string_value(json_object_get(c, "value")), value) == 0)
            return json_string_value(json_object_get(c, "label"));
    }
    return value;
}

/* The choices of a select or checkbox group as rows of section name, marking the chosen ones. */
static void fill_choices(tmpl_dict *w, const char *name, const char *mark, const form_field *f, const json_t *choices,
                         const json_t *chosen, const char *id)
{
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(choices, choice_key(f)), i, c) {
        const char *value = json_string_value(json_object_get(c, "value"));
        tmpl_dict *o = tmpl_section(w, name);
        tmpl_set(o, "VALUE", value);
        tmpl_set(o, "LABEL", json_string_value(json_object_get(c, "label")));
        tmpl_set(o, "NAME", f->name);
        tmpl_set(o, "ID", id);
        tmpl_set_int(o, "N", (long long)i);
        bool on = json_is_array(chosen)
                      ? in_list(chosen, value)
                      : strcmp(json_string_value(chosen) ? json_string_value(chosen) : "", value) == 0;
        if (on)
            tmpl_show(o, mark);
    }
    if (i == 0)
        tmpl_show(w, "NO_CHOICES");
}

static void fill_widget(tmpl_dict *fd, const form_field *f, const json_t *values, const json_t *choices,
                        const char *id)
{
    static const char *const types[] = {[W_TEXT] = "text", [W_EMAIL] = "email", [W_PASSWORD] = "password"};
    const json_t *v = json_object_get(values, f->name);
    tmpl_dict *w;
    switch (f->w) {
    case W_TEXT:
    case W_EMAIL:
    case W_PASSWORD:
        w = tmpl_section(fd, "INPUT");
        tmpl_set(w, "TYPE", types[f->w]);
        tmpl_set(w, "VALUE", f->w == W_PASSWORD ? "" : text_of(values, f->name));
        tmpl_set(w, "AUTOCOMPLETE", f->autocomplete ? f->autocomplete : "off");
        break;
    case W_TEXTAREA:
        tmpl_set(tmpl_section(fd, "TEXTAREA"), "VALUE", text_of(values, f->name));
        break;
    case W_SELECT:
        w = tmpl_section(fd, "SELECT");
        if (f->empty)
            tmpl_set(tmpl_section(w, "EMPTY"), "LABEL", f->empty);
        fill_choices(w, "OPTION", "SELECTED", f, choices, v, id);
        break;
    case W_CHECKS:
        fill_choices(tmpl_section(fd, "CHECKS"), "CHECK", "CHECKED", f, choices, v, id);
        break;
    case W_FILES:
        tmpl_set_int(tmpl_section(fd, "FILES"), "MAX_BYTES", f->max_bytes);
        break;
    case W_SHOWN:
        tmpl_set(tmpl_section(fd, "SHOWN"), "VALUE",
                 *text_of(values, f->name) ? text_of(values, f->name)
                 : f->empty                ? f->empty
                                           : "—");
        break;
    }
}

/* Adds the field's messages under it and a marker for its style; returns whether there were any. */
static bool fill_errors(tmpl_dict *fd, const json_t *msgs)
{
    if (json_array_size(msgs) == 0)
        return false;
    tmpl_show(fd, "INVALID");
    tmpl_dict *list = tmpl_section(fd, "ERRLIST");
    size_t i;
    json_t *m;
    json_array_foreach(msgs, i, m) {
        tmpl_set(tmpl_section(list, "ERROR"), "MESSAGE", json_string_value(m));
    }
    return true;
}

/* The id of a field's control (of its group for W_CHECKS), which its label and the summary's link point to. */
typedef struct field_id_text {
    char s[96];
} field_id_text;

static field_id_text field_id(const form_field *f)
{
    field_id_text id;
    snprintf(id.s, sizeof id.s, "f-%s", f->name);
    return id;
}

void form_alert(tmpl_dict *d, const char *name, const form_field *f, size_t n, const json_t *errors)
{
    tmpl_dict *inc = json_object_size(errors) ? tmpl_include(d, name, "form_alert.tpl") : NULL;
    if (!inc)
        return;
    const char *key;
    json_t *msgs;
    json_object_foreach((json_t *)errors, key, msgs) {
        size_t k = 0, i;
        while (k < n && strcmp(f[k].name, key) != 0)
            k++;
        json_t *m;
        json_array_foreach(msgs, i, m) {
            if (k == n) { /* not a field of this form: say it here */
                tmpl_set(tmpl_section(inc, "OTHER"), "MESSAGE", json_string_value(m));
                continue;
            }
            tmpl_dict *fd = tmpl_section(inc, "FIELD");
            tmpl_set(fd, "ID", field_id(&f[k]).s);
            tmpl_set(fd, "LABEL", f[k].label);
            tmpl_set(fd, "MESSAGE", json_string_value(m));
        }
    }
}

void form_fill(tmpl_dict *d, const char *name, const form_field *f, size_t n, const json_t *values,
               const json_t *choices, const json_t *errors)
{
    tmpl_dict *inc = tmpl_include(d, name, "form_fields.tpl");
    if (!inc)
        return;
    for (size_t i = 0; i < n; i++) {
        field_id_text fid = field_id(&f[i]);
        const char *id = fid.s;
        tmpl_dict *fd = tmpl_section(inc, "FIELD");
        tmpl_set(fd, "ID", id);
        tmpl_set(fd, "NAME", f[i].name);
        tmpl_set(fd, "LABEL", f[i].label);
        if (f[i].required)
            tmpl_show(fd, "REQUIRED");
        if (f[i].hint)
            tmpl_set(tmpl_section(fd, "HINT"), "TEXT", f[i].hint);
        bool bad = fill_errors(fd, json_object_get(errors, f[i].name));
        char described[200] = "";
        if (f[i].hint)
            snprintf(described, sizeof described, "%s-hint", id);
        if (bad) {
            size_t l = strlen(described);
            snprintf(described + l, sizeof described - l, "%s%s-error", l ? " " : "", id);
        }
        if (*described)
            tmpl_set(tmpl_section(fd, "DESCRIBED"), "DESCRIBEDBY", described);
        fill_widget(fd, &f[i], values, choices, id);
    }
}

const char *form_shown(request *req, const form_field *f, const json_t *values, const json_t *choices)
{
    const json_t *v = json_object_get(values, f->name);
    if (f->w == W_CHECKS) {
        strbuf sb;
        sb_init(&sb, req->a);
        size_t i;
        json_t *it;
        json_array_foreach(v, i, it) {
            sb_printf(&sb, "%s%s", i ? ", " : "", form_choice_label(choices, choice_key(f), json_string_value(it)));
        }
        return sb.failed || !sb.data || !*sb.data ? "—" : sb.data;
    }
    const char *s = text_of(values, f->name);
    if (!*s)
        return "—";
    return f->w == W_SELECT ? form_choice_label(choices, choice_key(f), s) : s;
}
