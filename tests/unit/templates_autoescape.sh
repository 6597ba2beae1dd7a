#!/bin/sh
# templates_autoescape.sh: fails when a template does not start with the {{%AUTOESCAPE context="HTML"}} pragma.
root=${top_srcdir:-.}
status=0
count=0
for t in "$root"/templates/*.tpl; do
    count=$((count + 1))
    head -c 40 "$t" | grep -q '^{{%AUTOESCAPE context="HTML"}}' || { echo "missing AUTOESCAPE pragma: $t"; status=1; }
done
[ "$count" -gt 0 ] || { echo "no templates found in $root/templates"; exit 1; }
[ $status -eq 0 ] && echo "$count templates start with the AUTOESCAPE pragma"
exit $status
