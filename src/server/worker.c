/* worker.c: signal set-up and the life of one worker process. */
#include "server/worker.h"
#include "core/log.h"
#include "db/db.h"
#include "http/fcgi.h"
#include "reply.h"
#include "router.h"
#include <signal.h>
#include <string.h>

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
    (void)sig;
    stop = 1;
    fcgi_interrupt();
}

int worker_run(int listen_fd, const config *cfg)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_term;
    sa.sa_flags = SA_RESTART; /* reads of a request in progress must not fail with EINTR */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGHUP, SIG_IGN);
    signal(SIGPIPE, SIG_IGN);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);

    log_set_level((log_level)cfg->log_level);
    db_open(cfg);
    log_info("worker ready");
    fcgi_set_error_renderer(reply_error);
    int rc = fcgi_serve(listen_fd, cfg, router_dispatch, &stop);
    db_close();
    log_info("worker stopped");
    return rc == 0 ? 0 : 1;
}
