/* migrate.c: the schema migration runner behind `casedesk migrate`. */
#include "db/migrate.h"
#include "core/log.h"
#include <dirent.h>
#include <errno.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIGRATION_LOCK "7311001"

static int exec_ok(PGconn *c, const char *sql, const char *what)
{
    PGresult *r = PQexec(c, sql);
    ExecStatusType st = PQresultStatus(r);
    int ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
    if (!ok)
        log_error("%s: %s", what, PQerrorMessage(c));
    PQclear(r);
    return ok ? 0 : -1;
}

static int is_migration(const char *n)
{
    size_t len = strlen(n);
    return len > 8 && n[0] >= '0' && n[0] <= '9' && n[1] >= '0' && n[1] <= '9' && n[2] >= '0' && n[2] <= '9' &&
           n[3] == '_' && strcmp(n + len - 4, ".sql") == 0;
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t len = 0, cap = 0, n;
    char chunk[8192];
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + n + 1 > cap) {
            cap = (len + n + 1) * 2;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        memcpy(buf + len, chunk, n);
        len += n;
    }
    fclose(f);
    if (!buf)
        buf = calloc(1, 1);
    else
        buf[len] = '\0';
    return buf;
}

static int already_applied(PGconn *c, const char *name)
{
    const char *p[1] = {name};
    PGresult *r = PQexecParams(c, "SELECT 1 FROM schema_migrations WHERE version = $1", 1, NULL, p, NULL, NULL, 0);
    int st = PQresultStatus(r) == PGRES_TUPLES_OK ? PQntuples(r) > 0 : -1;
    if (st < 0)
        log_error("reading schema_migrations: %s", PQerrorMessage(c));
    PQclear(r);
    return st;
}

static int apply(PGconn *c, const char *dir, const char *name)
{
    char path[2 * CFG_STR_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *sql = read_file(path);
    if (!sql) {
        log_error("%s: %s", path, strerror(errno));
        return -1;
    }
    int rc = exec_ok(c, "BEGIN", "begin");
    if (rc == 0)
        rc = exec_ok(c, sql, path);
    free(sql);
    if (rc == 0) {
        const char *p[1] = {name};
        PGresult *r =
            PQexecParams(c, "INSERT INTO schema_migrations (version) VALUES ($1)", 1, NULL, p, NULL, NULL, 0);
        if (PQresultStatus(r) != PGRES_COMMAND_OK) {
            log_error("recording %s: %s", name, PQerrorMessage(c));
            rc = -1;
        }
        PQclear(r);
    }
    if (rc == 0)
        rc = exec_ok(c, "COMMIT", "commit");
    if (rc != 0)
        exec_ok(c, "ROLLBACK", "rollback");
    else
        printf("applied %s\n", name);
    return rc;
}

int db_migrate(const config *cfg)
{
    PGconn *c = PQconnectdb(cfg->database);
    if (PQstatus(c) != CONNECTION_OK) {
        log_error("cannot connect to the database: %s", PQerrorMessage(c));
        PQfinish(c);
        return -1;
    }
    DIR *d = opendir(cfg->sql_dir);
    if (!d) {
        log_error("%s: %s", cfg->sql_dir, strerror(errno));
        PQfinish(c);
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *e;
    /* cppcheck-suppress readdirCalled ; one stream per call and no threads: readdir_r is deprecated */
    while ((e = readdir(d)) != NULL) {
        if (!is_migration(e->d_name))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **nn = realloc(names, cap * sizeof *names);
            if (!nn) {
                rc = -1;
                break;
            }
            names = nn;
        }
        if (!(names[n] = strdup(e->d_name))) {
            rc = -1;
            break;
        }
        n++;
    }
    closedir(d);
    if (rc == 0) {
        if (n) /* names is NULL without a migration file, and qsort's base may not be */
            qsort(names, n, sizeof *names, cmp_names);
        rc = exec_ok(c, "SET client_min_messages = warning", "settings");
        if (rc == 0)
            rc = exec_ok(c, "SELECT pg_advisory_lock(" MIGRATION_LOCK ")", "migration lock");
        if (rc == 0)
            rc = exec_ok(c,
                         "CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, "
                         "applied_on timestamptz NOT NULL DEFAULT now())",
                         "schema_migrations");
        for (size_t i = 0; rc == 0 && i < n; i++) {
            int done = already_applied(c, names[i]);
            if (done < 0)
                rc = -1;
            else if (!done)
                rc = apply(c, cfg->sql_dir, names[i]);
        }
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    PQfinish(c);
    return rc;
}
