"""The front (waitress, as ``wirealign serve`` runs it): slow clients hold
connections, never the app threads, so /health and reads keep answering."""

from __future__ import annotations

import contextlib
import socket
import threading
import time

import pytest
import requests

from service.cli.serve import make_front
from service.store import connect
from service.store.articles import PairRecord, TranslationRecord, save_article

APP_THREADS = 2  # fewer than the slow clients of each kind below


@pytest.fixture
def front(app):
    server = make_front(app, host="127.0.0.1", port=0, threads=APP_THREADS, channel_timeout=60)
    def run() -> None:
        # close() below pulls the socket from under the loop's select(): EBADF ends it.
        with contextlib.suppress(OSError):
            server.run()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    port = int(server.effective_port)
    yield f"http://127.0.0.1:{port}", port
    server.close()
    thread.join(timeout=10)


def _big_corpus(app, pairs: int = 3000) -> None:
    """About 6 MB of JSONL export: far more than loopback socket buffers hold."""
    db = connect(app.config["DATABASE"])
    record = TranslationRecord(
        lang="ko", origin="machine", engine="test", engine_version="0", stand_in=True,
        pairs=[PairRecord(position=i, kind="body", source=f"Sentence {i} " + "x" * 2000,
                          target="문장 " + "가" * 200, status="machine", origin="machine")
               for i in range(pairs)])
    save_article(db, text="A big article. " * 10, segments=[], translations=[record])
    db.close()


def _open(port: int, first_bytes: bytes, rcvbuf: int | None = None) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if rcvbuf:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    sock.connect(("127.0.0.1", port))
    sock.sendall(first_bytes)
    return sock


def test_slow_clients_do_not_hold_the_app_threads(app, front):
    base, port = front
    _big_corpus(app)
    held: list[socket.socket] = []
    stop = threading.Event()
    try:
        for _ in range(APP_THREADS * 2):
            # Headers never finished.
            held.append(_open(port, b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: "))
            # A body promised and sent one byte at a time.
            held.append(_open(port, b"POST /translate HTTP/1.1\r\nHost: x\r\n"
                                    b"Content-Type: application/json\r\n"
                                    b"Content-Length: 100000\r\n\r\n{"))
            # A large export asked for and never read.
            held.append(_open(port, b"GET /api/export?format=jsonl HTTP/1.1\r\nHost: x\r\n\r\n",
                              rcvbuf=4096))

        def trickle() -> None:
            while not stop.wait(1.0):
                for sock in held[1::3]:
                    with contextlib.suppress(OSError):
                        sock.send(b" ")

        threading.Thread(target=trickle, daemon=True).start()
        time.sleep(1.5)  # the exports have started and filled the socket buffers
        for _ in range(3):
            reply = requests.get(f"{base}/health", timeout=10)
            assert reply.status_code == 200 and reply.json()["status"] == "ok"
            page = requests.get(f"{base}/api/articles", timeout=10)
            assert page.status_code == 200 and page.json()["articles"]
        translated = requests.post(f"{base}/translate", json={
            "q": "The minister met reporters.", "source": "en", "target": "ko"}, timeout=30)
        assert translated.status_code == 200
        assert translated.json()["translatedText"] == "The minister met reporters."
    finally:
        stop.set()
        for sock in held:
            sock.close()


def test_front_answers_413_in_json_for_a_body_past_the_limit(app, front):
    base, _ = front
    app.config["MAX_CONTENT_LENGTH"] = 1000
    reply = requests.post(f"{base}/translate", data=b"{" + b" " * 5000 + b"}",
                          headers={"Content-Type": "application/json"}, timeout=10)
    assert reply.status_code == 413 and "too large" in reply.json()["error"]
