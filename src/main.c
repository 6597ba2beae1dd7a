/* main.c: the casedesk command line: serve, migrate, check, routes, field-specs, list-sql, version. */
#include "core/config.h"
#include "core/log.h"
#include "cli/data_check.h"
#include "cli/field_specs.h"
#include "cli/list_sql.h"
#include "cli/routes.h"
#include "cli/users.h"
#include "db/migrate.h"
#include "server/master.h"
#include "view/tmpl.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
    fputs("usage: casedesk [-c FILE] COMMAND\n"
          "commands:\n"
          "  serve     run the FastCGI master and its workers\n"
          "  migrate   apply pending database migrations\n"
          "  check     validate the configuration and every template, then exit\n"
          "  check --data\n"
          "            compare every derived row of the database with its sources; print each\n"
          "            difference and exit 1 if there is any\n"
          "  create-user EMAIL [--name NAME] [--org NAME | --org-id UUID] [--admin]\n"
          "            create a user (the password is read from standard input), with --org as the first\n"
          "            member of a new organization, with --org-id in an existing one\n"
          "  seed-demo load the demo organization, users, team, accounts and contacts\n"
          "  search-language ORG_ID LANGUAGE\n"
          "            search the organization's cases in LANGUAGE (simple, the default, english, german,\n"
          "            french, spanish, italian, portuguese or dutch): word forms then match by their stem\n"
          "  routes    print the route table (methods, pattern, gate, representation) as JSON\n"
          "  field-specs\n"
          "            print the validation rules of every writable field of every entity as JSON\n"
          "  list-sql [--user] [--statuses|--counts] [--order KEY] [FILTER...]\n"
          "            print the case list statement of that shape (FILTER: a filter's query parameter,\n"
          "            KEY+ for several values of status, priority or case_type; open or closed)\n"
          "  list-sql --all DIR\n"
          "            write the golden set of case list statements into DIR, one file per shape\n"
          "  version   print the version\n"
          "The configuration file is -c FILE or $CASEDESK_CONFIG; CASEDESK_<KEY> variables override it.\n",
          f);
}

int main(int argc, char **argv)
{
    const char *config_path = getenv("CASEDESK_CONFIG");
    int i = 1;
    while (i < argc && argv[i][0] == '-') {
        if (strcmp(argv[i], "-c") == 0 && i + 1 < argc) {
            config_path = argv[i + 1];
            i += 2;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[i];
    if (strcmp(cmd, "version") == 0) {
        puts(PACKAGE_STRING);
        return 0;
    }
    if (strcmp(cmd, "routes") == 0)
        return cli_routes(stdout);
    if (strcmp(cmd, "field-specs") == 0)
        return cli_field_specs(stdout);
    if (strcmp(cmd, "list-sql") == 0)
        return cli_list_sql(stdout, argc - i - 1, argv + i + 1);
    static config cfg;
    char err[1024];
    if (config_path && !*config_path)
        config_path = NULL;
    if (config_load(&cfg, config_path, err, sizeof err) < 0) {
        fprintf(stderr, "casedesk: configuration: %s\n", err);
        return 1;
    }
    log_set_level((log_level)cfg.log_level);
    if (strcmp(cmd, "serve") == 0)
        return master_run(&cfg, config_path);
    if (strcmp(cmd, "migrate") == 0)
        return db_migrate(&cfg) == 0 ? 0 : 1;
    if (strcmp(cmd, "create-user") == 0)
        return cli_create_user(&cfg, argc - i - 1, argv + i + 1);
    if (strcmp(cmd, "search-language") == 0)
        return cli_search_language(&cfg, argc - i - 1, argv + i + 1);
    if (strcmp(cmd, "seed-demo") == 0)
        return cli_seed_demo(&cfg);
    if (strcmp(cmd, "check") == 0 && i + 1 < argc) {
        if (i + 2 < argc || strcmp(argv[i + 1], "--data") != 0) {
            usage(stderr);
            return 2;
        }
        return cli_check_data(&cfg, stdout);
    }
    if (strcmp(cmd, "check") == 0) {
        if (tmpl_init(cfg.template_dir, err, sizeof err) < 0) {
            fprintf(stderr, "casedesk: %s\n", err);
            return 1;
        }
        puts("configuration and templates are valid");
        return 0;
    }
    usage(stderr);
    return 2;
}
