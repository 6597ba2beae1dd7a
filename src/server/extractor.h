/* extractor.h: the text-extraction child: the text of PDF attachments, by pdftotext, for case search. */
#ifndef CD_EXTRACTOR_H
#define CD_EXTRACTOR_H
#include "core/config.h"

/* Runs the extraction child until SIGTERM/SIGINT (killing a pdftotext in progress, whose blob stays pending).
 * It connects to PostgreSQL here, after fork, and reconnects with back-off while it is unreachable; extracts
 * only while its connection holds the cluster's extraction lock (retried every few seconds while another
 * holds it); wakes on NOTIFY attachment_texts and every 30 s, and settles the due pending blobs one at a time,
 * each in its own commit. Its process name is "casedesk-text". Returns the exit code. */
int extractor_run(const config *cfg);

#endif
