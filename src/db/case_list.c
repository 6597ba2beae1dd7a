/* case_list.c (db): composes the case list statements from the fragments of statements.def, one per shape. */
#include "db/case_list.h"
#include "db/db.h"
#include <stdio.h>
#include <string.h>

#define STMT(n, np, s)
#define STMT_CUSTOM_PLAN(n, np, s)
#include "db/statements.def"
#undef STMT_CUSTOM_PLAN
#undef STMT

static const char *const orders[CO__COUNT] = {
    [CO_CREATED_DESC] = CL_ORDER_CREATED_DESC,   [CO_CREATED_ASC] = CL_ORDER_CREATED_ASC,
    [CO_NAME_ASC] = CL_ORDER_NAME_ASC,           [CO_NAME_DESC] = CL_ORDER_NAME_DESC,
    [CO_PRIORITY_ASC] = CL_ORDER_PRIORITY_ASC,   [CO_PRIORITY_DESC] = CL_ORDER_PRIORITY_DESC,
    [CO_STATUS_ASC] = CL_ORDER_STATUS_ASC,       [CO_STATUS_DESC] = CL_ORDER_STATUS_DESC,
    [CO_CLOSED_ASC] = CL_ORDER_CLOSED_ASC,       [CO_CLOSED_DESC] = CL_ORDER_CLOSED_DESC,
};

static const struct {
    const char *key;
    case_order order;
} order_keys[] = {
    {"-created_on", CO_CREATED_DESC}, {"created_on", CO_CREATED_ASC}, {"name", CO_NAME_ASC},
    {"-name", CO_NAME_DESC},          {"priority", CO_PRIORITY_ASC},  {"-priority", CO_PRIORITY_DESC},
    {"status", CO_STATUS_ASC},        {"-status", CO_STATUS_DESC},    {"closed_on", CO_CLOSED_ASC},
    {"-closed_on", CO_CLOSED_DESC},
};

bool case_order_parse(const char *key, case_order *order)
{
    for (size_t i = 0; key && i < sizeof order_keys / sizeof order_keys[0]; i++)
        if (strcmp(order_keys[i].key, key) == 0) {
            *order = order_keys[i].order;
            return true;
        }
    return false;
}

const char *case_order_key(case_order order)
{
    for (size_t i = 0; i < sizeof order_keys / sizeof order_keys[0]; i++)
        if (order_keys[i].order == order)
            return order_keys[i].key;
    return NULL;
}

/* A choice filter: 0 not given, 1 one value, 2 several (or none: "{}" matches nothing either way). */
static int choice(const char *v) { return !v ? 0 : strchr(v, ',') ? 2 : 1; }

/* The shape of a request: everything that changes the text of its statement. */
typedef struct shape {
    bool admin, name, assignee, account;
    int status, priority, type, resolution; /* choice(); resolution 1 open, 2 closed */
} shape;

static shape shape_of(case_list_kind kind, const char *const p[CQ__COUNT])
{
    shape s = {
        .admin = p[CQ_ADMIN] && (strcmp(p[CQ_ADMIN], "true") == 0 || strcmp(p[CQ_ADMIN], "t") == 0),
        .name = p[CQ_NAME] != NULL,
        .assignee = p[CQ_ASSIGNEE] != NULL,
        .account = p[CQ_ACCOUNT] != NULL,
        .status = kind == CL_KIND_STATUS_COUNTS ? 0 : choice(p[CQ_STATUS]),
        .priority = choice(p[CQ_PRIORITY]),
        .type = choice(p[CQ_TYPE]),
        .resolution = !p[CQ_RESOLUTION] ? 0 : strcmp(p[CQ_RESOLUTION], "closed") == 0 ? 2 : 1,
    };
    return s;
}

typedef struct out {
    char *buf;
    size_t len, used;
    bool full;
} out;

static void put(out *o, const char *s)
{
    size_t n = strlen(s);
    if (o->full || o->used + n >= o->len) {
        o->full = true;
        return;
    }
    memcpy(o->buf + o->used, s, n + 1);
    o->used += n;
}

/* Which alias the choice filters apply to: a counter row or a case. */
enum { OVER_COUNTERS, OVER_CASES };

/* A choice filter's fragment (status, priority, type: not given, one value, several) over either alias. */
#define CHOICE(col, n)                                                                                     \
    {{"", CL_ONE("k", col, n), CL_ANY("k", col, n)}, {"", CL_ONE("c", col, n), CL_ANY("c", col, n)}}
static const char *const status_sql[2][3] = CHOICE("status", "$5");
static const char *const priority_sql[2][3] = CHOICE("priority", "$6");
static const char *const type_sql[2][3] = CHOICE("case_type", "$7");
static const char *const resolution_sql[2][3] = {{"", CL_OPEN("k"), CL_CLOSED("k")}, {"", CL_OPEN("c"), CL_CLOSED("c")}};

/* The filters a counter row (alias k) can apply: status, priority, type, resolution. */
static void counter_filters(out *o, const shape *s)
{
    put(o, status_sql[OVER_COUNTERS][s->status]);
    put(o, priority_sql[OVER_COUNTERS][s->priority]);
    put(o, type_sql[OVER_COUNTERS][s->type]);
    put(o, resolution_sql[OVER_COUNTERS][s->resolution]);
}

/* The cases a shape reads before its filters: an ADMIN's organization, a USER's visible cases. */
static const char *from(const shape *s) { return s->admin ? CL_FROM_ORG : CL_FROM_VISIBLE; }

/* Every filter given, over the cases (alias c); the assignee's unless with_assignee is false (the statement
 * starts from the assignee's links). */
static void case_filters(out *o, const shape *s, bool with_assignee)
{
    if (s->name)
        put(o, CL_NAME);
    put(o, status_sql[OVER_CASES][s->status]);
    put(o, priority_sql[OVER_CASES][s->priority]);
    put(o, type_sql[OVER_CASES][s->type]);
    if (s->assignee && with_assignee)
        put(o, CL_ASSIGNEE);
    if (s->account)
        put(o, CL_ACCOUNT);
    put(o, resolution_sql[OVER_CASES][s->resolution]);
}

/* True when the counters can count what s selects: an ADMIN, no filter beyond status, priority, type and
 * resolution. */
static bool counters_apply(const shape *s) { return s->admin && !s->name && !s->assignee && !s->account; }

/* True when s has no filter at all. */
static bool no_filter(const shape *s)
{
    return !s->name && !s->status && !s->priority && !s->type && !s->assignee && !s->account && !s->resolution;
}

static void total(out *o, const shape *s)
{
    bool only_assignee = s->assignee && !s->name && !s->status && !s->priority && !s->type && !s->account &&
                         !s->resolution;
    if (s->admin && no_filter(s)) {
        put(o, CL_COUNT_TOTAL);
    } else if (counters_apply(s)) {
        put(o, CL_COUNTERS);
        counter_filters(o, s);
        put(o, CL_COUNT_END);
    } else if (s->admin && only_assignee) {
        put(o, CL_COUNT_ASSIGNEE);
    } else if (!s->admin && no_filter(s)) {
        put(o, CL_COUNT_VISIBLE);
    } else {
        put(o, CL_COUNT_CASES);
        put(o, from(s));
        case_filters(o, s, true);
        put(o, CL_COUNT_END);
    }
}

/* True when the page starts from the assignee's links, which are kept in the case's creation order. */
static bool by_assignee(const char *const p[CQ__COUNT], case_order order)
{
    return p[CQ_ASSIGNEE] && (order == CO_CREATED_DESC || order == CO_CREATED_ASC);
}

static unsigned shape_key(case_list_kind kind, const shape *s, case_order order)
{
    unsigned k = (unsigned)kind * CO__COUNT + (kind == CL_KIND_STATUS_COUNTS ? 0 : (unsigned)order);
    k = k * 2 + s->admin;
    k = k * 2 + s->name;
    k = k * 3 + (unsigned)s->status;
    k = k * 3 + (unsigned)s->priority;
    k = k * 3 + (unsigned)s->type;
    k = k * 2 + s->assignee;
    k = k * 2 + s->account;
    k = k * 3 + (unsigned)s->resolution;
    return k;
}

/* The (status, count) rows of the cases s selects but for its status filter. */
static void status_counts(out *o, const shape *page)
{
    shape s = *page;
    s.status = 0;
    if (s.admin && no_filter(&s)) {
        put(o, CL_STATUS_TOTALS);
    } else if (counters_apply(&s)) {
        put(o, CL_STATUS_COUNTERS);
        counter_filters(o, &s);
        put(o, CL_STATUS_END("k"));
    } else {
        put(o, CL_STATUS_CASES);
        put(o, from(&s));
        case_filters(o, &s, true);
        put(o, CL_STATUS_END("c"));
    }
}

bool case_list_sql(case_list_kind kind, const char *const p[CQ__COUNT], case_order order, char *buf, size_t len,
                   char *name)
{
    if ((unsigned)order >= CO__COUNT)
        order = CO_CREATED_DESC;
    shape s = shape_of(kind, p);
    out o = {buf, len, 0, len == 0};
    if (len)
        buf[0] = '\0';
    if (kind == CL_KIND_STATUS_COUNTS) {
        status_counts(&o, &s);
    } else {
        put(&o, CL_PAGE_HEAD);
        total(&o, &s);
        put(&o, CL_PAGE_TOTAL_END);
        if (kind == CL_KIND_PAGE_AND_STATUSES) {
            put(&o, CL_PAGE_STATUSES_HEAD);
            status_counts(&o, &s);
            put(&o, CL_PAGE_STATUSES_END);
        }
        put(&o, CL_PAGE_ROWS);
        bool newest = order == CO_CREATED_DESC;
        if (by_assignee(p, order)) {
            put(&o, CL_FROM_ASSIGNEE);
            if (!s.admin)
                put(&o, CL_VISIBLE);
            case_filters(&o, &s, false);
            put(&o, newest ? CL_BY_ASSIGNEE_NEWEST : CL_BY_ASSIGNEE_OLDEST);
        } else {
            put(&o, from(&s));
            case_filters(&o, &s, true);
            if (!s.admin && (newest || order == CO_CREATED_ASC)) {
                put(&o, newest ? CL_BY_VISIBLE_NEWEST : CL_BY_VISIBLE_OLDEST);
            } else {
                put(&o, CL_PAGE_ORDER);
                put(&o, orders[order]);
                put(&o, CL_PAGE_TAIL);
            }
        }
    }
    snprintf(name, DB_COMPOSED_NAME_MAX, "case_list_%u", shape_key(kind, &s, order));
    return !o.full;
}

bool case_list_custom_plan(const char *const p[CQ__COUNT], case_order order)
{
    /* How many cases a name pattern, an assignee or an account selects decides between their index (then a
     * sort) and walking the cases in order: plan those for their values. (A generic plan also assumes that
     * LIMIT $11 returns a tenth of the rows, which favours the sort.) An assignee's page in creation order
     * has one good plan. */
    return p[CQ_NAME] || p[CQ_ACCOUNT] || (p[CQ_ASSIGNEE] && !by_assignee(p, order));
}

PGresult *case_list_exec(arena *a, case_list_kind kind, const char *const p[CQ__COUNT], case_order order,
                         cd_err *err)
{
    static const Oid types[CQ__COUNT] = CL_TYPES;
    char sql[8192], name[DB_COMPOSED_NAME_MAX];
    if (!case_list_sql(kind, p, order, sql, sizeof sql, name)) {
        *err = CD_EINTERNAL;
        return NULL;
    }
    return db_exec_composed(a, name, sql, CQ__COUNT, types, case_list_custom_plan(p, order), p, err);
}
