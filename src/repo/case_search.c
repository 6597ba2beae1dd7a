/* case_search.c (repo): the search box's field terms turned into the case list's filters, its free text into the
 * list's search query. */
#include "repo/case_search.h"
#include "core/like.h"
#include "core/search_syntax.h"
#include "core/str.h"
#include "db/db.h"
#include "http/input.h"
#include "repo/cases.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

const char *const case_search_fields[] = {"status",  "priority", "type",    "assignee", "team",
                                          "account", "created",  "updated", NULL};

/* What reading a term found: the error message (NULL when none) at the term. */
typedef struct reading {
    const actor *act;
    const char **p;
    json_t *errors;
    bool failed;   /* an error is added: the rest is not read */
    cd_err db_err; /* the database's error, CD_OK when none */
} reading;

static void refuse(reading *rd, const search_term *t, const char *message)
{
    char *m = arena_printf(rd->act->a, "At %zu: %s", t->pos, message);
    field_error(rd->errors, "q", m ? m : message);
    rd->failed = true;
}

/* Sets parameter row to value for term t, unless the list's own filters gave it already. */
static void set(reading *rd, const search_term *t, int row, const char *value)
{
    if (rd->p[row]) {
        refuse(rd, t, arena_printf(rd->act->a, "%s: is chosen twice (in the search or the filters).", t->field));
        return;
    }
    if (!value)
        rd->db_err = CD_ENOMEM;
    rd->p[row] = value;
}

/* True when term t is status:open, which chooses the resolution rather than a status. */
static bool status_open(const search_term *t)
{
    return strcmp(t->field, "status") == 0 && t->cmp == SC_EQ && strcasecmp(t->value, "open") == 0;
}

/* A choice filter (status, priority, type): every value of the terms of field, matched as the list's parameter
 * matches them; a value matching none is an error. */
static void choice(reading *rd, const search_parsed *sp, const char *field, const char *const *choices, int row)
{
    const char **values = arena_alloc(rd->act->a, (sp->nterms + 1) * sizeof *values);
    const search_term *first = NULL;
    size_t n = 0;
    for (size_t i = 0; values && i < sp->nterms && !rd->failed; i++) {
        const search_term *t = &sp->terms[i];
        if (strcmp(t->field, field) != 0 || status_open(t))
            continue;
        first = first ? first : t;
        const char *one = case_choice_filter(rd->act->a, choices, &t->value, 1);
        if (t->cmp != SC_EQ)
            refuse(rd, t, arena_printf(rd->act->a, "%s: takes a value, not a comparison.", field));
        else if (one && strcmp(one, "{}") == 0)
            refuse(rd, t, arena_printf(rd->act->a, "%s: no value matches \"%s\".", field, t->value));
        values[n++] = t->value;
    }
    if (!values)
        rd->db_err = CD_ENOMEM;
    else if (first && !rd->failed)
        set(rd, first, row, case_choice_filter(rd->act->a, choices, values, n));
}

/* The id of the member, team or account (kind) term t names; NULL after an error. */
static const char *named(reading *rd, const search_term *t, const char *kind)
{
    const char *pp[4] = {rd->act->org_id, kind, t->value, like_escape(rd->act->a, t->value)};
    cd_err e;
    PGresult *r = pp[3] ? db_exec(rd->act->a, STMT_SEARCH_NAMED, pp, &e) : NULL;
    if (!r) {
        rd->db_err = pp[3] ? e : CD_ENOMEM;
        return NULL;
    }
    int n = PQntuples(r);
    bool exact0 = n > 0 && PQgetvalue(r, 0, 1)[0] == 't', exact1 = n > 1 && PQgetvalue(r, 1, 1)[0] == 't';
    if (n == 1 || (exact0 && !exact1))
        return arena_strdup(rd->act->a, PQgetvalue(r, 0, 0));
    const char *what = strcmp(kind, "member") == 0 ? "member" : kind;
    refuse(rd, t,
           n == 0 ? arena_printf(rd->act->a, "%s: no %s matches \"%s\".", t->field, what, t->value)
                  : arena_printf(rd->act->a, "%s: more than one %s matches \"%s\"; give the whole name.", t->field,
                                 what, t->value));
    return NULL;
}

/* t's value as a time (UTC ISO 8601) in *at, and in *end the end of the span it names (a date: the next day;
 * an age: the same time). False when it is neither a date YYYY-MM-DD nor an age Nd or Nh (N of 1 to 4 digits). */
static bool when(arena *a, const char *v, const char **at, const char **end, bool *age)
{
    struct tm tm = {0};
    time_t t, span;
    size_t n = strspn(v, "0123456789");
    if (n >= 1 && n <= 4 && (v[n] == 'd' || v[n] == 'h') && !v[n + 1]) {
        *age = true;
        t = time(NULL) - (time_t)strtol(v, NULL, 10) * (v[n] == 'd' ? 86400 : 3600);
        span = 0;
    } else {
        int y, m, d;
        char tail;
        if (sscanf(v, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || strlen(v) != 10 || m < 1 || m > 12 || d < 1 ||
            d > 31 || y < 1900)
            return false;
        tm.tm_year = y - 1900;
        tm.tm_mon = m - 1;
        tm.tm_mday = d;
        t = timegm(&tm);
        struct tm back;
        if (t == (time_t)-1 || !gmtime_r(&t, &back) || back.tm_mday != d) /* 2026-02-30 */
            return false;
        *age = false;
        span = 86400;
    }
    char b1[32], b2[32];
    time_t t2 = t + span;
    struct tm g1, g2;
    if (!gmtime_r(&t, &g1) || !gmtime_r(&t2, &g2) || !strftime(b1, sizeof b1, "%Y-%m-%dT%H:%M:%SZ", &g1) ||
        !strftime(b2, sizeof b2, "%Y-%m-%dT%H:%M:%SZ", &g2))
        return false;
    *at = arena_strdup(a, b1);
    *end = arena_strdup(a, b2);
    return *at && *end;
}

/* created: or updated: (rows after, before of the field's time). For a date D: >D after D's day, >=D from its
 * start, <D before it, <=D up to its end, D that day. For an age A (a time A ago): <A newer than it, >A older. */
static void span(reading *rd, const search_term *t, int after, int before)
{
    const char *at, *end;
    bool age;
    if (!when(rd->act->a, t->value, &at, &end, &age)) {
        refuse(rd, t,
               arena_printf(rd->act->a, "%s: needs a date (2026-01-31) or an age (7d, 12h) after <, >, <= or >=.",
                            t->field));
        return;
    }
    if (age) {
        if (t->cmp == SC_EQ)
            refuse(rd, t, arena_printf(rd->act->a, "%s: an age needs < or > (updated:<7d).", t->field));
        else
            set(rd, t, t->cmp == SC_LT || t->cmp == SC_LE ? after : before, at);
        return;
    }
    switch (t->cmp) {
    case SC_GT:
        set(rd, t, after, end);
        break;
    case SC_GE:
        set(rd, t, after, at);
        break;
    case SC_LT:
        set(rd, t, before, at);
        break;
    case SC_LE:
        set(rd, t, before, end);
        break;
    case SC_EQ:
        set(rd, t, after, at);
        if (!rd->failed)
            set(rd, t, before, end);
        break;
    }
}

/* One term of the fields that are not choices. */
static void term(reading *rd, const search_term *t)
{
    const char *f = t->field;
    if (strcmp(f, "created") == 0 || strcmp(f, "updated") == 0) {
        bool c = f[0] == 'c';
        span(rd, t, c ? CQ_CREATED_AFTER : CQ_UPDATED_AFTER, c ? CQ_CREATED_BEFORE : CQ_UPDATED_BEFORE);
        return;
    }
    if (t->cmp != SC_EQ) {
        refuse(rd, t, arena_printf(rd->act->a, "%s: takes a name, not a comparison.", f));
        return;
    }
    if (strcmp(f, "assignee") == 0) {
        if (strcasecmp(t->value, "me") == 0)
            set(rd, t, CQ_ASSIGNEE, rd->act->user_id);
        else if (strcasecmp(t->value, "none") == 0)
            set(rd, t, CQ_UNASSIGNED, "true");
        else {
            const char *id = named(rd, t, "member");
            if (id)
                set(rd, t, CQ_ASSIGNEE, id);
        }
    } else if (strcmp(f, "team") == 0 || strcmp(f, "account") == 0) {
        const char *id = named(rd, t, f);
        if (id)
            set(rd, t, f[0] == 't' ? CQ_TEAM : CQ_ACCOUNT, id);
    }
}

/* status:open chooses the resolution (not Closed); other values the statuses. */
static void statuses(reading *rd, const search_parsed *sp)
{
    for (size_t i = 0; i < sp->nterms && !rd->failed; i++)
        if (status_open(&sp->terms[i]))
            set(rd, &sp->terms[i], CQ_RESOLUTION, "open");
    if (!rd->failed)
        choice(rd, sp, "status", case_statuses, CQ_STATUS);
}

cd_err case_search_parse(const actor *act, const char *q, const char *p[CQ__COUNT], json_t *errors)
{
    if (!q || !q[strspn(q, " \t\r\n")])
        return CD_OK;
    search_parsed sp;
    search_error se;
    if (!search_parse(act->a, q, case_search_fields, &sp, &se)) {
        if (arena_exhausted(act->a))
            return CD_ENOMEM;
        char *m = arena_printf(act->a, "At %zu: %s", se.pos, se.message);
        field_error(errors, "q", m ? m : se.message);
        return CD_OK;
    }
    reading rd = {act, p, errors, false, CD_OK};
    statuses(&rd, &sp);
    if (!rd.failed)
        choice(&rd, &sp, "priority", case_priorities, CQ_PRIORITY);
    if (!rd.failed)
        choice(&rd, &sp, "type", case_types, CQ_TYPE);
    for (size_t i = 0; i < sp.nterms && !rd.failed && rd.db_err == CD_OK; i++)
        term(&rd, &sp.terms[i]);
    if (rd.failed || rd.db_err != CD_OK || !sp.tsquery)
        return rd.db_err;
    const char *cp[1] = {act->org_id};
    cd_err e;
    PGresult *r = db_exec(act->a, STMT_SEARCH_CONFIG, cp, &e);
    const char *cfg = r ? db_value(r, 0) : NULL;
    if (!cfg)
        return r ? CD_EINTERNAL : e;
    p[CQ_QCONFIG] = cfg;
    p[CQ_Q] = sp.tsquery;
    return CD_OK;
}
