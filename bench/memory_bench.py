"""How much engine time translation memory saves on a run of updated versions
of the same story, as wire services send them (1st, 2nd LD, 3rd LD, ...).

Each version keeps most sentences of the one before, edits one and adds one.
With memory, an editor approves each version's pairs before the next arrives,
so only new or changed sentences reach the engine. Without memory every
version goes to the engine whole. Same model (stand-in copy model of real
Argos size, int8, beam 4), same machine, same run.

    python bench/memory_bench.py [--versions 5]
"""

from __future__ import annotations

import argparse
import platform
import tempfile
import time
from datetime import date
from pathlib import Path

from service.app import create_app
from service.engine import build_standin_package, clear_cache, install_from_file
from service.store import connect

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "data" / "samples" / "yonhap-2024-10-31-nk-icbm.txt"


def versions(text: str, count: int) -> list[str]:
    """Version n edits the n-th body line's wording and adds one new line."""
    lines = text.rstrip("\n").split("\n")
    out = [text]
    for n in range(1, count):
        edited = list(lines)
        body = [i for i, line in enumerate(edited) if len(line) > 80]
        target = body[n % len(body)]
        edited[target] = edited[target].replace(" the ", " the latest ", 1)
        edited.append(f"Officials said more details would follow in update number {n}.")
        lines = edited
        out.append("\n".join(lines) + "\n")
    return out


def run(packages: Path, stories: list[str], *, memory: bool) -> tuple[float, int, int]:
    with tempfile.TemporaryDirectory() as tmp:
        clear_cache()
        app = create_app({"DATABASE": f"{tmp}/bench.db", "PACKAGES_DIR": str(packages),
                          "BEAM_SIZE": 4})
        client = app.test_client()
        engine_seconds, to_engine, from_memory = 0.0, 0, 0
        for story in stories:
            body = client.post("/api/articles", json={"text": story, "targets": ["ko"],
                                                      "glossary": False}).json
            timings = body["translations"][0]["timings"]
            engine_seconds += timings["engine_seconds"]
            to_engine += timings["segments_to_engine"]
            from_memory += timings["segments_from_memory"]
            if memory:  # the editor approves this version before the next one arrives
                db = connect(app.config["DATABASE"])
                db.execute("UPDATE pairs SET status = 'approved' WHERE target IS NOT NULL")
                db.close()
        return engine_seconds, to_engine, from_memory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, default=5)
    args = parser.parse_args()
    stories = versions(STORY.read_text(encoding="utf-8"), args.versions)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        model = build_standin_package(Path(tmp) / "standin-ko.argosmodel", "ko", size="argos")
        install_from_file(model, Path(tmp) / "packages")
        print(f"built the argos-size stand-in in {time.perf_counter() - started:.1f} s")
        without = run(Path(tmp) / "packages", stories, memory=False)
        with_memory = run(Path(tmp) / "packages", stories, memory=True)
    machine = platform.processor() or platform.machine()
    print(f"\n{len(stories)} versions of {STORY.name}; {machine}, {date.today()};"
          " stand-in copy model of Argos size, int8, beam 4")
    print("| run | segments to engine | from memory | engine seconds |")
    print("|---|---|---|---|")
    print(f"| no memory | {without[1]} | {without[2]} | {without[0]:.2f} |")
    print(f"| memory (each version approved) | {with_memory[1]} | {with_memory[2]} |"
          f" {with_memory[0]:.2f} |")
    saved = 1 - with_memory[0] / without[0] if without[0] else 0.0
    print(f"\nengine time saved: {saved:.0%} (ratio {without[0] / max(with_memory[0], 1e-9):.1f}x)")


if __name__ == "__main__":
    main()
