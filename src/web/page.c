/* page.c: layout.tpl wraps every page; handlers only fill their content template. */
#include "web/page.h"
#include "auth/auth.h"
#include "core/arena_json.h"
#include "db/db.h"
#include "repo/dircache.h"
#include "web/tmpl_json.h"
#include "core/str.h"
#include "http/cookie.h"
#include "http/url.h"
#include "http/urlencoded.h"
#include <stdio.h>
#include <string.h>

/* The cookie that carries the notice of a completed action to the page after its redirect:
 * urlencoded m (message), h (link URL) and l (link label). */
#define DONE_COOKIE "cd_done"

/* The main navigation of a member: its links, the current one marked (aria-current) from the path. */
static void nav_links(request *req, tmpl_dict *u)
{
    const auth_ctx *a = req->auth;
    if (!a->member_active)
        return;
    tmpl_dict *n = tmpl_section(u, "IN_ORG");
    const char *mine = kv_get(&req->query, "mine");
    bool is_mine = mine && strcmp(mine, "1") == 0;
    if (strcmp(req->path, "/cases") == 0)
        tmpl_show(n, is_mine ? "CUR_MINE" : "CUR_CASES");
    else if (strcmp(req->path, "/cases/new") == 0)
        tmpl_show(n, "CUR_NEW");
    else if (str_starts(req->path, "/admin/"))
        tmpl_show(n, "CUR_ADMIN");
    if (a->is_admin)
        tmpl_show(n, "ADMIN");
}

/* The signed-in user's active organizations as [[id, name], ...] (USER_ORGS), owned by the request's arena;
 * kept by the worker (dircache) while the directory holds. NULL when they cannot be read, or are not cached
 * and may_query is false: no switcher then. */
static json_t *user_orgs(request *req, bool may_query)
{
    const char *uid = req->auth->user_id;
    unsigned long stamp = db_directory_stamp();
    json_t *orgs = dircache_get(DIRCACHE_USER_ORGS, uid, stamp);
    if (orgs)
        return arena_json(req->a, orgs);
    if (!may_query)
        return NULL;
    cd_err e;
    const char *p[1] = {uid};
    PGresult *r = db_exec(req->a, STMT_USER_ORGS, p, &e);
    orgs = r ? arena_json(req->a, json_array()) : NULL;
    for (int i = 0; orgs && i < PQntuples(r); i++)
        if (json_array_append_new(orgs, json_pack("[s, s]", PQgetvalue(r, i, 0), PQgetvalue(r, i, 1))) != 0)
            return NULL;
    dircache_put(DIRCACHE_USER_ORGS, uid, stamp, req->cfg->cache_seconds, orgs);
    return orgs;
}

/* Where the organization switcher returns: this page without the org it names, so that it opens in the
 * organization switched to. */
static const char *switch_back(request *req)
{
    kvlist q = {0};
    for (size_t i = 0; i < req->query.n; i++) {
        const kv *e = &req->query.v[i];
        if (strcmp(e->key, "org") != 0 && kv_add(&q, req->a, e->key, strlen(e->key), e->value, e->vlen) < 0)
            return "/";
    }
    const char *url = url_with_query(req->a, req->path, &q);
    return url && url_is_local(url) ? url : "/";
}

/* The signed-in user's bar: name, organization switcher (read from the database only when may_query) and
 * sign-out, each form with the CSRF token. */
static void user_bar(request *req, tmpl_dict *layout, bool may_query)
{
    const auth_ctx *a = req->auth;
    if (!a || !a->via_session) {
        tmpl_show(layout, "SIGNED_OUT");
        return;
    }
    tmpl_set(tmpl_section(layout, "CSRF_META"), "CSRF", a->csrf);
    tmpl_dict *u = tmpl_section(layout, "SIGNED_IN");
    nav_links(req, u);
    tmpl_set(u, "EMAIL", a->email);
    tmpl_set(u, "CSRF", a->csrf);
    tmpl_set(u, "NEXT", switch_back(req));
    json_t *orgs = user_orgs(req, may_query);
    size_t i, n = json_array_size(orgs);
    json_t *o;
    json_array_foreach(orgs, i, o) {
        const char *id = json_string_value(json_array_get(o, 0));
        tmpl_dict *d = tmpl_section(u, "ORG");
        tmpl_set(d, "ID", id);
        tmpl_set(d, "NAME", json_string_value(json_array_get(o, 1)));
        if (id && strcmp(id, a->org_id) == 0)
            tmpl_show(d, "SELECTED");
    }
    if (n > 1 || (n == 1 && !a->member_active)) /* also the way back into an organization from none */
        tmpl_show(u, "SWITCHER");
}

/* The notice left by page_done, if any, in section NOTICE of the layout (MESSAGE, LINK with HREF and LABEL). */
static void notice(request *req, tmpl_dict *layout)
{
    const char *v = kv_get(&req->cookies, DONE_COOKIE);
    kvlist f = {0};
    if (!v || !*v || urlenc_parse(req->a, v, strlen(v), &f) != CD_OK)
        return;
    const char *msg = kv_get(&f, "m"), *href = kv_get(&f, "h"), *label = kv_get(&f, "l");
    if (!msg || !*msg)
        return;
    tmpl_dict *n = tmpl_section(layout, "NOTICE");
    tmpl_set(n, "MESSAGE", msg);
    if (href && url_is_local(href) && label && *label) {
        tmpl_dict *l = tmpl_section(n, "LINK");
        tmpl_set(l, "HREF", href);
        tmpl_set(l, "LABEL", label);
    }
}

/* page_start; may_query false renders without any statement (the pages of server errors). */
static tmpl_dict *start(request *req, const char *title, const char *content_tpl, bool may_query)
{
    tmpl_dict *layout = tmpl_dict_new(req->a, "layout");
    if (!layout)
        return NULL;
    tmpl_set(layout, "TITLE", title);
    user_bar(req, layout, may_query);
    notice(req, layout);
    req->page = layout;
    tmpl_dict *content = tmpl_include(layout, "CONTENT", content_tpl);
    /* Include dictionaries see no values of the layout: give the content what every form needs. */
    const auth_ctx *a = req->auth;
    if (content && a && a->via_session)
        tmpl_set(content, "CSRF", a->csrf);
    return content;
}

const char *page_org_url(request *req, const char *path, const kvlist *q, const char *anchor)
{
    kvlist all = {0};
    for (size_t i = 0; q && i < q->n; i++)
        if (kv_add(&all, req->a, q->v[i].key, strlen(q->v[i].key), q->v[i].value, q->v[i].vlen) < 0)
            return NULL;
    const char *org = req->auth ? req->auth->org_id : "";
    if (*org && kv_add(&all, req->a, "org", 3, org, strlen(org)) < 0)
        return NULL;
    const char *url = url_with_query(req->a, path, &all);
    return url && anchor ? arena_printf(req->a, "%s%s", url, anchor) : url;
}

const char *page_case_url(request *req, const char *id, const char *sub, const char *anchor)
{
    const char *path = arena_printf(req->a, "/cases/%s%s", id, sub ? sub : "");
    const char *url = path ? page_org_url(req, path, NULL, anchor) : NULL;
    return url ? url : "/cases";
}

tmpl_dict *page_start(request *req, const char *title, const char *content_tpl)
{
    return start(req, title, content_tpl, true);
}

cd_err page_refused(cd_err rendered, cd_err e) { return rendered == CD_OK ? e : rendered; }

cd_err page_finish(request *req, response *resp, int status)
{
    if (!req->page)
        return CD_ENOMEM;
    resp->body.len = 0;
    cd_err e = tmpl_render("layout.tpl", req->page, &resp->body);
    req->page = NULL;
    if (e != CD_OK)
        return e;
    resp->status = status;
    if (kv_get(&req->cookies, DONE_COOKIE)) { /* the notice is shown: it goes */
        char *clear = cookie_build(req->a, DONE_COOKIE, "", 0, true, req->https);
        if (!clear || resp_header(resp, "Set-Cookie", clear) < 0)
            return CD_ENOMEM;
    }
    return resp_set_header(resp, "Content-Type", "text/html; charset=utf-8") < 0 ? CD_ENOMEM : CD_OK;
}

cd_err page_done(request *req, response *resp, const char *location, const char *message, const char *href,
                 const char *label)
{
    kvlist f = {0};
    if (!message || kv_add(&f, req->a, "m", 1, message, strlen(message)) < 0 ||
        (href && (kv_add(&f, req->a, "h", 1, href, strlen(href)) < 0 ||
                  kv_add(&f, req->a, "l", 1, label, strlen(label)) < 0)))
        return CD_ENOMEM;
    const char *q = url_with_query(req->a, "", &f);
    char *cookie = q ? cookie_build(req->a, DONE_COOKIE, q + 1, -1, true, req->https) : NULL;
    if (!cookie || resp_header(resp, "Set-Cookie", cookie) < 0)
        return CD_ENOMEM;
    return resp_redirect(resp, location);
}

const char *page_quoted(request *req, const char *name)
{
    const char *s = arena_printf(req->a, "“%s”", name ? name : "");
    return s ? s : "";
}

const char *page_upload_refusal(request *req)
{
    const char *s = arena_printf(req->a,
                                 "“%s” is too large: files may be up to %s together. Nothing was uploaded; choose "
                                 "smaller files.",
                                 req->upload_refused ? req->upload_refused : "", page_upload_limit(req));
    return s ? s : "A file is too large.";
}

void page_size_text(char *buf, size_t len, long long n)
{
    if (n < 1024)
        snprintf(buf, len, "%lld bytes", n);
    else if (n < 1024 * 1024)
        snprintf(buf, len, "%.1f KB", n / 1024.0);
    else
        snprintf(buf, len, "%.1f MB", n / (1024.0 * 1024.0));
}

const char *page_upload_limit(request *req)
{
    long n = req->cfg->max_upload;
    if (n % (1024 * 1024) == 0)
        return arena_printf(req->a, "%ld MB", n / (1024 * 1024));
    char buf[32];
    page_size_text(buf, sizeof buf, n);
    return arena_strdup(req->a, buf);
}

cd_err page_error(request *req, response *resp, int status, const char *message)
{
    /* A server error may be the database's: its page runs no statement (the switcher only when cached). */
    tmpl_dict *d = start(req, http_reason(status), "error.tpl", status < 500);
    if (!d)
        return CD_ENOMEM;
    tmpl_set_int(d, "STATUS", status);
    tmpl_set(d, "REASON", http_reason(status));
    tmpl_set(d, "MESSAGE", message);
    return page_finish(req, resp, status);
}
