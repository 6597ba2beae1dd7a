#!/bin/sh
# templates_autoescape_test.sh: templates_autoescape.sh passes templates whose textareas keep what was typed and
# fails a missing pragma, a textarea with the default (flattening) escaping and one without the newline after its
# opening tag, each in a throwaway tree.
root=${top_srcdir:-.}
script="$root/tests/unit/templates_autoescape.sh"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
status=0
pragma='{{%AUTOESCAPE context="HTML"}}'

# expect pass|fail NAME TEMPLATE-TEXT: runs the check on a tree holding one template with that text.
expect() {
    want=$1; name=$2; dir="$tmp/$(printf '%s' "$name" | tr -c 'a-z' '_')"
    mkdir -p "$dir/templates"
    printf '%s' "$3" >"$dir/templates/t.tpl"
    if top_srcdir="$dir" sh "$script" >"$tmp/out" 2>&1; then got=pass; else got=fail; fi
    if [ "$got" != "$want" ]; then
        echo "FAIL: $name: templates_autoescape.sh should $want, it did $got:"; cat "$tmp/out"; status=1
    else
        echo "ok: $name ($got)"
    fi
}

expect pass "textareas that keep what was typed" "$pragma<p>{{A}}</p>
<textarea name=\"a\"{{#R}} required{{/R}}>
{{VALUE:pre_escape}}</textarea>
<textarea id=\"b\">
{{B_TEXT:pre_escape}}</textarea>
"
expect fail "no pragma" "<p>{{A}}</p>
"
expect fail "a textarea with the default escaping" "$pragma<textarea name=\"a\">
{{VALUE}}</textarea>
"
expect fail "a textarea with the flattening modifier" "$pragma<textarea name=\"a\">
{{VALUE:h}}</textarea>
"
expect fail "a textarea without the newline after its tag" "$pragma<textarea name=\"a\">{{VALUE:pre_escape}}</textarea>
"
expect fail "a textarea holding more than its value" "$pragma<textarea name=\"a\">
{{VALUE:pre_escape}} {{MORE}}</textarea>
"
exit $status
