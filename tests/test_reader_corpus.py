"""The reader on its own regression corpus (tests/fixtures/texts, written by
generate.py there): every stated field of every text is read right, and the accuracy
per field is printed."""

from pathlib import Path

import pytest
import yaml

from prongsai.importers.report_text import read_report
from tests.reader_scoring import FIELDS, Tally, read_fields, right

TEXTS = Path(__file__).parent / "fixtures" / "texts"
CASES = sorted(p.stem for p in TEXTS.glob("*.txt"))


def _read(registry, stem):
    text = (TEXTS / f"{stem}.txt").read_text(encoding="utf-8")
    expect = yaml.safe_load((TEXTS / f"{stem}.yaml").read_text(encoding="utf-8"))
    return expect, read_report(text, registry.edition_or_latest)


def test_the_corpus_is_large_and_varied():
    assert len(CASES) >= 150
    shapes = {stem.split("-", 1)[1] for stem in CASES}
    assert len(shapes) >= 10


@pytest.mark.parametrize("stem", CASES)
def test_corpus_text(registry, stem):
    expect, reading = _read(registry, stem)
    got = read_fields(reading)
    wrong = {
        f: (expect.get(f), got[f][0]) for f in FIELDS if not right(f, expect.get(f), got[f][0])
    }
    assert not wrong


def test_corpus_accuracy(registry, capsys):
    tally = Tally()
    for stem in CASES:
        expect, reading = _read(registry, stem)
        tally.add(stem, expect, reading)
    with capsys.disabled():
        print(f"\ncorpus ({len(CASES)} texts):\n{tally.report()}")
    assert not tally.wrong_high
