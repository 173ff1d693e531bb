"""``/translate_file`` and ``/download_file``: .txt, .html and .docx through a
LibreTranslate client library (libretranslate-aio) and requests, structure
kept; the .docx translator on its own with an engine that changes words."""

from __future__ import annotations

import io

import docx
import pytest
import requests
from libretranslate_aio import LibreTranslate
from libretranslate_aio.exceptions import BadRequestError

from service.documents.docx import translate_docx
from service.documents.plain import translate_lines
from tests.conftest import assert_one_batch
from tests.live_server import live_server

TEXT_FILE = ("The ministers met in the capital on Saturday.\n\n"
             "  They agreed to share missile warning data.\r\n"
             "Officials said the talks went well.\n")
HTML_FILE = ('<html><body><h1 id="t">Defense talks</h1>\n'
             '<p>The <b>ministers</b> met <a href="/x">reporters</a>.</p></body></html>')


def _word_file() -> bytes:
    document = docx.Document()
    document.add_heading("Defense talks end", level=1)
    paragraph = document.add_paragraph("The ")
    paragraph.add_run("ministers").bold = True
    paragraph.add_run(" met reporters on Saturday.")
    document.add_paragraph("They agreed to share data.", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Country"
    table.cell(0, 1).text = "Officials said so."
    table.cell(1, 0).text = "Troops moved."
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _shape(data: bytes) -> list[tuple]:
    document = docx.Document(io.BytesIO(data))
    paragraphs = [(p.style.name, [(r.text, r.bold) for r in p.runs])
                  for p in document.paragraphs]
    cells = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    return [*paragraphs, cells]


@pytest.fixture
def base_url(app):
    with live_server(app) as url:
        yield url


@pytest.mark.parametrize(("name", "content"), [
    ("wire.txt", TEXT_FILE.encode()),
    ("page.html", HTML_FILE.encode()),
    ("story.docx", _word_file()),
])
def test_files_come_back_with_their_structure(base_url, engine_calls, name, content):
    with LibreTranslate(base_url) as client:
        result = client.translate_file(_named(name, content), "en", "ko")
    url = result.translated_file_url
    stem, suffix = name.rsplit(".", 1)
    assert url.startswith(f"{base_url}/download_file/") and url.endswith(f".{stem}_ko.{suffix}")
    download = requests.get(url, timeout=30)
    assert download.status_code == 200
    # The stand-in copies its input: what comes back is the same file.
    if name.endswith(".docx"):
        assert _shape(download.content) == _shape(content)
    else:
        assert download.content == content
    assert_one_batch(engine_calls, sum(engine_calls))  # the whole file is one engine batch


def _named(name: str, content: bytes) -> io.BytesIO:
    handle = io.BytesIO(content)
    handle.name = name
    return handle


def test_requests_can_send_a_file_with_a_key_and_read_it_back(base_url):
    reply = requests.post(f"{base_url}/translate_file", timeout=30,
                          data={"source": "en", "target": "ja"},
                          files={"file": ("notes.txt", "Officials met today.\n".encode(
                              "utf-16"))})
    assert reply.status_code == 200, reply.text
    back = requests.get(reply.json()["translatedFileUrl"], timeout=30)
    assert back.content.decode("utf-8") == "Officials met today.\n"
    assert "attachment" in back.headers["Content-Disposition"]


@pytest.mark.parametrize(("name", "content", "words"), [
    ("scan.pdf", b"%PDF-1.4", "not supported"),
    ("latin.txt", "The caf\u00e9 opened today.".encode("latin-1"), "not UTF-8"),
    ("broken.docx", b"PK\x03\x04 not really a zip", "not a readable .docx"),
    ("renamed.docx", b"The talks ended.", "zip archive"),
])
def test_unusable_files_are_400s(base_url, name, content, words):
    with LibreTranslate(base_url) as client, pytest.raises(BadRequestError) as error:
        client.translate_file(_named(name, content), "en", "ko")
    assert words in str(error.value)


def test_an_unwritable_files_dir_is_a_503_not_a_500(app, client, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    app.config["FILES_DIR"] = str(blocker / "files")
    reply = client.post("/translate_file", data={
        "source": "en", "target": "ko", "file": (io.BytesIO(b"The talks ended."), "a.txt")})
    assert reply.status_code == 503 and "cannot be stored" in reply.json["error"]


def test_missing_file_and_unknown_downloads(client):
    missing = client.post("/translate_file", data={"source": "en", "target": "ko"})
    assert missing.status_code == 400 and "missing file" in missing.json["error"]
    for name in ("0" * 32 + ".gone_ko.txt", "..%2F..%2Fsetup.cfg", "setup.cfg"):
        assert client.get(f"/download_file/{name}").status_code == 404


def test_docx_runs_keep_their_formatting_with_the_translation():
    def upper(texts: list[str]) -> list[str]:
        return [text.upper() for text in texts]

    translated = translate_docx(_word_file(), upper)
    shape = _shape(translated)
    assert shape[1] == ("Normal", [("THE ", None), ("MINISTERS", True),
                                   (" MET REPORTERS ON SATURDAY.", None)])
    assert shape[2] == ("List Bullet", [("THEY AGREED TO SHARE DATA.", None)])
    assert shape[-1] == [["COUNTRY", "OFFICIALS SAID SO."], ["TROOPS MOVED.", ""]]


def test_docx_lost_run_markers_put_the_text_in_the_first_run():
    def lose(texts: list[str]) -> list[str]:
        return [text.replace("\ue801", "") for text in texts]

    shape = _shape(translate_docx(_word_file(), lose))
    assert shape[1] == ("Normal", [("The ministers met reporters on Saturday.", None),
                                   ("", True), ("", None)])


def test_files_reach_the_engine_as_sentences_in_one_batch(client, engine_calls):
    two_sentences = "The ministers met on Saturday. They agreed to share data.\n\nOne more.\n"
    reply = client.post("/translate_file", data={
        "source": "en", "target": "ko", "glossary": "false",
        "file": (io.BytesIO(two_sentences.encode()), "wire.txt")})
    assert reply.status_code == 200
    name = reply.json["translatedFileUrl"].rsplit("/", 1)[1]
    assert client.get(f"/download_file/{name}").data.decode() == two_sentences
    assert_one_batch(engine_calls, 3)


def test_text_lines_keep_blank_lines_and_indentation():
    calls: list[list[str]] = []

    def upper(texts: list[str]) -> list[str]:
        calls.append(texts)
        return [text.upper() for text in texts]

    assert translate_lines(TEXT_FILE, upper) == TEXT_FILE.upper()
    assert len(calls) == 1 and len(calls[0]) == 3
