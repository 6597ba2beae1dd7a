/* config.c: table-driven parser for casedesk.conf and CASEDESK_* environment overrides. */
#include "core/config.h"
#include "core/log.h"
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/local/share/casedesk"
#endif

enum kind { K_STR, K_LONG, K_OCTAL, K_LEVEL, K_SWITCH };

static const struct key {
    const char *name;
    enum kind kind;
    size_t off;
    long min, max;
} keys[] = {
    {"socket", K_STR, offsetof(config, socket), 0, 0},
    {"socket_mode", K_OCTAL, offsetof(config, socket_mode), 0, 0777},
    {"backlog", K_LONG, offsetof(config, backlog), 1, 65535},
    {"workers", K_LONG, offsetof(config, workers), 0, 256},
    {"database", K_STR, offsetof(config, database), 0, 0},
    {"db_statement_timeout_ms", K_LONG, offsetof(config, db_statement_timeout_ms), 0, 3600000},
    {"template_dir", K_STR, offsetof(config, template_dir), 0, 0},
    {"sql_dir", K_STR, offsetof(config, sql_dir), 0, 0},
    {"max_body", K_LONG, offsetof(config, max_body), 1024, 1L << 30},
    {"max_upload", K_LONG, offsetof(config, max_upload), 1024, 1L << 30},
    {"max_request_memory", K_LONG, offsetof(config, max_request_memory), 0, 1L << 40},
    {"log_level", K_LEVEL, offsetof(config, log_level), 0, 3},
    {"session_idle_minutes", K_LONG, offsetof(config, session_idle_minutes), 1, 525600},
    {"session_max_hours", K_LONG, offsetof(config, session_max_hours), 1, 8760},
    {"token_ttl_minutes", K_LONG, offsetof(config, token_ttl_minutes), 1, 525600},
    {"refresh_ttl_hours", K_LONG, offsetof(config, refresh_ttl_hours), 1, 8760},
    {"login_max_failures", K_LONG, offsetof(config, login_max_failures), 1, 1000},
    {"login_window_seconds", K_LONG, offsetof(config, login_window_seconds), 1, 86400},
    {"cache_seconds", K_LONG, offsetof(config, cache_seconds), 0, 3600},
    {"extract_text", K_SWITCH, offsetof(config, extract_text), 0, 1},
};

void config_defaults(config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    snprintf(cfg->socket, sizeof cfg->socket, "/run/casedesk/casedesk.sock");
    cfg->socket_mode = 0660;
    cfg->backlog = 1024;
    cfg->workers = 0;
    snprintf(cfg->database, sizeof cfg->database, "dbname=casedesk");
    cfg->db_statement_timeout_ms = 5000;
    snprintf(cfg->template_dir, sizeof cfg->template_dir, "%s/templates", PKGDATADIR);
    snprintf(cfg->sql_dir, sizeof cfg->sql_dir, "%s/sql", PKGDATADIR);
    cfg->max_body = 1L << 20;
    cfg->max_upload = 10L << 20;
    cfg->max_request_memory = 64L << 20;
    cfg->log_level = LOG_INFO;
    cfg->session_idle_minutes = 120;
    cfg->session_max_hours = 24;
    cfg->token_ttl_minutes = 60;
    cfg->refresh_ttl_hours = 24 * 14;
    cfg->login_max_failures = 10;
    cfg->login_window_seconds = 900;
    cfg->cache_seconds = 60;
    cfg->extract_text = 1;
}

int config_set(config *cfg, const char *key, const char *value, char *err, size_t errlen)
{
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const struct key *k = &keys[i];
        if (strcmp(k->name, key) != 0)
            continue;
        char *dst = (char *)cfg + k->off;
        if (k->kind == K_STR) {
            if (strlen(value) >= CFG_STR_MAX) {
                snprintf(err, errlen, "%s: value too long", key);
                return -1;
            }
            strcpy(dst, value);
            return 0;
        }
        if (k->kind == K_LEVEL) {
            int l = log_parse_level(value);
            if (l < 0) {
                snprintf(err, errlen, "%s: expected error, warn, info or debug", key);
                return -1;
            }
            *(long *)dst = l;
            return 0;
        }
        if (k->kind == K_SWITCH) {
            if (strcmp(value, "on") != 0 && strcmp(value, "off") != 0) {
                snprintf(err, errlen, "%s: expected on or off", key);
                return -1;
            }
            *(long *)dst = strcmp(value, "on") == 0;
            return 0;
        }
        char *end;
        errno = 0;
        long v = strtol(value, &end, k->kind == K_OCTAL ? 8 : 10);
        if (errno || end == value || *end || v < k->min || v > k->max) {
            snprintf(err, errlen, "%s: expected %s number from %ld to %ld", key,
                     k->kind == K_OCTAL ? "an octal" : "a", k->min, k->max);
            return -1;
        }
        *(long *)dst = v;
        return 0;
    }
    snprintf(err, errlen, "unknown setting '%s'", key);
    return -1;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

int config_load_file(config *cfg, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    char line[2048], msg[256];
    int lineno = 0, rc = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (!strchr(line, '\n') && !feof(f)) {
            snprintf(err, errlen, "%s:%d: line too long", path, lineno);
            rc = -1;
            break;
        }
        char *s = trim(line);
        if (*s == '\0' || *s == '#')
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            snprintf(err, errlen, "%s:%d: expected key = value", path, lineno);
            rc = -1;
            break;
        }
        *eq = '\0';
        if (config_set(cfg, trim(s), trim(eq + 1), msg, sizeof msg) < 0) {
            snprintf(err, errlen, "%s:%d: %s", path, lineno, msg);
            rc = -1;
            break;
        }
    }
    fclose(f);
    return rc;
}

int config_load_env(config *cfg, char *err, size_t errlen)
{
    char var[96], msg[256];
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        int n = snprintf(var, sizeof var, "CASEDESK_");
        for (const char *p = keys[i].name; *p && (size_t)n < sizeof var - 1; p++)
            var[n++] = (char)toupper((unsigned char)*p);
        var[n] = '\0';
        const char *v = getenv(var);
        if (v && config_set(cfg, keys[i].name, v, msg, sizeof msg) < 0) {
            snprintf(err, errlen, "%s: %s", var, msg);
            return -1;
        }
    }
    return 0;
}

int config_load(config *cfg, const char *path, char *err, size_t errlen)
{
    config_defaults(cfg);
    if (path && config_load_file(cfg, path, err, errlen) < 0)
        return -1;
    if (config_load_env(cfg, err, errlen) < 0)
        return -1;
    if (cfg->workers == 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        cfg->workers = n > 0 ? n : 1;
    }
    return 0;
}
