/* tmpl.h: C interface to ctemplate (the only C++ in casedesk lives behind it, in tmpl.cc). */
#ifndef CD_TMPL_H
#define CD_TMPL_H
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#include "core/arena.h"
#include "core/err.h"
#include "core/str.h"

typedef struct tmpl_dict tmpl_dict;

/* Sets the template root and loads every *.tpl in it, failing on the first that does not parse or does
 * not start with an AUTOESCAPE pragma. Returns 0, or -1 with a message naming the file in err. */
int tmpl_init(const char *dir, char *err, size_t errlen);

/* Re-reads changed templates and checks them all again. Returns 0, or -1 with err set; on failure the
 * previously loaded templates stay in use. */
int tmpl_reload(char *err, size_t errlen);

/* New top-level dictionary, freed when arena a is reset. NULL when out of memory. */
tmpl_dict *tmpl_dict_new(arena *a, const char *name);

/* Sets {{KEY}} to a copy of value (NULL is treated as ""). Escaping happens in the template. */
void tmpl_set(tmpl_dict *d, const char *key, const char *value);

/* Sets {{KEY}} to a decimal integer. */
void tmpl_set_int(tmpl_dict *d, const char *key, long long value);

/* Adds one row of section {{#NAME}} and returns its dictionary (shows the section). NULL on OOM. */
tmpl_dict *tmpl_section(tmpl_dict *d, const char *name);

/* Shows section {{#NAME}} once, using the parent's values. */
void tmpl_show(tmpl_dict *d, const char *name);

/* Adds include {{>NAME}} rendering file with the returned dictionary. NULL on OOM. */
tmpl_dict *tmpl_include(tmpl_dict *d, const char *name, const char *file);

/* Expands file with dictionary d, appending to out. CD_OK, CD_EINTERNAL (unknown template) or CD_ENOMEM. */
cd_err tmpl_render(const char *file, tmpl_dict *d, strbuf *out);

#ifdef __cplusplus
}
#endif
#endif
