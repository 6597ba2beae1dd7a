/* test_config.c: config defaults, file parsing with errors as path:line, and CASEDESK_* overrides. */
#include <stdio.h>
#include <unistd.h>
#include "core/config.h"
#include "core/log.h"
#include "core/str.h"
#include "testutil.h"

static char path[64];

/* Writes text to a fresh temporary file whose name is left in path (the previous one is removed). */
static const char *write_conf(const char *text)
{
    if (path[0])
        unlink(path);
    snprintf(path, sizeof path, "/tmp/casedesk-test-conf-XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
    return path;
}

static void setup(void)
{
    clear_casedesk_env();
    path[0] = '\0';
}

static void teardown(void)
{
    if (path[0])
        unlink(path);
    clear_casedesk_env();
}

START_TEST(defaults)
{
    config c;
    memset(&c, 0x55, sizeof c);
    config_defaults(&c);
    ck_assert_str_eq(c.socket, "/run/casedesk/casedesk.sock");
    ck_assert_int_eq(c.socket_mode, 0660);
    ck_assert_int_eq(c.backlog, 1024);
    ck_assert_int_eq(c.workers, 0);
    ck_assert_str_eq(c.database, "dbname=casedesk");
    ck_assert_int_eq(c.db_statement_timeout_ms, 5000);
    ck_assert(str_starts(c.template_dir, "/") && strstr(c.template_dir, "/templates") != NULL);
    ck_assert(str_starts(c.sql_dir, "/") && strstr(c.sql_dir, "/sql") != NULL);
    ck_assert_int_eq(c.max_body, 1L << 20);
    ck_assert_int_eq(c.max_upload, 10L << 20); /* DESIGN: 10 MiB attachment limit */
    ck_assert_int_eq(c.log_level, LOG_INFO);
    ck_assert_int_gt(c.session_idle_minutes, 0);
    ck_assert_int_gt(c.token_ttl_minutes, 0);
    ck_assert_int_gt(c.login_max_failures, 0);
}
END_TEST

START_TEST(file_with_comments_and_trimming)
{
    config c;
    config_defaults(&c);
    char err[512] = "";
    const char *p = write_conf("# casedesk.conf\n"
                               "\n"
                               "   \t\n"
                               "  # indented comment\n"
                               "workers = 3\n"
                               "backlog=17\n"
                               "\tdatabase   =   host=/tmp dbname=x  \n"
                               "socket = /tmp/cd.sock\r\n"
                               "log_level = debug\n"
                               "max_upload = 2048"); /* no final newline */
    ck_assert_msg(config_load_file(&c, p, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(c.workers, 3);
    ck_assert_int_eq(c.backlog, 17);
    ck_assert_str_eq(c.database, "host=/tmp dbname=x"); /* '=' inside a value is kept */
    ck_assert_str_eq(c.socket, "/tmp/cd.sock");
    ck_assert_int_eq(c.log_level, LOG_DEBUG);
    ck_assert_int_eq(c.max_upload, 2048);
    ck_assert_int_eq(c.socket_mode, 0660); /* untouched keys keep their defaults */
}
END_TEST

START_TEST(empty_file_is_fine)
{
    config c, d;
    config_defaults(&c);
    config_defaults(&d);
    char err[256] = "";
    ck_assert_int_eq(config_load_file(&c, write_conf(""), err, sizeof err), 0);
    ck_assert_mem_eq(&c, &d, sizeof c);
}
END_TEST

/* Loading text must fail with an error that starts "path:line:" and contains want. */
static void file_fails(const char *text, int line, const char *want)
{
    config c;
    config_defaults(&c);
    char err[512] = "";
    const char *p = write_conf(text);
    ck_assert_msg(config_load_file(&c, p, err, sizeof err) == -1, "accepted: %s", text);
    char prefix[128];
    snprintf(prefix, sizeof prefix, "%s:%d: ", p, line);
    ck_assert_msg(str_starts(err, prefix), "error \"%s\" lacks \"%s\"", err, prefix);
    ck_assert_msg(strstr(err, want) != NULL, "error \"%s\" lacks \"%s\"", err, want);
}

START_TEST(file_errors_name_path_and_line)
{
    file_fails("workers = 2\n# ok\n\ncolour = blue\n", 4, "colour");
    file_fails("just some words\n", 1, "key = value");
    file_fails("workers = 2\nworkers = many\n", 2, "workers");
    file_fails("\nbacklog = 12abc\n", 2, "backlog");
    file_fails("backlog = \n", 1, "backlog");
    file_fails("workers = 257\n", 1, "workers");
    file_fails("workers = -1\n", 1, "workers");
    file_fails("backlog = 0\n", 1, "backlog");
    file_fails("max_body = 99999999999999999999999\n", 1, "max_body");
    file_fails("max_body = 1023\n", 1, "max_body");
    file_fails("log_level = verbose\n", 1, "log_level");
    file_fails("log_level = INFO\n", 1, "log_level");
    file_fails("socket_mode = 0888\n", 1, "socket_mode");
    file_fails("socket_mode = 01000\n", 1, "socket_mode");
    file_fails("Workers = 2\n", 1, "Workers"); /* keys are case-sensitive */
    file_fails("extract_text = yes\n", 1, "on or off");
    file_fails("extract_text = 1\n", 1, "extract_text");
}
END_TEST

START_TEST(file_long_value_and_line)
{
    char text[3000];
    /* a string value of CFG_STR_MAX bytes does not fit */
    int n = snprintf(text, sizeof text, "database = ");
    memset(text + n, 'x', CFG_STR_MAX);
    strcpy(text + n + CFG_STR_MAX, "\n");
    file_fails(text, 1, "too long");
    /* one byte less fits */
    config c;
    config_defaults(&c);
    char err[512] = "";
    text[n + CFG_STR_MAX - 1] = '\n';
    text[n + CFG_STR_MAX] = '\0';
    ck_assert_msg(config_load_file(&c, write_conf(text), err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(strlen(c.database), CFG_STR_MAX - 1);
    /* a line longer than the reader's buffer is an error, not two lines */
    memset(text, '#', sizeof text - 2);
    text[sizeof text - 2] = '\n';
    text[sizeof text - 1] = '\0';
    file_fails(text, 1, "too long");
}
END_TEST

START_TEST(extract_text_switch)
{
    config c;
    config_defaults(&c);
    ck_assert_int_eq(c.extract_text, 1);
    char err[256] = "";
    ck_assert_int_eq(config_set(&c, "extract_text", "off", err, sizeof err), 0);
    ck_assert_int_eq(c.extract_text, 0);
    ck_assert_int_eq(config_set(&c, "extract_text", "on", err, sizeof err), 0);
    ck_assert_int_eq(c.extract_text, 1);
    ck_assert_int_eq(config_set(&c, "extract_text", "OFF", err, sizeof err), -1);
    ck_assert_int_eq(c.extract_text, 1);
}
END_TEST

START_TEST(octal_socket_mode)
{
    config c;
    config_defaults(&c);
    char err[256] = "";
    ck_assert_int_eq(config_set(&c, "socket_mode", "0666", err, sizeof err), 0);
    ck_assert_int_eq(c.socket_mode, 0666);
    ck_assert_int_eq(config_set(&c, "socket_mode", "660", err, sizeof err), 0); /* octal without a 0 too */
    ck_assert_int_eq(c.socket_mode, 0660);
    ck_assert_int_eq(config_set(&c, "socket_mode", "0777", err, sizeof err), 0);
    ck_assert_int_eq(c.socket_mode, 0777);
    ck_assert_int_eq(config_set(&c, "socket_mode", "9", err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "octal"));
    ck_assert_int_eq(config_set(&c, "socket_mode", "0x1ff", err, sizeof err), -1);
    ck_assert_int_eq(c.socket_mode, 0777); /* a refused value changes nothing */
}
END_TEST

START_TEST(log_level_names)
{
    static const struct {
        const char *name;
        long level;
    } names[] = {{"error", LOG_ERROR}, {"warn", LOG_WARN}, {"info", LOG_INFO}, {"debug", LOG_DEBUG}};
    config c;
    config_defaults(&c);
    char err[256] = "";
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        ck_assert_int_eq(config_set(&c, "log_level", names[i].name, err, sizeof err), 0);
        ck_assert_int_eq(c.log_level, names[i].level);
    }
    ck_assert_int_eq(config_set(&c, "log_level", "3", err, sizeof err), -1);
    ck_assert_int_eq(config_set(&c, "log_level", "", err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "log_level"));
}
END_TEST

START_TEST(numbers_and_ranges)
{
    config c;
    config_defaults(&c);
    char err[256] = "";
    ck_assert_int_eq(config_set(&c, "workers", "0", err, sizeof err), 0);
    ck_assert_int_eq(config_set(&c, "workers", "256", err, sizeof err), 0);
    ck_assert_int_eq(c.workers, 256);
    ck_assert_int_eq(config_set(&c, "workers", "257", err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "0 to 256"));
    ck_assert_int_eq(config_set(&c, "workers", "2.5", err, sizeof err), -1);
    ck_assert_int_eq(config_set(&c, "workers", "0x10", err, sizeof err), -1);
    ck_assert_int_eq(config_set(&c, "login_window_seconds", "86400", err, sizeof err), 0);
    ck_assert_int_eq(config_set(&c, "login_window_seconds", "86401", err, sizeof err), -1);
    ck_assert_int_eq(c.workers, 256);
    ck_assert_int_eq(config_set(&c, "no_such_key", "1", err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "no_such_key"));
}
END_TEST

START_TEST(environment_beats_file)
{
    config c;
    char err[512] = "";
    const char *p = write_conf("workers = 3\nbacklog = 10\nsocket = /tmp/from-file.sock\n");
    ck_assert_int_eq(setenv("CASEDESK_WORKERS", "5", 1), 0);
    ck_assert_int_eq(setenv("CASEDESK_SOCKET", "/tmp/from-env.sock", 1), 0);
    ck_assert_int_eq(setenv("CASEDESK_LOG_LEVEL", "warn", 1), 0);
    ck_assert_int_eq(setenv("CASEDESK_SOCKET_MODE", "0600", 1), 0);
    ck_assert_int_eq(setenv("CASEDESK_DB_STATEMENT_TIMEOUT_MS", "250", 1), 0);
    ck_assert_msg(config_load(&c, p, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(c.workers, 5);
    ck_assert_str_eq(c.socket, "/tmp/from-env.sock");
    ck_assert_int_eq(c.backlog, 10); /* from the file, no variable */
    ck_assert_int_eq(c.log_level, LOG_WARN);
    ck_assert_int_eq(c.socket_mode, 0600);
    ck_assert_int_eq(c.db_statement_timeout_ms, 250);
}
END_TEST

START_TEST(environment_errors)
{
    config c;
    char err[512] = "";
    ck_assert_int_eq(setenv("CASEDESK_WORKERS", "lots", 1), 0);
    ck_assert_int_eq(config_load(&c, NULL, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "CASEDESK_WORKERS") != NULL, "%s", err);
    unsetenv("CASEDESK_WORKERS");
    ck_assert_int_eq(setenv("CASEDESK_LOG_LEVEL", "loud", 1), 0);
    ck_assert_int_eq(config_load_env(&c, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "CASEDESK_LOG_LEVEL") != NULL, "%s", err);
}
END_TEST

START_TEST(workers_zero_means_cores)
{
    config c;
    char err[256] = "";
    ck_assert_int_eq(config_load(&c, NULL, err, sizeof err), 0);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    ck_assert_int_eq(c.workers, cores > 0 ? cores : 1);
    ck_assert_int_eq(setenv("CASEDESK_WORKERS", "2", 1), 0);
    ck_assert_int_eq(config_load(&c, NULL, err, sizeof err), 0);
    ck_assert_int_eq(c.workers, 2);
}
END_TEST

START_TEST(missing_file)
{
    config c;
    char err[512] = "";
    ck_assert_int_eq(config_load(&c, "/nonexistent/dir/casedesk.conf", err, sizeof err), -1);
    ck_assert_msg(str_starts(err, "/nonexistent/dir/casedesk.conf: "), "%s", err);
    ck_assert_msg(strstr(err, "No such file") != NULL, "%s", err);
}
END_TEST

static Suite *config_suite(void)
{
    Suite *s = suite_create("config");
    TCase *tc = tcase_create("file");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, defaults);
    tcase_add_test(tc, file_with_comments_and_trimming);
    tcase_add_test(tc, empty_file_is_fine);
    tcase_add_test(tc, file_errors_name_path_and_line);
    tcase_add_test(tc, file_long_value_and_line);
    tcase_add_test(tc, missing_file);
    suite_add_tcase(s, tc);
    tc = tcase_create("values");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, octal_socket_mode);
    tcase_add_test(tc, extract_text_switch);
    tcase_add_test(tc, log_level_names);
    tcase_add_test(tc, numbers_and_ranges);
    suite_add_tcase(s, tc);
    tc = tcase_create("environment");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, environment_beats_file);
    tcase_add_test(tc, environment_errors);
    tcase_add_test(tc, workers_zero_means_cores);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_suite(config_suite()); }
