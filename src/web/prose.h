/* prose.h (web): plain text shown on a page with its links and @mentions, as template sections. */
#ifndef CD_WEB_PROSE_H
#define CD_WEB_PROSE_H
#include <jansson.h>
#include <stdbool.h>
#include "http/request.h"
#include "view/tmpl.h"

/* Adds to d one row of section `section` per segment of text (core/segments.h), so that the template escapes
 * each: a text shows section SEG_TEXT with {{SEG_VALUE}}, a link SEG_LINK with {{SEG_VALUE}} (the URL), a mention
 * of one of the users in mentioned ({id, email, name}, the comment's recorded mentions) SEG_MENTION with
 * {{SEG_NAME}} (their name, else their email) and {{SEG_EMAIL}}; a mention of anyone else stays text (mentioned
 * NULL: every one). False when out of memory. */
bool prose_sections(request *req, tmpl_dict *d, const char *section, const char *text, json_t *mentioned);

#endif
