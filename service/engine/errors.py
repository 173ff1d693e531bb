"""The engine's errors: each message is meant to be shown to a user as it is."""

from __future__ import annotations


class EngineError(Exception):
    """Something the engine cannot do, with a message that says what to do about it."""


class ModelNotInstalled(EngineError):
    """No installed package translates the requested direction."""

    def __init__(self, target: str, source: str = "en") -> None:
        self.source = source
        self.target = target
        super().__init__(
            f"No {source}->{target} translation model is installed. Install it with "
            f"`wirealign models install {target}` (downloads from the Argos package index), "
            f"or from a file with `wirealign models install {target} --file PATH` "
            f"(PATH is an .argosmodel file)."
        )
