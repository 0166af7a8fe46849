"""Build "Sarabun TH Compat" from the vendored OFL Sarabun, once; the output is committed.

Google's Sarabun draws about 1.5× larger on the em than TH Sarabun New, so "16 pt
Sarabun" is far bigger than the official 16 pt. The compat copy keeps the outlines
and grows the em (1000 → 1500) and sets TH Sarabun New's vertical metrics, so 16 pt
in our documents means what the official rules mean. OFL allows modified copies; it
is renamed as the licence asks. Needs fontTools (a dev dependency):

    python tools/build_compat_fonts.py
"""

from pathlib import Path

from fontTools.otlLib.builder import buildSingleSubstSubtable
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import otTables

FONTS = Path(__file__).resolve().parent.parent / "src" / "prongsai" / "documents" / "fonts"
FAMILY = "Sarabun TH Compat"


def build(style: str) -> None:
    font = TTFont(FONTS / f"Sarabun-{style}.ttf")
    font["head"].unitsPerEm = 1500
    hhea = font["hhea"]
    hhea.ascent, hhea.descent, hhea.lineGap = 1266, -686, 45  # TH Sarabun New's ×1.5
    os2 = font["OS/2"]
    os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap = 1275, -375, 90
    os2.usWinAscent, os2.usWinDescent = 1266, 686
    os2.fsSelection &= ~(1 << 7)  # USE_TYPO_METRICS off: Word and LibreOffice use win metrics
    names = font["name"]
    postscript = f"SarabunTHCompat-{style}"
    names.names = [n for n in names.names if n.platformID == 3 and n.nameID not in (16, 17, 21, 22)]
    for record in names.names:
        if record.nameID == 1:
            record.string = FAMILY
        elif record.nameID == 2:
            record.string = style
        elif record.nameID == 3:
            record.string = f"{postscript};prongsai"
        elif record.nameID == 4:
            record.string = f"{FAMILY} {style}" if style != "Regular" else FAMILY
        elif record.nameID == 6:
            record.string = postscript
    distinct_sara_aa(font)
    font.save(FONTS / f"{postscript}.ttf")


def distinct_sara_aa(font: TTFont) -> None:
    """Give ำ's sara-aa half a glyph of its own, so PDFs can be searched.

    HarfBuzz splits ำ into nikhahit + sara aa and uses the same sara-aa glyph as า.
    A PDF's ToUnicode map is one text per glyph, so WeasyPrint writes either "า" for
    every ำ (ดาเนินงาน) or "ำ" for every า. A copy of sara aa, substituted right after
    a nikhahit glyph (the font joins nikhahit and a tone mark into one), maps to "ำ".
    """
    glyphs = font.getGlyphOrder()
    copy = "uni0E32.am"
    font["glyf"].glyphs[copy] = font["glyf"]["uni0E32"]
    font["hmtx"].metrics[copy] = font["hmtx"].metrics["uni0E32"]
    font.setGlyphOrder([*glyphs, copy])
    font["maxp"].numGlyphs = len(glyphs) + 1
    gdef = font["GDEF"].table
    if gdef.GlyphClassDef:
        gdef.GlyphClassDef.classDefs[copy] = gdef.GlyphClassDef.classDefs.get("uni0E32", 1)
    lookups = font["GSUB"].table.LookupList.Lookup
    single = otTables.Lookup()
    single.LookupType, single.LookupFlag = 1, 0
    single.SubTable = [buildSingleSubstSubtable({"uni0E32": copy})]
    single.SubTableCount = 1
    lookups.append(single)
    single_index = len(lookups) - 1
    context = otTables.Lookup()
    context.LookupType, context.LookupFlag = 6, 0
    # Nikhahit, alone or as the font's nikhahit + tone-mark ligatures (and .narrow forms).
    nikhahits = [g for g in font.getGlyphOrder() if g.startswith("uni0E4D")]
    context.SubTable = [_chain([nikhahits], single_index)]
    context.SubTableCount = 1
    lookups.append(context)
    font["GSUB"].table.LookupList.LookupCount = len(lookups)
    for record in font["GSUB"].table.FeatureList.FeatureRecord:
        if record.FeatureTag == "ccmp":
            record.Feature.LookupListIndex.append(len(lookups) - 1)
            record.Feature.LookupCount = len(record.Feature.LookupListIndex)


def _chain(backtrack: list, lookup_index: int) -> otTables.ChainContextSubst:
    """sara aa, preceded by `backtrack` (nearest first), goes through `lookup_index`."""

    def coverage(names: str | list[str]) -> otTables.Coverage:
        table = otTables.Coverage()
        table.glyphs = [names] if isinstance(names, str) else list(names)
        return table

    subtable = otTables.ChainContextSubst()
    subtable.Format = 3
    subtable.BacktrackCoverage = [coverage(names) for names in backtrack]
    subtable.InputCoverage = [coverage("uni0E32")]
    subtable.LookAheadCoverage = []
    record = otTables.SubstLookupRecord()
    record.SequenceIndex, record.LookupListIndex = 0, lookup_index
    subtable.SubstLookupRecord = [record]
    subtable.BacktrackGlyphCount, subtable.InputGlyphCount = len(backtrack), 1
    subtable.LookAheadGlyphCount, subtable.SubstCount = 0, 1
    return subtable


if __name__ == "__main__":
    for style in ("Regular", "Bold"):
        build(style)
    print(f"written to {FONTS}")
