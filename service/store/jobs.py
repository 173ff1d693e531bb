"""Jobs: big work queued, run by a worker and watched by clients.

A job holds its items (one article each, or one for retranslate --stale) and
its progress in segments. States: queued -> running -> done | failed |
cancelled; an item: queued -> done | failed | skipped. Every change is one
short write transaction, so progress can be read while the work goes on.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import sqlite_utils

from . import now, write_transaction

JOB_STATES = ("queued", "running", "done", "failed", "cancelled")
FINISHED = ("done", "failed", "cancelled")


def create_job(db: sqlite_utils.Database, kind: str, params: dict[str, Any],
               items: list[dict[str, Any]], backend: str = "inprocess") -> str:
    """Store a queued job and its items in one transaction; returns its id."""
    job_id = uuid.uuid4().hex
    stamp = now()
    with write_transaction(db):
        db["jobs"].insert({"id": job_id, "kind": kind, "state": "queued",
                           "params": json.dumps(params, ensure_ascii=False),
                           "backend": backend, "items_total": len(items),
                           "created_at": stamp, "updated_at": stamp})
        db["job_items"].insert_all(
            ({"job_id": job_id, "position": i, "state": "queued",
              "input": json.dumps(item, ensure_ascii=False), "updated_at": stamp}
             for i, item in enumerate(items)), batch_size=500)
    return job_id


def get_job(db: sqlite_utils.Database, job_id: str, *, with_items: bool = True
            ) -> dict[str, Any] | None:
    """A job as clients see it: state, progress and each item's result."""
    rows = list(db.query("SELECT * FROM jobs WHERE id = ?", [job_id]))
    if not rows:
        return None
    job = rows[0]
    counts = {row["state"]: row["n"] for row in db.query(
        "SELECT state, count(*) AS n FROM job_items WHERE job_id = ? GROUP BY state", [job_id])}
    out: dict[str, Any] = {
        "id": job["id"], "kind": job["kind"], "state": job["state"],
        "backend": job["backend"], "params": json.loads(job["params"]),
        "cancel_requested": bool(job["cancel_requested"]),
        "progress": {
            "items_total": job["items_total"],
            "items_done": counts.get("done", 0),
            "items_failed": counts.get("failed", 0),
            "items_skipped": counts.get("skipped", 0),
            "items_queued": counts.get("queued", 0),
            "segments_total": job["segments_total"],
            "segments_done": job["segments_done"],
        },
        "error": job["error"], "created_at": job["created_at"],
        "started_at": job["started_at"], "finished_at": job["finished_at"],
    }
    if with_items:
        out["items"] = [
            {"position": row["position"], "state": row["state"],
             "article_id": row["article_id"],
             "created": None if row["created"] is None else bool(row["created"]),
             "segments": row["segments"], "error": row["error"]}
            for row in db.query("SELECT position, state, article_id, created, segments, error "
                                "FROM job_items WHERE job_id = ? ORDER BY position", [job_id])]
    return out


def list_jobs(db: sqlite_utils.Database, limit: int = 20) -> list[dict[str, Any]]:
    ids = [row["id"] for row in db.query(
        "SELECT id FROM jobs ORDER BY created_at DESC LIMIT ?", [limit])]
    return [job for job in (get_job(db, i, with_items=False) for i in ids) if job]


def unfinished_job_ids(db: sqlite_utils.Database, backend: str) -> list[str]:
    """Queued and running jobs of ``backend``, oldest first (resumed after a restart)."""
    return [row["id"] for row in db.query(
        "SELECT id FROM jobs WHERE state IN ('queued', 'running') AND backend = ? "
        "ORDER BY created_at", [backend])]


def job_items(db: sqlite_utils.Database, job_id: str, state: str = "queued"
              ) -> list[dict[str, Any]]:
    return [{"position": row["position"], "input": json.loads(row["input"]),
             "segments": row["segments"]}
            for row in db.query("SELECT position, input, segments FROM job_items "
                                "WHERE job_id = ? AND state = ? ORDER BY position",
                                [job_id, state])]


def claim_job(db: sqlite_utils.Database, job_id: str, *, resume: bool = False) -> bool:
    """Take a queued job for running (True once, for one runner); with
    ``resume``, also a job left running by a runner that stopped."""
    states = ("queued", "running") if resume else ("queued",)
    stamp = now()
    with write_transaction(db):
        cursor = db.execute(
            f"UPDATE jobs SET state = 'running', started_at = coalesce(started_at, ?), "
            f"updated_at = ? WHERE id = ? AND cancel_requested = 0 "
            f"AND state IN ({', '.join('?' * len(states))})",
            [stamp, stamp, job_id, *states])
        return cursor.rowcount == 1


def set_job_state(db: sqlite_utils.Database, job_id: str, state: str,
                  error: str | None = None) -> None:
    stamp = now()
    with write_transaction(db):
        db.execute(
            "UPDATE jobs SET state = ?, error = coalesce(?, error), updated_at = ?, "
            "started_at = CASE WHEN ? = 'running' THEN coalesce(started_at, ?) "
            "ELSE started_at END, "
            "finished_at = CASE WHEN ? IN ('done', 'failed', 'cancelled') THEN ? "
            "ELSE finished_at END WHERE id = ?",
            [state, error, stamp, state, stamp, state, stamp, job_id])


def set_plan(db: sqlite_utils.Database, job_id: str, segments: dict[int, int]) -> None:
    """Record how many segments each item sends to the engine, and the job's total."""
    with write_transaction(db):
        for position, count in segments.items():
            db.execute("UPDATE job_items SET segments = ? WHERE job_id = ? AND position = ?",
                       [count, job_id, position])
        db.execute("UPDATE jobs SET segments_total = (SELECT coalesce(sum(segments), 0) FROM "
                   "job_items WHERE job_id = ?), updated_at = ? WHERE id = ?",
                   [job_id, now(), job_id])


def finished_segments(db: sqlite_utils.Database, job_id: str) -> int:
    """Planned segments of the items already finished (a resumed job starts there)."""
    return db.execute("SELECT coalesce(sum(segments), 0) FROM job_items "
                      "WHERE job_id = ? AND state != 'queued'", [job_id]).fetchone()[0]


def set_segments_done(db: sqlite_utils.Database, job_id: str, done: int) -> None:
    with write_transaction(db):
        db.execute("UPDATE jobs SET segments_done = ?, updated_at = ? WHERE id = ?",
                   [done, now(), job_id])


def finish_item(db: sqlite_utils.Database, job_id: str, position: int, state: str, *,
                article_id: int | None = None, created: bool | None = None,
                error: str | None = None) -> None:
    with write_transaction(db):
        db.execute(
            "UPDATE job_items SET state = ?, article_id = ?, created = ?, error = ?, "
            "updated_at = ? WHERE job_id = ? AND position = ?",
            [state, article_id, None if created is None else int(created), error, now(),
             job_id, position])


def request_cancel(db: sqlite_utils.Database, job_id: str) -> bool:
    """Ask a job to stop (its queued items are skipped); False if there is no such job."""
    with write_transaction(db):
        cursor = db.execute("UPDATE jobs SET cancel_requested = 1, updated_at = ? "
                            "WHERE id = ?", [now(), job_id])
        if cursor.rowcount == 0:
            return False
        db.execute("UPDATE jobs SET state = 'cancelled', finished_at = ? "
                   "WHERE id = ? AND state = 'queued'", [now(), job_id])
    return True


def cancel_requested(db: sqlite_utils.Database, job_id: str) -> bool:
    row = db.execute("SELECT cancel_requested FROM jobs WHERE id = ?", [job_id]).fetchone()
    return bool(row and row[0])


def skip_queued_items(db: sqlite_utils.Database, job_id: str) -> None:
    with write_transaction(db):
        db.execute("UPDATE job_items SET state = 'skipped', updated_at = ? "
                   "WHERE job_id = ? AND state = 'queued'", [now(), job_id])
