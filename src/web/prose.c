/* prose.c (web): the segments of a comment or description as template rows; the template writes the markup. */
#include "web/prose.h"
#include "core/segments.h"
#include <string.h>
#include <strings.h>

/* The user of mentioned whose email is email (any case), or NULL. */
static json_t *mentioned_user(json_t *mentioned, const char *email)
{
    size_t i;
    json_t *u;
    json_array_foreach(mentioned, i, u) {
        const char *e = json_string_value(json_object_get(u, "email"));
        if (e && strcasecmp(e, email) == 0)
            return u;
    }
    return NULL;
}

bool prose_sections(request *req, tmpl_dict *d, const char *section, const char *text, json_t *mentioned)
{
    segment *s;
    size_t n = text_segments(req->a, text, &s);
    if (n == (size_t)-1)
        return false;
    for (size_t i = 0; i < n; i++) {
        tmpl_dict *row = tmpl_section(d, section);
        json_t *u = s[i].kind == SEG_MENTION ? mentioned_user(mentioned, s[i].text) : NULL;
        if (u) {
            tmpl_dict *m = tmpl_section(row, "SEG_MENTION");
            const char *name = json_string_value(json_object_get(u, "name"));
            const char *email = json_string_value(json_object_get(u, "email"));
            tmpl_set(m, "SEG_NAME", name && *name ? name : email);
            tmpl_set(m, "SEG_EMAIL", email);
        } else if (s[i].kind == SEG_LINK) {
            tmpl_set(tmpl_section(row, "SEG_LINK"), "SEG_VALUE", s[i].text);
        } else {
            const char *t = s[i].kind == SEG_MENTION ? arena_printf(req->a, "@%s", s[i].text) : s[i].text;
            if (!t)
                return false;
            tmpl_set(tmpl_section(row, "SEG_TEXT"), "SEG_VALUE", t);
        }
    }
    return true;
}
