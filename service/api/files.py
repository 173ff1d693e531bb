"""LibreTranslate's file translation: ``POST /translate_file`` takes a
``.txt``, ``.html`` or ``.docx`` file (multipart field ``file``) and answers
``{"translatedFileUrl": ...}``; ``GET /download_file/<name>`` returns the
translated file, same type and structure, for FILES_KEEP_SECONDS."""

from __future__ import annotations

import os
import re
import time
import uuid
from pathlib import Path
from typing import Any

import click
from flask import Blueprint, current_app, request, send_from_directory, url_for
from werkzeug.utils import secure_filename

from ..documents.files import SUFFIXES, UnreadableFile, file_words, translate_file_data
from ..errors import ApiError
from ..language import english_or_reason
from ..textfiles import atomic_output
from .common import glossary_for, translator_for
from .libretranslate import check_client, glossary_batch, language_pair, lt_params

bp = Blueprint("files", __name__)

_STORED_NAME = re.compile(r"^[0-9a-f]{32}\.[A-Za-z0-9_.-]{1,200}$")


def _files_dir() -> Path:
    folder = Path(current_app.config["FILES_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _forget_old_files(folder: Path) -> None:
    """Translated files are kept FILES_KEEP_SECONDS, then removed."""
    cutoff = time.time() - float(current_app.config["FILES_KEEP_SECONDS"])
    for path in folder.iterdir():
        try:
            if _STORED_NAME.match(path.name) and path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            continue  # another worker removed it first


@bp.post("/translate_file")
def translate_file() -> Any:
    """Translate a .txt, .html or .docx file, keeping its structure."""
    params = lt_params()
    check_client()
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise ApiError(400, "Invalid request: missing file parameter")
    _, target = language_pair(params)
    suffix = os.path.splitext(upload.filename)[1].lower()
    if suffix not in SUFFIXES:
        raise ApiError(400, f"Invalid request: file format {suffix or '(none)'} not supported; "
                            "send " + ", ".join(SUFFIXES))
    data = upload.read()
    try:
        words = file_words(suffix, data)
    except UnreadableFile as error:
        raise ApiError(400, f"Invalid request: {upload.filename}: {error}") from None
    limit = current_app.config["MAX_TEXT_CHARS"]
    if len(words) > limit:
        raise ApiError(400, f"Invalid request: request ({len(words)}) exceeds text limit "
                            f"({limit})")
    reason = english_or_reason(words) if words.strip() else "the file has no text"
    if reason:
        raise ApiError(422, reason)
    glossary = glossary_for(params)
    translator = translator_for(target)
    # The file's translator cuts sentences itself (HTML never inside an element).
    translated = translate_file_data(
        suffix, data, glossary_batch(translator, target, glossary, cut_sentences=False), target)

    stem = secure_filename(Path(upload.filename).stem)[:100] or "file"
    name = f"{uuid.uuid4().hex}.{stem}_{target}{suffix}"
    try:
        folder = _files_dir()
        _forget_old_files(folder)
        with atomic_output(folder / name) as out:
            out.write(translated)
    except (OSError, click.ClickException) as error:  # a full disk, an unwritable FILES_DIR
        message = error.message if isinstance(error, click.ClickException) else str(error)
        raise ApiError(503, f"the translated file cannot be stored: {message}") from None
    reply: dict[str, Any] = {
        "translatedFileUrl": url_for("files.download_file", filename=name, _external=True)}
    if translator.package.stand_in:
        reply["stand_in"] = True
    return reply


@bp.get("/download_file/<filename>")
def download_file(filename: str) -> Any:
    """A file translated by /translate_file (404 once it has expired)."""
    if not _STORED_NAME.match(filename):
        raise ApiError(404, "no such file")
    folder = Path(current_app.config["FILES_DIR"])
    if not (folder / filename).is_file():
        raise ApiError(404, "no such file (translated files are kept "
                            f"{current_app.config['FILES_KEEP_SECONDS']} seconds)")
    return send_from_directory(folder.resolve(), filename, as_attachment=True)
