/* crm_pages.c (web): the page of an account (/accounts/{id}) and of a contact (/contacts/{id}) for any member:
 * its details and the cases linked to it, with the case list's filters, sorting and pages. */
#include "handlers.h"
#include "auth/auth.h"
#include "core/arena_json.h"
#include "db/case_list.h"
#include "db/db.h"
#include "web/case_list.h"
#include "web/page.h"
#include <string.h>

/* A row of the details: label and text, linking to href when it is not NULL; nothing when text is empty. The
 * number of rows shown (0 or 1). */
static int fact(tmpl_dict *d, const char *label, const char *text, const char *href)
{
    if (!text || !*text)
        return 0;
    tmpl_dict *f = tmpl_section(d, "FACT");
    tmpl_set(f, "LABEL", label);
    tmpl_set(f, "TEXT", text);
    if (href)
        tmpl_set(tmpl_section(f, "LINK"), "HREF", href);
    else
        tmpl_show(f, "PLAIN");
    return 1;
}

static const char *text(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* Starts the page of the account or contact (kind) named heading whose id is the route's: a link to the case
 * list filtered by key (its filter there) and, for an ADMIN, to its edit form under admin. The caller fills its
 * details in the returned dictionary (NULL when out of memory). */
static tmpl_dict *start(request *req, const char *heading, const char *kind, const char *key, const char *admin)
{
    const char *id = req->params[0];
    tmpl_dict *d = page_start(req, heading, "linked_cases.tpl");
    if (!d)
        return NULL;
    tmpl_set(d, "HEADING", heading);
    tmpl_set(d, "KIND", kind);
    tmpl_set(d, "ACTION", req->path); /* a GET form's action drops its query: the organization is a field */
    tmpl_set(d, "CLEAR_URL", page_org_url(req, req->path, NULL, NULL));
    tmpl_set(d, "ORG", req->auth->org_id);
    kvlist q = {0};
    if (kv_add(&q, req->a, key, strlen(key), id, strlen(id)) < 0)
        return NULL;
    tmpl_set(d, "LIST_URL", page_org_url(req, "/cases", &q, NULL));
    if (req->auth->role && strcmp(req->auth->role, "ADMIN") == 0)
        tmpl_set(tmpl_section(d, "EDIT"), "HREF", arena_printf(req->a, "%s/%s/edit", admin, id));
    return d;
}

/* Renders the page begun by start, whose details hold facts rows, with the cases of param = the route's id. */
static cd_err finish(request *req, response *resp, tmpl_dict *d, int facts, int param)
{
    if (!facts)
        tmpl_show(d, "NO_FACTS");
    return web_case_list_page(req, resp, d, NULL, param, req->params[0]);
}

cd_err web_account_page(request *req, response *resp)
{
    cd_err e;
    const char *p[2] = {req->auth->org_id, req->params[0]};
    json_t *a = db_json(req->a, STMT_ACCOUNT_GET, p, &e);
    if (!a)
        return e;
    tmpl_dict *d = start(req, text(a, "name"), "account", "account", "/admin/accounts");
    if (!d)
        return CD_ENOMEM;
    int n = fact(d, "Email", text(a, "email"), NULL);
    n += fact(d, "Phone", text(a, "phone"), NULL);
    n += fact(d, "Website", text(a, "website"), NULL);
    n += fact(d, "Description", text(a, "description"), NULL);
    return finish(req, resp, d, n, CQ_ACCOUNT);
}

cd_err web_contact_page(request *req, response *resp)
{
    cd_err e;
    const char *p[2] = {req->auth->org_id, req->params[0]};
    json_t *c = db_json(req->a, STMT_CONTACT_GET, p, &e);
    if (!c)
        return e;
    const char *last = text(c, "last_name");
    const char *name = arena_printf(req->a, "%s%s%s", text(c, "first_name"), *last ? " " : "", last);
    tmpl_dict *d = name ? start(req, name, "contact", "contact", "/admin/contacts") : NULL;
    if (!d)
        return CD_ENOMEM;
    int n = fact(d, "Email", text(c, "email"), NULL);
    n += fact(d, "Phone", text(c, "phone"), NULL);
    n += fact(d, "Job title", text(c, "title"), NULL);
    const char *account = json_string_value(json_object_get(c, "account"));
    if (account) {
        const char *ap[2] = {req->auth->org_id, account};
        json_t *a = db_json(req->a, STMT_ACCOUNT_GET, ap, &e);
        if (!a && e != CD_ENOTFOUND)
            return e;
        if (a)
            n += fact(d, "Account", text(a, "name"),
                      page_org_url(req, arena_printf(req->a, "/accounts/%s", account), NULL, NULL));
    }
    return finish(req, resp, d, n, CQ_CONTACT);
}
