/* router.c: route matching, method checks, body parsing and gates, then the handler. */
#include "router.h"
#include "handlers.h"
#include "core/ids.h"
#include "db/db.h"
#include "db/tx.h"
#include "reply.h"
#include "auth/auth.h"
#include "auth/actor.h"
#include "repo/members.h"
#include <stdio.h>
#include <string.h>

static const route table[] = {
#define ROUTE(methods, pattern, fn, gate, repr, tx) {methods, pattern, fn, gate, repr, tx},
#include "routes.def"
#undef ROUTE
};

const route *router_table(size_t *count)
{
    *count = sizeof table / sizeof table[0];
    return table;
}

/* Matches path against pattern, capturing {uuid} segments. */
static bool match(arena *a, const char *pat, const char *path, const char **params, int *np)
{
    int n = 0;
    while (*pat) {
        if (strncmp(pat, "{uuid}", 6) == 0) {
            size_t len = strcspn(path, "/");
            char id[CD_UUID_LEN + 1];
            if (n >= REQ_MAX_PARAMS || !uuid_normalize(path, len, id))
                return false;
            if (params && !(params[n] = arena_strdup(a, id)))
                return false;
            n++;
            pat += 6;
            path += len;
            continue;
        }
        if (*pat++ != *path++)
            return false;
    }
    if (*path)
        return false;
    *np = n;
    return true;
}

const route *router_match(arena *a, const char *path, http_method m, const char **params, int *nparams,
                          unsigned *allowed)
{
    *allowed = 0;
    *nparams = 0;
    if (m == M_HEAD)
        m = M_GET;
    const route *found = NULL;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        int np = 0;
        if (!match(a, table[i].pattern, path, NULL, &np))
            continue;
        *allowed |= table[i].methods;
        if ((table[i].methods & m) && !found) {
            found = &table[i];
            match(a, table[i].pattern, path, params, nparams);
        }
    }
    if (found)
        *allowed = 0;
    return found;
}

static const char *allow_header(arena *a, unsigned allowed)
{
    if (allowed & M_GET)
        allowed |= M_HEAD;
    allowed |= M_OPTIONS;
    char buf[128] = "";
    for (unsigned bit = 1; bit < M_OTHER; bit <<= 1) {
        if (!(allowed & bit))
            continue;
        if (*buf)
            strcat(buf, ", ");
        strcat(buf, http_method_name((http_method)bit));
    }
    return arena_strdup(a, buf);
}

/* One run of a route's handler, for tx_run. */
typedef struct handler_run {
    const route *rt;
    request *req;
    response *resp;
    size_t nheaders; /* the response headers set before the handler (gates, Cache-Control) */
} handler_run;

/* Does a successful write through route rt count as working in the caller's organization? */
static bool works_in_org(const route *rt, const request *req)
{
    bool org_gate = rt->gate != GATE_PUBLIC && rt->gate != GATE_ANON_FORM && rt->gate != GATE_USER;
    return org_gate && (req->method & (M_POST | M_PUT | M_PATCH | M_DELETE)) && req->auth && req->auth->member_active;
}

static cd_err run_handler(void *arg)
{
    handler_run *h = arg;
    cd_err e = h->rt->fn(h->req, h->resp);
    if (e == CD_OK && works_in_org(h->rt, h->req)) { /* where the next sign-in opens */
        actor act = auth_actor(h->req);
        e = member_worked_in(&act);
    }
    return e;
}

/* Before a rerun: the response and the request's answer state as they were before the handler. */
static void reset_run(void *arg)
{
    handler_run *h = arg;
    h->resp->status = 0;
    h->resp->headers.n = h->nheaders;
    h->resp->body.len = 0;
    request *req = h->req;
    req->page = NULL;
    req->error_detail = NULL;
    req->invalid = NULL;
    req->error_page = NULL;
    req->error_page_arg = NULL;
    req->writes_stand = false;
}

static bool writes_stand(void *arg) { return ((handler_run *)arg)->req->writes_stand; }

cd_err router_run(const route *rt, request *req, response *resp)
{
    handler_run run = {rt, req, resp, resp->headers.n};
    bool unsafe = req->method & (M_POST | M_PUT | M_PATCH | M_DELETE);
    bool snapshot = rt->tx == TX_SNAPSHOT;
    return tx_run(
        &(tx_work){run_handler, reset_run, writes_stand, &run, (unsafe && rt->tx == TX_WRITE) || snapshot, snapshot});
}

/* The answer to error e of a handler, once its writes are undone: the response the handler filled with that
 * error's status stays; a page the handler named is rendered; otherwise reply_error. */
static void answer_error(request *req, response *resp, cd_err e)
{
    if (resp->status == cd_err_status(e))
        return;
    if (req->error_page) {
        cd_err pe = req->error_page(req, resp);
        if (pe == CD_OK)
            return;
        e = pe;
    }
    reply_error(req, resp, e, NULL);
}

void router_dispatch(request *req, response *resp)
{
    unsigned allowed;
    const route *rt = router_match(req->a, req->path, req->method, req->params, &req->nparams, &allowed);
    if (!rt) {
        if (!allowed) {
            reply_error(req, resp, CD_ENOTFOUND, NULL);
            return;
        }
        const char *allow = allow_header(req->a, allowed);
        if (req->method == M_OPTIONS) {
            resp->status = 204;
        } else {
            reply_error(req, resp, CD_EMETHOD, NULL);
        }
        if (allow)
            resp_set_header(resp, "Allow", allow);
        return;
    }
    req->route = rt;
    req->is_api = rt->repr == REP_JSON;

    resp_set_header(resp, "Cache-Control", "no-store");
    cd_err e = gate_identify(req, resp, rt->gate);
    if (e == CD_OK && resp->status) /* the gate answered itself (redirect to sign in) */
        return;
    if (e == CD_OK && (req->method & (M_POST | M_PUT | M_PATCH | M_DELETE))) {
        e = request_parse_body(req);
        if (e == CD_ETOOLARGE && req->upload_refused && rt->repr == REP_HTML)
            e = CD_OK; /* the page shows its form again with the input, saying which file was too large */
    }
    if (e == CD_OK)
        e = gate_csrf(req, rt->gate);
    if (e == CD_OK)
        e = router_run(rt, req, resp);
    if (db_in_transaction()) /* a handler that broke its route's tx_mode: nothing it left open survives */
        db_rollback();
    if (e != CD_OK)
        answer_error(req, resp, e);
}
