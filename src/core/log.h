/* log.h: one-line log records to stderr, prefixed with time, level and pid. */
#ifndef CD_LOG_H
#define CD_LOG_H

typedef enum { LOG_ERROR, LOG_WARN, LOG_INFO, LOG_DEBUG } log_level;

/* Sets the most verbose level that is printed (default LOG_INFO). */
void log_set_level(log_level l);

/* Parses "error", "warn", "info" or "debug"; returns -1 when unknown. */
int log_parse_level(const char *s);

/* Writes one line: "<ISO time> <level> [pid] message". Newlines in the message are replaced. */
void log_msg(log_level l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

#endif
