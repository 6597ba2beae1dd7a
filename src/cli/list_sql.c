/* list_sql.c (cli): `casedesk list-sql`, the composed case list statement of a shape, and the golden set. */
#include "cli/list_sql.h"
#include "db/case_list.h"
#include "db/db.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Filters by argument, one per form of each filter of case_filters.def: which parameter, the placeholder
 * value that gives the form, and its word in a golden file's name. A filter of one form is named by its key;
 * one of one value or several by its key and its key then '+' ("status", "status+": "status1", "statusN");
 * one picked by its value by each value ("open", "closed"). */
static struct {
    char arg[40];
    int param;
    const char *value;
    char word[40];
} filters[2 * CQ__COUNT];
static size_t nfilters;
static bool filters_ready;

static void add_filter(int param, const char *arg, const char *suffix, const char *value, const char *word)
{
    snprintf(filters[nfilters].arg, sizeof filters[0].arg, "%s%s", arg, suffix);
    filters[nfilters].param = param;
    filters[nfilters].value = value;
    snprintf(filters[nfilters].word, sizeof filters[0].word, "%s%s", arg, word);
    nfilters++;
}

/* Fills filters from the rows, once. */
static void filters_init(void)
{
    for (int i = 0; i < CQ__COUNT && !filters_ready; i++) {
        const case_param *r = &case_params[i];
        if (r->pick == CP_GIVEN) {
            add_filter(i, r->key, "", "x", "");
        } else if (r->pick == CP_ARITY) {
            add_filter(i, r->key, "", "{x}", "1");
            add_filter(i, r->key, "+", "{x,y}", "N");
        } else if (r->pick == CP_WORDS) {
            add_filter(i, r->words[0], "", r->words[0], "");
            add_filter(i, r->words[1], "", r->words[1], "");
        }
    }
    filters_ready = true;
}

/* A shape as the arguments name it. */
typedef struct shape_args {
    const char *p[CQ__COUNT];
    case_list_kind kind;
    case_order order;
} shape_args;

/* Reads argv into *s; false (after saying why on stderr) on an unknown argument. */
static bool parse(shape_args *s, int argc, char **argv)
{
    filters_init();
    *s = (shape_args){
        .p = {[CQ_ORG] = "o", [CQ_USER] = "u", [CQ_ADMIN] = "true", [CQ_LIMIT] = "10", [CQ_OFFSET] = "0"},
        .kind = CL_KIND_PAGE,
        .order = CO_CREATED_DESC};
    for (int i = 0; i < argc; i++) {
        bool known = false;
        if (strcmp(argv[i], "--user") == 0) {
            s->p[CQ_ADMIN] = "false";
            known = true;
        } else if (strcmp(argv[i], "--counts") == 0) {
            s->kind = CL_KIND_STATUS_COUNTS;
            known = true;
        } else if (strcmp(argv[i], "--export") == 0) {
            s->kind = CL_KIND_EXPORT;
            s->p[CQ_LIMIT] = NULL;
            known = true;
        } else if (strcmp(argv[i], "--estimate") == 0) {
            s->kind = CL_KIND_ESTIMATE;
            known = true;
        } else if (strcmp(argv[i], "--statuses") == 0) {
            s->kind = CL_KIND_PAGE_AND_STATUSES;
            known = true;
        } else if (strcmp(argv[i], "--order") == 0 && i + 1 < argc) {
            known = case_order_parse(argv[++i], &s->order);
        } else {
            for (size_t k = 0; k < nfilters; k++)
                if (strcmp(filters[k].arg, argv[i]) == 0) {
                    s->p[filters[k].param] = filters[k].value;
                    known = true;
                }
        }
        if (!known) {
            fprintf(stderr, "casedesk list-sql: unknown argument %s\n", argv[i]);
            return false;
        }
    }
    return true;
}

/* The golden file name of s: kind, role, the filters in the table's order, then the ordering unless the
 * kind has none (status counts); "" when name (size len) is too small. */
static void golden_name(const shape_args *s, char *name, size_t len)
{
    static const char *const kinds[] = {[CL_KIND_PAGE] = "page",
                                        [CL_KIND_PAGE_AND_STATUSES] = "statuses",
                                        [CL_KIND_STATUS_COUNTS] = "counts",
                                        [CL_KIND_ESTIMATE] = "estimate",
                                        [CL_KIND_EXPORT] = "export"};
    size_t n =
        (size_t)snprintf(name, len, "%s.%s", kinds[s->kind], strcmp(s->p[CQ_ADMIN], "true") == 0 ? "admin" : "user");
    for (size_t k = 0; k < nfilters && n < len; k++)
        if (s->p[filters[k].param] && case_param_form(&case_params[filters[k].param], s->p[filters[k].param]) ==
                                          case_param_form(&case_params[filters[k].param], filters[k].value))
            n += (size_t)snprintf(name + n, len - n, ".%s", filters[k].word);
    if (s->kind != CL_KIND_STATUS_COUNTS && s->kind != CL_KIND_ESTIMATE && n < len) {
        /* Each key of the ordering with its direction, "+" between keys: .priority_desc+updated_on_asc */
        const char *key = case_order_key(s->order);
        for (const char *k = key; *k && n < len; k += *k == ',') {
            bool desc = *k == '-';
            size_t w = strcspn(k + desc, ",");
            n += (size_t)snprintf(name + n, len - n, "%s%.*s_%s", k == key ? "." : "+", (int)w, k + desc,
                                  desc ? "desc" : "asc");
            k += desc + w;
        }
    }
    if (n < len)
        n += (size_t)snprintf(name + n, len - n, ".sql");
    if (n >= len && len)
        name[0] = '\0';
}

int cli_list_sql(FILE *out, int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[0], "--all") == 0)
        return cli_list_sql_all(argv[1]);
    shape_args s;
    if (!parse(&s, argc, argv))
        return 2;
    char sql[8192], name[DB_COMPOSED_NAME_MAX];
    if (!case_list_sql(s.kind, s.p, s.order, sql, sizeof sql, name))
        return 1;
    fprintf(out, "-- %s, %s plan\n%s\n", name, case_list_custom_plan(s.p, s.order) ? "custom" : "generic", sql);
    return 0;
}

/* Walking the golden set: the callback, its context, the names given so far (a shape reached twice is
 * given once), and the first nonzero callback result. */
typedef struct walk {
    list_sql_golden_fn *fn;
    void *ctx;
    char seen[LIST_SQL_GOLDEN_MAX][LIST_SQL_NAME_MAX];
    size_t nseen;
    int rc;
} walk;

/* Gives the shape that args (list-sql's arguments, space separated) name to w's callback. */
static void shape(walk *w, const char *args)
{
    char buf[256], *argv[32], *save = NULL;
    int argc = 0;
    snprintf(buf, sizeof buf, "%s", args);
    for (char *t = strtok_r(buf, " ", &save); t && argc < 32; t = strtok_r(NULL, " ", &save))
        argv[argc++] = t;
    shape_args s;
    char name[LIST_SQL_NAME_MAX], sql[8192], text[8300], stmt[DB_COMPOSED_NAME_MAX];
    if (w->rc)
        return;
    if (!parse(&s, argc, argv) || (golden_name(&s, name, sizeof name), !*name) ||
        !case_list_sql(s.kind, s.p, s.order, sql, sizeof sql, stmt) || w->nseen == LIST_SQL_GOLDEN_MAX) {
        w->rc = -1;
        return;
    }
    for (size_t i = 0; i < w->nseen; i++)
        if (strcmp(w->seen[i], name) == 0)
            return;
    snprintf(w->seen[w->nseen++], LIST_SQL_NAME_MAX, "%s", name);
    snprintf(text, sizeof text, "-- %s plan\n%s\n", case_list_custom_plan(s.p, s.order) ? "custom" : "generic", sql);
    w->rc = w->fn(w->ctx, name, text);
}

/* The combinations whose branch differs from each filter's alone, each for every kind and role. */
static const char *const combinations[] = {
    "status priority+ case_type+ open",          /* every filter a counter row answers, together */
    "status name",                               /* a counted filter with one the counters cannot answer */
    "status+ assigned_to",                       /* the assignee with another filter: not the assignee's counter */
    "assigned_to closed --order created_on",     /* the assignee's links, oldest first, filtered */
    "assigned_to name --order -created_on",      /* the assignee's links with a custom-planned filter */
    "name account",                              /* two custom-planned filters over the cases */
    "account --order -priority",                 /* a custom plan under a page ordering */
    "priority case_type closed --order -status", /* counters for the total under a page ordering */
    "status team unassigned --order name",       /* a team's cases with no assignee, by a counted filter */
    "name status+ priority case_type+ assigned_to account closed", /* every filter at once */
    "q --order relevance",                    /* a search by relevance, from the documents it matches */
    "q assigned_to status --order relevance", /* ... with filters over the cases */
    "q --order -updated_on",                  /* a search under another ordering: a filter over the cases */
};

/* The estimates of the golden set (the totals a search or name filter counts only up to a bound), each role. */
static const char *const estimates[] = {"q", "name", "q status assigned_to"};

/* The exports of the golden set, for each role. */
static const char *const exports[] = {
    "",
    "assigned_to",
    "open --order -priority,updated_on",
    "name status+ priority case_type+ assigned_to account closed team unassigned --order updated_on",
    "q --order relevance",
};

int list_sql_golden(list_sql_golden_fn *fn, void *ctx)
{
    static walk w;
    memset(&w, 0, sizeof w);
    filters_init();
    w.fn = fn;
    w.ctx = ctx;
    static const char *const kind_args[] = {"", "--statuses", "--counts"};
    static const char *const roles[] = {"", "--user"};
    char args[256];
    for (size_t r = 0; r < 2; r++) {
        /* Each kind without filters, with each filter alone and with each combination. */
        for (size_t k = 0; k < 3; k++) {
            snprintf(args, sizeof args, "%s %s", kind_args[k], roles[r]);
            shape(&w, args);
            for (size_t f = 0; f < nfilters; f++) {
                snprintf(args, sizeof args, "%s %s %.39s", kind_args[k], roles[r], filters[f].arg);
                shape(&w, args);
            }
            for (size_t c = 0; c < sizeof combinations / sizeof combinations[0]; c++) {
                snprintf(args, sizeof args, "%s %s %s", kind_args[k], roles[r], combinations[c]);
                shape(&w, args);
            }
        }
        /* A page in each ordering, without filters and from the assignee's links or not. */
        for (size_t o = 0; o < CO__COUNT; o++) {
            snprintf(args, sizeof args, "%s --order %s", roles[r], case_order_key((case_order)o));
            shape(&w, args);
            snprintf(args, sizeof args, "%s --order %s assigned_to", roles[r], case_order_key((case_order)o));
            shape(&w, args);
        }
        for (size_t e = 0; e < sizeof estimates / sizeof estimates[0]; e++) {
            snprintf(args, sizeof args, "--estimate %s %s", roles[r], estimates[e]);
            shape(&w, args);
        }
        /* An export: in creation order (from the visible cases' or the assignee's links), the queue, and with
         * every filter. */
        for (size_t e = 0; e < sizeof exports / sizeof exports[0]; e++) {
            snprintf(args, sizeof args, "--export %s %s", roles[r], exports[e]);
            shape(&w, args);
        }
    }
    return w.rc;
}

/* Writes the golden file name with text into the directory ctx. */
static int write_file(void *ctx, const char *name, const char *text)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", (const char *)ctx, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "casedesk list-sql: %s: %s\n", path, strerror(errno));
        return 1;
    }
    fputs(text, f);
    return fclose(f) == 0 ? 0 : 1;
}

int cli_list_sql_all(const char *dir) { return list_sql_golden(write_file, (void *)dir) == 0 ? 0 : 1; }
