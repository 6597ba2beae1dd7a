#!/bin/sh
# layers_test.sh: layers.sh passes a tree whose includes point down and fails one include upwards, one
# across siblings and one from a file in no layer, each in a throwaway tree.
root=${top_srcdir:-.}
script="$root/tests/unit/layers.sh"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
status=0

# tree NAME FILE INCLUDE...: a tree with a well-layered base and FILE including each INCLUDE.
tree() {
    dir="$tmp/$1"; file=$2; shift 2
    mkdir -p "$dir/src/core" "$dir/src/http" "$dir/src/db" "$dir/src/repo" "$dir/src/api" "$dir/src/web"
    printf '#include "core/arena.h"\n' > "$dir/src/http/request.h"
    printf '#include "http/request.h"\n#include "db/db.h"\n' > "$dir/src/repo/cases.c"
    : > "$dir/src/core/arena.h"; : > "$dir/src/db/db.h"; : > "$dir/src/web/page.h"
    mkdir -p "$dir/src/$(dirname "$file")"
    for inc in "$@"; do printf '#include "%s"\n' "$inc"; done >> "$dir/src/$file"
    echo "$dir"
}

expect() {
    want=$1; name=$2; dir=$3
    if top_srcdir="$dir" sh "$script" >"$tmp/out" 2>&1; then got=pass; else got=fail; fi
    if [ "$got" != "$want" ]; then
        echo "FAIL: $name: layers.sh should $want, it did $got:"; cat "$tmp/out"; status=1
    else
        echo "ok: $name ($got)"
    fi
}

expect pass "includes pointing down" "$(tree good api/cases.c repo/cases.h http/request.h core/arena.h)"
expect fail "core including http" "$(tree up core/str.c http/request.h)"
expect fail "repo including api" "$(tree up2 repo/case_query.c api/paging.h)"
expect fail "api including web" "$(tree across api/cases.c web/page.h)"
expect fail "http including reply.h" "$(tree top http/fcgi.c reply.h)"
expect fail "a folder in no layer" "$(tree stray misc/x.c core/arena.h)"
exit $status
