"""The reader on its own regression corpus (tests/fixtures/texts, written by
generate.py there): every stated field of every text is read right, and the accuracy
per field is printed."""

from pathlib import Path

import pytest
import yaml

from prongsai.importers.report_text import read_report
from prongsai.importers.results_import import import_text_many
from tests.reader_scoring import Tally

TEXTS = Path(__file__).parent / "fixtures" / "texts"
CASES = sorted(p.stem for p in TEXTS.glob("*.txt"))


def _read(registry, stem):
    text = (TEXTS / f"{stem}.txt").read_text(encoding="utf-8")
    expect = yaml.safe_load((TEXTS / f"{stem}.yaml").read_text(encoding="utf-8"))
    return expect, read_report(text, registry.edition_or_latest)


def _tally(registry, stem, tally):
    expect, reading = _read(registry, stem)
    tally.add(stem, expect, reading)
    if "indicators" in expect:
        tally.add_indicators(stem, expect["indicators"], reading.document)
    if "tools" in expect:
        tally.add_tools(stem, expect["tools"], reading.document)
    if "agencies" in expect:
        text = (TEXTS / f"{stem}.txt").read_text(encoding="utf-8")
        many = import_text_many(text, stem, registry)
        tally.add_agencies(stem, expect["agencies"], [m.document for m in many])


def test_the_corpus_is_large_and_varied():
    assert len(CASES) >= 150
    shapes = {stem.split("-", 1)[1] for stem in CASES}
    assert len(shapes) >= 10


@pytest.mark.parametrize("stem", CASES)
def test_corpus_text(registry, stem):
    tally = Tally()
    _tally(registry, stem, tally)
    assert not tally.misses


def test_corpus_accuracy(registry, capsys):
    tally = Tally()
    for stem in CASES:
        _tally(registry, stem, tally)
    with capsys.disabled():
        print(f"\ncorpus ({len(CASES)} texts):\n{tally.report()}")
    assert not tally.wrong_high
