"""Installing from a package index over real HTTP (a local server), and offline."""

from __future__ import annotations

import functools
import json
import shutil
import socket
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from service.engine import EngineError, find_package, install_from_index


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


@pytest.fixture
def index_server(tmp_path):
    """A real HTTP server on 127.0.0.1 serving tmp_path/site."""
    site = tmp_path / "site"
    site.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_index(site, base, entries):
    (site / "index.json").write_text(json.dumps(entries))


def entry(base, target, version="1.0", link=None):
    return {"package_version": version, "argos_version": "1.0", "from_code": "en",
            "from_name": "English", "to_code": target, "to_name": target, "type": "translate",
            "links": [link or f"{base}en_{target}.argosmodel"]}


def test_offline_index_fails_fast_with_one_clear_paragraph(tmp_path, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{closed_port()}/")
    with pytest.raises(EngineError) as caught:  # no retry loop, no RecursionError
        install_from_index(["ko"], tmp_path / "pk", progress=False)
    message = str(caught.value)
    assert "\n" not in message
    assert "wirealign models install ko --file PATH" in message
    assert "wirealign models install --stand-in" in message
    assert not (tmp_path / "pk").exists() or not list((tmp_path / "pk").iterdir())


def test_install_from_a_local_index(tmp_path, monkeypatch, index_server, standin_package_files):
    site, base = index_server
    shutil.copy(standin_package_files["ko"], site / "en_ko.argosmodel")
    shutil.copy(standin_package_files["ja"], site / "en_ja.argosmodel")
    (site / "old_ko.argosmodel").write_bytes(b"an older version that is never chosen")
    write_index(site, base, [entry(base, "ko", "0.9", f"{base}old_ko.argosmodel"),
                             entry(base, "ko", "1.1"), entry(base, "ja"),
                             {**entry(base, "ko", "9.9"), "from_code": "de"}])
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
    packages = tmp_path / "pk"
    installed = install_from_index(["ko", "ja"], packages, progress=False)
    assert [p.to_code for p in installed] == ["ko", "ja"]
    assert find_package(packages, "ko").stand_in is True
    assert sorted(p.name for p in packages.iterdir()) == ["translate-en_ja-standin",
                                                         "translate-en_ko-standin"]


def test_index_without_the_target(tmp_path, monkeypatch, index_server):
    site, base = index_server
    write_index(site, base, [entry(base, "ja")])
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base + "index.json")
    with pytest.raises(EngineError, match="offers no en->ko package"):
        install_from_index(["ko"], tmp_path / "pk", progress=False)


def test_broken_download_installs_nothing(tmp_path, monkeypatch, index_server):
    site, base = index_server
    (site / "en_ko.argosmodel").write_bytes(b"not a zip")
    write_index(site, base, [entry(base, "ko"), entry(base, "ja")])  # ja: 404
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
    packages = tmp_path / "pk"
    with pytest.raises(EngineError, match="zip archive"):
        install_from_index(["ko"], packages, progress=False)
    with pytest.raises(EngineError, match="wirealign models install ko --file PATH"):
        install_from_index(["ja"], packages, progress=False)
    assert list(packages.iterdir()) == []


def test_unsupported_target_is_refused(tmp_path):
    with pytest.raises(EngineError, match="not \\['fr'\\]"):
        install_from_index(["fr"], tmp_path / "pk", progress=False)
