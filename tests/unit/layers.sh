#!/bin/sh
# layers.sh: fails when a file under src/ includes a header of a layer above its own, or of another
# layer at its own level. The layers, lowest first (a file may include its own layer and those below):
#   0 core   1 http, view   2 db   3 auth   4 repo   5 handlers.h, routes.def (the handlers' contract)
#   6 api, web   7 router.*, reply.* (route, gate, answer)   8 server, cli   9 main.c
root=${top_srcdir:-.}
cd "$root/src" || exit 1
find . -type f \( -name '*.c' -o -name '*.h' -o -name '*.cc' -o -name '*.def' \) | sed 's|^\./||' | sort |
while read -r file; do
    grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$file" | sed "s|^|$file:|"
done | awk -F: '
function layer(path,   top) {
    top = path; sub(/\/.*/, "", top)
    if (path !~ /\//) {
        if (path ~ /^(handlers\.h|routes\.def)$/) { grp = "handlers"; return 5 }
        if (path ~ /^(router|reply)\.(c|h)$/) { grp = "router"; return 7 }
        if (path == "main.c") { grp = "main"; return 9 }
        grp = "?"; return -1
    }
    grp = top
    if (top == "core") return 0
    if (top == "http" || top == "view") return 1
    if (top == "db") return 2
    if (top == "auth") return 3
    if (top == "repo") return 4
    if (top == "api" || top == "web") return 6
    if (top == "server" || top == "cli") return 8
    grp = "?"; return -1
}
{
    file = $1; line = $2; inc = $0
    sub(/^[^"]*"/, "", inc); sub(/".*$/, "", inc)
    if (inc !~ /\// && file ~ /\// && system("test -f \"" file "\"") == 0) {
        # a bare name from a file in a folder: the header next to it, when there is one
        dir = file; sub(/\/[^\/]*$/, "", dir)
        if (system("test -f \"" dir "/" inc "\"") == 0) inc = dir "/" inc
    }
    own = layer(file); og = grp
    tgt = layer(inc); tg = grp
    if (own < 0) { printf "%s: not in any layer\n", file; bad = 1; next }
    if (tgt < 0) { printf "%s:%s: includes \"%s\", which is in no layer\n", file, line, inc; bad = 1; next }
    if (tgt > own || (tgt == own && tg != og)) {
        printf "%s:%s: includes \"%s\" (layer %s %d) from layer %s %d\n", file, line, inc, tg, tgt, og, own
        bad = 1
    }
}
END { exit bad }
' || { echo "includes against the layering (tests/unit/layers.sh)"; exit 1; }
echo "every include points down the layers"
