#!/usr/bin/env bash
# stack.sh: local casedesk stacks (PostgreSQL cluster + casedesk workers + nginx) in var/NAME of the checkout.
# Sourced by deploy/up, deploy/down and tests/run; also callable: deploy/stack.sh FUNCTION NAME [ARGS].
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SVC_USER=${CASEDESK_USER:-casedesk}
[ "$(id -u)" -eq 0 ] || SVC_USER=$(id -un)
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
# The casedesk binary a stack runs (tests/run points it at a sanitizer build for its second stack).
CASEDESK_BIN=${CASEDESK_BIN:-$ROOT/casedesk}
# Variables that reach processes started as the service user (setpriv resets the environment).
SVC_PASS_ENV="ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS"

PACKAGES="build-essential autoconf automake libtool pkg-config libfcgi-dev libjansson-dev libctemplate-dev \
uuid-dev libpq-dev libcrypt-dev libssl-dev check nginx-light postgresql-15 curl nodejs poppler-utils"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Installs the Debian packages that are missing (as root), or names them.
ensure_packages() {
    local missing=() p
    for p in $PACKAGES "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        die "missing packages (run as root or install them): ${missing[*]}"
    fi
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    # Debian starts a packaged nginx/PostgreSQL on install; casedesk runs its own.
    if command -v service >/dev/null 2>&1; then service nginx stop >/dev/null 2>&1 || true; fi
}

# Builds casedesk in the checkout (configure once, make always). Its arguments and CONFIGURE_FLAGS are
# options of ./configure (the test scripts pass --enable-werror); other options reconfigure.
build() {
    cd "$ROOT"
    [ -x configure ] || { say "autoreconf"; autoreconf -fi >/dev/null 2>&1 || autoreconf -fi; }
    local want
    want=$(printf '%s ' "$@" ${CONFIGURE_FLAGS:-})
    want=${want% }
    if [ ! -f Makefile ] || [ "$(cat .configure-flags 2>/dev/null)" != "$want" ]; then
        say "configure $want"
        # shellcheck disable=SC2086
        ./configure -q $want
        printf '%s' "$want" > .configure-flags
    fi
    say "make"
    make -s -j"$(nproc)" >/dev/null
}

# Copies the working tree into DEST for a build apart from the checkout's: tracked and untracked-but-not-ignored
# files (so uncommitted changes are included) plus the generated autotools files, keeping modification times so
# that rebuilding there is incremental.
copy_tree() {
    local dest=$1
    mkdir -p "$dest"
    (
        cd "$ROOT"
        { git ls-files -z -co --exclude-standard; printf '%s\0' configure Makefile.in aclocal.m4 build-aux m4; } |
            while IFS= read -r -d '' f; do if [ -e "$f" ]; then printf '%s\0' "$f"; fi; done |
            tar --null -T - -cf - | tar -xf - -C "$dest"
    )
}

# Prints NAME=value for each variable of SVC_PASS_ENV that is set, one per line.
svc_env() {
    local v
    for v in $SVC_PASS_ENV; do
        [ -n "${!v+x}" ] && printf '%s=%s\n' "$v" "${!v}"
    done
    return 0
}

# Runs a command as the service user (PostgreSQL refuses root).
as_svc() {
    if [ "$(id -u)" -eq 0 ]; then
        local pass; mapfile -t pass < <(svc_env)
        setpriv --reuid="$SVC_USER" --regid="$SVC_USER" --init-groups --reset-env -- \
            env PATH="$PATH" "${pass[@]}" "$@"
    else
        "$@"
    fi
}

# Replaces the current (sub)shell with a command run as the service user: `( as_svc_exec CMD ) &` leaves
# $! equal to CMD's own pid, so pid files name the process itself and not a shell around it.
as_svc_exec() {
    if [ "$(id -u)" -eq 0 ]; then
        local pass; mapfile -t pass < <(svc_env)
        exec setpriv --reuid="$SVC_USER" --regid="$SVC_USER" --init-groups --reset-env -- \
            env PATH="$PATH" "${pass[@]}" "$@"
    else
        exec "$@"
    fi
}

# Creates the system user and lets it reach the checkout (search permission on each parent).
ensure_user() {
    [ "$(id -u)" -eq 0 ] || return 0
    id "$SVC_USER" >/dev/null 2>&1 || useradd --system --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin "$SVC_USER"
    local d="$ROOT"
    while [ "$d" != "/" ]; do
        as_svc test -x "$d" || chmod o+x "$d"
        d=$(dirname "$d")
    done
    as_svc test -r "$ROOT/templates/layout.tpl" || chmod -R o+rX "$ROOT/templates" "$ROOT/static" "$ROOT/sql"
}

# Sets the paths and ports of stack NAME.
stack_env() {
    NAME=$1
    VAR="$ROOT/var/$NAME"
    case "$NAME" in
        dev) : "${PORT:=8080}" "${PGPORT:=5432}" ;;
        *)   : "${PORT:=18080}" "${PGPORT:=5433}" ;;
    esac
    PGDATA="$VAR/pg"
    PGRUN="$VAR/pgrun"
    SOCKET="$VAR/run/casedesk.sock"
    CONF="$VAR/casedesk.conf"
    DBURL="host=$PGRUN port=$PGPORT dbname=casedesk user=casedesk"
    export CASEDESK_URL="http://127.0.0.1:$PORT" CASEDESK_VAR="$VAR" CASEDESK_ROOT="$ROOT" CASEDESK_STACK="$NAME"
}

pg_running() { [ -f "$PGDATA/postmaster.pid" ] && as_svc "$PG_BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; }

# Planner and memory settings for SSD-backed, mostly cached data (deploy/SCALING.md explains each one);
# PG_SHARED_BUFFERS, PG_EFFECTIVE_CACHE_SIZE and PG_OPTS (more -c options) override or extend them.
pg_tuning() {
    local mem_kb
    mem_kb=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)
    printf '%s' "-c random_page_cost=1.1 -c effective_io_concurrency=200 -c shared_buffers=${PG_SHARED_BUFFERS:-128MB}"
    printf '%s' " -c effective_cache_size=${PG_EFFECTIVE_CACHE_SIZE:-$(( mem_kb / 2 ))kB} ${PG_OPTS:-}"
}

pg_start() {
    stack_env "$1"
    pg_running && return 0
    mkdir -p "$VAR/log" "$PGRUN"
    chown "$SVC_USER" "$VAR" "$VAR/log" "$PGRUN"
    chmod 0750 "$PGRUN"
    if [ ! -f "$PGDATA/PG_VERSION" ]; then
        say "initdb $PGDATA"
        mkdir -p "$PGDATA" && chown "$SVC_USER" "$PGDATA" && chmod 0700 "$PGDATA"
        as_svc "$PG_BIN/initdb" -D "$PGDATA" -U casedesk --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    as_svc "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$VAR/log/postgresql.log" -w -t 60 \
        -o "-c listen_addresses='' -c unix_socket_directories='$PGRUN' -c port=$PGPORT -c fsync=${PG_FSYNC:-on} $(pg_tuning)" \
        start >/dev/null
    as_svc "$PG_BIN/psql" -h "$PGRUN" -p "$PGPORT" -U casedesk -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = 'casedesk'" | grep -q 1 ||
        as_svc "$PG_BIN/createdb" -h "$PGRUN" -p "$PGPORT" -U casedesk casedesk
}

pg_stop() {
    stack_env "$1"
    pg_running || return 0
    as_svc "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null
}

# psql against stack NAME's database: stack.sh psql NAME -c '...'
psql() {
    stack_env "$1"; shift
    as_svc "$PG_BIN/psql" -h "$PGRUN" -p "$PGPORT" -U casedesk -d casedesk -v ON_ERROR_STOP=1 "$@"
}

write_config() {
    mkdir -p "$VAR/run"
    chown "$SVC_USER" "$VAR/run"
    cat > "$CONF" <<CONF
# casedesk.conf for the local stack '$NAME' (written by deploy/stack.sh)
socket = $SOCKET
socket_mode = 0660
workers = ${WORKERS:-0}
database = $DBURL
template_dir = $ROOT/templates
sql_dir = $ROOT/sql
max_upload = ${MAX_UPLOAD:-10485760}
db_statement_timeout_ms = ${STATEMENT_TIMEOUT_MS:-5000}
token_ttl_minutes = ${TOKEN_TTL_MINUTES:-60}
log_level = ${LOG_LEVEL:-info}
CONF
}

migrate() {
    stack_env "$1"
    write_config
    as_svc "$CASEDESK_BIN" -c "$CONF" migrate
}

casedesk_start() {
    stack_env "$1"
    write_config
    casedesk_stop "$1"
    "$CASEDESK_BIN" -c "$CONF" check >/dev/null
    # The pid file must name the master itself (signals go to it), hence exec rather than a shell in between.
    # shellcheck disable=SC2086
    (as_svc_exec ${CASEDESK_WRAPPER:-} "$CASEDESK_BIN" -c "$CONF" serve) >>"$VAR/log/casedesk.log" 2>&1 &
    echo $! > "$VAR/run/casedesk.pid"
    local i
    for i in $(seq 1 100); do
        [ -S "$SOCKET" ] && return 0
        kill -0 "$(cat "$VAR/run/casedesk.pid")" 2>/dev/null || break
        sleep 0.1
    done
    tail -n 20 "$VAR/log/casedesk.log" >&2
    die "casedesk did not start (log: $VAR/log/casedesk.log)"
}

casedesk_stop() {
    stack_env "$1"
    local pidf="$VAR/run/casedesk.pid" pid
    [ -f "$pidf" ] || return 0
    pid=$(cat "$pidf")
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid"
        for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pidf"
}

nginx_start() {
    stack_env "$1"
    nginx_stop "$1"
    mkdir -p "$VAR/nginx-tmp" "$VAR/log" "$VAR/run"
    chown "$SVC_USER" "$VAR/nginx-tmp"
    local user_line="" max_body
    [ "$(id -u)" -eq 0 ] && user_line="user $SVC_USER;"
    max_body=$(( ${MAX_UPLOAD:-10485760} / 1048576 + 1 ))m
    sed -e "s|@USER_LINE@|$user_line|" -e "s|@VAR@|$VAR|g" -e "s|@PORT@|$PORT|g" -e "s|@SOCKET@|$SOCKET|g" \
        -e "s|@STATIC@|$ROOT/static|g" -e "s|@MAX_BODY@|$max_body|g" -e "s|@NGINX_ETC@|/etc/nginx|g" \
        "$ROOT/deploy/nginx.conf" > "$VAR/nginx.conf"
    nginx -q -t -c "$VAR/nginx.conf" -p "$VAR" -e "$VAR/log/nginx-error.log"
    nginx -c "$VAR/nginx.conf" -p "$VAR" -e "$VAR/log/nginx-error.log"
}

nginx_stop() {
    stack_env "$1"
    local pidf="$VAR/run/nginx.pid" pid
    [ -f "$pidf" ] || return 0
    pid=$(cat "$pidf")
    if kill -0 "$pid" 2>/dev/null; then
        kill -QUIT "$pid"
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pidf"
}

wait_healthy() {
    stack_env "$1"
    local i
    for i in $(seq 1 100); do
        curl -fsS "$CASEDESK_URL/healthz" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    die "$CASEDESK_URL/healthz did not answer 200"
}

# Brings stack NAME up: database, migrations, workers, nginx.
stack_up() {
    local name=$1
    ensure_user
    pg_start "$name"
    migrate "$name" >/dev/null
    casedesk_start "$name"
    nginx_start "$name"
    wait_healthy "$name"
}

# Stops everything stack NAME started (safe to call when parts are not running).
stack_down() {
    local name=$1
    nginx_stop "$name" || true
    casedesk_stop "$name" || true
    pg_stop "$name" || true
}

# The stack the HTTP and browser tests run against (tests/run and tests/stack): "test" on PORT/PGPORT (default
# 18080 and socket 5433), started afresh, with WORKERS workers (default 2: the fault tests need two), no fsync,
# and a short statement timeout (STATEMENT_TIMEOUT_MS, default 1500) so that zz-faults.test.mjs can make a query
# time out behind a table lock in seconds (it reads the value back from casedesk.conf).
test_stack_up() {
    stack_env test
    stack_down test
    rm -rf "$VAR"
    STATEMENT_TIMEOUT_MS=${STATEMENT_TIMEOUT_MS:-1500} WORKERS=${WORKERS:-2} PG_FSYNC=off stack_up test
}

# Prints the exports a shell needs to run test files against the test stack: its URL and paths for lib.mjs,
# and its ports and settings for the stack.sh functions the process tests call (pg_stop, pg_start).
test_stack_exports() {
    stack_env test
    printf 'export %s=%q\n' CASEDESK_URL "$CASEDESK_URL" CASEDESK_VAR "$CASEDESK_VAR" CASEDESK_ROOT "$CASEDESK_ROOT" \
        CASEDESK_STACK "$CASEDESK_STACK" PORT "$PORT" PGPORT "$PGPORT" PG_FSYNC off
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    [ $# -ge 2 ] || die "usage: deploy/stack.sh FUNCTION NAME [ARGS...]"
    fn=$1; shift
    "$fn" "$@"
fi
