"""``wirealign jobs``: big work as jobs, the same jobs ``POST /api/jobs`` makes.

``submit`` queues wire files or a JSONL file and, unless ``--no-wait``, runs
the job here with a progress bar in segments (it moves inside long articles);
with ``--no-wait`` the service's worker picks it up. ``status``, ``cancel``,
``list`` read and steer jobs; ``worker`` runs a Celery worker for
JOBS_BACKEND=celery.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from tqdm import tqdm

from ..constants import TARGET_LANGS
from ..store import get_db
from ..store import jobs as store
from ..textfiles import read_utf8


@click.group("jobs")
def jobs_cli() -> None:
    """Jobs for big work: many articles, a JSONL file, retranslate --stale."""


def _targets(value: str) -> list[str]:
    targets = list(dict.fromkeys(t.strip() for t in value.split(",") if t.strip()))
    if not targets or any(t not in TARGET_LANGS for t in targets):
        raise click.BadParameter(f"{value!r}: choose from {', '.join(TARGET_LANGS)}",
                                 param_hint="'--to'")
    return targets


def _jsonl(path: Path) -> list[dict]:
    articles = []
    for number, line in enumerate(read_utf8(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError:
            raise click.ClickException(f"{path}:{number}: not a JSON object") from None
        if not isinstance(value, dict) or not isinstance(value.get("text"), str):
            raise click.ClickException(f"{path}:{number}: each line needs a 'text' string")
        articles.append({k: value[k] for k in ("text", "title", "url") if value.get(k)})
    return articles


def _run_with_bar(job_id: str) -> str:
    from ..jobs.worker import JobWorker

    bar = tqdm(desc="segments", unit="seg", file=sys.stderr, total=None, dynamic_ncols=True)

    def planned(total: int) -> None:
        bar.total = total or None
        bar.refresh()

    try:
        state = JobWorker(current_app._get_current_object()).run(  # type: ignore[attr-defined]
            job_id, progress=bar.update, on_plan=planned)
    finally:
        bar.close()
    return state


def _report(job_id: str) -> None:
    job = store.get_job(get_db(), job_id)
    assert job is not None
    progress = job["progress"]
    click.echo(f"job {job_id}: {job['state']}; {progress['items_done']} done, "
               f"{progress['items_failed']} failed, {progress['items_skipped']} skipped "
               f"of {progress['items_total']}")
    for item in job["items"]:
        if item["state"] == "failed":
            click.echo(f"  item {item['position']}: {item['error']}", err=True)


@jobs_cli.command("submit")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--jsonl", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A JSONL file: one {\"text\", \"title\", \"url\"} object a line.")
@click.option("--to", "to", default="ko,ja", show_default=True, help="Target languages.")
@click.option("--no-glossary", is_flag=True, help="Translate without the glossary.")
@click.option("--wait/--no-wait", default=True, show_default=True,
              help="Run the job here with a progress bar, or leave it to the service.")
@with_appcontext
def submit(files: tuple[Path, ...], jsonl: Path | None, to: str, no_glossary: bool,
           wait: bool) -> None:
    """Queue FILES (wire articles) and/or a JSONL file as one job."""
    articles = [{"text": read_utf8(path)} for path in files]
    if jsonl is not None:
        articles += _jsonl(jsonl)
    if not articles:
        raise click.UsageError("give wire files, --jsonl FILE, or both")
    job_id = store.create_job(get_db(), "articles",
                              {"targets": _targets(to), "glossary": not no_glossary}, articles,
                              backend=str(current_app.config["JOBS_BACKEND"]))
    click.echo(job_id)
    if not wait:
        click.echo("queued; the service's worker runs it (wirealign jobs status ID)", err=True)
        return
    state = _run_with_bar(job_id)
    _report(job_id)
    if state != "done":
        sys.exit(1)


@jobs_cli.command("retranslate")
@click.option("--stale", is_flag=True, required=True,
              help="Translations made with an older glossary than the one in force.")
@click.option("--wait/--no-wait", default=True, show_default=True)
@with_appcontext
def retranslate(stale: bool, wait: bool) -> None:
    """Queue retranslate --stale as a job (and run it here unless --no-wait)."""
    job_id = store.create_job(get_db(), "retranslate", {"stale": True},
                              [{"retranslate": "stale"}],
                              backend=str(current_app.config["JOBS_BACKEND"]))
    click.echo(job_id)
    if wait:
        _run_with_bar(job_id)
        _report(job_id)


@jobs_cli.command("status")
@click.argument("job_id")
@click.option("--json", "as_json", is_flag=True)
@with_appcontext
def status(job_id: str, as_json: bool) -> None:
    """Progress and results of JOB_ID."""
    job = store.get_job(get_db(), job_id)
    if job is None:
        raise click.ClickException(f"no job {job_id!r}")
    if as_json:
        click.echo(json.dumps(job, ensure_ascii=False, indent=2))
    else:
        _report(job_id)


@jobs_cli.command("cancel")
@click.argument("job_id")
@with_appcontext
def cancel(job_id: str) -> None:
    """Cancel JOB_ID: articles not yet started are skipped."""
    if not store.request_cancel(get_db(), job_id):
        raise click.ClickException(f"no job {job_id!r}")
    click.echo(f"cancel requested for {job_id}")


@jobs_cli.command("list")
@with_appcontext
def list_() -> None:
    """The latest jobs."""
    for job in store.list_jobs(get_db()):
        progress = job["progress"]
        click.echo(f"{job['id']}  {job['state']:<9}  {job['kind']:<11}  "
                   f"{progress['items_done']}/{progress['items_total']} items  "
                   f"{job['created_at']}")


@jobs_cli.command("worker", context_settings={"ignore_unknown_options": True})
@click.argument("celery_args", nargs=-1, type=click.UNPROCESSED)
def worker(celery_args: tuple[str, ...]) -> None:
    """A Celery translation worker (JOBS_BACKEND=celery): needs only the models
    (WIREALIGN_PACKAGES_DIR) and the broker (WIREALIGN_CELERY_BROKER_URL).
    Extra arguments go to ``celery worker``."""
    from ..jobs.celery_app import QUEUE, app

    app.worker_main(["worker", "-Q", QUEUE, "-P", "solo", "-c", "1", "--without-gossip",
                     "--without-mingle", *celery_args])
