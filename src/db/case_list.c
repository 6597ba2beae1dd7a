/* case_list.c (db): composes the case list statements from the rows of case_filters.def and the fragments of
 * statements.def, one statement per shape. */
#include "db/case_list.h"
#include "db/db.h"
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#define STMT(n, np, s)
#define STMT_CUSTOM_PLAN(n, np, s)
#include "db/statements.def"
#undef STMT_CUSTOM_PLAN
#undef STMT

/* PostgreSQL's type OIDs (pg_type.oid, fixed in its catalog), named after pg_type.typname. */
enum {
    PG_TYPE_bool = 16,
    PG_TYPE_int8 = 20,
    PG_TYPE_text = 25,
    PG_TYPE__text = 1009,
    PG_TYPE_uuid = 2950,
    PG_TYPE_timestamptz = 1184,
    PG_TYPE_regconfig = 3734
};

/* The words of case_filters.def's columns, as case_param fields (laid out as a table, by hand). */
// clang-format off
#define CL_NONE(a, col, p) NULL
#define CF_PICK_GIVEN CP_GIVEN, {NULL, NULL}
#define CF_PICK_ARITY CP_ARITY, {NULL, NULL}
#define CF_PICK_WORDS(first, second) CP_WORDS, {first, second}
#define CF_OVER_COUNTED(one, several, col, p) {"", one("k", col, p), several("k", col, p)}
#define CF_OVER_UNCOUNTED(one, several, col, p) {NULL, NULL, NULL}
#define CF_PLAN_CUSTOM true
#define CF_PLAN_GENERIC false
#define CF_LINKS_NONE NULL, NULL, NULL, NULL
#define CF_LINKS_ASSIGNEE CL_FROM_ASSIGNEE, CL_BY_ASSIGNEE_NEWEST, CL_BY_ASSIGNEE_OLDEST, CL_COUNT_ASSIGNEE
#define CF_LINKS_SEARCH CL_FROM_SEARCH, NULL, NULL, NULL

const case_param case_params[CQ__COUNT] = {
#define CL_PARAM(id, key, type) [CQ_##id] = {key, CP_NONE, {NULL, NULL}, {NULL}, {NULL}, false, NULL, NULL, NULL, NULL},
#define CL_FILTER(id, key, type, pick, col, one, several, counter, plan, links)                              \
    [CQ_##id] = {key,                                                                                      \
                 CF_PICK_##pick,                                                                           \
                 {"", one("c", col, "$" key), several("c", col, "$" key)},                                 \
                 CF_OVER_##counter(one, several, col, "$" key),                                            \
                 CF_PLAN_##plan,                                                                           \
                 CF_LINKS_##links},
#include "db/case_filters.def"
#undef CL_FILTER
#undef CL_PARAM
};
// clang-format on

/* The shape's bitmasks hold one bit per row. */
_Static_assert(CQ__COUNT <= 32, "a shape holds one bit per parameter");

static const char *const orders[CO__COUNT] = {
    [CO_CREATED_DESC] = CL_ORDER_CREATED_DESC,
    [CO_CREATED_ASC] = CL_ORDER_CREATED_ASC,
    [CO_NAME_ASC] = CL_ORDER_NAME_ASC,
    [CO_NAME_DESC] = CL_ORDER_NAME_DESC,
    [CO_PRIORITY_ASC] = CL_ORDER_PRIORITY_ASC,
    [CO_PRIORITY_DESC] = CL_ORDER_PRIORITY_DESC,
    [CO_STATUS_ASC] = CL_ORDER_STATUS_ASC,
    [CO_STATUS_DESC] = CL_ORDER_STATUS_DESC,
    [CO_CLOSED_ASC] = CL_ORDER_CLOSED_ASC,
    [CO_CLOSED_DESC] = CL_ORDER_CLOSED_DESC,
    [CO_UPDATED_ASC] = CL_ORDER_UPDATED_ASC,
    [CO_UPDATED_DESC] = CL_ORDER_UPDATED_DESC,
    [CO_QUEUE] = CL_ORDER_QUEUE,
    [CO_RELEVANCE] = CL_ORDER_CREATED_DESC, /* without a search: none is more relevant */
};

static const struct {
    const char *key;
    case_order order;
} order_keys[] = {
    {"-created_on", CO_CREATED_DESC},
    {"created_on", CO_CREATED_ASC},
    {"name", CO_NAME_ASC},
    {"-name", CO_NAME_DESC},
    {"priority", CO_PRIORITY_ASC},
    {"-priority", CO_PRIORITY_DESC},
    {"status", CO_STATUS_ASC},
    {"-status", CO_STATUS_DESC},
    {"closed_on", CO_CLOSED_ASC},
    {"-closed_on", CO_CLOSED_DESC},
    {"updated_on", CO_UPDATED_ASC},
    {"-updated_on", CO_UPDATED_DESC},
    {"-priority,updated_on", CO_QUEUE},
    {"relevance", CO_RELEVANCE},
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

int case_param_form(const case_param *r, const char *value)
{
    if (!value)
        return 0;
    switch (r->pick) {
    case CP_GIVEN:
        return 1;
    case CP_ARITY: /* several values, or none: "{}" matches nothing either way */
        return strchr(value, ',') ? 2 : 1;
    case CP_WORDS:
        return strcmp(value, r->words[1]) == 0 ? 2 : 1;
    case CP_NONE:
        break;
    }
    return 0;
}

/* The shape of a request, everything that changes the text of its statement: the role, which filters are
 * given (a bit per row) and which of those take their second form. */
typedef struct shape {
    bool admin;
    unsigned given, second;
} shape;

#define BIT(i) (1u << (i))

/* The form row i takes in s (case_param_form). */
static int form(const shape *s, int i) { return !(s->given & BIT(i)) ? 0 : (s->second & BIT(i)) ? 2 : 1; }

static shape shape_of(case_list_kind kind, const char *const p[CQ__COUNT])
{
    shape s = {.admin = p[CQ_ADMIN] && (strcmp(p[CQ_ADMIN], "true") == 0 || strcmp(p[CQ_ADMIN], "t") == 0)};
    for (int i = 0; i < CQ__COUNT; i++) {
        int f = case_param_form(&case_params[i], p[i]);
        s.given |= f ? BIT(i) : 0;
        s.second |= f == 2 ? BIT(i) : 0;
    }
    if (kind == CL_KIND_STATUS_COUNTS) /* the counts are by status: every status */
        s.given &= ~BIT(CQ_STATUS);
    return s;
}

typedef struct out {
    char *buf;
    size_t len, used;
    bool full;
    unsigned base; /* added to each parameter's number: the parameters of the list before this one in a batch */
} out;

static void put_n(out *o, const char *s, size_t n)
{
    if (o->full || o->used + n >= o->len) {
        o->full = true;
        return;
    }
    memcpy(o->buf + o->used, s, n);
    o->used += n;
    o->buf[o->used] = '\0';
}

/* Appends fragment s, each $key in it written as its parameter's number. */
static void put(out *o, const char *s)
{
    for (const char *d; (d = strchr(s, '$')) != NULL;) {
        put_n(o, s, (size_t)(d - s) + 1);
        size_t n = strspn(d + 1, "abcdefghijklmnopqrstuvwxyz_");
        int i = 0;
        while (i < CQ__COUNT && (strlen(case_params[i].key) != n || strncmp(case_params[i].key, d + 1, n) != 0))
            i++;
        char num[16];
        if (i == CQ__COUNT) { /* not a parameter's key: as written */
            put_n(o, d + 1, n);
        } else {
            snprintf(num, sizeof num, "%u", o->base + (unsigned)i + 1);
            put_n(o, num, strlen(num));
        }
        s = d + 1 + n;
    }
    put_n(o, s, strlen(s));
}

/* The filters a counter row (alias k) can apply, those of s. */
static void counter_filters(out *o, const shape *s)
{
    for (int i = 0; i < CQ__COUNT; i++)
        if (s->given & BIT(i))
            put(o, case_params[i].over_counter[form(s, i)]);
}

/* The cases a shape reads before its filters: an ADMIN's organization, a USER's visible cases. */
static const char *from(const shape *s) { return s->admin ? CL_FROM_ORG : CL_FROM_VISIBLE; }

/* Every filter of s over the cases (alias c) but row skip's (the statement starts from its links; -1 none). */
static void case_filters(out *o, const shape *s, int skip)
{
    for (int i = 0; i < CQ__COUNT; i++)
        if ((s->given & BIT(i)) && i != skip)
            put(o, case_params[i].over_case[form(s, i)]);
}

/* True when the counters can count what s selects: an ADMIN, every filter one the counter rows answer. */
static bool counters_apply(const shape *s)
{
    for (int i = 0; i < CQ__COUNT; i++)
        if ((s->given & BIT(i)) && !case_params[i].over_counter[1])
            return false;
    return s->admin;
}

/* True when s counts its total only up to one past CASE_COUNT_EXACT_MAX: it searches, or filters by name. */
static bool capped(const shape *s) { return (s->given & (BIT(CQ_Q) | BIT(CQ_NAME))) != 0; }

/* The total of an ADMIN's only filter from its own counters; NULL when s is no such shape. */
static const char *alone_total(const shape *s)
{
    for (int i = 0; i < CQ__COUNT; i++)
        if (s->given == BIT(i))
            return s->admin ? case_params[i].links_total : NULL;
    return NULL;
}

static void total(out *o, const shape *s)
{
    const char *alone = alone_total(s);
    if (s->admin && !s->given) {
        put(o, CL_COUNT_TOTAL);
    } else if (counters_apply(s)) {
        put(o, CL_COUNTERS);
        counter_filters(o, s);
        put(o, CL_COUNT_END);
    } else if (alone) {
        put(o, alone);
    } else if (!s->admin && !s->given) {
        put(o, CL_COUNT_VISIBLE);
    } else if (capped(s)) {
        put(o, CL_COUNT_CAPPED);
        put(o, from(s));
        case_filters(o, s, -1);
        put(o, CL_COUNT_CAPPED_END);
    } else {
        put(o, CL_COUNT_CASES);
        put(o, from(s));
        case_filters(o, s, -1);
        put(o, CL_COUNT_END);
    }
}

/* The row of the filter whose links a page of s in order starts from (kept in the case's creation order);
 * -1 when none. */
static int driver(const shape *s, case_order order)
{
    if (order == CO_RELEVANCE)
        return (s->given & BIT(CQ_Q)) ? CQ_Q : -1;
    if (order != CO_CREATED_DESC && order != CO_CREATED_ASC)
        return -1;
    for (int i = 0; i < CQ__COUNT; i++)
        if ((s->given & BIT(i)) && case_params[i].links_newest)
            return i;
    return -1;
}

bool case_list_capped(const char *const p[CQ__COUNT])
{
    shape s = shape_of(CL_KIND_PAGE, p);
    return capped(&s);
}

/* A number per shape: the kind, the ordering (none for status counts), the role, then each filter's form. */
static unsigned shape_key(case_list_kind kind, const shape *s, case_order order)
{
    unsigned k = (unsigned)kind * CO__COUNT +
                 (kind == CL_KIND_STATUS_COUNTS || kind == CL_KIND_ESTIMATE ? 0 : (unsigned)order);
    k = k * 2 + s->admin;
    for (int i = 0; i < CQ__COUNT; i++)
        if (case_params[i].pick != CP_NONE)
            k = k * (case_params[i].pick == CP_GIVEN ? 2 : 3) + (unsigned)form(s, i);
    return k;
}

/* The (status, count) rows of the cases s selects but for its status filter. */
static void status_counts(out *o, const shape *page)
{
    shape s = *page;
    s.given &= ~BIT(CQ_STATUS);
    if (s.admin && !s.given) {
        put(o, CL_STATUS_TOTALS);
    } else if (counters_apply(&s)) {
        put(o, CL_STATUS_COUNTERS);
        counter_filters(o, &s);
        put(o, CL_STATUS_END("k"));
    } else {
        put(o, CL_STATUS_CASES);
        put(o, from(&s));
        case_filters(o, &s, -1);
        put(o, CL_STATUS_END("c"));
    }
}

bool case_list_sql(case_list_kind kind, const char *const p[CQ__COUNT], case_order order, char *buf, size_t len,
                   char *name)
{
    shape s = shape_of(kind, p);
    if ((unsigned)order >= CO__COUNT || (order == CO_RELEVANCE && !(s.given & BIT(CQ_Q))))
        order = CO_CREATED_DESC;
    out o = {buf, len, 0, len == 0, 0};
    if (len)
        buf[0] = '\0';
    if (kind == CL_KIND_STATUS_COUNTS) {
        status_counts(&o, &s);
    } else if (kind == CL_KIND_ESTIMATE) {
        put(&o, CL_ESTIMATE_HEAD);
        put(&o, from(&s));
        case_filters(&o, &s, -1);
    } else {
        if (kind == CL_KIND_EXPORT) {
            put(&o, CL_EXPORT_HEAD);
            put(&o, CL_EXPORT_ROWS);
        } else {
            put(&o, CL_PAGE_HEAD);
            total(&o, &s);
            put(&o, CL_PAGE_TOTAL_END);
        }
        if (kind == CL_KIND_PAGE_AND_STATUSES) {
            put(&o, CL_PAGE_STATUSES_HEAD);
            status_counts(&o, &s);
            put(&o, CL_PAGE_STATUSES_END);
        }
        if (kind != CL_KIND_EXPORT) {
            put(&o, CL_PAGE_ROWS);
            if (s.given & BIT(CQ_Q))
                put(&o, CL_PAGE_HIGHLIGHT);
            put(&o, CL_PAGE_FROM);
        }
        bool newest = order == CO_CREATED_DESC;
        int d = driver(&s, order);
        if (d >= 0) {
            put(&o, case_params[d].links_from);
            if (!s.admin)
                put(&o, CL_VISIBLE);
            case_filters(&o, &s, d);
            put(&o, order == CO_RELEVANCE ? CL_BY_RELEVANCE
                    : newest              ? case_params[d].links_newest
                                          : case_params[d].links_oldest);
        } else {
            put(&o, from(&s));
            case_filters(&o, &s, -1);
            if (!s.admin && (newest || order == CO_CREATED_ASC)) {
                put(&o, newest ? CL_BY_VISIBLE_NEWEST : CL_BY_VISIBLE_OLDEST);
            } else {
                put(&o, CL_PAGE_ORDER);
                put(&o, orders[order]);
                put(&o, newest || order == CO_CREATED_ASC ? CL_PAGE_TAIL_ID : CL_PAGE_TAIL);
            }
        }
    }
    snprintf(name, DB_COMPOSED_NAME_MAX, "case_list_%u", shape_key(kind, &s, order));
    return !o.full;
}

bool case_list_totals_sql(size_t n, const char *const (*p)[CQ__COUNT], char *buf, size_t len, char *name)
{
    out o = {buf, len, 0, len == 0, 0};
    if (len)
        buf[0] = '\0';
    /* the name: a hash (FNV-1a) of the shapes in order, which decide the text */
    unsigned long long h = 1469598103934665603ull;
    put(&o, CL_PAGE_HEAD);
    for (size_t i = 0; i < n; i++) {
        shape s = shape_of(CL_KIND_PAGE, p[i]);
        unsigned k = shape_key(CL_KIND_PAGE, &s, CO_CREATED_DESC);
        for (int b = 0; b < 4; b++)
            h = (h ^ ((k >> (8 * b)) & 0xffu)) * 1099511628211ull;
        if (i)
            put(&o, CL_TOTALS_NEXT);
        o.base = (unsigned)(i * CQ__COUNT);
        total(&o, &s);
    }
    snprintf(name, DB_COMPOSED_NAME_MAX, "case_totals_%016llx", h);
    return n > 0 && !o.full;
}

bool case_list_custom_plan(const char *const p[CQ__COUNT], case_order order)
{
    /* How many cases a filter's value selects can decide between its index (then a sort) and walking the
     * cases in order: such filters (CUSTOM in case_filters.def) are planned for their values. (A generic plan
     * also assumes that the LIMIT returns a tenth of the rows, which favours the sort.) A page that starts
     * from a filter's links in creation order has one good plan for that filter. */
    shape s = shape_of(CL_KIND_PAGE, p);
    if (s.given & BIT(CQ_Q)) /* the search query is made when planned (CL_TSQUERY) */
        return true;
    int d = driver(&s, order);
    for (int i = 0; i < CQ__COUNT; i++)
        if ((s.given & BIT(i)) && i != d && case_params[i].custom_plan)
            return true;
    return false;
}

PGresult *case_list_exec(arena *a, case_list_kind kind, const char *const p[CQ__COUNT], case_order order, cd_err *err)
{
    static const Oid types[CQ__COUNT] = {
#define CL_PARAM(id, key, type) PG_TYPE_##type,
#define CL_FILTER(id, key, type, ...) PG_TYPE_##type,
#include "db/case_filters.def"
#undef CL_FILTER
#undef CL_PARAM
    };
    char sql[8192], name[DB_COMPOSED_NAME_MAX];
    if (!case_list_sql(kind, p, order, sql, sizeof sql, name)) {
        *err = CD_EINTERNAL;
        return NULL;
    }
    return db_exec_composed(a, name, sql, CQ__COUNT, types, case_list_custom_plan(p, order), p, err);
}

long long case_list_estimate(arena *a, const char *const p[CQ__COUNT], long long min, cd_err *err)
{
    PGresult *r = case_list_exec(a, CL_KIND_ESTIMATE, p, CO_CREATED_DESC, err);
    if (!r)
        return -1;
    json_t *plan = PQntuples(r) == 1 ? json_loads(PQgetvalue(r, 0, 0), 0, NULL) : NULL;
    json_t *rows = json_object_get(json_object_get(json_array_get(plan, 0), "Plan"), "Plan Rows");
    long long n = json_is_number(rows) ? (long long)json_number_value(rows) : -1;
    json_decref(plan);
    if (n < 0) {
        *err = CD_EINTERNAL;
        return -1;
    }
    return n < min ? min : n;
}

PGresult *case_list_totals_exec(arena *a, size_t n, const char *const (*p)[CQ__COUNT], cd_err *err)
{
    static const Oid one[CQ__COUNT] = {
#define CL_PARAM(id, key, type) PG_TYPE_##type,
#define CL_FILTER(id, key, type, ...) PG_TYPE_##type,
#include "db/case_filters.def"
#undef CL_FILTER
#undef CL_PARAM
    };
    size_t len = n * CASE_TOTAL_SQL_MAX + 64;
    char *sql = n <= CASE_TOTALS_MAX ? arena_alloc(a, len) : NULL, name[DB_COMPOSED_NAME_MAX];
    Oid *types = sql ? arena_alloc(a, n * CQ__COUNT * sizeof *types) : NULL;
    const char **params = types ? arena_alloc(a, n * CQ__COUNT * sizeof *params) : NULL;
    if (!params || !case_list_totals_sql(n, p, sql, len, name)) {
        *err = params ? CD_EINTERNAL : CD_ENOMEM;
        return NULL;
    }
    bool custom = false;
    for (size_t i = 0; i < n; i++) {
        memcpy(types + i * CQ__COUNT, one, sizeof one);
        memcpy(params + i * CQ__COUNT, p[i], CQ__COUNT * sizeof *params);
        custom |= case_list_custom_plan(p[i], CO_CREATED_DESC);
    }
    return db_exec_composed(a, name, sql, (int)(n * CQ__COUNT), types, custom, params, err);
}
