"""Shared fixtures: an app on a real SQLite file in a temporary directory, its
test client, and the stand-in Argos packages built once per test run."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.app import create_app
from service.engine import clear_cache

pytest_plugins = ["tests.standin_fixtures", "tests.export_fixtures", "tests.browser"]

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SAMPLE = SHARED / "samples" / "ajp-2024-10-26-nk-troops.txt"
NTREX = SHARED / "datasets" / "ntrex128"


def needs_shared(path: Path = SHARED) -> pytest.MarkDecorator:
    return pytest.mark.skipif(not path.exists(),
                              reason=f"{path} is absent: ../shared (sample article and "
                                     "datasets) is not beside this checkout")


@pytest.fixture
def app(tmp_path, standin_packages_dir):
    clear_cache()
    app = create_app({
        "TESTING": True,
        "DATABASE": str(tmp_path / "wirealign.db"),
        "PACKAGES_DIR": str(standin_packages_dir),
        "BEAM_SIZE": 2,
    })
    yield app
    clear_cache()


# The seed glossary file alone, for tests of glossary mechanics that add
# entries the beat glossary (glossaries/*.tsv) already has.
SEED_GLOSSARY = str(Path(__file__).resolve().parent.parent / "glossaries" / "wirealign.tsv")


@pytest.fixture
def seed_glossary_app(app):
    app.config["GLOSSARY_PATH"] = SEED_GLOSSARY
    return app


@pytest.fixture
def keys(app) -> dict[str, str]:
    """A reviewer's key ("rita") and an admin's ("ada") in the app's database."""
    from service.store import connect
    from service.store.keys import add_key

    db = connect(app.config["DATABASE"])
    made = {"reviewer": add_key(db, "rita", "reviewer"), "admin": add_key(db, "ada", "admin")}
    db.close()
    return made


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def sample_text() -> str:
    if not SAMPLE.exists():
        pytest.skip(f"{SAMPLE} is absent: ../shared is not beside this checkout")
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def engine_calls(monkeypatch) -> list[int]:
    """Sizes of the batches handed to CTranslate2, one entry per call."""
    import ctranslate2

    calls: list[int] = []
    original = ctranslate2.Translator.translate_batch

    def spy(self, source, *args, **kwargs):
        calls.append(len(source))
        return original(self, source, *args, **kwargs)

    monkeypatch.setattr(ctranslate2.Translator, "translate_batch", spy)
    return calls


def assert_one_batch(calls: list[int], segments: int) -> None:
    """``segments`` reached the engine as ONE batch through the engine queue, never a
    call a segment: the calls add up to the segments, and there are no more of them
    than the queue's fair shares allow. A lane takes its share of what waits (half,
    with two lanes free; see Batcher._take), so on an idle machine there is one call
    per lane; when a lane comes back before the other has started (a loaded machine),
    it takes a share of the rest, so the bound counts those shares."""
    from service.engine import EngineSettings
    from service.engine.settings import resolved_inter_threads

    settings = EngineSettings(packages_dir=".")
    lanes = resolved_inter_threads(settings)
    most, rest = 0, segments
    while rest > 0:
        rest -= min(settings.max_batch_size, -(-rest // lanes))
        most += 1
    assert sum(calls) == segments and 1 <= len(calls) <= max(most, lanes), \
        (calls, segments, lanes)
