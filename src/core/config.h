/* config.h: runtime settings read from a key = value file, then overridden by CASEDESK_* variables. */
#ifndef CD_CONFIG_H
#define CD_CONFIG_H
#include <stddef.h>

#define CFG_STR_MAX 512

typedef struct config {
    char socket[CFG_STR_MAX];       /* FastCGI unix socket path; empty: inherit a listening socket on fd 0 */
    long socket_mode;               /* permission bits of the socket file */
    long backlog;                   /* listen() backlog */
    long workers;                   /* worker processes; 0 = number of cores */
    char database[CFG_STR_MAX];     /* libpq connection string */
    long db_statement_timeout_ms;   /* per-statement timeout; a timed-out request answers 503 */
    char template_dir[CFG_STR_MAX]; /* directory of *.tpl files */
    char sql_dir[CFG_STR_MAX];      /* directory of NNN_*.sql migrations */
    long max_body;                  /* largest accepted non-upload request body, bytes */
    long max_upload;                /* largest accepted attachment upload, bytes */
    long max_request_memory;        /* arena bytes one request may use (0 = no cap); more is a 503. An upload
                                     * needs about three times its size (body, parsed part, query) */
    long log_level;                 /* log_level enum value */
    long session_idle_minutes;      /* browser session idle expiry */
    long session_max_hours;         /* browser session absolute expiry */
    long token_ttl_minutes;         /* API access token lifetime */
    long refresh_ttl_hours;         /* API refresh token lifetime */
    long login_max_failures;        /* failed logins per email or address before refusing */
    long login_window_seconds;      /* window over which failures are counted */
    long cache_seconds;             /* how long a worker keeps validated credentials and member lists; changes
                                     * announced by PostgreSQL drop them at once; 0 = no caching */
    long extract_text;              /* 1: the master runs the child that extracts the text of PDF attachments
                                     * for search (pdftotext); 0: it does not (on | off in the file) */
} config;

/* Fills cfg with built-in defaults. */
void config_defaults(config *cfg);

/* Applies one "key = value" pair. Returns 0, or -1 with a message in err (errlen bytes). */
int config_set(config *cfg, const char *key, const char *value, char *err, size_t errlen);

/* Reads a config file (blank lines and # comments allowed) on top of cfg. Returns 0, or -1 with err set
 * to "path:line: message". */
int config_load_file(config *cfg, const char *path, char *err, size_t errlen);

/* Overrides cfg from environment variables CASEDESK_<KEY> (upper-case key). Returns 0 or -1 with err set. */
int config_load_env(config *cfg, char *err, size_t errlen);

/* Defaults, then the file (if path is non-NULL), then the environment. Returns 0 or -1 with err set. */
int config_load(config *cfg, const char *path, char *err, size_t errlen);

#endif
