#!/bin/sh
# example_config.sh: the shipped deploy/casedesk.conf.example must stay a valid configuration.
root=${top_srcdir:-.}
CASEDESK_TEMPLATE_DIR="$root/templates" ./casedesk -c "$root/deploy/casedesk.conf.example" check
