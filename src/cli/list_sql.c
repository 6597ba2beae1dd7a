/* list_sql.c (cli): `casedesk list-sql`, the composed case list statement of a shape, for bench/explain. */
#include "cli/list_sql.h"
#include "db/case_list.h"
#include "db/db.h"
#include <string.h>

/* Filters by argument: which parameter, and the placeholder value that gives the shape. */
static const struct {
    const char *arg;
    int param;
    const char *value;
} filters[] = {
    {"name", CQ_NAME, "x"},           {"status", CQ_STATUS, "{x}"},     {"status+", CQ_STATUS, "{x,y}"},
    {"priority", CQ_PRIORITY, "{x}"}, {"priority+", CQ_PRIORITY, "{x,y}"}, {"case_type", CQ_TYPE, "{x}"},
    {"case_type+", CQ_TYPE, "{x,y}"}, {"assigned_to", CQ_ASSIGNEE, "x"}, {"account", CQ_ACCOUNT, "x"},
    {"open", CQ_RESOLUTION, "open"},  {"closed", CQ_RESOLUTION, "closed"},
};

int cli_list_sql(FILE *out, int argc, char **argv)
{
    const char *p[CQ__COUNT] = {[CQ_ORG] = "o", [CQ_USER] = "u", [CQ_ADMIN] = "true", [CQ_LIMIT] = "10",
                                [CQ_OFFSET] = "0"};
    case_list_kind kind = CL_KIND_PAGE;
    case_order order = CO_CREATED_DESC;
    for (int i = 0; i < argc; i++) {
        bool known = false;
        if (strcmp(argv[i], "--user") == 0) {
            p[CQ_ADMIN] = "false";
            known = true;
        } else if (strcmp(argv[i], "--counts") == 0) {
            kind = CL_KIND_STATUS_COUNTS;
            known = true;
        } else if (strcmp(argv[i], "--order") == 0 && i + 1 < argc) {
            known = case_order_parse(argv[++i], &order);
        } else {
            for (size_t k = 0; k < sizeof filters / sizeof filters[0]; k++)
                if (strcmp(filters[k].arg, argv[i]) == 0) {
                    p[filters[k].param] = filters[k].value;
                    known = true;
                }
        }
        if (!known) {
            fprintf(stderr, "casedesk list-sql: unknown argument %s\n", argv[i]);
            return 2;
        }
    }
    char sql[8192], name[DB_COMPOSED_NAME_MAX];
    if (!case_list_sql(kind, p, order, sql, sizeof sql, name))
        return 1;
    fprintf(out, "-- %s, %s plan\n%s\n", name, case_list_custom_plan(p, order) ? "custom" : "generic", sql);
    return 0;
}
