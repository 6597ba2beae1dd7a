/* cases.c (web): the case list (/cases) and detail (/cases/{id}) pages, their comment and attachment forms, and
 * the page of an upload too large even to be read. */
#include "handlers.h"
#include "auth/auth.h"
#include "core/arena_json.h"
#include "core/timespan.h"
#include "db/db.h"
#include "http/input.h"
#include "http/paging.h"
#include "http/url.h"
#include "repo/attachments.h"
#include "repo/case_query.h"
#include "repo/cases.h"
#include "repo/comments.h"
#include "repo/rules.h"
#include "repo/views.h"
#include "web/case_forms.h"
#include "web/case_lookups.h"
#include "web/form.h"
#include "web/page.h"
#include "web/prose.h"
#include "web/tmpl_json.h"
#include "web/case_list.h"
#include "web/views.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- list ---- */

/* The URL of the page listing the cases (/cases, or the account or contact page whose cases it lists: the
 * request's own path, unless path names another) for the current query with the parameters of set set to their values
 * (blank: dropped). Blank values are left out, and so is the offset unless set names it (any other change starts
 * again at the first page), and with finds_too the find-by-text parameters. */
static const char *query_url(request *req, const char *path, const kvlist *set, bool finds_too)
{
    if (!path)
        path = req->path && *req->path ? req->path : "/cases";
    kvlist q = {0};
    for (size_t i = 0; i < req->query.n; i++) {
        const kv *e = &req->query.v[i];
        bool drop = !*e->value || strcmp(e->key, "offset") == 0 || kv_get(set, e->key);
        for (lookup_filter f = LOOKUP_ASSIGNEE; finds_too && f < LOOKUP__COUNT; f++)
            drop |= strcmp(e->key, case_lookups_find_param(f)) == 0;
        if (!drop && kv_add(&q, req->a, e->key, strlen(e->key), e->value, e->vlen) < 0)
            return "/cases";
    }
    for (size_t i = 0; i < set->n; i++)
        if (*set->v[i].value &&
            kv_add(&q, req->a, set->v[i].key, strlen(set->v[i].key), set->v[i].value, set->v[i].vlen) < 0)
            return "/cases";
    const char *url = url_with_query(req->a, path, &q);
    return url ? url : "/cases";
}

/* The list URL for the current query with key set to value (NULL or "": dropped). */
static const char *list_url(request *req, const char *key, const char *value)
{
    kvlist set = {0};
    if (!value)
        value = "";
    if (kv_add(&set, req->a, key, strlen(key), value, strlen(value)) < 0)
        return "/cases";
    return query_url(req, NULL, &set, false);
}

static bool query_is(request *req, const char *key, const char *value)
{
    const char *v = kv_get(&req->query, key);
    return v && strcmp(v, value) == 0;
}

static void choice_options(request *req, tmpl_dict *d, const char *section, const char *key,
                           const char *const *choices)
{
    for (const char *const *c = choices; *c; c++) {
        tmpl_dict *o = tmpl_section(d, section);
        tmpl_set(o, "VALUE", *c);
        if (query_is(req, key, *c))
            tmpl_show(o, "SELECTED");
    }
}

/* The queue: what /cases shows when the query names nothing (links from it keep these). */
#define QUEUE_RESOLUTION "open"
#define QUEUE_ORDERING "-priority,updated_on"

static const struct {
    const char *key, *label;
} order_labels[] = {
    {QUEUE_ORDERING, "Queue: highest priority, then waiting longest"},
    {"-updated_on", "Recently updated first"},
    {"updated_on", "Not updated for longest first"},
    {"-created_on", "Newest first"},
    {"created_on", "Oldest first"},
    {"name", "Name (A to Z)"},
    {"-name", "Name (Z to A)"},
    {"-priority", "Priority (highest first)"},
    {"priority", "Priority (lowest first)"},
    {"status", "Status (New first)"},
    {"-status", "Status (Closed first)"},
    {"-closed_on", "Recently closed first"},
    {"closed_on", "Closed longest ago first"},
    {"relevance", "Best match first"}, /* offered with a search only */
};

/* Column headers: sortable ones link to their ordering (toggling it when already sorted by it). */
static void columns(request *req, tmpl_dict *d, const char *ordering)
{
    static const struct {
        const char *label, *asc, *desc; /* desc first: the first click on a column sorts it that way */
        bool desc_first;
    } cols[] = {
        {"Name", "name", "-name", false},
        {"Status", "status", "-status", false},
        {"Priority", "priority", "-priority", true},
        {"Type", NULL, NULL, false},
        {"Account", NULL, NULL, false},
        {"Assignees", NULL, NULL, false},
        {"Updated", "updated_on", "-updated_on", true},
        {"Age", "-created_on", "created_on", true}, /* the oldest (greatest age) first */
    };
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
        tmpl_dict *c = tmpl_section(d, "COL");
        tmpl_set(c, "LABEL", cols[i].label);
        if (!cols[i].asc) {
            tmpl_show(c, "PLAIN");
            continue;
        }
        bool asc = strcmp(ordering, cols[i].asc) == 0, desc = strcmp(ordering, cols[i].desc) == 0;
        const char *next = asc ? cols[i].desc : desc ? cols[i].asc : cols[i].desc_first ? cols[i].desc : cols[i].asc;
        tmpl_dict *s = tmpl_section(c, "SORTABLE");
        tmpl_set(s, "URL", list_url(req, "ordering", next));
        if (asc || desc)
            tmpl_set(tmpl_section(c, "SORTED"), "DIR", asc ? "ascending" : "descending");
    }
}

/* The filter form: every field as the query had it. */
static void filters(request *req, tmpl_dict *d, const case_query *q, const case_lookups *l)
{
    const char *name = kv_get(&req->query, "name");
    tmpl_set(d, "NAME", name);
    tmpl_set(d, "Q", kv_get(&req->query, "q"));
    /* a date picker, or text for a time relative to now ("3d") that a date input would drop */
    const char *after = kv_get(&req->query, "updated_after"), *before = kv_get(&req->query, "updated_before");
    tmpl_set(d, "UPDATED_AFTER", after);
    tmpl_set(d, "UPDATED_AFTER_TYPE", after && strchr(after, 'd') ? "text" : "date");
    tmpl_set(d, "UPDATED_BEFORE", before);
    tmpl_set(d, "UPDATED_BEFORE_TYPE", before && strchr(before, 'd') ? "text" : "date");
    choice_options(req, d, "STATUS_OPT", "status", case_statuses);
    choice_options(req, d, "PRIORITY_OPT", "priority", case_priorities);
    choice_options(req, d, "TYPE_OPT", "case_type", case_types);
    static const char *const options[LOOKUP__COUNT] = {"ASSIGNEE_OPTIONS", "ACCOUNT_OPTIONS", "TEAM_OPTIONS"};
    static const char *const finds[LOOKUP__COUNT] = {"ASSIGNEE_FIND", "ACCOUNT_FIND", "TEAM_FIND"};
    for (lookup_filter f = LOOKUP_ASSIGNEE; f < LOOKUP__COUNT; f++) {
        tmpl_set(d, options[f], case_lookups_options(req, l, f));
        if (case_lookups_findable(req, l, f))
            tmpl_set(tmpl_section(d, finds[f]), "TEXT", kv_get(&req->query, case_lookups_find_param(f)));
    }
    if (q->p[CQ_UNASSIGNED])
        tmpl_show(d, "UNASSIGNED");
    if (query_is(req, "resolution", "open"))
        tmpl_show(d, "RES_OPEN");
    if (query_is(req, "resolution", "closed"))
        tmpl_show(d, "RES_CLOSED");
    if (query_is(req, "mine", "1"))
        tmpl_show(d, "MINE");
    if (query_is(req, "my_teams", "1"))
        tmpl_show(d, "MY_TEAMS");
    for (size_t i = 0; i < sizeof order_labels / sizeof order_labels[0]; i++) {
        if (!q->p[CQ_Q] && strcmp(order_labels[i].key, "relevance") == 0)
            continue;
        tmpl_dict *o = tmpl_section(d, "ORDER_OPT");
        tmpl_set(o, "VALUE", order_labels[i].key);
        tmpl_set(o, "LABEL", order_labels[i].label);
        if (strcmp(order_labels[i].key, q->ordering) == 0)
            tmpl_show(o, "SELECTED");
    }
    /* The usual page sizes, and the one asked for when it is another. */
    long limits[] = {10, 25, 50, 100, q->pg.limit};
    for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++) {
        bool listed = false;
        for (size_t k = 0; k < i; k++)
            listed |= limits[k] == limits[i];
        if (listed)
            continue;
        tmpl_dict *o = tmpl_section(d, "LIMIT_OPT");
        tmpl_set_int(o, "VALUE", limits[i]);
        if (limits[i] == q->pg.limit)
            tmpl_show(o, "SELECTED");
    }
}

/* Links to the list narrowed to each status, with how many cases the other filters leave in it (statuses:
 * {"New": 12, ...} as case_query_run reads it). */
static void status_counts(request *req, tmpl_dict *d, json_t *statuses)
{
    long long all = 0;
    const char *current = kv_get(&req->query, "status");
    for (const char *const *s = case_statuses; *s; s++) {
        long long n = json_integer_value(json_object_get(statuses, *s));
        all += n;
        tmpl_dict *c = tmpl_section(d, "STATUS_COUNT");
        tmpl_set(c, "STATUS", *s);
        tmpl_set(c, "SLUG", web_slug(req->a, *s));
        tmpl_set_int(c, "COUNT", n);
        tmpl_set(c, "URL", list_url(req, "status", *s));
        if (current && strcmp(current, *s) == 0)
            tmpl_show(c, "CURRENT");
    }
    tmpl_set_int(d, "ALL_COUNT", all);
    tmpl_set(d, "ALL_URL", list_url(req, "status", NULL));
    if (!current || !*current)
        tmpl_show(d, "ALL_CURRENT");
}

/* Sets key in row to how long before now the ISO time at member field of c was ("3 d"; with ago, "3 d ago" or
 * "just now"); nothing when it is not such a time. */
static void time_since(request *req, tmpl_dict *row, const char *key, json_t *c, const char *field, time_t now,
                       bool ago)
{
    time_t t;
    char buf[32];
    if (!iso_utc_parse(json_string_value(json_object_get(c, field)), &t))
        return;
    const char *span = timespan_text((long long)(now - t), buf, sizeof buf);
    tmpl_set(row, key, !ago ? span : now - t < 60 ? "just now" : arena_printf(req->a, "%s ago", span));
}

static void case_row(request *req, tmpl_dict *d, json_t *c, const case_lookups *l, time_t now)
{
    tmpl_dict *row = tmpl_section(d, "ROW");
    tmpl_json_object(row, c);
    time_since(req, row, "UPDATED_AGO", c, "updated_on", now, true);
    time_since(req, row, "AGE", c, "created_on", now, false);
    tmpl_set(row, "URL", page_case_url(req, json_string_value(json_object_get(c, "id")), NULL, NULL));
    tmpl_set(row, "STATUS_SLUG", web_slug(req->a, json_string_value(json_object_get(c, "status"))));
    tmpl_set(row, "PRIORITY_SLUG", web_slug(req->a, json_string_value(json_object_get(c, "priority"))));
    const json_t *account = case_lookups_account(l, json_string_value(json_object_get(c, "account")));
    if (account) {
        tmpl_dict *a = tmpl_section(row, "ACCOUNT_NAME");
        const char *id = json_string_value(json_object_get(account, "id"));
        tmpl_set(a, "NAME", json_string_value(json_object_get(account, "name")));
        tmpl_set(a, "URL", page_org_url(req, arena_printf(req->a, "/accounts/%s", id), NULL, NULL));
    }
    size_t i;
    json_t *uid;
    json_array_foreach(json_object_get(c, "assigned_to"), i, uid) {
        const json_t *m = case_lookups_member(l, json_string_value(uid));
        tmpl_set(tmpl_section(row, "ASSIGNEE"), "LABEL", m ? lookup_user_label(m) : "former member");
    }
}

/* The bulk bar around the rows (cases.tpl's form posting to /cases/bulk): its action, the way back to this very
 * list, and its choices (members and teams with none chosen, from lookups l). */
static void bulk_bar(request *req, tmpl_dict *d, const case_lookups *l)
{
    tmpl_set(d, "BULK_ACTION", page_org_url(req, "/cases/bulk", NULL, NULL));
    const char *back = url_with_query(req->a, req->path && *req->path ? req->path : "/cases", &req->query);
    tmpl_set(d, "BULK_BACK", back ? back : "/cases");
    for (const char *const *c = case_statuses; *c; c++)
        tmpl_set(tmpl_section(d, "BULK_STATUS"), "VALUE", *c);
    for (const char *const *c = case_priorities; *c; c++)
        tmpl_set(tmpl_section(d, "BULK_PRIORITY"), "VALUE", *c);
    tmpl_set(d, "BULK_MEMBERS", json_string_value(json_object_get(l->cached, "assignee_options")));
    tmpl_set(d, "BULK_TEAMS", json_string_value(json_object_get(l->cached, "team_options")));
}

static void pagination(request *req, tmpl_dict *d, const case_query *q, long long count)
{
    char num[24];
    tmpl_set_int(d, "COUNT", count);
    tmpl_set_int(d, "FROM", count ? q->pg.offset + 1 : 0);
    tmpl_set_int(d, "TO", q->pg.offset + q->pg.limit < count ? q->pg.offset + q->pg.limit : count);
    if (count == 1)
        tmpl_show(d, "ONE");
    else
        tmpl_show(d, "MANY");
    if (q->pg.offset > 0) {
        long prev = q->pg.offset > q->pg.limit ? q->pg.offset - q->pg.limit : 0;
        snprintf(num, sizeof num, "%ld", prev);
        tmpl_set(tmpl_section(d, "PREV"), "URL", list_url(req, "offset", prev ? num : NULL));
    }
    if (q->pg.offset + q->pg.limit < count) {
        snprintf(num, sizeof num, "%ld", q->pg.offset + q->pg.limit);
        tmpl_set(tmpl_section(d, "NEXT"), "URL", list_url(req, "offset", num));
    }
    if (q->pg.offset > 0 || q->pg.offset + q->pg.limit < count)
        tmpl_show(d, "PAGES");
}

/* /cases alone is the queue: open cases, highest priority first, then the longest waiting (its query given
 * those two when it names nothing). */
static cd_err queue_default(request *req)
{
    if (req->query.n == 0 &&
        (kv_add(&req->query, req->a, "resolution", strlen("resolution"), QUEUE_RESOLUTION, strlen(QUEUE_RESOLUTION)) <
             0 ||
         kv_add(&req->query, req->a, "ordering", strlen("ordering"), QUEUE_ORDERING, strlen(QUEUE_ORDERING)) < 0))
        return CD_ENOMEM;
    return CD_OK;
}

/* The CSV export of the list the request shows: its query without paging. NULL when out of memory. */
static const char *export_url(request *req)
{
    kvlist set = {0};
    if (kv_add(&set, req->a, "limit", 5, "", 0) < 0)
        return NULL;
    return query_url(req, "/cases.csv", &set, true);
}

cd_err web_cases_export(request *req, response *resp)
{
    cd_err e = queue_default(req);
    if (e != CD_OK)
        return e;
    json_t *errors = input_errors(req);
    if (!errors)
        return CD_ENOMEM;
    actor act = auth_actor(req);
    paging pg;
    case_query q;
    kvlist query;
    if ((e = view_query(&act, &req->query, &query, NULL, errors)) != CD_OK)
        return e;
    req->query = query;
    paging_parse(req, &pg, errors);
    case_query_parse(&act, &req->query, &pg, &q, errors);
    e = input_verdict(errors);
    return e != CD_OK ? e : case_export_reply(&act, &q, resp);
}

cd_err web_cases_list(request *req, response *resp)
{
    if (queue_default(req) != CD_OK)
        return CD_ENOMEM;
    bool mine = query_is(req, "mine", "1");
    tmpl_dict *d = page_start(req, mine ? "My cases" : "Cases", "cases.tpl");
    if (!d)
        return CD_ENOMEM;
    tmpl_set(d, "HEADING", mine ? "My cases" : "Cases");
    json_t *errors = arena_json(req->a, json_object());
    if (!errors)
        return CD_ENOMEM;
    actor act = auth_actor(req);
    /* A saved view's filters (?view=) become the page's query: the form and every link show them. */
    kvlist query;
    const char *view = NULL;
    cd_err e = view_query(&act, &req->query, &query, &view, errors);
    if (e != CD_OK)
        return e;
    req->query = query;
    if (view)
        tmpl_set(d, "HEADING", view);
    const char *export = export_url(req);
    if (!export)
        return CD_ENOMEM;
    tmpl_set(d, "EXPORT_URL", export);
    if ((e = views_sidebar(req, d, &req->query)) != CD_OK)
        return e;
    return web_case_list_page(req, resp, d, errors, -1, NULL);
}

cd_err web_case_list_page(request *req, response *resp, tmpl_dict *d, json_t *errors, int param, const char *value)
{
    if (!errors && !(errors = arena_json(req->a, json_object())))
        return CD_ENOMEM;
    actor act = auth_actor(req);
    paging pg;
    case_query q;
    paging_parse(req, &pg, errors);
    case_query_parse(&act, &req->query, &pg, &q, errors);
    if (param >= 0 && param < CQ__COUNT)
        q.p[param] = value;
    case_lookups l;
    cd_err e = case_lookups_load(req, &l);
    kvlist chosen = {0};
    if (e == CD_OK)
        e = case_lookups_find(req, &l, &chosen, errors);
    if (e != CD_OK)
        return e;
    if (chosen.n && !json_object_size(errors))
        return resp_redirect(resp, query_url(req, NULL, &chosen, true));
    if (json_object_size(errors)) {
        if ((e = case_lookups_name_rows(req, &l, NULL)) != CD_OK)
            return e;
        filters(req, d, &q, &l);
        tmpl_dict *a = tmpl_section(d, "ERRORS");
        const char *field;
        json_t *msgs;
        json_object_foreach(errors, field, msgs) {
            tmpl_dict *m = tmpl_section(a, "ERROR");
            if (strcmp(field, "q") == 0) {
                tmpl_show(d, "Q_INVALID");
                tmpl_set(tmpl_section(d, "Q_ERROR"), "MESSAGE", json_string_value(json_array_get(msgs, 0)));
            }
            tmpl_set(m, "FIELD", strcmp(field, "q") == 0 ? "Search" : field);
            tmpl_set(m, "MESSAGE", json_string_value(json_array_get(msgs, 0)));
        }
        return page_refused(page_finish(req, resp, 400), CD_EINVALID);
    }
    tmpl_dict *res = tmpl_section(d, "RESULTS");
    long long count = 0;
    json_t *statuses = NULL;
    bool estimated = false;
    json_t *rows = case_query_run(&act, &q, &count, &estimated, &statuses, &e);
    if (!rows || !statuses)
        return rows ? CD_ENOMEM : e != CD_OK ? e : CD_ENOMEM;
    status_counts(req, res, statuses);
    tmpl_set_int(d, "COUNT", count);
    tmpl_show(d, count == 1 ? "ONE" : "MANY");
    if (estimated)
        tmpl_show(d, "ABOUT");
    columns(req, res, q.ordering);
    size_t i;
    json_t *c;
    time_t now = time(NULL);
    if ((e = case_lookups_name_rows(req, &l, rows)) != CD_OK)
        return e;
    filters(req, d, &q, &l);
    json_array_foreach(rows, i, c)
        case_row(req, res, c, &l, now);
    tmpl_show(res, json_array_size(rows) ? "HAS_ROWS" : "NO_ROWS");
    bulk_bar(req, res, &l);
    pagination(req, res, &q, count);
    return page_finish(req, resp, 200);
}

/* ---- detail ---- */

/* What a re-rendered detail page keeps of a refused form: the comment text and the messages. */
typedef struct detail_form {
    const char *comment, *comment_error, *file_error;
} detail_form;

/* The labels of a history value listing ids ("id1,id2") of the objects in arr (name, else email). */
static const char *id_labels(request *req, const char *csv, json_t *arr, bool contacts)
{
    if (!csv || !*csv)
        return csv;
    strbuf sb;
    sb_init(&sb, req->a);
    char *list = arena_strdup(req->a, csv), *save = NULL;
    for (char *id = list ? strtok_r(list, ",", &save) : NULL; id; id = strtok_r(NULL, ",", &save)) {
        const json_t *o = lookup_by_id(arr, id);
        if (sb.len)
            sb_puts(&sb, ", ");
        if (!o)
            sb_puts(&sb, "(removed)");
        else if (contacts)
            sb_printf(&sb, "%s %s", json_string_value(json_object_get(o, "first_name")),
                      json_string_value(json_object_get(o, "last_name")));
        else
            sb_puts(&sb, lookup_user_label(o));
    }
    return sb.failed ? csv : sb.data;
}

/* One history row: who, when, and what in words; field changes also from what to what. */
static void history_row(request *req, tmpl_dict *d, json_t *ev, json_t *detail, json_t *members, json_t *contacts)
{
    static const struct {
        const char *field, *action;
        int detail; /* 0: none, 1: the new value, 2: the old value, 3: both (a change) */
    } kinds[] = {
        {"created", "created the case", 0},
        {"comment", "added a comment", 0},
        {"comment edited", "edited a comment", 0},
        {"comment deleted", "deleted a comment", 0},
        {"attachment", "attached", 1},
        {"attachment deleted", "deleted the attachment", 2},
        {"case_type", "changed the type", 3},
        {"assigned_to", "changed the assignees", 3},
        {"closed_on", "changed the closing time", 3},
    };
    tmpl_dict *row = tmpl_section(d, "EVENT");
    tmpl_json_object(row, ev);
    const char *field = json_string_value(json_object_get(ev, "field"));
    const char *old = json_string_value(json_object_get(ev, "old_value"));
    const char *new = json_string_value(json_object_get(ev, "new_value"));
    const char *action = NULL;
    int kind = 3;
    for (size_t k = 0; field && k < sizeof kinds / sizeof kinds[0]; k++)
        if (strcmp(kinds[k].field, field) == 0) {
            action = kinds[k].action;
            kind = kinds[k].detail;
        }
    tmpl_set(row, "ACTION", action ? action : arena_printf(req->a, "changed the %s", field ? field : "case"));
    if (field && strcmp(field, "assigned_to") == 0) {
        tmpl_set(row, "OLD_VALUE", id_labels(req, old, members, false));
        tmpl_set(row, "NEW_VALUE", id_labels(req, new, members, false));
    } else if (field && strcmp(field, "teams") == 0) {
        tmpl_set(row, "OLD_VALUE", id_labels(req, old, json_object_get(detail, "teams"), false));
        tmpl_set(row, "NEW_VALUE", id_labels(req, new, json_object_get(detail, "teams"), false));
    } else if (field && strcmp(field, "contacts") == 0) {
        tmpl_set(row, "OLD_VALUE", id_labels(req, old, contacts, true));
        tmpl_set(row, "NEW_VALUE", id_labels(req, new, contacts, true));
    }
    if (kind == 1 || kind == 2)
        tmpl_set(tmpl_section(row, "DETAIL"), "TEXT", kind == 1 ? new : old);
    if (kind == 3)
        tmpl_show(row, "VALUES");
}

/* The detail page of case id (in its organization) with the offsets of at, but key (comments_offset,
 * history_offset or attachments_offset) set to offset (0: left out), at the anchor of that part; "" when out of
 * memory. */
static const char *detail_url(request *req, const char *id, const case_detail_at *at, const char *key, long offset)
{
    static const char *const keys[] = {"comments_offset", "history_offset", "attachments_offset"};
    static const char *const anchors[] = {"#comments", "#history", "#attachments"};
    long values[] = {at->comments_offset, at->history_offset, at->attachments_offset};
    const char *anchor = "";
    kvlist q = {0};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        bool this_part = strcmp(keys[i], key) == 0;
        long v = this_part ? offset : values[i];
        if (this_part)
            anchor = anchors[i];
        char num[24];
        snprintf(num, sizeof num, "%ld", v);
        if (v > 0 && kv_add(&q, req->a, keys[i], strlen(keys[i]), num, strlen(num)) < 0)
            return "";
    }
    const char *path = arena_printf(req->a, "/cases/%s", id);
    const char *url = path ? page_org_url(req, path, &q, anchor) : NULL;
    return url ? url : "";
}

/* The links to the next and previous pages of a part (section, e.g. "COMMENT_PAGES") of count rows shown
 * CASE_DETAIL_ROWS at a time from offset, the page's position in query parameter key. */
static void part_pages(request *req, tmpl_dict *d, const char *section, const char *id, const case_detail_at *at,
                       const char *key, long offset, long long count)
{
    bool next = offset + CASE_DETAIL_ROWS<count, prev = offset> 0;
    if (!next && !prev)
        return;
    tmpl_dict *s = tmpl_section(d, section);
    if (next)
        tmpl_set(tmpl_section(s, "NEXT"), "URL", detail_url(req, id, at, key, offset + CASE_DETAIL_ROWS));
    if (prev)
        tmpl_set(tmpl_section(s, "PREV"), "URL",
                 detail_url(req, id, at, key, offset > CASE_DETAIL_ROWS ? offset - CASE_DETAIL_ROWS : 0));
}

static cd_err render_detail(request *req, response *resp, const char *id, const detail_form *f, int status)
{
    cd_err e;
    long version;
    actor act = auth_actor(req);
    case_detail_at at;
    json_t *errors = input_errors(req);
    if (!errors)
        return CD_ENOMEM;
    bool ok = paging_offset(req, "comments_offset", &at.comments_offset, errors);
    ok = paging_offset(req, "history_offset", &at.history_offset, errors) && ok;
    ok = paging_offset(req, "attachments_offset", &at.attachments_offset, errors) && ok;
    if (!ok) {
        req->error_detail =
            "The page of comments, history or attachments asked for must be a whole number of 0 or more.";
        return CD_EINVALID;
    }
    json_t *members = NULL;
    json_t *detail = case_detail(&act, id, &at, &version, &members, &e);
    if (!detail)
        return e;
    json_t *c = json_object_get(detail, "case_obj");
    if (!c)
        return CD_EINTERNAL;
    const char *name = json_string_value(json_object_get(c, "name"));
    tmpl_dict *d = page_start(req, name, "case.tpl");
    if (!d)
        return CD_ENOMEM;
    /* The case's own values in section CASE; the rows (comments...) beside it in d (see tmpl_json.h). */
    tmpl_dict *cd = tmpl_section(d, "CASE");
    tmpl_json_object(cd, c);
    if (!prose_sections(req, cd, "DESCRIPTION_SEG", json_string_value(json_object_get(c, "description")), NULL))
        return CD_ENOMEM;
    tmpl_set(cd, "STATUS_SLUG", web_slug(req->a, json_string_value(json_object_get(c, "status"))));
    tmpl_set(cd, "PRIORITY_SLUG", web_slug(req->a, json_string_value(json_object_get(c, "priority"))));
    const char *creator = json_string_value(json_object_get(c, "created_by"));
    if (case_may_delete(&act, actor_is(&act, creator)))
        tmpl_show(cd, "CAN_DELETE");
    /* Every link and form of the page reaches the case in its own organization. */
    tmpl_set(cd, "CASES_URL", page_org_url(req, "/cases", NULL, NULL));
    tmpl_set(cd, "EDIT_URL", page_case_url(req, id, "/edit", NULL));
    tmpl_set(cd, "DELETE_URL", page_case_url(req, id, "/delete", NULL));
    tmpl_set(cd, "COMMENT_ACTION", page_case_url(req, id, "/comments", NULL));
    tmpl_set(cd, "UPLOAD_ACTION", page_case_url(req, id, "/attachments", NULL));
    if ((e = case_quick_fill(req, cd, c, version)) != CD_OK)
        return e;

    /* Names of what the case refers to by id, in one statement. */
    const char *account = json_string_value(json_object_get(c, "account"));
    json_t *ids = json_object_get(c, "contacts");
    size_t i, n = json_array_size(ids);
    const char **items = arena_calloc(req->a, n + 1, sizeof *items);
    json_t *v;
    if (!items)
        return CD_ENOMEM;
    json_array_foreach(ids, i, v)
        items[i] = json_string_value(v) ? json_string_value(v) : "";
    const char *rp[4] = {req->auth->org_id, account, creator, input_uuid_array(req->a, items, n)};
    if (!rp[3])
        return CD_ENOMEM;
    json_t *refs = db_json(req->a, STMT_CASE_PAGE_REFS, rp, &e);
    if (!refs)
        return e;
    json_t *a = json_object_get(refs, "account"), *u = json_object_get(refs, "creator");
    if (account) {
        tmpl_set(cd, "ACCOUNT_NAME",
                 json_is_object(a) ? json_string_value(json_object_get(a, "name")) : "(unknown account)");
        tmpl_set(cd, "ACCOUNT_URL", page_org_url(req, arena_printf(req->a, "/accounts/%s", account), NULL, NULL));
    }
    if (creator)
        tmpl_set(cd, "CREATOR", json_is_object(u) ? lookup_user_label(u) : "a former member");
    json_t *contacts = json_object_get(refs, "contacts");
    json_array_foreach(contacts, i, v) {
        tmpl_dict *row = tmpl_section(d, "CONTACT");
        tmpl_json_object(row, v);
        tmpl_set(row, "URL",
                 page_org_url(req, arena_printf(req->a, "/contacts/%s", json_string_value(json_object_get(v, "id"))),
                              NULL, NULL));
    }
    tmpl_json_rows(d, "ASSIGNEE", json_object_get(detail, "assigned_to"));
    tmpl_json_rows(d, "TEAM", json_object_get(detail, "teams"));
    long long ncomments = json_integer_value(json_object_get(detail, "comments_count"));
    json_array_foreach(json_object_get(detail, "comments"), i, v) {
        tmpl_dict *row = tmpl_section(d, "COMMENT");
        tmpl_json_object(row, v);
        if (!prose_sections(req, row, "COMMENT_SEG", json_string_value(json_object_get(v, "comment")),
                            json_object_get(v, "mentions")))
            return CD_ENOMEM;
        const char *cid = json_string_value(json_object_get(v, "id"));
        bool author = actor_is(&act, json_string_value(json_object_get(json_object_get(v, "commented_by"), "id")));
        if (comment_may_edit(&act, author))
            tmpl_set(tmpl_section(row, "COMMENT_EDIT"), "URL",
                     page_org_url(req, arena_printf(req->a, "/cases/comment/%s/edit", cid), NULL, NULL));
        if (comment_may_delete(&act, author))
            tmpl_set(tmpl_section(row, "COMMENT_DELETE"), "URL",
                     page_org_url(req, arena_printf(req->a, "/cases/comment/%s/delete", cid), NULL, NULL));
    }
    tmpl_set_int(d, "COMMENT_COUNT", ncomments);
    if (ncomments)
        tmpl_show(d, "HAS_COMMENTS");
    const char *case_id = json_string_value(json_object_get(c, "id"));
    part_pages(req, d, "COMMENT_PAGES", case_id, &at, "comments_offset", at.comments_offset, ncomments);
    if (tmpl_json_rows(d, "MENTION", json_object_get(detail, "users_mention")))
        tmpl_show(d, "HAS_MENTIONS");

    json_t *files = json_object_get(detail, "attachments");
    json_array_foreach(files, i, v) {
        tmpl_dict *row = tmpl_section(d, "ATTACHMENT");
        tmpl_json_object(row, v);
        char size[32];
        page_size_text(size, sizeof size, json_integer_value(json_object_get(v, "size")));
        tmpl_set(row, "SIZE_TEXT", size);
        const char *by = json_string_value(json_object_get(json_object_get(v, "created_by"), "id"));
        if (attachment_may_delete(&act, actor_is(&act, by)))
            tmpl_set(tmpl_section(row, "CAN_DELETE"), "DELETE_ACTION",
                     page_org_url(req,
                                  arena_printf(req->a, "/cases/attachment/%s/delete",
                                               json_string_value(json_object_get(v, "id"))),
                                  NULL, NULL));
    }
    long long nfiles = json_integer_value(json_object_get(detail, "attachments_count"));
    if (nfiles == 0)
        tmpl_show(d, "NO_ATTACHMENT");
    part_pages(req, d, "ATTACHMENT_PAGES", case_id, &at, "attachments_offset", at.attachments_offset, nfiles);

    json_t *hist = json_object_get(detail, "history");
    json_array_foreach(hist, i, v)
        history_row(req, d, v, detail, members, contacts);
    long long nhist = json_integer_value(json_object_get(detail, "history_count"));
    if (nhist == 0)
        tmpl_show(d, "NO_HISTORY");
    part_pages(req, d, "HISTORY_PAGES", case_id, &at, "history_offset", at.history_offset, nhist);

    tmpl_set(d, "COMMENT_TEXT", f ? f->comment : "");
    tmpl_set_int(d, "VERSION", version);
    tmpl_set(d, "UPLOAD_LIMIT", page_upload_limit(req));
    tmpl_set_int(d, "MAX_UPLOAD", req->cfg->max_upload);
    if (f && f->comment_error)
        tmpl_set(tmpl_section(d, "COMMENT_ERROR"), "MESSAGE", f->comment_error);
    if (f && f->file_error)
        tmpl_set(tmpl_section(d, "FILE_ERROR"), "MESSAGE", f->file_error);
    return page_finish(req, resp, status);
}

/* The answer to a link to case id that is not in the organization the request acts in: when it is in another
 * organization where the user may see it, a page naming it with one button that switches there and returns to
 * the case; otherwise CD_ENOTFOUND, disclosing nothing. */
static cd_err elsewhere(request *req, response *resp, const char *id)
{
    actor act = auth_actor(req);
    char org[37];
    const char *org_name;
    cd_err e = case_org_elsewhere(&act, id, org, &org_name);
    if (e != CD_OK)
        return e;
    tmpl_dict *d = page_start(req, "This case is in another organization", "case_elsewhere.tpl");
    if (!d)
        return CD_ENOMEM;
    tmpl_set(d, "ORG_NAME", org_name);
    tmpl_set(d, "ORG_ID", org);
    tmpl_set(d, "CURRENT", req->auth->org_name ? req->auth->org_name : "another organization");
    tmpl_set(d, "NEXT", arena_printf(req->a, "/cases/%s", id));
    return page_finish(req, resp, 200);
}

cd_err web_case_detail(request *req, response *resp)
{
    cd_err e = render_detail(req, resp, req->params[0], NULL, 200);
    return e == CD_ENOTFOUND ? elsewhere(req, resp, req->params[0]) : e;
}

cd_err web_case_comment(request *req, response *resp)
{
    field_spec spec = comment_field;
    spec.required = true;
    field_val v;
    cd_err e = form_text_lines(req, "comment");
    if (e == CD_OK)
        e = input_check(req, &spec, 1, &v);
    if (e == CD_EINVALID) {
        detail_form f = {.comment = kv_get(&req->form, "comment"),
                         .comment_error =
                             json_string_value(json_array_get(json_object_get(req->invalid, "comment"), 0))};
        return page_refused(render_detail(req, resp, req->params[0], &f, 400), e);
    }
    if (e != CD_OK)
        return e;
    case_lock lk;
    const char *comment_id;
    actor act = auth_actor(req);
    if ((e = case_lock_visible(&act, req->params[0], &lk)) != CD_OK ||
        (e = case_add_post(&act, req->files, req->nfiles, &lk, v.s, NULL, &comment_id)) != CD_OK)
        return e;
    const char *at = page_case_url(req, lk.id, NULL, arena_printf(req->a, "#comment-%s", comment_id));
    const char *loaded = kv_get(&req->form, "version"); /* the version the page was loaded with */
    if (loaded && atol(loaded) != lk.version)
        return page_done(req, resp, at,
                         "Posted a comment. The case changed after you opened it: this page shows it as it is now.",
                         page_case_url(req, lk.id, NULL, "#history"), "See the changes in the history");
    return page_done(req, resp, at, "Posted a comment", NULL, NULL);
}

cd_err web_case_attach(request *req, response *resp)
{
    if (req->upload_refused || req->nfiles == 0) {
        detail_form f = {.file_error = req->upload_refused ? page_upload_refusal(req) : "Choose a file to upload."};
        field_error(input_errors(req), "attachments", f.file_error);
        return page_refused(render_detail(req, resp, req->params[0], &f, 400), CD_EINVALID);
    }
    case_lock lk;
    const char *comment_id;
    actor act = auth_actor(req);
    cd_err e;
    if ((e = case_lock_visible(&act, req->params[0], &lk)) != CD_OK ||
        (e = case_add_post(&act, req->files, req->nfiles, &lk, NULL, NULL, &comment_id)) != CD_OK)
        return e;
    const char *what = req->nfiles == 1
                           ? arena_printf(req->a, "Attached %s", page_quoted(req, req->files[0].filename))
                           : arena_printf(req->a, "Attached %zu files", req->nfiles);
    return page_done(req, resp, page_case_url(req, lk.id, NULL, "#attachments"), what, NULL, NULL);
}

cd_err web_attachment_delete(request *req, response *resp)
{
    const char *case_id, *name;
    bool may;
    actor act = auth_actor(req);
    cd_err e = attachment_find(&act, req->params[0], &case_id, &name, &may);
    if (e != CD_OK)
        return e;
    if (req->method == M_POST) {
        if ((e = attachment_delete(&act, req->params[0], &case_id, &req->error_detail)) != CD_OK)
            return e;
        return page_done(req, resp, page_case_url(req, case_id, NULL, "#attachments"),
                         arena_printf(req->a, "Deleted attachment %s", page_quoted(req, name)), NULL, NULL);
    }
    if (!may) {
        req->error_detail = ATTACHMENT_DELETE_REFUSED;
        return CD_EFORBIDDEN;
    }
    tmpl_dict *d = page_start(req, "Delete attachment", "confirm.tpl");
    if (!d)
        return CD_ENOMEM;
    tmpl_set(d, "HEADING", arena_printf(req->a, "Delete the attachment %s?", page_quoted(req, name)));
    tmpl_set(d, "QUESTION", "The file will be removed from the case; the case's history records its deletion.");
    tmpl_set(d, "ACTION",
             page_org_url(req, arena_printf(req->a, "/cases/attachment/%s/delete", req->params[0]), NULL, NULL));
    tmpl_set(d, "BUTTON", "Delete attachment");
    tmpl_set(d, "CANCEL", page_case_url(req, case_id, NULL, "#attachments"));
    return page_finish(req, resp, 200);
}

cd_err web_too_large(request *req, response *resp)
{
    tmpl_dict *d = page_start(req, "Upload too large", "error.tpl");
    if (!d)
        return CD_ENOMEM;
    tmpl_set_int(d, "STATUS", 413);
    tmpl_set(d, "REASON", http_reason(413));
    tmpl_set(
        d, "MESSAGE",
        arena_printf(req->a,
                     "The files you sent are larger than the limit of %s together, so nothing was saved. Go back, "
                     "choose smaller files and send the form again.",
                     page_upload_limit(req)));
    const char *back = url_local_part(request_header(req, "Referer"), request_header(req, "Host"));
    if (back)
        tmpl_set(tmpl_section(d, "BACK"), "HREF", back);
    return page_finish(req, resp, 413);
}
