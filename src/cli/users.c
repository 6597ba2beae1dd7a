/* users.c (cli): first-user and demo-data commands, creating organizations, users and cases through the
 * repo functions the server uses, each command one transaction. */
#include "cli/users.h"
#include "auth/password.h"
#include "core/arena.h"
#include "core/arena_json.h"
#include "core/ids.h"
#include "db/db.h"
#include "db/tx.h"
#include "repo/accounts.h"
#include "repo/cases.h"
#include "repo/comments.h"
#include "repo/contacts.h"
#include "repo/members.h"
#include "repo/orgs.h"
#include "repo/teams.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_ORG "Acme Support"
#define DEMO_PASSWORD "casedesk-demo"
#define DEMO_ADMIN "admin@casedesk.test"

/* The organization with id (a UUID), which must exist: *found tells. */
static cd_err org_exists(arena *a, const char *id, bool *found)
{
    const char *p[1] = {id};
    cd_err e;
    PGresult *r = db_exec(a, STMT_ORG_LOCK, p, &e);
    if (!r)
        return e;
    *found = db_value(r, 0) != NULL;
    return CD_OK;
}

/* A new user with email, password and name; *id receives their id. An existing user is never taken into the demo
 * organization (whoever registered the email first would join it): CD_ECONFLICT, said on stderr. */
static cd_err new_demo_user(arena *a, const char *email, const char *password, const char *name, const char **id)
{
    const char *p[1] = {email};
    cd_err e;
    PGresult *r = db_exec(a, STMT_USER_BY_EMAIL, p, &e);
    if (!r)
        return e;
    if (db_value(r, 0)) {
        fprintf(stderr, "casedesk: a user with email %s already exists; the demo data is not loaded\n", email);
        return CD_ECONFLICT;
    }
    return user_create(a, email, password, name, id);
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

/* Runs fn(arg) as one transaction (tx_run), reporting a failure as what failed (CD_ECONFLICT: fn has
 * said why). True when it committed. */
static bool run_command(cd_err (*fn)(void *), void *arg, const char *what)
{
    cd_err e = tx_run(&(tx_work){fn, NULL, NULL, arg, true, false});
    if (e != CD_OK && e != CD_ECONFLICT)
        fprintf(stderr, "casedesk: %s failed: %s\n", what, cd_err_message(e));
    return e == CD_OK;
}

/* The command's exit status after closing the database and freeing a. */
static int finish(arena *a, bool ok)
{
    db_close();
    arena_free(a);
    return ok ? 0 : 1;
}

/* create-user: the user, and their membership in a new organization (org_name) or an existing one (org_id). */
typedef struct new_user {
    arena *a;
    const config *cfg;
    const char *email, *password, *name, *org_name, *org_id;
    int admin;
    const char *id, *in_org; /* the new user's, and the organization they joined */
} new_user;

static cd_err create_user(void *arg)
{
    new_user *u = arg;
    const char *p[1] = {u->email};
    cd_err e;
    PGresult *r = db_exec(u->a, STMT_USER_BY_EMAIL, p, &e);
    if (!r)
        return e;
    if (db_value(r, 0)) {
        fprintf(stderr, "casedesk: a user with email %s already exists\n", u->email);
        return CD_ECONFLICT;
    }
    if ((e = user_create(u->a, u->email, u->password, u->name, &u->id)) != CD_OK || (!u->org_name && !u->org_id))
        return e;
    actor act = {u->a, u->org_id, u->id, ROLE_NONE, u->cfg};
    if (u->org_id) {
        bool found = false;
        if ((e = org_exists(u->a, u->org_id, &found)) != CD_OK)
            return e;
        if (!found) {
            fprintf(stderr, "casedesk: there is no organization with id %s\n", u->org_id);
            return CD_ECONFLICT;
        }
    } else if ((e = org_insert(u->a, u->org_name, &act.org_id)) != CD_OK) { /* always a new one: never by name */
        return e;
    }
    u->in_org = act.org_id;
    return member_set(&act, u->id, u->admin ? "ADMIN" : "USER");
}

#define CREATE_USER_USAGE                                                                                            \
    "usage: casedesk create-user EMAIL [--name NAME] [--org NAME | --org-id UUID] [--admin] < password\n"

int cli_create_user(const config *cfg, int argc, char **argv)
{
    const char *email = NULL, *org_name = NULL, *org_id = NULL, *name = "";
    char org_uuid[CD_UUID_LEN + 1];
    int admin = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--admin") == 0)
            admin = 1;
        else if (strcmp(argv[i], "--org") == 0 && i + 1 < argc && !org_id)
            org_name = argv[++i];
        else if (strcmp(argv[i], "--org-id") == 0 && i + 1 < argc && !org_name &&
                 uuid_normalize(argv[i + 1], strlen(argv[i + 1]), org_uuid)) {
            org_id = org_uuid;
            i++;
        } else if (argv[i][0] != '-' && !email)
            email = argv[i];
        else {
            fprintf(stderr, CREATE_USER_USAGE);
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
    new_user u = {a, cfg, email, password, name, org_name, org_id, admin, NULL, NULL};
    bool ok = run_command(create_user, &u, "creating the user");
    if (ok && org_name)
        printf("created user %s (%s) in the new organization \"%s\" (%s) as %s\n", email, u.id, org_name, u.in_org,
               admin ? "ADMIN" : "USER");
    else if (ok && org_id)
        printf("created user %s (%s) in organization %s as %s\n", email, u.id, org_id, admin ? "ADMIN" : "USER");
    else if (ok)
        printf("created user %s (%s)\n", email, u.id);
    return finish(a, ok);
}

/* seed-demo: what it creates, and the ids it needs along the way. */
typedef struct demo {
    arena *a;
    const config *cfg;
    const char *org, *users[3], *team, *accounts[3], *contacts[3];
} demo;

/* A validated value of one id (or of none when id is NULL) for a case's link field. */
static field_val one_id(const char *const *id)
{
    return (field_val){.present = true, .list = (const char **)id, .n = *id ? 1 : 0};
}

/* A queue worth looking at: cases in every status, assigned, linked and discussed, created with the
 * repo's case_insert and comment_add as the pages and the API create them. */
static cd_err seed_cases(demo *d)
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
        {"Add dark mode to the portal", "On Hold", "Low", "Feature Request", "Waiting for the design team.", 0, 2, 0},
        {"VPN disconnects every 10 minutes", "New", "Normal", "Technical", NULL, 1, 0, 1},
        {"Change billing address", "Closed", "Low", "Billing", "Done, confirmed by the customer.", 2, 2, 0},
        {"Printer on floor 3 jams on duplex", "Closed", "Normal", "Technical", NULL, 0, 1, 1},
        {"How do I invite a colleague?", "New", "Low", "General", NULL, 1, -1, 0},
    };
    actor admin = {d->a, d->org, d->users[0], ROLE_ADMIN, d->cfg};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *none = NULL;
        const char *const *assignee = cases[i].assignee >= 0 ? &d->users[cases[i].assignee] : &none;
        field_val v[CF__COUNT] = {
            [CF_NAME] = {.present = true, .s = cases[i].name},
            [CF_DESCRIPTION] = {.present = true, .s = "Reported through the demo data."},
            [CF_STATUS] = {.present = true, .s = cases[i].status},
            [CF_PRIORITY] = {.present = true, .s = cases[i].priority},
            [CF_CASE_TYPE] = {.present = true, .s = cases[i].type},
            [CF_ACCOUNT] = {.present = true, .s = d->accounts[cases[i].account]},
            [CF_CONTACTS] = one_id(&d->contacts[cases[i].account]),
            [CF_ASSIGNED_TO] = one_id(assignee),
            [CF_TEAMS] = one_id(cases[i].with_team ? &d->team : &none),
        };
        char id[37];
        cd_err e = case_insert(&admin, v, id);
        if (e != CD_OK)
            return e;
        if (cases[i].comment) {
            actor author = admin;
            author.user_id = d->users[cases[i].assignee > 0 ? cases[i].assignee : 1];
            const char *comment_id;
            if ((e = comment_add(&author, id, cases[i].comment, &comment_id)) != CD_OK)
                return e;
        }
    }
    return CD_OK;
}

/* Creates one row as act through save (repo/teams.h and the like) from fields (a new JSON object, whose
 * reference is taken) as if a client had sent them; *id receives the row's id. A refusal is printed. */
static cd_err create_from(const actor *act,
                          cd_err (*save)(const actor *, const input_fields *, const char *, json_t *, const char **),
                          json_t *fields, const char **id)
{
    static const kvlist no_form;
    input_fields in = {act->a, arena_json(act->a, fields), &no_form};
    json_t *errors = arena_json(act->a, json_object());
    if (!in.json || !errors)
        return CD_ENOMEM;
    cd_err e = save(act, &in, NULL, errors, id);
    if (e == CD_EINVALID) {
        const char *why = arena_json_text(act->a, errors);
        fprintf(stderr, "casedesk: demo data refused: %s\n", why ? why : "");
    }
    return e;
}

static cd_err seed_demo(void *arg)
{
    demo *d = arg;
    static const struct {
        const char *email, *name, *role;
    } people[] = {
        {DEMO_ADMIN, "Ada Admin", "ADMIN"},
        {"agent1@casedesk.test", "Alan Agent", "USER"},
        {"agent2@casedesk.test", "Grace Agent", "USER"},
    };
    static const struct {
        const char *name, *email, *contact_first, *contact_last, *contact_email;
    } accounts[] = {
        {"Globex Corporation", "support@globex.test", "Hank", "Scorpio", "hank@globex.test"},
        {"Initech", "it@initech.test", "Peter", "Gibbons", "peter@initech.test"},
        {"Umbrella Health", "help@umbrella.test", "Alice", "Abernathy", "alice@umbrella.test"},
    };
    cd_err e = org_insert(d->a, DEMO_ORG, &d->org);
    actor in_org = {d->a, d->org, NULL, ROLE_ADMIN, d->cfg};
    for (int i = 0; e == CD_OK && i < 3; i++)
        if ((e = new_demo_user(d->a, people[i].email, DEMO_PASSWORD, people[i].name, &d->users[i])) == CD_OK)
            e = member_set(&in_org, d->users[i], people[i].role);
    in_org.user_id = d->users[0];
    if (e == CD_OK)
        e = create_from(&in_org, team_save,
                        json_pack("{s:s, s:s, s:[s, s]}", "name", "Tier 1", "description",
                                  "First line: triage and quick fixes", "users", d->users[1], d->users[2]),
                        &d->team);
    for (int i = 0; e == CD_OK && i < 3; i++) {
        e = create_from(&in_org, account_save,
                        json_pack("{s:s, s:s}", "name", accounts[i].name, "email", accounts[i].email),
                        &d->accounts[i]);
        if (e == CD_OK)
            e = create_from(&in_org, contact_save,
                            json_pack("{s:s, s:s, s:s, s:s}", "first_name", accounts[i].contact_first, "last_name",
                                      accounts[i].contact_last, "email", accounts[i].contact_email, "account",
                                      d->accounts[i]),
                            &d->contacts[i]);
    }
    return e == CD_OK ? seed_cases(d) : e;
}

int cli_seed_demo(const config *cfg)
{
    arena *a;
    if (with_db(cfg, &a) < 0)
        return 1;
    cd_err e;
    const char *n[1] = {DEMO_ADMIN}; /* present when its ADMIN is: an organization's name proves nothing */
    PGresult *r = db_exec(a, STMT_USER_BY_EMAIL, n, &e);
    if (r && db_value(r, 0)) {
        printf("demo data already present\n");
        return finish(a, true);
    }
    demo d = {.a = a, .cfg = cfg};
    bool ok = r && run_command(seed_demo, &d, "creating the demo data");
    if (ok)
        printf("demo organization \"%s\": sign in as admin@casedesk.test (or agent1@ / agent2@casedesk.test) "
               "with password %s\n",
               DEMO_ORG, DEMO_PASSWORD);
    return finish(a, ok);
}

/* search-language: organization id's language. */
typedef struct search_language {
    arena *a;
    const char *org_id, *language;
} search_language;

static cd_err set_search_language(void *arg)
{
    search_language *l = arg;
    cd_err e = org_set_search_language(l->a, l->org_id, l->language);
    if (e == CD_ENOTFOUND)
        fprintf(stderr, "casedesk: there is no organization with id %s\n", l->org_id);
    return e == CD_ENOTFOUND ? CD_ECONFLICT : e;
}

int cli_search_language(const config *cfg, int argc, char **argv)
{
    bool known = false;
    for (const char *const *l = org_search_languages; argc == 2 && *l; l++)
        known |= strcmp(*l, argv[1]) == 0;
    if (argc != 2 || !uuid_valid(argv[0]) || !known) {
        fputs("usage: casedesk search-language ORG_ID LANGUAGE\nLANGUAGE:", stderr);
        for (const char *const *l = org_search_languages; *l; l++)
            fprintf(stderr, " %s", *l);
        fputc('\n', stderr);
        return 2;
    }
    search_language l = {NULL, argv[0], argv[1]};
    if (with_db(cfg, &l.a) < 0)
        return 1;
    bool ok = run_command(set_search_language, &l, "search-language");
    if (ok)
        printf("organization %s searches in %s\n", l.org_id, l.language);
    return finish(l.a, ok);
}
