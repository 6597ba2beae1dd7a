/* users.c (cli): first-user and demo-data commands, through the same statements as the server. */
#include "cli/users.h"
#include "auth/password.h"
#include "core/arena.h"
#include "db/db.h"
#include <stdio.h>
#include <string.h>

#define DEMO_ORG "Acme Support"
#define DEMO_PASSWORD "casedesk-demo"

/* Runs id and returns column 0 of row 0 (NULL on error or no row, with a message). */
static const char *one(arena *a, stmt_id id, const char *const *p, const char *what)
{
    cd_err e;
    PGresult *r = db_exec(a, id, p, &e);
    if (!r) {
        fprintf(stderr, "casedesk: %s failed: %s\n", what, cd_err_message(e));
        return NULL;
    }
    return db_value(r, 0);
}

static const char *ensure_org(arena *a, const char *name)
{
    const char *p[1] = {name};
    cd_err e;
    PGresult *r = db_exec(a, STMT_ORG_BY_NAME, p, &e);
    if (!r)
        return NULL;
    const char *id = db_value(r, 0);
    return id ? id : one(a, STMT_ORG_INSERT, p, "creating the organization");
}

static const char *new_user(arena *a, const char *email, const char *password, const char *name)
{
    char *hash = password_hash(a, password);
    if (!hash) {
        fprintf(stderr, "casedesk: password hashing failed\n");
        return NULL;
    }
    const char *p[3] = {email, hash, name};
    return one(a, STMT_USER_INSERT, p, "creating the user");
}

static int with_db(const config *cfg, arena **a)
{
    *a = arena_new(64 * 1024);
    if (!*a || db_open(cfg) < 0) {
        fprintf(stderr, "casedesk: cannot reach the database (did `casedesk migrate` run?)\n");
        arena_free(*a);
        return -1;
    }
    return 0;
}

static int finish(arena *a, int ok)
{
    if (ok && db_commit() != CD_OK)
        ok = 0;
    if (!ok)
        db_rollback();
    db_close();
    arena_free(a);
    return ok ? 0 : 1;
}

int cli_create_user(const config *cfg, int argc, char **argv)
{
    const char *email = NULL, *org = NULL, *name = "";
    int admin = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--admin") == 0)
            admin = 1;
        else if (strcmp(argv[i], "--org") == 0 && i + 1 < argc)
            org = argv[++i];
        else if (strcmp(argv[i], "--name") == 0 && i + 1 < argc)
            name = argv[++i];
        else if (argv[i][0] != '-' && !email)
            email = argv[i];
        else {
            fprintf(stderr, "usage: casedesk create-user EMAIL [--name NAME] [--org NAME] [--admin] < password\n");
            return 2;
        }
    }
    if (!email || !strchr(email, '@')) {
        fprintf(stderr, "casedesk: create-user needs an email address\n");
        return 2;
    }
    char password[PASSWORD_MAX + 2] = "";
    if (!fgets(password, sizeof password, stdin)) {
        fprintf(stderr, "casedesk: give the password on standard input\n");
        return 2;
    }
    password[strcspn(password, "\r\n")] = '\0';
    const char *problem = password_problem(password);
    if (problem) {
        fprintf(stderr, "casedesk: %s\n", problem);
        return 2;
    }
    arena *a;
    if (with_db(cfg, &a) < 0)
        return 1;
    int ok = db_begin() == CD_OK;
    const char *p[1] = {email};
    cd_err e;
    PGresult *r = ok ? db_exec(a, STMT_USER_BY_EMAIL, p, &e) : NULL;
    if (r && db_value(r, 0)) {
        fprintf(stderr, "casedesk: a user with email %s already exists\n", email);
        ok = 0;
    }
    const char *user = ok && r ? new_user(a, email, password, name) : NULL;
    ok = ok && user;
    if (ok && org) {
        const char *org_id = ensure_org(a, org);
        const char *m[3] = {org_id, user, admin ? "ADMIN" : "USER"};
        ok = org_id && db_exec(a, STMT_MEMBERSHIP_UPSERT, m, &e);
    }
    if (ok)
        printf("created user %s (%s)%s%s%s\n", email, user, org ? " in " : "", org ? org : "",
               org ? (admin ? " as ADMIN" : " as USER") : "");
    return finish(a, ok);
}

/* A queue worth looking at: cases in every status, assigned, linked and discussed. */
static int seed_cases(arena *a, const char *org, const char *const users[3], const char *team,
                      const char *const accounts[3], const char *const contacts[3])
{
    static const struct {
        const char *name, *status, *priority, *type, *comment;
        int account, assignee, with_team;
    } cases[] = {
        {"Cannot log in after password reset", "New", "High", "Technical",
         "The reset mail arrives but the new password is refused.", 0, 1, 1},
        {"Invoice #4711 charged twice", "In Progress", "Critical", "Billing",
         "Refund requested from the payment provider.", 1, 2, 0},
        {"Export to CSV drops accented names", "In Progress", "Normal", "Bug Report",
         "Reproduced with a contact named Zoë; looks like an encoding issue.", 2, 1, 1},
        {"Add dark mode to the portal", "On Hold", "Low", "Feature Request",
         "Waiting for the design team.", 0, 2, 0},
        {"VPN disconnects every 10 minutes", "New", "Normal", "Technical", NULL, 1, 0, 1},
        {"Change billing address", "Closed", "Low", "Billing", "Done, confirmed by the customer.", 2, 2, 0},
        {"Printer on floor 3 jams on duplex", "Closed", "Normal", "Technical", NULL, 0, 1, 1},
        {"How do I invite a colleague?", "New", "Low", "General", NULL, 1, -1, 0},
    };
    cd_err e;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *p[9] = {org, users[0], cases[i].name, "Reported through the demo data.", cases[i].status,
                            cases[i].priority, cases[i].type, accounts[cases[i].account], NULL};
        const char *id = one(a, STMT_CASE_INSERT, p, "creating a demo case");
        if (!id)
            return 0;
        const char *ev[6] = {org, id, users[0], "created", NULL, cases[i].name};
        char *who = cases[i].assignee >= 0 ? arena_printf(a, "{%s}", users[cases[i].assignee]) : "{}";
        char *teams = cases[i].with_team ? arena_printf(a, "{%s}", team) : "{}";
        char *links = arena_printf(a, "{%s}", contacts[cases[i].account]);
        const char *s1[4] = {id, org, users[0], who}, *s2[4] = {id, org, users[0], teams},
                   *s3[4] = {id, org, users[0], links};
        if (!who || !teams || !links || !db_exec(a, STMT_CASE_EVENT, ev, &e) ||
            !db_exec(a, STMT_CASE_SET_ASSIGNEES, s1, &e) || !db_exec(a, STMT_CASE_SET_TEAMS, s2, &e) ||
            !db_exec(a, STMT_CASE_SET_CONTACTS, s3, &e))
            return 0;
        if (cases[i].comment) {
            const char *c[4] = {org, id, users[cases[i].assignee > 0 ? cases[i].assignee : 1], cases[i].comment};
            if (!one(a, STMT_COMMENT_INSERT, c, "adding a demo comment"))
                return 0;
        }
    }
    return 1;
}

int cli_seed_demo(const config *cfg)
{
    arena *a;
    if (with_db(cfg, &a) < 0)
        return 1;
    cd_err e;
    const char *n[1] = {DEMO_ORG};
    PGresult *r = db_exec(a, STMT_ORG_BY_NAME, n, &e);
    if (r && db_value(r, 0)) {
        printf("demo data already present\n");
        db_close();
        arena_free(a);
        return 0;
    }
    int ok = r && db_begin() == CD_OK;
    const char *org = ok ? one(a, STMT_ORG_INSERT, n, "creating the demo organization") : NULL;
    static const struct { const char *email, *name, *role; } people[] = {
        {"admin@casedesk.test", "Ada Admin", "ADMIN"},
        {"agent1@casedesk.test", "Alan Agent", "USER"},
        {"agent2@casedesk.test", "Grace Agent", "USER"},
    };
    const char *ids[3] = {0};
    for (int i = 0; ok && org && i < 3; i++) {
        const char *pe[1] = {people[i].email};
        PGresult *u = db_exec(a, STMT_USER_BY_EMAIL, pe, &e);
        ids[i] = u ? db_value(u, 0) : NULL;
        if (u && !ids[i])
            ids[i] = new_user(a, people[i].email, DEMO_PASSWORD, people[i].name);
        const char *m[3] = {org, ids[i], people[i].role};
        ok = ids[i] && db_exec(a, STMT_MEMBERSHIP_UPSERT, m, &e);
    }
    ok = ok && org;
    const char *t[3] = {org, "Tier 1", "First line: triage and quick fixes"};
    const char *team = ok ? one(a, STMT_TEAM_INSERT, t, "creating the team") : NULL;
    for (int i = 1; team && i < 3; i++) {
        const char *tm[3] = {org, team, ids[i]};
        ok = ok && db_exec(a, STMT_TEAM_MEMBER_ADD, tm, &e);
    }
    ok = ok && team;
    static const struct { const char *name, *email, *contact_first, *contact_last, *contact_email; } accounts[] = {
        {"Globex Corporation", "support@globex.test", "Hank", "Scorpio", "hank@globex.test"},
        {"Initech", "it@initech.test", "Peter", "Gibbons", "peter@initech.test"},
        {"Umbrella Health", "help@umbrella.test", "Alice", "Abernathy", "alice@umbrella.test"},
    };
    const char *acc_ids[3] = {0}, *contact_ids[3] = {0};
    for (int i = 0; ok && i < 3; i++) {
        const char *ac[7] = {org, accounts[i].name, accounts[i].email, "", "", "", ids[0]};
        acc_ids[i] = one(a, STMT_ACCOUNT_INSERT, ac, "creating an account");
        const char *co[8] = {org, acc_ids[i], accounts[i].contact_first, accounts[i].contact_last,
                             accounts[i].contact_email, "", "", ids[0]};
        ok = acc_ids[i] && (contact_ids[i] = one(a, STMT_CONTACT_INSERT, co, "creating a contact"));
    }
    ok = ok && seed_cases(a, org, ids, team, acc_ids, contact_ids);
    if (ok)
        printf("demo organization \"%s\": sign in as admin@casedesk.test (or agent1@ / agent2@casedesk.test) "
               "with password %s\n", DEMO_ORG, DEMO_PASSWORD);
    return finish(a, ok);
}
