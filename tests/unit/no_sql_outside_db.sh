#!/bin/sh
# no_sql_outside_db.sh: fails when SQL text appears in C sources outside src/db/ (all SQL lives in statements.def).
root=${top_srcdir:-.}
hits=$(grep -rnE '"[[:space:]]*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|DROP|ALTER)[[:space:]]' "$root/src" \
    --include='*.c' --include='*.h' --include='*.cc' --include='*.def' | grep -v "^$root/src/db/" || true)
if [ -n "$hits" ]; then
    echo "SQL outside src/db/:"
    echo "$hits"
    exit 1
fi
echo "no SQL outside src/db/"
