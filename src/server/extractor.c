/* extractor.c: the text-extraction child: claims due PDF blobs one at a time and runs pdftotext on each. */
#include "server/extractor.h"
#include "core/arena.h"
#include "core/log.h"
#include "core/str.h"
#include "db/db.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_TEXT_CHARS 200000
#define MAX_TEXT_BYTES (4 * MAX_TEXT_CHARS) /* the most that MAX_TEXT_CHARS characters of UTF-8 take */
#define RUN_SECONDS 30                      /* wall clock and CPU time of one pdftotext */
#define RUN_MEMORY (512L << 20)             /* its address space */
#define WAKE_MS 30000                       /* a look for due blobs without a notification */
#define LOCK_RETRY_MS 5000
#define MAX_RECONNECT_MS 10000
#define SLICE_MS 1000 /* the longest a wait goes without looking at the stop flag */

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
    (void)sig;
    stop = 1;
}

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Sleeps ms, or less when SIGTERM comes. */
static void pause_ms(long ms)
{
    long long until = now_ms() + ms;
    while (!stop) {
        long long left = until - now_ms();
        if (left <= 0)
            return;
        if (left > SLICE_MS)
            left = SLICE_MS;
        struct timespec ts = {left / 1000, (left % 1000) * 1000000};
        nanosleep(&ts, NULL);
    }
}

typedef enum { RUN_OK, RUN_FAILED, RUN_STOPPED } run_outcome;

/* In the forked child: stdout to out_fd, stdin and stderr to /dev/null, the limits, then pdftotext. */
static void exec_pdftotext(int out_fd, char *path)
{
    int null = open("/dev/null", O_RDWR);
    if (null < 0 || dup2(out_fd, STDOUT_FILENO) < 0 || dup2(null, STDIN_FILENO) < 0 || dup2(null, STDERR_FILENO) < 0)
        _exit(126);
    struct rlimit mem = {RUN_MEMORY, RUN_MEMORY}, cpu = {RUN_SECONDS, RUN_SECONDS + 1};
    if (setrlimit(RLIMIT_AS, &mem) < 0 || setrlimit(RLIMIT_CPU, &cpu) < 0)
        _exit(126);
    signal(SIGPIPE, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    char *argv[] = {"pdftotext", "-q", "-enc", "UTF-8", "-l", "200", path, "-", NULL};
    execvp(argv[0], argv);
    _exit(127);
}

/* Waits for pid until deadline_ms, killing it then or when SIGTERM comes; its wait status. */
static int reap_by(pid_t pid, long long deadline_ms, bool *killed)
{
    int status = 0;
    for (;;) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid || (r < 0 && errno != EINTR))
            return status;
        if (stop || now_ms() >= deadline_ms) {
            *killed = true;
            kill(pid, SIGKILL);
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
            }
            return status;
        }
        struct timespec ts = {0, 10 * 1000000};
        nanosleep(&ts, NULL);
    }
}

/* Runs pdftotext on the file at path: its standard output (the first cap bytes, the rest read and dropped) in
 * buf and *got. RUN_FAILED with a short reason in why when it fails, times out or is killed; RUN_STOPPED when
 * SIGTERM came first. */
static run_outcome run_pdftotext(char *path, char *buf, size_t cap, size_t *got, char *why, size_t whylen)
{
    *got = 0;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0) {
        snprintf(why, whylen, "pipe: %s", strerror(errno));
        return RUN_FAILED;
    }
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(why, whylen, "fork: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return RUN_FAILED;
    }
    if (pid == 0)
        exec_pdftotext(fds[1], path);
    close(fds[1]);
    long long deadline = now_ms() + RUN_SECONDS * 1000;
    bool eof = false;
    while (!eof && !stop && now_ms() < deadline) {
        long long left = deadline - now_ms();
        struct pollfd p = {.fd = fds[0], .events = POLLIN};
        if (poll(&p, 1, (int)(left < SLICE_MS ? left : SLICE_MS)) <= 0)
            continue;
        char drop[4096];
        char *to = *got < cap ? buf + *got : drop;
        size_t room = *got < cap ? cap - *got : sizeof drop;
        ssize_t n = read(fds[0], to, room);
        if (n > 0 && to != drop)
            *got += (size_t)n;
        else if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
            eof = true;
    }
    close(fds[0]);
    bool killed = false;
    int status = reap_by(pid, eof ? deadline : now_ms(), &killed);
    if (stop && killed)
        return RUN_STOPPED;
    if (killed)
        snprintf(why, whylen, "pdftotext ran over %d s", RUN_SECONDS);
    else if (WIFSIGNALED(status))
        snprintf(why, whylen, "pdftotext killed by signal %d", WTERMSIG(status));
    else if (WEXITSTATUS(status) == 127)
        snprintf(why, whylen, "pdftotext not found");
    else if (WEXITSTATUS(status) != 0)
        snprintf(why, whylen, "pdftotext exited with status %d", WEXITSTATUS(status));
    else
        return RUN_OK;
    return RUN_FAILED;
}

/* Writes the n bytes at content to a new file in a new private directory (mode 0700) under $TMPDIR or /tmp:
 * its path in file, the directory's in dir. False with a reason in why. */
static bool write_temp(const char *content, size_t n, char *dir, size_t dirlen, char *file, size_t filelen, char *why,
                       size_t whylen)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, dirlen, "%s/casedesk-text-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        snprintf(why, whylen, "temporary directory: %s", strerror(errno));
        return false;
    }
    snprintf(file, filelen, "%s/blob-XXXXXX", dir);
    int fd = mkostemp(file, O_CLOEXEC);
    if (fd < 0) {
        snprintf(why, whylen, "temporary file: %s", strerror(errno));
        rmdir(dir);
        return false;
    }
    size_t done = 0;
    while (done < n) {
        ssize_t w = write(fd, content + done, n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            snprintf(why, whylen, "temporary file: %s", w < 0 ? strerror(errno) : "short write");
            close(fd);
            unlink(file);
            rmdir(dir);
            return false;
        }
        done += (size_t)w;
    }
    close(fd);
    return true;
}

typedef enum { CLAIM_SETTLED, CLAIM_NONE, CLAIM_LOST } claim_outcome;

/* Claims the pending blob due first and extracts its text (pdftotext's output read into raw, MAX_TEXT_BYTES
 * bytes): 'done' with the text, or a failed try. CLAIM_NONE when none is due,
 * CLAIM_LOST when the database failed, the connection is not session any more, or SIGTERM stopped pdftotext (the blob
 * stays pending). */
static claim_outcome extract_next(arena *a, unsigned long session, char *raw)
{
    if (db_begin() != CD_OK || db_session() != session) {
        db_rollback();
        return CLAIM_LOST;
    }
    cd_err e;
    const PGresult *r = db_exec_bin(a, STMT_TEXT_CLAIM, NULL, NULL, NULL, 1, &e);
    if (!r) {
        db_rollback();
        return CLAIM_LOST;
    }
    if (PQntuples(r) == 0)
        return db_commit() == CD_OK ? CLAIM_NONE : CLAIM_LOST;
    /* The claim is committed at once: a deletion of the case or blob never waits on pdftotext. Only the
     * holder of the extraction lock claims, so no other child takes the blob meanwhile. */
    if (db_commit() != CD_OK)
        return CLAIM_LOST;
    const char *org = db_value(r, 0), *digest = db_value(r, 1);
    char dir[512], file[600], why[128] = "";
    size_t got = 0;
    run_outcome out = RUN_FAILED;
    if (write_temp(PQgetvalue(r, 0, 2), (size_t)PQgetlength(r, 0, 2), dir, sizeof dir, file, sizeof file, why,
                   sizeof why)) {
        out = run_pdftotext(file, raw, MAX_TEXT_BYTES, &got, why, sizeof why);
        unlink(file);
        rmdir(dir);
    }
    if (out == RUN_STOPPED)
        return CLAIM_LOST;
    if (out == RUN_OK) {
        char *text = utf8_clean_text(a, raw, got, MAX_TEXT_BYTES);
        if (!text)
            return CLAIM_LOST;
        size_t len = utf8_prefix(text, strlen(text), MAX_TEXT_CHARS);
        text[len] = '\0';
        const char *params[] = {org, digest, text};
        if (db_exec(a, STMT_TEXT_DONE, params, &e)) {
            log_info("blob %.12s of organization %s: %zu bytes of text", digest, org, len);
            return CLAIM_SETTLED;
        }
        /* Refused for what it is, not for the connection: a failed try, so that it is not retried forever. */
        if (e == CD_EUNAVAIL || e == CD_ERETRY)
            return CLAIM_LOST;
        snprintf(why, sizeof why, "the text could not be stored (%s)", cd_err_name(e));
    }
    const char *params[] = {org, digest, why};
    if (!db_exec(a, STMT_TEXT_FAILED, params, &e))
        return CLAIM_LOST;
    log_warn("blob %.12s of organization %s: no text: %s", digest, org, why);
    return CLAIM_SETTLED;
}

/* Takes the extraction lock and LISTENs on the current connection: true when this child extracts now. */
static bool take_lock(arena *a)
{
    cd_err e;
    const PGresult *r = db_exec(a, STMT_TEXT_EXTRACT_LOCK, NULL, &e);
    const char *held = db_value(r, 0);
    return held && strcmp(held, "t") == 0 && db_exec(a, STMT_TEXT_EXTRACT_LISTEN, NULL, &e);
}

int extractor_run(const config *cfg)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_term; /* no SA_RESTART: a wait in progress returns at once */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGHUP, SIG_IGN);
    signal(SIGPIPE, SIG_IGN);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    prctl(PR_SET_NAME, "casedesk-text", 0, 0, 0);
    log_set_level((log_level)cfg->log_level);

    /* It keeps no cache, so it needs no directory notifications. */
    config own = *cfg;
    own.cache_seconds = 0;
    db_open(&own);
    arena *a = arena_new(64 * 1024);
    char *raw = malloc(MAX_TEXT_BYTES);
    if (!a || !raw) {
        log_error("text extractor: out of memory");
        arena_free(a);
        free(raw);
        return 1;
    }
    log_info("text extractor ready");
    unsigned long locked = 0; /* the session holding the extraction lock */
    long backoff = 0;
    bool said_waiting = false;
    while (!stop) {
        if (!db_ready()) {
            backoff = backoff ? (backoff * 2 < MAX_RECONNECT_MS ? backoff * 2 : MAX_RECONNECT_MS) : 1000;
            pause_ms(backoff);
            continue;
        }
        backoff = 0;
        if (locked != db_session()) {
            if (locked)
                log_warn("text extractor: its database connection was replaced; taking the lock again");
            locked = 0;
            bool got = take_lock(a);
            arena_reset(a);
            if (!got) {
                if (!said_waiting)
                    log_info("another process holds the text extraction lock; trying again every %d s",
                             LOCK_RETRY_MS / 1000);
                said_waiting = true;
                pause_ms(LOCK_RETRY_MS);
                continue;
            }
            said_waiting = false;
            locked = db_session();
            log_info("extracting the text of PDF attachments");
        }
        while (!stop && extract_next(a, locked, raw) == CLAIM_SETTLED)
            arena_reset(a);
        arena_reset(a);
        long long until = now_ms() + WAKE_MS;
        while (!stop && db_session() == locked && now_ms() < until && !db_wait_notify(SLICE_MS)) {
        }
    }
    db_close();
    arena_free(a);
    free(raw);
    log_info("text extractor stopped");
    return 0;
}
