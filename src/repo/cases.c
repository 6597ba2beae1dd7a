/* cases.c (repo): validation and writes of cases, used by src/api/cases.c and the case pages. */
#include "repo/cases.h"
#include "repo/dircache.h"
#include "repo/case_json.h"
#include "repo/attachments.h"
#include "repo/history.h"
#include "repo/rules.h"
#include "db/db.h"
#include "core/arena_json.h"
#include "core/str.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const case_statuses[] = {"New", "In Progress", "On Hold", "Closed", NULL};
const char *const case_priorities[] = {"Low", "Normal", "High", "Critical", NULL};
const char *const case_types[] = {"Technical", "Billing", "General", "Bug Report", "Feature Request", NULL};

#define CASE_FIELD_SPEC(field, required, ...) [CF_##field] = {__VA_ARGS__},
const field_spec case_field_specs[CF__COUNT] = {CASE_SENT(CASE_FIELD_SPEC)};

/* Which sent fields create requires. */
#define CASE_FIELD_REQUIRED(field, required, ...) [CF_##field] = required,
static const bool required_to_create[CF__COUNT] = {CASE_SENT(CASE_FIELD_REQUIRED)};

static const char *arr(arena *a, const field_val *v)
{
    return v->present ? input_uuid_array(a, v->list, v->n) : NULL;
}

cd_err case_validate(const actor *act, const input_fields *in, bool creating, field_val v[CF__COUNT], json_t *errors)
{
    field_spec s[CF__COUNT];
    memcpy(s, case_field_specs, sizeof s);
    for (int f = 0; f < CF__COUNT; f++)
        s[f].required = creating && required_to_create[f];
    bool ok = input_validate(in, s, CF__COUNT, v, errors);
    if (creating && v[CF_STATUS].s && strcmp(v[CF_STATUS].s, "Closed") != 0 && v[CF_CLOSED_ON].s) {
        field_error(errors, "closed_on", "closed_on can only be set on a Closed case.");
        ok = false;
    }
    if (!ok)
        return input_refused(errors);
    const char *p[5] = {act->org_id, arr(act->a, &v[CF_CONTACTS]), arr(act->a, &v[CF_ASSIGNED_TO]),
                        arr(act->a, &v[CF_TEAMS]), v[CF_ACCOUNT].s};
    cd_err e;
    PGresult *r = db_exec(act->a, STMT_CASE_REFS_CHECK, p, &e);
    if (!r)
        return e;
    if (atol(PQgetvalue(r, 0, 0)))
        field_error(errors, "contacts", "Every contact must be a contact of this organization.");
    if (atol(PQgetvalue(r, 0, 1)))
        field_error(errors, "assigned_to", "Every assignee must be an active member of this organization.");
    if (atol(PQgetvalue(r, 0, 2)))
        field_error(errors, "teams", "Every team must be a team of this organization.");
    if (PQgetvalue(r, 0, 3)[0] != 't')
        field_error(errors, "account", "The account must be an account of this organization.");
    return input_verdict(errors);
}

/* The error of a write of validated references: a foreign key error (CD_EBADREQ) means that a team, contact or
 * account case_validate found was deleted since by a transaction that committed, so the write is run again
 * (CD_ERETRY), and its validation then names the field. */
static cd_err refs_write_error(cd_err e) { return e == CD_EBADREQ ? CD_ERETRY : e; }

/* The link sets of a case: the sent field, the statement that writes it, the column of cases that holds it. */
static const struct {
    int field;
    stmt_id stmt;
    const char *column;
} links[] = {
    {CF_CONTACTS, STMT_CASE_SET_CONTACTS, "contact_ids"},
    {CF_ASSIGNED_TO, STMT_CASE_SET_ASSIGNEES, "assignee_ids"},
    {CF_TEAMS, STMT_CASE_SET_TEAMS, "team_ids"},
};

static cd_err set_links(const actor *act, const char *id, const field_val v[CF__COUNT])
{
    cd_err e = CD_OK;
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
        const field_val *f = &v[links[i].field];
        if (!f->present)
            continue;
        const char *p[4] = {id, act->org_id, act->user_id, arr(act->a, f)};
        PGresult *r = db_exec(act->a, links[i].stmt, p, &e);
        if (!r)
            return refs_write_error(e);
        /* Under the user locks of lock_links, an assignee validated as an active member who has left since
         * makes the write run again, and its validation then names the field. */
        if (PQgetvalue(r, 0, 0)[0] != 't')
            return CD_ERETRY;
    }
    return e;
}

/* Before a write of case id's links (NULL: the case about to be inserted by act) or its deletion (v NULL): the
 * locks its visibility rows depend on, all in one statement and in their one order (sql/013), so that the
 * triggers of the statements that follow only find them held. Nothing when neither assignees nor teams are
 * written. */
static cd_err lock_links(const actor *act, const char *id, const field_val *v)
{
    const field_val *teams = v ? &v[CF_TEAMS] : NULL, *users = v ? &v[CF_ASSIGNED_TO] : NULL;
    if (v && !teams->present && !users->present)
        return CD_OK;
    const char *p[3] = {id, teams ? arr(act->a, teams) : NULL, NULL};
    if (users && (users->present || !id)) {
        size_t n = users->present ? users->n : 0;
        const char **list = arena_alloc(act->a, (n + 1) * sizeof *list);
        if (!list)
            return CD_ENOMEM;
        for (size_t i = 0; i < n; i++)
            list[i] = users->list[i];
        list[n] = act->user_id; /* a new case's creator: their counter row is written first */
        if (!(p[2] = input_uuid_array(act->a, list, id ? n : n + 1)))
            return CD_ENOMEM;
    }
    cd_err e;
    return db_exec(act->a, STMT_CASE_LINKS_LOCK, p, &e) ? CD_OK : e;
}

/* The sent fields CASE_INSERT and CASE_UPDATE store, and the link sets sent (which CASE_UPDATE compares), as the
 * JSON text of an object keyed by column (a field not sent is left out, one sent empty is null), or NULL when
 * memory runs out. */
static const char *stored_fields(arena *a, const field_val v[CF__COUNT])
{
    static const struct {
        int field;
        const char *column;
    } stored[] = {
#define CASE_STORED_COLUMN(field, key, column, value) {CF_##field, column},
        CASE_STORED(CASE_STORED_COLUMN){CF_CLOSED_ON, "closed_on"},
    };
    json_t *o = arena_json(a, json_object());
    for (size_t i = 0; o && i < sizeof stored / sizeof stored[0]; i++) {
        const field_val *f = &v[stored[i].field];
        if (f->present && json_object_set_new(o, stored[i].column, f->s ? json_string(f->s) : json_null()) != 0)
            return NULL;
    }
    for (size_t i = 0; o && i < sizeof links / sizeof links[0]; i++) {
        const field_val *f = &v[links[i].field];
        json_t *ids = f->present ? json_array() : NULL;
        if (f->present && json_object_set_new(o, links[i].column, ids) != 0)
            return NULL;
        for (size_t k = 0; ids && k < f->n; k++)
            if (json_array_append_new(ids, json_string(f->list[k])) != 0)
                return NULL;
    }
    return arena_json_text(a, o);
}

cd_err case_insert(const actor *act, const field_val v[CF__COUNT], char id[37])
{
    const char *p[3] = {act->org_id, act->user_id, stored_fields(act->a, v)};
    if (!p[2])
        return CD_ENOMEM;
    cd_err e = lock_links(act, NULL, v);
    if (e != CD_OK)
        return e;
    PGresult *r = db_exec(act->a, STMT_CASE_INSERT, p, &e);
    if (!r)
        return refs_write_error(e);
    snprintf(id, 37, "%s", PQgetvalue(r, 0, 0));
    if ((e = case_event(act, id, "created", NULL, v[CF_NAME].s)) != CD_OK)
        return e;
    return set_links(act, id, v);
}

cd_err case_lock_visible(const actor *act, const char *id, case_lock *out)
{
    *out = (case_lock){.version = 0};
    const char *p[4] = {id, act->org_id, act->user_id, actor_admin_param(act)};
    cd_err e;
    PGresult *r = db_exec(act->a, STMT_CASE_LOCK, p, &e);
    if (!r)
        return e;
    if (PQntuples(r) != 1)
        return CD_ENOTFOUND;
    snprintf(out->id, sizeof out->id, "%s", PQgetvalue(r, 0, 0));
    out->version = atol(PQgetvalue(r, 0, 1));
    out->status = arena_strdup(act->a, PQgetvalue(r, 0, 2));
    out->is_creator = PQgetvalue(r, 0, 3)[0] == 't';
    out->assignee_ids = arena_strdup(act->a, PQgetvalue(r, 0, 4));
    out->team_ids = arena_strdup(act->a, PQgetvalue(r, 0, 5));
    out->name = arena_strdup(act->a, PQgetvalue(r, 0, 6));
    return out->status && out->assignee_ids && out->team_ids && out->name ? CD_OK : CD_ENOMEM;
}

cd_err case_apply(const actor *act, const case_lock *lk, const field_val v[CF__COUNT], json_t *errors, long *version)
{
    const char *status = v[CF_STATUS].s ? v[CF_STATUS].s : lk->status;
    if (v[CF_CLOSED_ON].s && strcmp(status, "Closed") != 0) {
        field_error(errors, "closed_on", "closed_on can only be set on a Closed case.");
        return CD_EINVALID;
    }
    const char *p[4] = {lk->id, act->org_id, act->user_id, stored_fields(act->a, v)};
    if (!p[3])
        return CD_ENOMEM;
    cd_err e = lock_links(act, lk->id, v);
    if (e != CD_OK)
        return e;
    PGresult *r = db_exec(act->a, STMT_CASE_UPDATE, p, &e);
    if (!r)
        return refs_write_error(e);
    *version = atol(PQgetvalue(r, 0, 0));
    return set_links(act, lk->id, v);
}

cd_err case_create(const actor *act, const upload *files, size_t nfiles, const field_val v[CF__COUNT], char id[37])
{
    cd_err e = case_insert(act, v, id);
    return e == CD_OK ? case_store_uploads(act, files, nfiles, id, NULL) : e;
}

cd_err case_update(const actor *act, const char *id, const char *if_match, const field_val v[CF__COUNT],
                   json_t *errors, case_lock *lk, long *version)
{
    cd_err e = case_lock_visible(act, id, lk);
    if (e != CD_OK)
        return e;
    if (!case_if_match(if_match, lk->version))
        return CD_EPRECOND;
    if (!case_may_edit(act, true))
        return CD_EFORBIDDEN;
    return case_apply(act, lk, v, errors, version);
}

cd_err case_delete(const actor *act, const char *id, const char **refusal)
{
    case_lock lk;
    cd_err e;
    if ((e = case_lock_visible(act, id, &lk)) != CD_OK)
        return e;
    if (!case_may_delete(act, lk.is_creator)) {
        *refusal = CASE_DELETE_REFUSED;
        return CD_EFORBIDDEN;
    }
    if ((e = lock_links(act, lk.id, NULL)) != CD_OK)
        return e;
    const char *p[2] = {lk.id, act->org_id};
    PGresult *r = db_exec(act->a, STMT_CASE_DELETE, p, &e);
    if (!r)
        return e;
    return attachments_prune(act, db_value(r, 1));
}

bool case_if_match(const char *header, long version)
{
    if (!header)
        return true;
    char want[32];
    snprintf(want, sizeof want, "\"%ld\"", version);
    const char *p = header;
    while (*p) {
        while (*p == ' ' || *p == ',' || *p == '\t')
            p++;
        size_t n = strcspn(p, ", \t");
        /* Strong comparison (RFC 7232 3.1): a weak tag W/"..." never matches; "*" is a list of its own. */
        if ((n == 1 && *p == '*') || (n == strlen(want) && strncmp(p, want, n) == 0))
            return true;
        p += n;
    }
    return false;
}

const char *case_choice_filter(arena *a, const char *const *choices, const char *const *filters, size_t n)
{
    bool given = false;
    for (size_t i = 0; i < n; i++)
        given |= filters[i] && *filters[i];
    if (!given)
        return NULL;
    strbuf sb;
    sb_init(&sb, a);
    sb_puts(&sb, "{");
    int k = 0;
    for (const char *const *c = choices; *c; c++) {
        bool match = false;
        for (size_t i = 0; i < n && !match; i++) /* values are plain ASCII words: quoting them is enough */
            match = filters[i] && *filters[i] && strcasestr(*c, filters[i]);
        if (match)
            sb_printf(&sb, "%s\"%s\"", k++ ? "," : "", *c);
    }
    sb_puts(&sb, "}");
    return sb.failed ? NULL : sb.data;
}

/* The members of all (active members) whose id is in the array ids: a new array, NULL when out of memory. */
static json_t *members_in(json_t *all, json_t *ids)
{
    json_t *out = json_array();
    size_t i, k;
    json_t *m, *id;
    json_array_foreach(all, i, m) {
        const char *mid = json_string_value(json_object_get(m, "id"));
        json_array_foreach(ids, k, id) {
            if (mid && json_is_string(id) && strcmp(mid, json_string_value(id)) == 0) {
                if (out && json_array_append(out, m) != 0) {
                    json_decref(out);
                    out = NULL;
                }
                break;
            }
        }
    }
    return out;
}

/* Replaces the detail's users_mention (every active member) by those who may open the case (may_open, then
 * dropped), keeping the whole list in *members when members is non-NULL. 0, or -1 when out of memory. */
static int mentionable(json_t *detail, json_t **members)
{
    json_t *all = json_incref(json_object_get(detail, "users_mention"));
    json_t *open = members_in(all, json_object_get(detail, "may_open"));
    int rc = open && json_object_set_new(detail, "users_mention", open) == 0 ? 0 : -1;
    json_object_del(detail, "may_open");
    if (members)
        *members = all;
    else
        json_decref(all);
    return rc;
}

json_t *case_detail(const actor *act, const char *id, const case_detail_at *at, long *version, json_t **members,
                    cd_err *e)
{
    if (members)
        *members = NULL;
    const char *org = act->org_id;
    unsigned long stamp = db_directory_stamp();
    json_t *mentions = dircache_get(DIRCACHE_MENTIONS, org, stamp);
    const char *p[8] = {id,
                        org,
                        act->user_id,
                        actor_admin_param(act),
                        mentions ? "false" : "true",
                        arena_printf(act->a, "%ld", at ? at->comments_offset : 0),
                        arena_printf(act->a, "%ld", at ? at->history_offset : 0),
                        arena_printf(act->a, "%ld", at ? at->attachments_offset : 0)};
    bool params = p[5] && p[6] && p[7];
    PGresult *r = params ? db_exec(act->a, STMT_CASE_DETAIL, p, e) : NULL;
    if (!params)
        *e = CD_ENOMEM;
    json_t *detail = r && PQntuples(r) == 1 ? json_loads(PQgetvalue(r, 0, 0), 0, NULL) : NULL;
    if (!detail) {
        json_decref(mentions);
    } else if (!mentions) {
        dircache_put(DIRCACHE_MENTIONS, org, stamp, act->cfg->cache_seconds,
                     json_object_get(detail, "users_mention"));
    } else if (json_object_set_new(detail, "users_mention", mentions) != 0) {
        json_decref(detail);
        detail = NULL;
    }
    if (!r)
        return NULL;
    if (detail && json_object_set_new(detail, "case_obj", case_json_row(r, 0, 2)) != 0) {
        json_decref(detail);
        detail = NULL;
    }
    if (!detail) {
        *e = PQntuples(r) == 1 ? CD_EINTERNAL : CD_ENOTFOUND;
        return NULL;
    }
    *version = atol(PQgetvalue(r, 0, 1));
    json_t *all = NULL;
    int rc = mentionable(detail, &all);
    if (rc == 0 && members && all) {
        *members = arena_json(act->a, all); /* takes the reference */
        rc = *members ? 0 : -1;
        all = NULL;
    }
    json_decref(all);
    if (rc < 0) {
        json_decref(detail);
        *e = CD_ENOMEM;
        return NULL;
    }
    if (!(detail = arena_json(act->a, detail)))
        *e = CD_ENOMEM;
    return detail;
}

cd_err case_summary_get(const actor *act, const char *id, case_summary *out)
{
    *out = (case_summary){.obj = NULL};
    const char *p[4] = {id, act->org_id, act->user_id, actor_admin_param(act)};
    cd_err e;
    PGresult *r = db_exec(act->a, STMT_CASE_SUMMARY, p, &e);
    if (!r)
        return e;
    if (PQntuples(r) != 1)
        return CD_ENOTFOUND;
    out->version = atol(PQgetvalue(r, 0, 0));
    out->comments = atoll(PQgetvalue(r, 0, 1));
    out->attachments = atoll(PQgetvalue(r, 0, 2));
    out->history_mark = atoll(PQgetvalue(r, 0, 3));
    json_t *obj = case_json_row(r, 0, 4);
    if (!obj)
        return CD_EINTERNAL;
    return (out->obj = arena_json(act->a, obj)) ? CD_OK : CD_ENOMEM;
}

json_t *case_part_page(const actor *act, const char *id, case_part part, const paging *pg, long long *count,
                       cd_err *e)
{
    static const stmt_id stmt[] = {
        [CASE_PART_COMMENTS] = STMT_CASE_COMMENTS,
        [CASE_PART_HISTORY] = STMT_CASE_HISTORY,
        [CASE_PART_ATTACHMENTS] = STMT_CASE_ATTACHMENTS,
    };
    const char *p[6] = {id, act->org_id, act->user_id, actor_admin_param(act), pg->limit_s, pg->offset_s};
    PGresult *r = db_exec(act->a, stmt[part], p, e);
    if (!r)
        return NULL;
    if (PQntuples(r) != 1) {
        *e = CD_ENOTFOUND;
        return NULL;
    }
    *count = atoll(PQgetvalue(r, 0, 0));
    json_t *rows = db_json_value(r, 1, stmt[part], e);
    if (rows && !(rows = arena_json(act->a, rows)))
        *e = CD_ENOMEM;
    return rows;
}

json_t *case_field_changes(const actor *act, const char *id, long long mark, cd_err *e)
{
    const char *p[3] = {id, act->org_id, arena_printf(act->a, "%lld", mark)};
    PGresult *r = p[2] ? db_exec(act->a, STMT_CASE_FIELD_CHANGES, p, e) : NULL;
    if (!p[2])
        *e = CD_ENOMEM;
    json_t *out = r ? arena_json(act->a, json_object()) : NULL;
    if (r && !out)
        *e = CD_ENOMEM;
    for (int i = 0; out && i < PQntuples(r); i++) {
        const char *by = PQgetisnull(r, i, 1) ? NULL : PQgetvalue(r, i, 1);
        if (json_object_set_new(out, PQgetvalue(r, i, 0),
                                json_pack("{s:s?, s:s}", "by", by, "on", PQgetvalue(r, i, 2))) != 0) {
            *e = CD_ENOMEM;
            return NULL;
        }
    }
    return out;
}

cd_err case_org_elsewhere(const actor *act, const char *id, char org_id[37], const char **name)
{
    const char *p[3] = {id, act->user_id, act->org_id};
    cd_err e;
    PGresult *r = db_exec(act->a, STMT_CASE_ORG_ELSEWHERE, p, &e);
    if (!r)
        return e;
    if (PQntuples(r) != 1)
        return CD_ENOTFOUND;
    snprintf(org_id, 37, "%s", PQgetvalue(r, 0, 0));
    *name = arena_strdup(act->a, PQgetvalue(r, 0, 1));
    return *name ? CD_OK : CD_ENOMEM;
}

/* The next character of text as a merge compares it (CR LF and CR read as LF), advancing *s; 0 at the end. */
static char merge_char(const char **s)
{
    char c = **s;
    if (!c)
        return 0;
    (*s)++;
    if (c == '\r') {
        if (**s == '\n')
            (*s)++;
        return '\n';
    }
    return c;
}

/* Whether two texts are the same for the user: line breaks of any kind alike, surrounding blanks left out. */
static bool merge_same_text(const char *a, const char *b)
{
    a = a ? a : "";
    b = b ? b : "";
    while (isspace((unsigned char)*a))
        a++;
    while (isspace((unsigned char)*b))
        b++;
    const char *ea = a + strlen(a), *eb = b + strlen(b);
    while (ea > a && isspace((unsigned char)ea[-1]))
        ea--;
    while (eb > b && isspace((unsigned char)eb[-1]))
        eb--;
    while (a < ea && b < eb)
        if (merge_char(&a) != merge_char(&b))
            return false;
    return a >= ea && b >= eb;
}

/* Whether every non-empty string of set a is in set b. */
static bool merge_subset(const json_t *a, const json_t *b)
{
    size_t i, k;
    json_t *x, *y;
    json_array_foreach(a, i, x) {
        const char *s = json_string_value(x);
        bool found = !s || !*s;
        json_array_foreach(b, k, y) {
            if (!found && json_string_value(y) && strcmp(json_string_value(y), s) == 0)
                found = true;
        }
        if (!found)
            return false;
    }
    return true;
}

/* Whether two values of one field are the same (see case_merge_field). */
static bool merge_same(const json_t *a, const json_t *b)
{
    if (json_is_array(a) || json_is_array(b))
        return merge_subset(a, b) && merge_subset(b, a);
    return merge_same_text(json_string_value(a), json_string_value(b));
}

case_merge case_merge_field(const json_t *loaded, const json_t *mine, const json_t *theirs)
{
    if (merge_same(mine, theirs))
        return MERGE_UNCHANGED;
    if (!loaded)
        return MERGE_CONFLICT;
    bool mine_changed = !merge_same(loaded, mine), theirs_changed = !merge_same(loaded, theirs);
    if (mine_changed && theirs_changed)
        return MERGE_CONFLICT;
    return mine_changed ? MERGE_MINE : MERGE_THEIRS;
}
