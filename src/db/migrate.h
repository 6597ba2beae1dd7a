/* migrate.h: applies sql/NNN_*.sql in order, each once, each in its own transaction. */
#ifndef CD_MIGRATE_H
#define CD_MIGRATE_H
#include "core/config.h"

/* Connects with cfg->database and applies every migration in cfg->sql_dir not yet recorded in
 * schema_migrations, under an advisory lock so concurrent runs wait for each other. Prints one line
 * per applied file to stdout. Returns 0 on success (also when nothing was to do), -1 with a logged
 * reason otherwise; a failing file is rolled back whole. */
int db_migrate(const config *cfg);

#endif
