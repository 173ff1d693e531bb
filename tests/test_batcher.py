"""The engine queue: concurrent requests share engine calls, each gets its own
results, a short request rides beside a long article, a full queue refuses."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import pytest

from service.capacity import Overloaded
from service.engine import EngineSettings, get_translator
from service.engine.batcher import Batcher, background_work


@pytest.fixture
def settings(standin_packages_dir) -> EngineSettings:
    # A wide gathering window so that threads started together meet in one call
    # even on a busy 2-core machine.
    return EngineSettings(packages_dir=standin_packages_dir, beam_size=1, batch_wait_ms=200,
                          inter_threads=1, intra_threads=1)


def _together(count: int, work) -> list:
    """Run work(i) in ``count`` threads released at the same moment."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(i: int) -> None:
        barrier.wait()
        results[i] = work(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_concurrent_single_sentences_share_engine_calls(settings, engine_calls):
    batcher = get_translator(settings, "ko").batcher()
    sentences = [f"Minister number {i} met {i * 7} reporters in Seoul." for i in range(16)]
    results = _together(16, lambda i: batcher.translate([sentences[i]]))
    # The stand-in copies its input: each requester got its own sentence back.
    assert results == [[s] for s in sentences]
    assert sum(engine_calls) == 16
    assert len(engine_calls) < 16  # fewer engine calls than requests


def test_each_request_gets_its_own_results_in_order(settings):
    batcher = get_translator(settings, "ja").batcher()
    requests = [[f"Request {r} sentence {s} about talks." for s in range(r % 5 + 1)]
                + ["", "   "] for r in range(12)]
    results = _together(12, lambda i: batcher.translate(requests[i]))
    assert results == requests  # blanks stay blank, order kept, nothing crossed over


def test_the_http_translate_route_batches_concurrent_clients(app, engine_calls):
    app.config["BATCH_WAIT_MS"] = 200
    app.extensions.pop("wirealign.engine_settings", None)

    def post(i: int):
        with app.test_client() as client:
            return client.post("/translate", json={
                "q": f"Talks number {i} ended.", "source": "en",
                "target": "ko"}).json["translatedText"]

    assert _together(8, post) == [f"Talks number {i} ended." for i in range(8)]
    assert len(engine_calls) < 8


@dataclass(frozen=True)
class _FakeSettings:
    max_batch_size: int = 4
    engine_batch: int = 4
    batch_tokens: int = 10_000
    batch_wait_ms: int = 0
    queue_limit: int = 10_000
    fill_wait_ms: int = 0
    long_fill: int = 2
    long_call_beside_short: int = 4


class _SlowTranslator:
    """20 ms per engine call whatever its size; copies its input."""

    inter_threads = 1

    def __init__(self, settings: _FakeSettings) -> None:
        self.settings = settings
        self.calls: list[int] = []

    def encode(self, texts):
        return [text.split() for text in texts]

    def decode(self, pieces):
        return " ".join(pieces)

    def translate_tokens(self, tokens, max_batch_size):
        self.calls.append(len(tokens))
        time.sleep(0.02)
        return [list(t) for t in tokens]


def test_a_short_request_is_not_stuck_behind_a_long_article():
    translator = _SlowTranslator(_FakeSettings())
    batcher = Batcher(translator)
    article = [f"segment {i}" for i in range(400)]  # 100 calls of 4: about 2 s
    finished: dict[str, float] = {}

    def long() -> None:
        assert batcher.translate(article) == article
        finished["long"] = time.monotonic()

    thread = threading.Thread(target=long)
    thread.start()
    time.sleep(0.2)  # the article is well under way
    assert batcher.translate(["a short one"]) == ["a short one"]
    finished["short"] = time.monotonic()
    calls_when_short_done = len(translator.calls)
    thread.join(timeout=60)
    assert finished["short"] < finished["long"]
    # The short request rode in one of the next calls, not after the article's 100
    # (a wide margin for a busy machine: it arrived after about 10).
    assert calls_when_short_done < 60
    assert len(translator.calls) == 101  # 100 calls of 4 and the short one
    batcher.close()


def test_a_full_queue_refuses_at_once_with_a_retry_hint():
    translator = _SlowTranslator(_FakeSettings(queue_limit=60))
    batcher = Batcher(translator)
    thread = threading.Thread(target=batcher.translate, args=([f"s {i}" for i in range(60)],))
    thread.start()
    time.sleep(0.05)
    with pytest.raises(Overloaded) as refused:
        batcher.translate([f"t {i}" for i in range(30)])
    assert refused.value.retry_after >= 1 and "queue is full" in str(refused.value)
    thread.join(timeout=30)
    assert batcher.translate(["fits again"]) == ["fits again"]
    batcher.close()


def test_an_engine_error_reaches_every_requester_of_that_call():
    class Broken(_SlowTranslator):
        def translate_tokens(self, tokens, max_batch_size):
            raise RuntimeError("engine fell over")

    batcher = Batcher(Broken(_FakeSettings()))
    with pytest.raises(RuntimeError, match="fell over"):
        batcher.translate(["one", "two"])
    batcher.close()


class _RecordingTranslator(_SlowTranslator):
    """Also keeps the tokens of every call."""

    def __init__(self, settings: _FakeSettings) -> None:
        super().__init__(settings)
        self.batches: list[list[list[str]]] = []

    def translate_tokens(self, tokens, max_batch_size):
        self.batches.append([list(t) for t in tokens])
        return super().translate_tokens(tokens, max_batch_size)


@pytest.mark.parametrize(("engine_batch", "expected"), [(2, [2, 2]), (16, [8, 4])])
def test_a_call_runs_in_engine_batches_of_the_setting(engine_batch, expected):
    # A call of 8 segments reaches CTranslate2 in batches of engine_batch (never more
    # than the call holds), which its inter threads run side by side as one offline
    # call's batches: smaller batches ran faster here (README "Serving").
    sizes: list[int] = []

    class Recording(_SlowTranslator):
        def translate_tokens(self, tokens, max_batch_size):
            sizes.append(max_batch_size)
            return super().translate_tokens(tokens, max_batch_size)

    batcher = Batcher(Recording(_FakeSettings(max_batch_size=8, engine_batch=engine_batch)))
    texts = [f"segment {i}" for i in range(12)]
    assert batcher.translate(texts) == texts
    assert sizes == expected
    batcher.close()


def test_an_article_is_handed_out_longest_segments_first():
    # Consecutive calls then hold segments of like length (less padding), as
    # CTranslate2 sorts one big call by length; results stay in input order.
    translator = _RecordingTranslator(_FakeSettings(max_batch_size=2))
    batcher = Batcher(translator)
    texts = ["a", "a b c d e", "a b", "a b c d", "a b c", "a b c d e f"]
    assert batcher.translate(texts) == texts
    assert [[len(t) for t in batch] for batch in translator.batches] == [[6, 5], [4, 3], [2, 1]]
    batcher.close()


def test_live_requests_go_first_and_background_work_keeps_a_quarter_of_each_call():
    translator = _RecordingTranslator(_FakeSettings(max_batch_size=8))
    batcher = Batcher(translator)
    background = [f"bg {i}" for i in range(200)]  # 25 calls of 8: about 0.5 s
    results: dict[str, list[str]] = {}

    def job() -> None:
        with background_work():
            results["job"] = batcher.translate(background)

    thread = threading.Thread(target=job)
    thread.start()
    time.sleep(0.1)  # the job is under way
    live = [f"live {i}" for i in range(12)]
    assert batcher.translate(live) == live
    thread.join(timeout=60)
    assert results["job"] == background
    mixed = [batch for batch in translator.batches if any(t[0] == "live" for t in batch)]
    # 12 live segments, 6 a call: a quarter of each call (2) kept for the job.
    assert [sum(t[0] == "live" for t in batch) for batch in mixed] == [6, 6]
    assert all(sum(t[0] == "bg" for t in batch) == 2 for batch in mixed)
    batcher.close()


@pytest.mark.parametrize("long_fill, call", [(2, 6), (0, 4), (16, 8)])
def test_a_long_article_only_tops_up_the_call_of_short_requests(long_fill, call):
    # A call lasts in proportion to its size: short requests beside a long
    # article get a call of their own plus ``long_fill`` of its segments (16:
    # the article fills the call, as before the setting, when short requests
    # waited 3.75x as long beside a size-limit article as alone).
    translator = _RecordingTranslator(_FakeSettings(max_batch_size=8, long_fill=long_fill))
    batcher = Batcher(translator)
    first = threading.Thread(target=batcher.translate, args=([f"a {i}" for i in range(40)],))
    first.start()
    time.sleep(0.05)
    assert batcher.translate([f"b {i}" for i in range(4)]) == [f"b {i}" for i in range(4)]
    first.join(timeout=60)
    with_b = [batch for batch in translator.batches if any(t[0] == "b" for t in batch)]
    assert len(with_b) == 1
    assert sorted(t[0] for t in with_b[0]) == ["a"] * (call - 4) + ["b"] * 4
    batcher.close()


def test_a_short_request_shares_its_call_only_with_article_segments_no_longer_than_it():
    # A call lasts as long as its longest segment: a single sentence must not
    # ride with an article's longest sentences.
    translator = _RecordingTranslator(_FakeSettings(max_batch_size=8))
    batcher = Batcher(translator)
    article = [" ".join(["w"] * (1 + i % 30)) for i in range(240)]  # 1 to 30 words
    thread = threading.Thread(target=batcher.translate, args=(article,))
    thread.start()
    time.sleep(0.1)  # the article is under way, its longest segments first
    short = "x y z"
    assert batcher.translate([short]) == [short]
    thread.join(timeout=60)
    mixed = [batch for batch in translator.batches if ["x", "y", "z"] in batch]
    assert len(mixed) == 1
    assert len(mixed[0]) == 3  # the article tops the call up by long_fill (2)
    assert max(len(t) for t in mixed[0]) == 3
    # Before and after, the article went longest first.
    lengths = [len(t) for batch in translator.batches for t in batch if t != ["x", "y", "z"]]
    assert lengths[:8] == [30] * 8
    assert sorted(lengths) == sorted(len(text.split()) for text in article)
    batcher.close()


@pytest.mark.parametrize("long_call", [4, 2])
def test_an_article_takes_shorter_calls_while_another_lane_serves_short_requests(long_call):
    gate = threading.Event()

    class Gated(_RecordingTranslator):
        inter_threads = 2

        def translate_tokens(self, tokens, max_batch_size):
            if ["short"] in tokens:
                gate.wait(10)  # the short request's call stays in flight
            return super().translate_tokens(tokens, max_batch_size)

    translator = Gated(_FakeSettings(max_batch_size=8, long_call_beside_short=long_call))
    batcher = Batcher(translator)
    short = threading.Thread(target=batcher.translate, args=(["short"],))
    short.start()
    time.sleep(0.1)  # one lane holds the short request's call
    article = [f"a {i}" for i in range(64)]
    assert batcher.translate(article) == article  # on the other lane meanwhile
    # Calls of long_call_beside_short, until what is left fits in one whole call.
    assert [len(batch) for batch in translator.batches] == [long_call] * (56 // long_call) + [8]
    gate.set()
    short.join(timeout=30)
    translator.batches.clear()
    assert batcher.translate(article) == article
    assert [len(batch) for batch in translator.batches] == [8] * 8  # nothing short runs
    batcher.close()


def _one_lane_held(fill_wait_ms: int):
    """A two-lane batcher whose first lane is held by a call until the event is set."""
    gate = threading.Event()

    class Gated(_RecordingTranslator):
        inter_threads = 2

        def translate_tokens(self, tokens, max_batch_size):
            if ["held"] in tokens:
                gate.wait(30)
            return super().translate_tokens(tokens, max_batch_size)

    translator = Gated(_FakeSettings(max_batch_size=8, fill_wait_ms=fill_wait_ms))
    batcher = Batcher(translator)
    held = threading.Thread(target=batcher.translate, args=(["held"],))
    held.start()
    time.sleep(0.1)  # one lane holds that call
    return batcher, translator, gate, held


@pytest.mark.parametrize("fill_wait_ms, calls", [(0, [[1], [1], [1], [1]]), (5000, [[1, 1, 1, 1]])])
def test_a_lane_that_frees_while_another_works_waits_for_half_a_call(fill_wait_ms, calls):
    # Clients that wait for each answer send one by one; without the fill wait
    # each went alone into a call, and a call of 1-2 costs more per segment.
    batcher, translator, gate, held = _one_lane_held(fill_wait_ms)
    senders = []
    for i in range(4):  # half a call of 8, arriving 50 ms apart
        sender = threading.Thread(target=batcher.translate, args=([f"s{i}"],))
        sender.start()
        senders.append(sender)
        time.sleep(0.05)
    for sender in senders:
        sender.join(timeout=30)
    assert [[len(t) for t in batch] for batch in translator.batches] == calls
    gate.set()
    held.join(timeout=30)
    batcher.close()


def test_the_fill_wait_never_holds_a_request_on_an_idle_engine():
    batcher, translator, gate, held = _one_lane_held(60_000)
    gate.set()
    held.join(timeout=30)
    done = threading.Event()
    threading.Thread(target=lambda: (batcher.translate(["alone"]), done.set())).start()
    # Both lanes are free: the call starts at once, not after the minute's fill wait.
    assert done.wait(20)
    assert translator.batches[-1] == [["alone"]]
    batcher.close()


def test_the_rest_of_a_started_request_does_not_wait_for_the_fill():
    # One short article on an idle engine: one share per lane, two calls, and the
    # second lane takes its share at once although the first lane is busy.
    class TwoLanes(_RecordingTranslator):
        inter_threads = 2

    translator = TwoLanes(_FakeSettings(max_batch_size=16, batch_wait_ms=50,
                                        fill_wait_ms=60_000))
    batcher = Batcher(translator)
    article = [f"sentence {i}" for i in range(7)]
    done = threading.Event()
    threading.Thread(target=lambda: (batcher.translate(article), done.set())).start()
    assert done.wait(20)  # not after the minute's fill wait
    assert sorted(len(batch) for batch in translator.batches) == [3, 4]
    batcher.close()


def test_a_request_split_over_two_lanes_returns_only_after_both_lanes_reported_progress():
    # Two lanes each translate one segment of the request; the first lane's progress report
    # is slow. The caller must not wake before it arrives: a job counts, when an article
    # returns, what the engine has not reported as done, and once counted an article twice
    # (30 of 25 segments done).
    class TwoLanes(_SlowTranslator):
        inter_threads = 2

    batcher = Batcher(TwoLanes(_FakeSettings(max_batch_size=16)))
    reports: list[int] = []
    first = threading.Lock()

    def progress(count: int) -> None:
        if first.acquire(blocking=False):
            time.sleep(0.3)  # the first report is slow
        reports.append(count)

    assert batcher.translate(["one", "two"], progress=progress) == ["one", "two"]
    assert sum(reports) == 2
    batcher.close()
