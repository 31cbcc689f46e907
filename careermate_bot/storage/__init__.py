"""Storage: the database's life cycle (`database`), ordered schema migrations, SQLite and
PostgreSQL backups sharing one prune/log path (`backup`, `postgres_backup`), the run lock that
keeps `restore` away from a running bot, and their errors."""
