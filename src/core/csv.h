/* csv.h: RFC 4180 CSV fields, neutralised against formula injection in spreadsheets. */
#ifndef CD_CSV_H
#define CD_CSV_H
#include <stdbool.h>
#include "core/str.h"

/* Appends value (NULL: an empty field) to out as one CSV field, preceded by a comma unless first. A value that
 * starts with '=', '+', '-', '@', TAB or CR gets a single quote in front (so a spreadsheet shows it as text,
 * not a formula); a field that then holds a comma, a double quote, CR or LF is quoted, its quotes doubled.
 * Returns 0, or -1 when out of memory (out->failed). */
int csv_field(strbuf *out, const char *value, bool first);

/* Ends a CSV record: CRLF. Returns 0, or -1 when out of memory. */
int csv_end_record(strbuf *out);

#endif
