"""Storage benchmark: profile updates, message appends, history reads, backup and restore.

    .venv/bin/python bench/db.py [--messages 10000] [--users 100] [--updates 1000] [--dir DIR]

Runs against a throw-away SQLite database (WAL, busy_timeout, the bot's own settings) in a temp
directory unless --dir is given, through the same service functions the bot uses. Prints ops/s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from careermate_bot.config import Settings, build_settings
from careermate_bot.services import profile as profiles
from careermate_bot.storage.backup import create_backup, restore_backup
from careermate_bot.storage.database import close_db, init_db, sqlite_pragmas


def line(label: str, count: int, seconds: float) -> None:
    print(f"  {label:<44} {count:>7} ops  {seconds:7.2f} s  {count / seconds:9.0f} ops/s")


async def run(settings: Settings, messages: int, users: int, updates: int) -> None:
    await init_db(settings)
    try:
        print("SQLite pragmas:", await sqlite_pragmas())
        print("Writes (sequential, each its own transaction, durable on commit):")
        for uid in range(users):
            await profiles.get_or_create(uid, f"user {uid}")

        start = time.perf_counter()
        for i in range(updates):
            await profiles.update_profile(
                i % users, add_skills=[f"skill {i % 37}"], preferences={"n": i}
            )
        line("profile updates (merge skills + prefs)", updates, time.perf_counter() - start)

        start = time.perf_counter()
        for i in range(messages):
            role = "user" if i % 2 == 0 else "assistant"
            await profiles.append_message(i % users, role, f"message {i} " + "x" * 200)
        line("message appends", messages, time.perf_counter() - start)

        start = time.perf_counter()
        batch = 10
        rounds = max(1, min(messages, 2000) // batch)
        for r in range(rounds):
            await asyncio.gather(
                *(
                    profiles.append_message((r * batch + k) % users, "user", "concurrent")
                    for k in range(batch)
                )
            )
        line(f"message appends, {batch} concurrent", rounds * batch, time.perf_counter() - start)

        reads = 2000
        start = time.perf_counter()
        for i in range(reads):
            await profiles.recent_history(i % users, limit=20)
        line("recent_history(limit=20)", reads, time.perf_counter() - start)

        start = time.perf_counter()
        for i in range(reads):
            await profiles.get_profile(i % users)
        line("get_profile", reads, time.perf_counter() - start)

        total = sum([await profiles.count_messages(uid) for uid in range(users)])
    finally:
        await close_db()

    db = settings.sqlite_path
    assert db is not None
    size_mb = db.stat().st_size / 1e6
    print(f"Backup / restore ({total} messages, {users} profiles, database {size_mb:.1f} MB):")
    start = time.perf_counter()
    path = create_backup(settings)
    took = time.perf_counter() - start
    print(
        f"  create_backup (copy + integrity_check)      {took:7.3f} s  "
        f"({path.stat().st_size / 1e6:.1f} MB)"
    )
    start = time.perf_counter()
    restore_backup(settings, path)
    print(f"  restore_backup (check + import + swap)      {time.perf_counter() - start:7.3f} s")

    await init_db(settings)
    try:
        writes = 0
        stop = asyncio.Event()

        async def writer() -> None:
            nonlocal writes
            while not stop.is_set():
                await profiles.append_message(writes % users, "user", "during backup")
                writes += 1

        task = asyncio.create_task(writer())
        await asyncio.sleep(0.2)
        start = time.perf_counter()
        before = writes
        await asyncio.to_thread(create_backup, settings)
        took = time.perf_counter() - start
        during = writes - before
        stop.set()
        await task
        print(
            f"  create_backup while the bot writes          {took:7.3f} s  "
            f"({during} appends meanwhile, {during / took:.0f}/s)"
        )
    finally:
        await close_db()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--updates", type=int, default=1_000)
    parser.add_argument("--dir", type=Path, default=None, help="data dir (default: a temp dir)")
    args = parser.parse_args()
    print(
        f"CareerMate storage bench: Python {platform.python_version()}, SQLite "
        f"{sqlite3.sqlite_version}, {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs"
    )
    with tempfile.TemporaryDirectory(prefix="careermate-bench-") as tmp:
        data = args.dir or Path(tmp)
        settings = build_settings(
            _env_file=None, data_dir=data, database_url="", backup_dir=None, backup_keep=3
        )
        print(f"Data dir: {data}")
        asyncio.run(run(settings, args.messages, args.users, args.updates))


if __name__ == "__main__":
    main()
