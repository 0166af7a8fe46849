"""Where editions live: the built-in ones and those an agency or province imported."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from prongsai.engine.findings import ResultsError, finding
from prongsai.engine.loader import FrameworkError, Problem, read_framework
from prongsai.engine.model import Framework
from prongsai.engine.results import Results

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "frameworks"


def nacc_key(fiscal_year: int) -> str:
    """The key of NACC's edition for an ITA year."""
    return f"nacc-{fiscal_year}"


class Registry:
    """Editions by key, read lazily from `<key>.yaml` files in the given folders.

    Later folders win over earlier ones only for keys they add; an imported file
    may not silently replace a built-in edition (the import command refuses it).
    """

    def __init__(self, directories: Iterable[Path] = (BUILTIN_DIR,)) -> None:
        self.paths: dict[str, Path] = {}
        for directory in directories:
            if directory.is_dir():
                for path in sorted(directory.glob("*.yaml")):
                    self.paths.setdefault(path.stem, path)
        self._cache: dict[str, Framework] = {}

    def keys(self) -> list[str]:
        return sorted(self.paths)

    def __contains__(self, key: str) -> bool:
        return key in self.paths

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def get(self, key: str) -> Framework:
        """The edition with this key; `KeyError` if there is none."""
        if key not in self._cache:
            path = self.paths[key]
            framework = read_framework(path)
            if framework.key != key:
                raise FrameworkError(
                    [Problem(str(path), "key", f"{framework.key!r} does not match the file name")]
                )
            self._cache[key] = framework
        return self._cache[key]

    def all(self) -> list[Framework]:
        return [self.get(key) for key in self.keys()]

    def edition_or_latest(self, fiscal_year: int | None) -> Framework:
        """NACC's edition of a year, else its latest one: for forms and readers that need
        indicator names and codes before the year is settled."""
        key = nacc_key(fiscal_year) if fiscal_year else ""
        if key not in self.paths:
            key = max((k for k in self.paths if k.startswith("nacc-")), default=self.keys()[-1])
        return self.get(key)


def framework_for(registry: Registry, results: Results) -> Framework:
    """The edition a result names, else NACC's edition of its year; `ResultsError` if none."""
    known = ", ".join(registry.keys())
    if results.framework is not None:
        if results.framework not in registry:
            raise ResultsError([finding("UNKNOWN_FRAMEWORK", value=results.framework, known=known)])
        return registry.get(results.framework)
    key = nacc_key(results.fiscal_year)
    if key not in registry:
        years = ", ".join(k.removeprefix("nacc-") for k in registry if k.startswith("nacc-"))
        raise ResultsError(
            [finding("NO_EDITION", field="fiscal_year", value=results.fiscal_year, known=years)]
        )
    return registry.get(key)
