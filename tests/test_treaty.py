"""Treaty knowledge: every shipped record through the public types, lookups and lazy loading."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from budapest_coop import treaty
from budapest_coop.errors import UnknownProvisionError
from budapest_coop.model.citation import Citation
from budapest_coop.treaty import Article, Deadline, Element, Instrument, Paragraph, Status, _data

FACTS = {Status.VERIFIED, Status.SECONDARY, Status.UNVERIFIED}
KINDS = {"preservation-request", "subscriber-information-request", "preservation-order"}


def _records() -> list[tuple[str, Status, tuple[str, ...]]]:
    out = []
    for instrument in treaty.instruments():
        out.append((instrument.label, instrument.status, instrument.sources))
        out.append((f"{instrument.label} title", instrument.title_status, instrument.title_sources))
        out += [(f"{instrument.label} note", n.status, n.sources) for n in instrument.notes]
        for article in instrument.articles:
            out.append((str(article.citation), article.status, article.sources))
            out.append((f"{article.citation} title", article.title_status, article.title_sources))
            out += [(str(p.citation), p.status, p.sources) for p in article.paragraphs]
    out += [(f"deadline {d.key}", d.status, d.sources) for d in treaty.deadlines()]
    out += [(f"element {e.kind}/{e.key}", e.status, e.sources) for e in treaty.elements()]
    return out


def test_every_record_goes_through_the_public_types() -> None:
    """Each shipped instrument, article, paragraph, element and deadline is an instance of its public type."""
    for instrument in treaty.instruments():
        assert isinstance(instrument, Instrument)
        for article in instrument.articles:
            assert isinstance(article, Article)
            assert all(isinstance(p, Paragraph) for p in article.paragraphs)
    assert all(isinstance(e, Element) for e in treaty.elements())
    assert all(isinstance(d, Deadline) for d in treaty.deadlines())


def test_every_citation_parses_back_to_itself() -> None:
    """The citation of every article, paragraph, element and deadline survives str() and Citation.parse()."""
    citations = [a.citation for i in treaty.instruments() for a in i.articles]
    citations += [p.citation for i in treaty.instruments() for a in i.articles for p in a.paragraphs]
    citations += [e.citation for e in treaty.elements()] + [d.citation for d in treaty.deadlines()]
    assert len(citations) > 200
    for citation in citations:
        assert Citation.parse(str(citation)) == citation


def test_every_fact_has_an_allowed_status_and_known_sources() -> None:
    """Facts are verified, secondary or recalled, and every source key is in the source register."""
    for where, status, sources in _records():
        assert status in FACTS or where.startswith("element"), where
        for key in sources:
            assert treaty.source(key).key == key, where
        if status is Status.VERIFIED and not where.startswith("element"):
            assert sources, f"{where} is marked verified without a source"


def test_no_paraphrase_or_title_is_empty() -> None:
    """Every instrument, article and paragraph has a non-empty title and paraphrase."""
    for instrument in treaty.instruments():
        assert instrument.title.strip()
        assert instrument.summary.strip()
        for article in instrument.articles:
            assert article.title.strip(), article.citation
            assert len(article.summary) > 40, article.citation
            for paragraph in article.paragraphs:
                assert paragraph.text.strip(), paragraph.citation


def test_every_element_cites_a_shipped_provision() -> None:
    """Each required element of a request kind cites an article (and paragraph) present in the data."""
    for element in treaty.elements():
        assert element.kind in KINDS
        assert element.obligation in {"shall", "may", "cond."}
        article, paragraphs = treaty.resolve(element.citation)
        assert article.number == element.citation.article
        assert bool(paragraphs) == bool(element.citation.subdivisions)


def test_the_articles_of_the_issue_are_shipped() -> None:
    """ETS 185 Arts. 1, 16-18, 23-35, 40-42 and CETS 224 Arts. 3-14 are present."""
    ets = [a.number for a in treaty.instrument("ETS185").articles]
    assert ets == ["1", "16", "17", "18", *map(str, range(23, 36)), "40", "41", "42"]
    assert [a.number for a in treaty.instrument("CETS224").articles] == [str(n) for n in range(3, 15)]


def test_article_29_carries_the_six_elements_of_29_2() -> None:
    """treaty.article("ETS185", "29") has items (a) to (f) of paragraph 2, each verified."""
    art = treaty.article("ETS185", "29")
    items = [p for p in art.paragraphs if p.citation.subdivisions[:1] == ("2",)]
    assert [str(p.citation) for p in items] == [f"ETS 185 Art. 29(2)({x})" for x in "abcdef"]
    assert {p.status for p in items} == {Status.VERIFIED}
    assert art.paragraph(2, "e").key == "necessity"


def test_deadlines_carry_their_values_and_status() -> None:
    """60 days (29(7)) and 90 renewable days (16(2)) are verified; the CETS 224 figures are recalled."""
    minimum = treaty.deadline("min_preservation")
    assert (minimum.days, minimum.bound, str(minimum.citation), minimum.status) == (
        60,
        "minimum",
        "ETS 185 Art. 29(7)",
        Status.VERIFIED,
    )
    maximum = treaty.deadline("domestic_preservation_max")
    assert (maximum.days, maximum.renewable, str(maximum.citation), maximum.status) == (
        90,
        True,
        "ETS 185 Art. 16(2)",
        Status.VERIFIED,
    )
    protocol = {d.key: d for d in treaty.deadlines() if d.citation.instrument == "CETS224"}
    assert sorted(d.days for d in protocol.values()) == [20, 30, 45, 45]
    assert {d.status for d in protocol.values()} == {Status.UNVERIFIED}


def test_cets224_titles_carry_their_verification_status() -> None:
    """Art. 8's title is verified, Art. 9's is recalled; the instrument links to the Treaty Office page."""
    protocol = treaty.instrument("CETS 224")
    assert protocol.article(8).title_status is Status.VERIFIED
    assert protocol.article(9).title_status is Status.UNVERIFIED
    assert protocol.url == "https://www.coe.int/en/web/conventions/full-list?module=treaty-detail&treatynum=224"
    assert "Treaty Office" in protocol.url_label
    assert treaty.instrument("ets185").url.endswith("treatynum=185")


def test_unknown_provisions_raise_a_named_error() -> None:
    """Unknown instruments, articles and paragraphs raise UnknownProvisionError, which is a KeyError."""
    with pytest.raises(UnknownProvisionError, match="unknown instrument"):
        treaty.instrument("ETS999")
    with pytest.raises(KeyError, match=r"Art\. 36"):
        treaty.article("ETS185", 36)
    with pytest.raises(UnknownProvisionError):
        treaty.article("ETS185", 29).paragraph(9)
    with pytest.raises(UnknownProvisionError):
        treaty.resolve("ETS 185 Art. 29(8)")
    with pytest.raises(UnknownProvisionError):
        treaty.deadline("max_preservation")


def test_resolve_finds_items_below_a_paragraph() -> None:
    """A citation of a paragraph designates its items: 27(9) finds 27(9)(a) to (e)."""
    article, paragraphs = treaty.resolve("ETS 185 Art. 27(9)")
    assert article.number == "27"
    assert [p.citation.subdivisions[-1] for p in paragraphs] == list("abcde")


def test_importing_the_package_reads_no_treaty_data() -> None:
    """`import budapest_coop` (and of budapest_coop.treaty) reads no data file until first use."""
    code = (
        "import budapest_coop, budapest_coop.treaty as t, budapest_coop.treaty._data as d, sys;"
        "assert not d._CACHE; assert 'budapest_coop.validation' not in sys.modules;"
        "t.article('ETS185', '29'); assert d._CACHE"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_concurrent_first_use_loads_the_data_once() -> None:
    """Threads racing on first use all get the same data object."""
    _data._CACHE.clear()
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(_data.data())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(x) for x in seen}) == 1
