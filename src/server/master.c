/* master.c: prefork supervision of the workers and the text-extraction child: respawn back-off, graceful stop
 * and SIGHUP roll-over. */
#include "server/master.h"
#include "core/log.h"
#include "db/db.h"
#include "http/fcgi.h"
#include "server/extractor.h"
#include "server/worker.h"
#include "view/tmpl.h"
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_WORKERS 256
#define DRAIN_SECONDS 20
#define QUICK_DEATH_MS 1000
#define MAX_BACKOFF_MS 10000

typedef struct slot {
    pid_t pid;            /* 0 when no worker runs in this slot */
    long long started_ms; /* when the current worker was forked */
    long long respawn_ms; /* when to fork again after a death (0 = now) */
    int quick_deaths;     /* consecutive deaths soon after start */
} slot;

static slot slots[MAX_WORKERS];
static int nslots;
/* The text-extraction child (extractor.c), run while the configuration's extract_text is on. */
static slot text_slot;

/* Workers replaced by a SIGHUP roll, finishing their requests; killed at their deadline. */
typedef struct retiring {
    pid_t pid;
    long long deadline_ms;
} retiring;
static retiring old_workers[MAX_WORKERS];
static int nold;
static int listen_fd = -1;

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* "worker N" or "text extractor", for the log. */
static const char *slot_name(const slot *s, char *buf, size_t len)
{
    if (s == &text_slot)
        return "text extractor";
    snprintf(buf, len, "worker %d", (int)(s - slots));
    return buf;
}

static pid_t spawn(const config *cfg, slot *s)
{
    pid_t pid = fork();
    if (pid < 0) {
        log_error("fork failed: %s", strerror(errno));
        s->respawn_ms = now_ms() + 1000;
        return -1;
    }
    if (pid == 0) {
        if (s != &text_slot)
            _exit(worker_run(listen_fd, cfg));
        close(listen_fd);
        _exit(extractor_run(cfg));
    }
    s->pid = pid;
    s->started_ms = now_ms();
    s->respawn_ms = 0;
    char name[32];
    log_info("%s started as pid %ld", slot_name(s, name, sizeof name), (long)pid);
    return pid;
}

/* The child of slot s ended with status: the slot is free, to be forked again at once, or after a back-off
 * that doubles with each death soon after start. */
static void slot_died(slot *s, pid_t pid, int status)
{
    char buf[32];
    const char *name = slot_name(s, buf, sizeof buf);
    s->pid = 0;
    long long lived = now_ms() - s->started_ms;
    if (WIFSIGNALED(status))
        log_warn("%s (pid %ld) killed by signal %d", name, (long)pid, WTERMSIG(status));
    else
        log_warn("%s (pid %ld) exited with %d", name, (long)pid, WEXITSTATUS(status));
    if (lived < QUICK_DEATH_MS) {
        int q = s->quick_deaths < 16 ? ++s->quick_deaths : 16;
        long long backoff = 100LL << (q - 1);
        if (backoff > MAX_BACKOFF_MS)
            backoff = MAX_BACKOFF_MS;
        s->respawn_ms = now_ms() + backoff;
        log_warn("%s died %lld ms after start; respawning in %lld ms", name, lived, backoff);
    } else {
        s->quick_deaths = 0;
        s->respawn_ms = 0;
    }
}

static void reap(void)
{
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        for (int i = 0; i < nold; i++) {
            if (old_workers[i].pid == pid) {
                old_workers[i] = old_workers[--nold];
                break;
            }
        }
        for (int i = 0; i < nslots; i++)
            if (slots[i].pid == pid)
                slot_died(&slots[i], pid, status);
        if (text_slot.pid == pid)
            slot_died(&text_slot, pid, status);
    }
}

static void signal_all(int sig)
{
    for (int i = 0; i < nslots; i++)
        if (slots[i].pid > 0)
            kill(slots[i].pid, sig);
    if (text_slot.pid > 0)
        kill(text_slot.pid, sig);
}

static void drain(pid_t *pids, int n)
{
    long long deadline = now_ms() + DRAIN_SECONDS * 1000;
    int left = n;
    while (left > 0) {
        for (int i = 0; i < n; i++) {
            if (pids[i] > 0 && waitpid(pids[i], NULL, WNOHANG) == pids[i]) {
                pids[i] = 0;
                left--;
            }
        }
        if (left == 0)
            break;
        if (now_ms() > deadline) {
            for (int i = 0; i < n; i++)
                if (pids[i] > 0) {
                    log_warn("worker pid %ld did not stop in time; killing it", (long)pids[i]);
                    kill(pids[i], SIGKILL);
                    waitpid(pids[i], NULL, 0);
                }
            break;
        }
        struct timespec ts = {0, 20 * 1000000};
        nanosleep(&ts, NULL);
    }
}

/* SIGHUP: new config and templates; fresh workers (and extraction child) take over, old ones finish their
 * requests (and blob). */
static void reload(config *cfg, const char *config_path)
{
    config next;
    char err[512];
    if (config_load(&next, config_path, err, sizeof err) < 0) {
        log_error("reload refused, keeping the running configuration: %s", err);
        return;
    }
    if (strcmp(next.socket, cfg->socket) != 0)
        log_warn("socket changes take effect only after a restart");
    snprintf(next.socket, sizeof next.socket, "%s", cfg->socket);
    if (tmpl_reload(err, sizeof err) < 0) {
        log_error("reload refused, keeping the running templates: %s", err);
        return;
    }
    *cfg = next;
    if (cfg->workers > MAX_WORKERS)
        cfg->workers = MAX_WORKERS;
    log_set_level((log_level)cfg->log_level);
    /* The old workers finish their requests while the main loop goes on; see retire_overdue(). */
    for (int i = 0; i < nslots && nold < MAX_WORKERS; i++) {
        if (slots[i].pid > 0) {
            kill(slots[i].pid, SIGTERM);
            old_workers[nold++] = (retiring){slots[i].pid, now_ms() + DRAIN_SECONDS * 1000};
        }
    }
    if (text_slot.pid > 0 && nold < MAX_WORKERS) {
        kill(text_slot.pid, SIGTERM);
        old_workers[nold++] = (retiring){text_slot.pid, now_ms() + DRAIN_SECONDS * 1000};
    }
    nslots = (int)cfg->workers;
    for (int i = 0; i < nslots; i++) {
        slots[i] = (slot){0};
        spawn(cfg, &slots[i]);
    }
    text_slot = (slot){0};
    if (cfg->extract_text)
        spawn(cfg, &text_slot);
    log_info("reloaded: %d workers%s", nslots, cfg->extract_text ? " and the text extractor" : "");
}

/* Kills retiring workers past their deadline; returns the earliest deadline still pending (or limit). */
static long long retire_overdue(long long limit)
{
    long long now = now_ms();
    for (int i = 0; i < nold; i++) {
        if (old_workers[i].deadline_ms <= now) {
            log_warn("retiring worker pid %ld did not stop in time; killing it", (long)old_workers[i].pid);
            kill(old_workers[i].pid, SIGKILL);
            old_workers[i].deadline_ms = now + 1000;
        }
        if (old_workers[i].deadline_ms < limit)
            limit = old_workers[i].deadline_ms;
    }
    return limit;
}

int master_run(config *cfg, const char *config_path)
{
    char err[512];
    log_set_level((log_level)cfg->log_level);
    if (tmpl_init(cfg->template_dir, err, sizeof err) < 0) {
        log_error("%s", err);
        return 1;
    }
    listen_fd = fcgi_listen(cfg, err, sizeof err);
    if (listen_fd < 0) {
        log_error("%s", err);
        return 1;
    }
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_BLOCK, &set, &old);
    signal(SIGPIPE, SIG_IGN);
    db_share_directory_stamp(); /* before the first fork: every worker, respawned ones too, shares it */

    nslots = cfg->workers > MAX_WORKERS ? MAX_WORKERS : (int)cfg->workers;
    log_info("casedesk master pid %ld: %d workers on %s", (long)getpid(), nslots,
             cfg->socket[0] ? cfg->socket : "inherited socket");
    for (int i = 0; i < nslots; i++)
        spawn(cfg, &slots[i]);
    if (cfg->extract_text)
        spawn(cfg, &text_slot);

    for (;;) {
        long long now = now_ms(), next = now + 1000;
        for (int i = 0; i < nslots; i++) {
            if (slots[i].pid != 0)
                continue;
            if (slots[i].respawn_ms <= now)
                spawn(cfg, &slots[i]);
            else if (slots[i].respawn_ms < next)
                next = slots[i].respawn_ms;
        }
        if (cfg->extract_text && text_slot.pid == 0) {
            if (text_slot.respawn_ms <= now)
                spawn(cfg, &text_slot);
            else if (text_slot.respawn_ms < next)
                next = text_slot.respawn_ms;
        }
        next = retire_overdue(next);
        long long wait = next - now_ms();
        if (wait < 1)
            wait = 1;
        struct timespec ts = {wait / 1000, (wait % 1000) * 1000000};
        int sig = sigtimedwait(&set, NULL, &ts);
        if (sig == SIGCHLD) {
            reap();
        } else if (sig == SIGHUP) {
            log_info("SIGHUP: reloading configuration and templates");
            reload(cfg, config_path);
        } else if (sig == SIGTERM || sig == SIGINT) {
            log_info("stopping: letting workers finish their requests");
            pid_t pids[2 * MAX_WORKERS + 1];
            int n = 0;
            for (int i = 0; i < nslots; i++)
                if (slots[i].pid > 0)
                    pids[n++] = slots[i].pid;
            if (text_slot.pid > 0)
                pids[n++] = text_slot.pid;
            signal_all(SIGTERM);
            for (int i = 0; i < nold && n < 2 * MAX_WORKERS; i++)
                pids[n++] = old_workers[i].pid;
            drain(pids, n);
            if (cfg->socket[0])
                unlink(cfg->socket);
            log_info("stopped");
            return 0;
        }
    }
}
