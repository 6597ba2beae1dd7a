/* case_query.c (repo): parsing the case list's query string into statement parameters. */
#include "repo/case_query.h"
#include "http/query.h"
#include "core/arena_json.h"
#include "core/csv.h"
#include "core/log.h"
#include "http/input.h"
#include "repo/case_json.h"
#include "repo/case_search.h"
#include "repo/cases.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

const case_query_key case_query_keys[] = {
    {"name", false},
    {"status", true},
    {"priority", true},
    {"case_type", true},
    {"assigned_to", false},
    {"account", false},
    {"resolution", false},
    {"team", false},
    {"unassigned", false},
    {"updated_after", false},
    {"updated_before", false},
    {"contact", false},
    {"mine", false},
    {"my_teams", false},
    {"created_after", false},
    {"created_before", false},
    {"q", false},
    {"ordering", false},
    {NULL, false},
};

/* A choice filter given once or more (priority=Critical&priority=High): the choices any value matches. */
static const char *choice(arena *a, const kvlist *query, const char *const *choices, const char *name)
{
    size_t n = kv_count(query, name), k = 0;
    if (n <= 1)
        return case_choice_filter(a, choices, (const char *const[]){kv_get(query, name)}, 1);
    const char **values = arena_alloc(a, n * sizeof *values);
    for (size_t i = 0; values && i < query->n; i++)
        if (strcmp(query->v[i].key, name) == 0)
            values[k++] = query->v[i].value;
    return values ? case_choice_filter(a, choices, values, n) : NULL;
}

/* Query filter name as a UTC time: a relative one, Nd (N days before now, N of 1 to 4 digits), or one
 * query_time reads. */
static const char *query_when(arena *a, const kvlist *query, const char *name, json_t *errors)
{
    const char *v = kv_get(query, name);
    size_t n = v ? strspn(v, "0123456789") : 0;
    if (n < 1 || n > 4 || v[n] != 'd' || v[n + 1])
        return query_time(a, query, name, errors);
    time_t t = time(NULL) - (time_t)strtol(v, NULL, 10) * 86400;
    struct tm tm;
    char buf[32];
    if (!gmtime_r(&t, &tm) || !strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm))
        return NULL;
    return arena_strdup(a, buf);
}

/* A boolean query parameter, read as the API's boolean fields are (true, on, 1 or false, off, 0): "true" when
 * true, NULL when false or absent; anything else is a field error. */
static const char *query_true(const kvlist *query, const char *name, json_t *errors)
{
    const char *v = kv_get(query, name);
    if (!v || !*v || !strcmp(v, "false") || !strcmp(v, "off") || !strcmp(v, "0"))
        return NULL;
    if (!strcmp(v, "true") || !strcmp(v, "on") || !strcmp(v, "1"))
        return "true";
    field_error(errors, name, "Must be true or false.");
    return NULL;
}

void case_query_parse(const actor *act, const kvlist *query, const paging *pg, case_query *q, json_t *errors)
{
    arena *a = act->a;
    memset(q, 0, sizeof *q);
    q->pg = *pg;
    q->p[CQ_ORG] = act->org_id;
    q->p[CQ_USER] = act->user_id;
    q->p[CQ_ADMIN] = actor_admin_param(act);
    q->p[CQ_NAME] = query_like(a, query, "name");
    q->p[CQ_STATUS] = choice(a, query, case_statuses, "status");
    q->p[CQ_PRIORITY] = choice(a, query, case_priorities, "priority");
    q->p[CQ_TYPE] = choice(a, query, case_types, "case_type");
    q->p[CQ_ASSIGNEE] = query_uuid(a, query, "assigned_to", errors);
    q->p[CQ_ACCOUNT] = query_uuid(a, query, "account", errors);
    q->p[CQ_TEAM] = query_uuid(a, query, "team", errors);
    q->p[CQ_CONTACT] = query_uuid(a, query, "contact", errors);
    q->p[CQ_UNASSIGNED] = query_true(query, "unassigned", errors);
    q->p[CQ_UPDATED_AFTER] = query_when(a, query, "updated_after", errors);
    q->p[CQ_UPDATED_BEFORE] = query_when(a, query, "updated_before", errors);
    q->p[CQ_CREATED_AFTER] = query_when(a, query, "created_after", errors);
    q->p[CQ_CREATED_BEFORE] = query_when(a, query, "created_before", errors);
    q->p[CQ_LIMIT] = q->pg.limit_s;
    q->p[CQ_OFFSET] = q->pg.offset_s;
    /* the filter of act's own cases takes the form its word names (case_filters.def) */
    q->p[CQ_MINE] = query_true(query, "mine", errors) ? "mine" : NULL;
    if (query_true(query, "my_teams", errors)) {
        if (q->p[CQ_MINE])
            field_error(errors, "my_teams", "Cannot be combined with mine.");
        else
            q->p[CQ_MINE] = "my_teams";
    }
    const char *res = kv_get(query, "resolution");
    if (res && *res) {
        if (strcmp(res, "open") == 0 || strcmp(res, "closed") == 0)
            q->p[CQ_RESOLUTION] = res;
        else
            field_error(errors, "resolution", "Must be open or closed.");
    }
    q->err = case_search_parse(act, kv_get(query, "q"), q->p, errors);
    bool search = q->p[CQ_Q] != NULL;
    q->order = search ? CO_RELEVANCE : CO_CREATED_DESC;
    q->ordering = search ? "relevance" : "-created_on";
    const char *ord = kv_get(query, "ordering");
    if (ord && *ord) {
        if (case_order_parse(ord, &q->order))
            q->ordering = ord;
        else
            field_error(errors, "ordering",
                        "Must be one of created_on, name, priority, status, closed_on, updated_on, each optionally "
                        "with '-', -priority,updated_on, or relevance (with q).");
    }
}

json_t *case_highlight_json(const char *text)
{
    json_t *out = text ? json_array() : NULL;
    for (const char *s = text; out && *s;) {
        bool match = *s == '\x02';
        s += match;
        size_t n = strcspn(s, match ? "\x03" : "\x02");
        json_t *seg = n ? json_pack("{s:s%,s:b}", "text", s, n, "match", match) : NULL;
        if (n && (!seg || json_array_append_new(out, seg) != 0)) {
            json_decref(out);
            return NULL;
        }
        s += n;
        s += match && *s == '\x03';
    }
    return out;
}

/* Appends to case c its highlight, column col of row i of r. */
static bool add_highlight(json_t *c, const PGresult *r, int i, int col)
{
    json_t *h = PQgetisnull(r, i, col) ? json_array() : case_highlight_json(PQgetvalue(r, i, col));
    return h && json_object_set_new(c, "highlight", h) == 0;
}

/* The total of the page r of list q: its count, or past CASE_COUNT_EXACT_MAX the estimate. */
static bool page_total(const actor *act, const case_query *q, const PGresult *r, long long *count, bool *estimated,
                       cd_err *err)
{
    *count = atoll(PQgetvalue(r, 0, 0));
    if (estimated)
        *estimated = false;
    if (*count <= CASE_COUNT_EXACT_MAX || !case_list_capped(q->p))
        return true;
    if (estimated)
        *estimated = true;
    return (*count = case_list_estimate(act->a, q->p, *count, err)) >= 0;
}

json_t *case_query_run(const actor *act, const case_query *q, long long *count, bool *estimated, json_t **statuses,
                       cd_err *err)
{
    if (q->err != CD_OK) {
        *err = q->err;
        return NULL;
    }
    case_list_kind kind = statuses ? CL_KIND_PAGE_AND_STATUSES : CL_KIND_PAGE;
    PGresult *r = case_list_exec(act->a, kind, q->p, q->order, err);
    if (!r)
        return NULL;
    int n = PQntuples(r), col = statuses ? 2 : 1, hl = PQfnumber(r, "highlight");
    if (n < 1) {
        log_error("case list: no row");
        *err = CD_EINTERNAL;
        return NULL;
    }
    if (!page_total(act, q, r, count, estimated, err))
        return NULL;
    if (statuses) {
        /* null when no case is selected at all */
        *statuses = PQgetisnull(r, 0, 1) ? json_object() : json_loads(PQgetvalue(r, 0, 1), 0, NULL);
        if (!*statuses) {
            *err = CD_EINTERNAL;
            return NULL;
        }
    }
    json_t *rows = json_array();
    /* An empty page is one row of the totals and NULLs. */
    for (int i = 0; rows && i < n && !PQgetisnull(r, i, col); i++) {
        json_t *c = case_json_row(r, i, col);
        if (c && hl >= 0 && !add_highlight(c, r, i, hl)) {
            json_decref(c);
            c = NULL;
        }
        if (json_array_append_new(rows, c) != 0) {
            json_decref(rows);
            rows = NULL;
        }
    }
    if (!rows) {
        *err = CD_EINTERNAL;
        if (statuses) {
            json_decref(*statuses);
            *statuses = NULL;
        }
        return NULL;
    }
    if (statuses && !(*statuses = arena_json(act->a, *statuses))) {
        json_decref(rows);
        *err = CD_ENOMEM;
        return NULL;
    }
    if (!(rows = arena_json(act->a, rows)))
        *err = CD_ENOMEM;
    return rows;
}

/* The columns of an export, as CL_EXPORT_HEAD (statements.def) selects them. */
static const char *const export_columns[] = {"id",        "name",       "status",     "priority",
                                             "case_type", "account",    "assignees",  "teams",
                                             "contacts",  "created_on", "updated_on", "closed_on"};
#define EXPORT_COLUMNS (sizeof export_columns / sizeof export_columns[0])

/* Sends the CSV text collected in out; CD_EUNAVAIL when it could not be sent, CD_ENOMEM when it ran short. */
static cd_err send_csv(const strbuf *out, resp_write_fn write, void *ctx)
{
    if (out->failed)
        return CD_ENOMEM;
    return write(ctx, out->data, out->len) < 0 ? CD_EUNAVAIL : CD_OK;
}

/* Reads the open export cursor to its end, a batch at a time in arena batch (reset after each), the header row
 * with the first batch: nothing is written before the first batch is read, so a query that fails (a timeout
 * while it sorts) is answered as an error, not as a truncated file. */
static cd_err export_batches(arena *batch, resp_write_fn write, void *ctx)
{
    for (bool first = true;; first = false) {
        cd_err e;
        PGresult *r = db_exec(batch, STMT_CASE_EXPORT_FETCH, NULL, &e);
        if (!r)
            return e;
        int n = PQntuples(r);
        if (PQnfields(r) != (int)EXPORT_COLUMNS)
            return CD_EINTERNAL;
        strbuf out;
        sb_init(&out, batch);
        for (size_t c = 0; first && c < EXPORT_COLUMNS; c++)
            csv_field(&out, export_columns[c], c == 0);
        if (first)
            csv_end_record(&out);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < (int)EXPORT_COLUMNS; c++)
                csv_field(&out, PQgetisnull(r, i, c) ? NULL : PQgetvalue(r, i, c), c == 0);
            csv_end_record(&out);
        }
        e = out.len ? send_csv(&out, write, ctx) : CD_OK;
        arena_reset(batch); /* the rows and their text */
        if (e != CD_OK || n == 0)
            return e;
    }
}

cd_err case_query_export(const actor *act, const case_query *q, resp_write_fn write, void *ctx)
{
    if (q->err != CD_OK)
        return q->err;
    const char *p[CQ__COUNT];
    memcpy(p, q->p, sizeof p);
    p[CQ_LIMIT] = NULL; /* LIMIT NULL: every case */
    p[CQ_OFFSET] = "0";
    cd_err e;
    if (!case_list_exec(act->a, CL_KIND_EXPORT, p, q->order, &e))
        return e;
    arena *batch = arena_new(64 * 1024);
    if (!batch)
        return CD_ENOMEM;
    e = export_batches(batch, write, ctx);
    arena_free(batch);
    if (e != CD_OK)
        log_warn("case export ended early: %s", cd_err_message(e));
    return e;
}

/* The sink of an export's answer: the download's head with the first bytes (so that an export failing before
 * them is answered as any error), then the body. */
static int export_sink(void *ctx, const void *data, size_t len)
{
    response *resp = ctx;
    if (!resp->streamed) {
        time_t now = time(NULL);
        struct tm tm;
        char name[32] = "cases.csv";
        if (gmtime_r(&now, &tm))
            strftime(name, sizeof name, "cases-%Y-%m-%d.csv", &tm);
        if (resp_download_start(resp, "text/csv; charset=utf-8", name) != CD_OK)
            return -1;
    }
    return resp_stream_sink(resp, data, len);
}

cd_err case_export_reply(const actor *act, const case_query *q, response *resp)
{
    cd_err e = case_query_export(act, q, export_sink, resp);
    /* what is sent cannot be taken back: the export is never run again (tx_run reruns on CD_ERETRY) */
    return e == CD_ERETRY && resp->streamed ? CD_EUNAVAIL : e;
}

cd_err case_query_totals(const actor *act, size_t n, const case_query *q, long long *counts)
{
    if (n == 0)
        return CD_OK;
    if (n > CASE_TOTALS_MAX)
        return CD_EINVALID;
    const char *(*p)[CQ__COUNT] = arena_alloc(act->a, n * sizeof *p);
    if (!p)
        return CD_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        if (q[i].err != CD_OK)
            return q[i].err;
        memcpy(p[i], q[i].p, sizeof p[i]);
        p[i][CQ_LIMIT] = p[i][CQ_OFFSET] = NULL; /* no total reads them */
    }
    cd_err e;
    PGresult *r = case_list_totals_exec(act->a, n, (const char *const(*)[CQ__COUNT])p, &e);
    if (!r)
        return e;
    if (PQntuples(r) != 1 || PQnfields(r) != (int)n) {
        log_error("case totals: %d rows of %d columns for %zu lists", PQntuples(r), PQnfields(r), n);
        return CD_EINTERNAL;
    }
    for (size_t i = 0; i < n; i++)
        counts[i] = atoll(PQgetvalue(r, 0, (int)i));
    return CD_OK;
}
