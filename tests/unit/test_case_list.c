/* test_case_list.c: unit tests of the case list statements' composition (db/case_list.c). */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include "cli/list_sql.h"
#include "db/case_list.h"
#include "db/db.h"
#include "testutil.h"

static char sql[8192], name[DB_COMPOSED_NAME_MAX];

static const char *compose(case_list_kind kind, const char *const *p, case_order order)
{
    ck_assert(case_list_sql(kind, p, order, sql, sizeof sql, name));
    return sql;
}

#define ADMIN(...)                                                                                                   \
    {                                                                                                                \
        "org", "user", "true", __VA_ARGS__                                                                           \
    }

START_TEST(admin_without_filters_counts_from_totals)
{
    const char *p[CQ__COUNT] = ADMIN(NULL, NULL, NULL, NULL, NULL, NULL, NULL, "10", "0");
    compose(CL_KIND_PAGE, p, CO_CREATED_DESC);
    ck_assert_ptr_nonnull(
        strstr(sql, "SELECT (SELECT COALESCE(sum(t.n), 0) FROM case_totals t WHERE t.org_id = $1) AS total"));
    ck_assert_ptr_null(strstr(sql, "created_by = $2"));
    ck_assert_ptr_nonnull(strstr(sql, "ORDER BY c.created_on DESC, c.id DESC LIMIT $11 OFFSET $12"));
}
END_TEST

START_TEST(single_values_compare_with_equality)
{
    const char *p[CQ__COUNT] = ADMIN(NULL, "{Closed}", "{Low,High}", NULL, NULL, NULL, NULL, "10", "0");
    compose(CL_KIND_PAGE, p, CO_CREATED_DESC);
    ck_assert_ptr_nonnull(strstr(sql, "k.status = ($5::text[])[1] AND k.priority = ANY ($6::text[])) AS total"));
    ck_assert_ptr_nonnull(strstr(sql, "c.status = ($5::text[])[1] AND c.priority = ANY ($6::text[])"));
}
END_TEST

START_TEST(user_sees_only_visible_cases)
{
    const char *p[CQ__COUNT] = {"org", "user", "false", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "10", "0"};
    compose(CL_KIND_PAGE, p, CO_CREATED_DESC);
    ck_assert_ptr_nonnull(strstr(sql, "SELECT (SELECT COALESCE(sum(kv.n), 0) FROM case_visibility_counts kv"
                                      " WHERE kv.org_id = $1 AND kv.user_id = $2) AS total"));
    ck_assert_ptr_nonnull(strstr(sql,
                                 "FROM case_visibility fv JOIN cases c ON c.id = fv.case_id WHERE fv.user_id = $2"
                                 " AND fv.org_id = $1 AND c.org_id = $1 ORDER BY fv.created_on DESC"));
    ck_assert_ptr_null(strstr(sql, "case_counts"));
    compose(CL_KIND_PAGE, p, CO_NAME_ASC);
    ck_assert_ptr_nonnull(strstr(sql, "AND c.org_id = $1 ORDER BY lower(c.name) ASC, c.created_on DESC"));
    p[CQ_RESOLUTION] = "open";
    compose(CL_KIND_PAGE, p, CO_NAME_ASC);
    /* Filtered: the total counts the visible, filtered cases. */
    ck_assert_ptr_nonnull(strstr(sql, "(SELECT count(*) FROM case_visibility fv JOIN cases c ON c.id = fv.case_id"
                                      " WHERE fv.user_id = $2 AND fv.org_id = $1 AND c.org_id = $1"
                                      " AND c.status <> 'Closed') AS total"));
    /* By assignee: the assignee's links, then the USER's visibility. */
    p[CQ_ASSIGNEE] = "agent";
    compose(CL_KIND_PAGE, p, CO_CREATED_DESC);
    ck_assert_ptr_nonnull(strstr(sql, "AND c.org_id = $1 AND EXISTS (SELECT 1 FROM case_visibility vv"
                                      " WHERE vv.case_id = c.id AND vv.user_id = $2::uuid) AND c.status <> 'Closed'"
                                      " ORDER BY fa.created_on DESC"));
}
END_TEST

START_TEST(filters_beyond_the_counters_count_the_cases)
{
    const char *p[CQ__COUNT] = ADMIN("printer", NULL, NULL, NULL, NULL, "acct", "closed", "10", "0");
    compose(CL_KIND_PAGE, p, CO_CREATED_DESC);
    ck_assert_ptr_nonnull(strstr(sql,
                                 "(SELECT count(*) FROM (SELECT 1 FROM cases c WHERE c.org_id = $1 AND c.name ILIKE"
                                 " '%' || $4 || '%' AND c.account_id = $9 AND c.status = 'Closed'"
                                 " LIMIT 10000 + 1) capped) AS total"));
    const char *q[CQ__COUNT] = ADMIN(NULL, NULL, NULL, NULL, "agent", NULL, NULL, "10", "0");
    compose(CL_KIND_PAGE, q, CO_NAME_ASC);
    ck_assert_ptr_nonnull(
        strstr(sql, "FROM case_assignee_counts ka WHERE ka.org_id = $1 AND ka.user_id = $8) AS total"));
    ck_assert_ptr_nonnull(
        strstr(sql, "EXISTS (SELECT 1 FROM case_assignees fa WHERE fa.case_id = c.id AND fa.user_id = $8)"));
}
END_TEST

START_TEST(assignee_pages_in_creation_order_start_from_the_links)
{
    const char *p[CQ__COUNT] = ADMIN(NULL, "{New}", NULL, NULL, "agent", NULL, NULL, "10", "0");
    compose(CL_KIND_PAGE, p, CO_CREATED_DESC);
    ck_assert_ptr_nonnull(strstr(sql,
                                 "FROM case_assignees fa JOIN cases c ON c.id = fa.case_id"
                                 " WHERE fa.user_id = $8 AND fa.org_id = $1 AND c.org_id = $1"
                                 " AND c.status = ($5::text[])[1] ORDER BY fa.created_on DESC, fa.case_id DESC"));
    /* The total counts the filtered cases; the page does not probe the links again. */
    ck_assert_ptr_null(strstr(strstr(sql, "LEFT JOIN LATERAL"), "EXISTS"));
    compose(CL_KIND_PAGE, p, CO_CREATED_ASC);
    ck_assert_ptr_nonnull(strstr(sql, "ORDER BY fa.created_on ASC, fa.case_id DESC LIMIT $11 OFFSET $12) p ON true"));
    compose(CL_KIND_PAGE, p, CO_PRIORITY_DESC);
    ck_assert_ptr_nonnull(strstr(sql, "EXISTS (SELECT 1 FROM case_assignees fa WHERE fa.case_id = c.id"));
}
END_TEST

START_TEST(status_counts_ignore_the_status_filter)
{
    const char *p[CQ__COUNT] = ADMIN(NULL, "{Closed}", "{Low}", NULL, NULL, NULL, NULL, "10", "0");
    compose(CL_KIND_STATUS_COUNTS, p, CO_CREATED_DESC);
    ck_assert_str_eq(sql, "SELECT k.status, sum(k.n)::bigint FROM case_counts k WHERE k.org_id = $1"
                          " AND k.priority = ($6::text[])[1] GROUP BY k.status");
    p[CQ_PRIORITY] = NULL;
    compose(CL_KIND_STATUS_COUNTS, p, CO_CREATED_DESC);
    ck_assert_str_eq(sql,
                     "SELECT t.status, sum(t.n)::bigint FROM case_totals t WHERE t.org_id = $1 GROUP BY t.status");
    p[CQ_ADMIN] = "false";
    compose(CL_KIND_STATUS_COUNTS, p, CO_CREATED_DESC);
    ck_assert_ptr_nonnull(strstr(sql, "SELECT c.status, count(*) FROM case_visibility fv JOIN cases c"));
    ck_assert_ptr_null(strstr(sql, "$5"));
}
END_TEST

/* A placeholder value giving row r form f (case_param_form). */
static const char *value_of_form(const case_param *r, int f)
{
    if (f == 0)
        return NULL;
    if (r->pick == CP_ARITY)
        return f == 1 ? "{New}" : "{New,Closed}";
    if (r->pick == CP_WORDS)
        return r->words[f - 1];
    return "x";
}

typedef struct named {
    char name[DB_COMPOSED_NAME_MAX];
    unsigned long long sql; /* FNV-1a of the text */
} named;

static int by_name(const void *a, const void *b)
{
    return strcmp(((const named *)a)->name, ((const named *)b)->name);
}

static unsigned long long fnv(const char *s)
{
    unsigned long long h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* The shapes with at most SPARSE_MAX filters given, every one, and every SAMPLE_EVERY-th of all the others (the
 * filters in each of their forms), for every kind, role and ordering: a name never stands for two texts, and
 * each page shape has its own. The same shape has the same name whatever the values. (Composing every shape
 * would take tens of millions of statements.) */
#define SPARSE_MAX 4
#define SAMPLE_EVERY 61
START_TEST(names_follow_shapes_not_values)
{
    size_t shapes = 1, chosen = 0;
    for (int i = 0; i < CQ__COUNT; i++)
        shapes *= case_params[i].pick == CP_NONE ? 1 : case_params[i].pick == CP_GIVEN ? 2 : 3;
    /* the forms of shape k, one digit per filter, and whether it is tested */
    int *forms = calloc(shapes * CQ__COUNT, sizeof *forms);
    size_t *picked = calloc(shapes, sizeof *picked);
    ck_assert(forms && picked);
    for (size_t k = 0; k < shapes; k++) {
        size_t digits = k;
        int given = 0;
        for (int i = 0; i < CQ__COUNT; i++) {
            const case_param *r = &case_params[i];
            if (r->pick == CP_NONE)
                continue;
            int radix = r->pick == CP_GIVEN ? 2 : 3;
            forms[k * CQ__COUNT + (size_t)i] = (int)(digits % (size_t)radix);
            given += digits % (size_t)radix != 0;
            digits /= (size_t)radix;
        }
        if (given <= SPARSE_MAX || k % SAMPLE_EVERY == 0)
            picked[chosen++] = k;
    }
    size_t total = chosen * 2 * (2 * CO__COUNT + 1), n = 0;
    named *seen = calloc(total, sizeof *seen);
    ck_assert_ptr_nonnull(seen);
    for (int kind = CL_KIND_PAGE; kind <= CL_KIND_STATUS_COUNTS; kind++)
        for (int o = 0; o < (kind == CL_KIND_STATUS_COUNTS ? 1 : CO__COUNT); o++)
            for (int admin = 0; admin < 2; admin++)
                for (size_t c = 0; c < chosen; c++) {
                    const char *p[CQ__COUNT] = {[CQ_ORG] = "org",
                                                [CQ_USER] = "user",
                                                [CQ_ADMIN] = admin ? "true" : "false",
                                                [CQ_LIMIT] = "10",
                                                [CQ_OFFSET] = "0"};
                    for (int i = 0; i < CQ__COUNT; i++)
                        if (case_params[i].pick != CP_NONE)
                            p[i] = value_of_form(&case_params[i], forms[picked[c] * CQ__COUNT + (size_t)i]);
                    compose((case_list_kind)kind, p, (case_order)o);
                    ck_assert(strncmp(name, "case_list_", 10) == 0);
                    snprintf(seen[n].name, DB_COMPOSED_NAME_MAX, "%s", name);
                    seen[n++].sql = fnv(sql);
                }
    free(forms);
    free(picked);
    ck_assert_uint_eq(n, total);
    qsort(seen, n, sizeof seen[0], by_name);
    size_t names = 1;
    for (size_t i = 1; i < n; i++) {
        bool same = strcmp(seen[i - 1].name, seen[i].name) == 0;
        ck_assert_msg(!same || seen[i - 1].sql == seen[i].sql, "%s names two statements", seen[i].name);
        names += !same;
    }
    /* Pages (two kinds) have a name per shape (by relevance without a search: the newest first); the status counts
     * ignore the ordering and the status filter. */
    ck_assert_uint_ge(names, chosen * 2 * 2 * (CO__COUNT - 1));
    free(seen);
    const char *a[CQ__COUNT] = ADMIN(NULL, "{New}", NULL, NULL, NULL, NULL, NULL, "10", "0");
    const char *b[CQ__COUNT] = ADMIN(NULL, "{Closed}", NULL, NULL, NULL, NULL, NULL, "25", "50");
    char first[DB_COMPOSED_NAME_MAX];
    compose(CL_KIND_PAGE, a, CO_CREATED_DESC);
    snprintf(first, sizeof first, "%s", name);
    compose(CL_KIND_PAGE, b, CO_CREATED_DESC);
    ck_assert_str_eq(first, name);
    compose(CL_KIND_STATUS_COUNTS, b, CO_CREATED_DESC);
    ck_assert_str_ne(first, name);
}
END_TEST

START_TEST(page_with_status_counts)
{
    const char *p[CQ__COUNT] = ADMIN(NULL, "{Closed}", "{Low}", NULL, NULL, NULL, NULL, "10", "0");
    compose(CL_KIND_PAGE_AND_STATUSES, p, CO_CREATED_DESC);
    ck_assert_ptr_nonnull(strstr(sql,
                                 "AS total, (SELECT json_object_agg(s.status, s.n) FROM ("
                                 "SELECT k.status, sum(k.n)::bigint FROM case_counts k WHERE k.org_id = $1"
                                 " AND k.priority = ($6::text[])[1] GROUP BY k.status) s(status, n)) AS statuses,"
                                 " p.* FROM (SELECT 1) one LEFT JOIN LATERAL"));
    ck_assert_ptr_nonnull(strstr(sql, "c.status = ($5::text[])[1] AND c.priority = ($6::text[])[1] ORDER BY"));
    char page[DB_COMPOSED_NAME_MAX];
    snprintf(page, sizeof page, "%s", name);
    compose(CL_KIND_PAGE, p, CO_CREATED_DESC);
    ck_assert_str_ne(page, name);
}
END_TEST

/* The total part of the page statement of p: its text between "SELECT " and " AS total". */
static const char *page_total(const char *const *p, char *out, size_t len)
{
    compose(CL_KIND_PAGE, p, CO_CREATED_DESC);
    const char *end = strstr(sql, " AS total");
    ck_assert_ptr_nonnull(end);
    snprintf(out, len, "%.*s", (int)(end - sql - 7), sql + 7);
    return out;
}

/* s with each parameter number $n written as $(n + by). */
static const char *shifted(const char *s, int by, char *out, size_t len)
{
    size_t o = 0;
    for (; *s && o + 8 < len; s++) {
        if (*s == '$') {
            char *end;
            long n = strtol(s + 1, &end, 10);
            o += (size_t)snprintf(out + o, len - o, "$%ld", n + by);
            s = end - 1;
        } else {
            out[o++] = *s;
        }
    }
    out[o] = '\0';
    return out;
}

START_TEST(totals_of_lists_in_one_statement)
{
    const char *p[3][CQ__COUNT] = {ADMIN(NULL, "{New}", NULL, NULL, NULL, NULL, NULL, "10", "0"),
                                   ADMIN(NULL, NULL, NULL, NULL, "u1", NULL, NULL, "10", "0"),
                                   {"org", "user", "false", "x", NULL, NULL, NULL, NULL, NULL, "open", "10", "0"}};
    static char batch[3 * CASE_TOTAL_SQL_MAX], want[3 * CASE_TOTAL_SQL_MAX], part[CASE_TOTAL_SQL_MAX],
        moved[CASE_TOTAL_SQL_MAX];
    char first[DB_COMPOSED_NAME_MAX], again[DB_COMPOSED_NAME_MAX];
    ck_assert(case_list_totals_sql(3, (const char *const(*)[CQ__COUNT])p, batch, sizeof batch, first));
    /* each list's total as its page composes it, its parameters after those of the lists before it */
    int n = snprintf(want, sizeof want, "SELECT %s", page_total(p[0], part, sizeof part));
    for (int i = 1; i < 3; i++)
        n += snprintf(want + n, sizeof want - (size_t)n, ", %s",
                      shifted(page_total(p[i], part, sizeof part), i * CQ__COUNT, moved, sizeof moved));
    ck_assert_str_eq(batch, want);
    ck_assert(strncmp(first, "case_totals_", 12) == 0);
    /* the name follows the shapes, not the values; another order of the lists is another statement */
    p[0][CQ_STATUS] = "{Closed}";
    ck_assert(case_list_totals_sql(3, (const char *const(*)[CQ__COUNT])p, batch, sizeof batch, again));
    ck_assert_str_eq(first, again);
    ck_assert(case_list_totals_sql(2, (const char *const(*)[CQ__COUNT])p + 1, batch, sizeof batch, again));
    ck_assert_str_ne(first, again);
    ck_assert(!case_list_totals_sql(0, (const char *const(*)[CQ__COUNT])p, batch, sizeof batch, again));
    ck_assert(!case_list_totals_sql(3, (const char *const(*)[CQ__COUNT])p, batch, 40, again));
}
END_TEST

START_TEST(small_buffer_refused)
{
    const char *p[CQ__COUNT] = ADMIN(NULL, NULL, NULL, NULL, NULL, NULL, NULL, "10", "0");
    char small[64];
    ck_assert(!case_list_sql(CL_KIND_PAGE, p, CO_CREATED_DESC, small, sizeof small, name));
}
END_TEST

/* The directory of the golden files. */
static const char *golden_dir(char *buf, size_t len)
{
    const char *top = getenv("top_srcdir");
    snprintf(buf, len, "%s/tests/unit/case_list", top && *top ? top : ".");
    return buf;
}

/* Compares one composed shape with its checked-in file; counts it in *(size_t *)ctx. */
static int same_as_file(void *ctx, const char *file, const char *text)
{
    char dir[4096], path[4400], held[9000];
    snprintf(path, sizeof path, "%s/%s", golden_dir(dir, sizeof dir), file);
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "%s is missing: regenerate with tests/unit/case_list/regen", path);
    size_t n = fread(held, 1, sizeof held - 1, f);
    fclose(f);
    held[n] = '\0';
    ck_assert_msg(strcmp(held, text) == 0, "%s differs:\n  held     %s\n  composed %s", file, held, text);
    for (const char *d = strchr(text, '$'); d; d = strchr(d + 1, '$'))
        ck_assert_msg(d[1] >= '1' && d[1] <= '9', "%s: a parameter left unnumbered: %.20s", file, d);
    ++*(size_t *)ctx;
    return 0;
}

/* Every shape of the golden set composes byte for byte what its file holds, and no file is left over. */
START_TEST(golden_files_match_the_composer)
{
    size_t composed = 0, files = 0;
    ck_assert_int_eq(list_sql_golden(same_as_file, &composed), 0);
    char dir[4096];
    DIR *d = opendir(golden_dir(dir, sizeof dir));
    ck_assert_ptr_nonnull(d);
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t len = strlen(e->d_name);
        files += len > 4 && strcmp(e->d_name + len - 4, ".sql") == 0;
    }
    closedir(d);
    ck_assert_uint_gt(composed, 100);
    ck_assert_uint_eq(files, composed);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("case_list");
    TCase *tc = tcase_create("compose");
    tcase_set_timeout(tc, 300); /* a million statements are composed, far slower under the sanitizers */
    tcase_add_test(tc, admin_without_filters_counts_from_totals);
    tcase_add_test(tc, single_values_compare_with_equality);
    tcase_add_test(tc, user_sees_only_visible_cases);
    tcase_add_test(tc, filters_beyond_the_counters_count_the_cases);
    tcase_add_test(tc, assignee_pages_in_creation_order_start_from_the_links);
    tcase_add_test(tc, status_counts_ignore_the_status_filter);
    tcase_add_test(tc, names_follow_shapes_not_values);
    tcase_add_test(tc, page_with_status_counts);
    tcase_add_test(tc, totals_of_lists_in_one_statement);
    tcase_add_test(tc, small_buffer_refused);
    tcase_add_test(tc, golden_files_match_the_composer);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
