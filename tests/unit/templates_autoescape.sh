#!/bin/sh
# templates_autoescape.sh: fails when a template does not start with the {{%AUTOESCAPE context="HTML"}} pragma, or
# holds a textarea whose value could lose what was typed: each must be a newline (the HTML parser drops the first
# one after the opening tag, so a value starting with one keeps it) then one {{NAME:pre_escape}} (the default :h
# turns line breaks and tabs into spaces).
root=${top_srcdir:-.}
status=0
count=0
soh=$(printf '\001')
for t in "$root"/templates/*.tpl; do
    count=$((count + 1))
    head -c 40 "$t" | grep -q '^{{%AUTOESCAPE context="HTML"}}' || { echo "missing AUTOESCAPE pragma: $t"; status=1; }
    flat=$(tr '\n' '\001' <"$t")
    opened=$(printf '%s' "$flat" | grep -ao '<textarea' | wc -l)
    kept=$(printf '%s' "$flat" | grep -aoE "<textarea[^>]*>$soh\{\{[A-Za-z0-9_]+:pre_escape\}\}</textarea>" | wc -l)
    [ "$opened" -eq "$kept" ] ||
        { echo "a textarea not holding a newline then {{NAME:pre_escape}} alone: $t"; status=1; }
done
[ "$count" -gt 0 ] || { echo "no templates found in $root/templates"; exit 1; }
[ $status -eq 0 ] && echo "$count templates start with the AUTOESCAPE pragma, their textareas keep what was typed"
exit $status
