"""Reuse: stable shingles, the inverted index, boilerplate, shared passages, carried-over text."""

from __future__ import annotations

import random
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import respcompare as rc
from respcompare import reuse
from respcompare.segment import segment

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def fixture_docs(fixture_cases: list[rc.Case]) -> list[reuse.Document]:
    return list(reuse.documents(fixture_cases))


@pytest.fixture(scope="module")
def sentences(fixture_cases: list[rc.Case]) -> list[str]:
    out = []
    for case in fixture_cases:
        for r in case.responses:
            out += [s.text for s in segment(r.text).sentences if len(s.text.split()) >= 6]
    return out


def _planted_corpus(sentences: list[str], *, n_docs: int = 60, df: int = 9, seed: int = 3):
    """Responses recombined from real sentences, one stock passage planted in ``df`` of them."""
    rng = random.Random(seed)
    pool = list(sentences)
    rng.shuffle(pool)
    stock = " ".join(pool[:3])
    body = pool[3:]
    holders = set(rng.sample(range(n_docs), df))
    texts, where = [], {}
    for d in range(n_docs):
        # each response gets its own sentences so only the stock passage recurs
        own = body[(d * 4) % len(body) : (d * 4) % len(body) + 4]
        text = " ".join(own)
        if d in holders:
            where[d] = (len(text) + 1, len(text) + 1 + len(stock))
            text = f"{text} {stock} Closing remarks for response {d}."
        texts.append(text)
    return texts, stock, where


def test_shingle_hash_is_stable_across_processes() -> None:
    text = "The Government will publish the review in full, as the petition asks."
    here = reuse.shingle_hashes(text, shingle=4).tolist()
    code = (
        "from respcompare.reuse import shingle_hashes; "
        f"print(shingle_hashes({text!r}, shingle=4).tolist())"
    )
    for seed in ("1", "2"):
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
            cwd=ROOT,
        ).stdout
        assert out.strip() == str(here)


def test_hash_ignores_case_and_punctuation_but_not_words() -> None:
    a = reuse.shingle_hashes("We will publish the review in full.", shingle=3)
    b = reuse.shingle_hashes("we WILL publish -- the review, in full!", shingle=3)
    c = reuse.shingle_hashes("We will publish the review in part.", shingle=3)
    assert (a == b).all()
    assert (a[:-1] == c[:-1]).all() and a[-1] != c[-1]
    assert reuse.shingle_hashes("too short", shingle=3).size == 0


def test_planted_passage_is_found(sentences: list[str]) -> None:
    texts, stock, where = _planted_corpus(sentences)
    idx = reuse.build_index(texts, min_docs=5)
    share = idx.boilerplate_share
    for d in range(len(texts)):
        if d in where:
            spans = idx.boilerplate(d)
            a, b = where[d]
            assert any(s.start <= a and b <= s.end for s in spans), "the passage is covered"
            assert all(texts[d][s.start : s.end] == s.text for s in spans)
            assert share[d] > 0.3
        else:
            assert share[d] == 0.0 and idx.boilerplate(d) == ()
    cat = idx.catalogue()
    assert cat, "a passage in 9 responses is in the catalogue"
    top = cat[0]
    assert set(top.document_ids) == {str(d) for d in where}
    assert top.documents == len(where)
    assert stock in top.text
    assert top.span.text == top.text


def test_pairs_and_passages_agree(sentences: list[str]) -> None:
    texts, stock, where = _planted_corpus(sentences, df=4)
    idx = reuse.build_index(texts, min_docs=5)
    pairs = idx.shared_pairs()
    found = {(a, b) for a, b, _ in pairs}
    holders = sorted(where)
    truth = {(str(a), str(b)) for i, a in enumerate(holders) for b in holders[i + 1 :]}
    assert truth <= found
    assert not idx.catalogue(), "4 responses is below min_docs=5: not boilerplate"
    for a, b in truth:
        passages = idx.shared_passages(a, b)
        assert len(passages) == 1
        p = passages[0]
        assert p.similarity == 1.0 and p.words >= len(stock.split()) - 2
        assert p.a.text == texts[int(a)][p.a.start : p.a.end]


def test_edited_copy_is_one_passage() -> None:
    x = (
        "Preamble here. The Government is committed to tackling all forms of child sexual "
        "abuse and exploitation, and we have provided funding to support victims across England."
    )
    y = (
        "Different opening words. The Government is committed to tackling every form of child "
        "sexual abuse and exploitation, and we have provided funding to support victims across "
        "England."
    )
    found = reuse.shared_passages(x, y, shingle=5, min_words=10)
    assert len(found) == 1
    p = found[0]
    assert p.a.text.startswith("The Government is committed")
    assert p.b.text.endswith("England")
    assert 0.8 < p.similarity < 1.0


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(["we", "will", "Publish", "the", "review", "in", "full", "£5m"]),
        min_size=0,
        max_size=40,
    ),
    st.text(alphabet=" ,.\n-’", min_size=1, max_size=3),
)
def test_shared_passage_spans_fit_their_texts(words: list[str], sep: str) -> None:
    a = sep.join(words)
    b = "Intro text. " + " ".join(reversed(words)) + " " + a
    for p in reuse.shared_passages(a, b, shingle=2, min_words=2):
        assert a[p.a.start : p.a.end] == p.a.text
        assert b[p.b.start : p.b.end] == p.b.text
        assert 0.0 <= p.similarity <= 1.0


def test_fixture_corpus_pairs(
    fixture_cases: list[rc.Case], fixture_docs: list[reuse.Document]
) -> None:
    idx = reuse.build_index(fixture_docs, min_docs=2)
    pairs = {(a, b) for a, b, _ in idx.shared_pairs()}
    ungrouped = reuse.build_index(
        [reuse.Document(d.id, d.text, d.department, d.date) for d in fixture_docs], min_docs=2
    )
    ungrouped_pairs = {(a, b) for a, b, _ in ungrouped.shared_pairs()}
    revised = [c for c in fixture_cases if len(c.responses) == 2]
    assert revised
    sharing = 0
    for case in revised:
        a, b = (f"{case.petition.id}/{r.label}" for r in case.responses)
        passages = idx.shared_passages(a, b)
        sharing += bool(passages)
        # versions of one petition are never a pair of the grouped index ...
        assert (a, b) not in pairs and (b, a) not in pairs
        # ... while without groups a revision pairs with its original exactly when they share
        assert ((a, b) in ungrouped_pairs or (b, a) in ungrouped_pairs) == bool(passages)
    assert sharing >= 5, "revisions repeat text from their original (9 of the fixtures do)"
    assert pairs and pairs < ungrouped_pairs
    for p in idx.catalogue():
        assert p.documents >= 2 and p.petitions >= 2
        assert sum(n for _, n in p.departments) == p.documents
        assert p.first_date is None or p.first_date <= p.last_date
    shares = idx.boilerplate_shares()
    assert all(s is None or 0.0 <= s <= 1.0 for s in shares)


def test_save_load_query(tmp_path: Path, sentences: list[str]) -> None:
    texts, stock, where = _planted_corpus(sentences)
    idx = reuse.build_index(texts, min_docs=5)
    path = idx.save(tmp_path / "stock")
    loaded = reuse.ReuseIndex.load(path)
    assert loaded.ids == idx.ids and (loaded.hashes == idx.hashes).all()
    assert np.allclose(loaded.boilerplate_share, idx.boilerplate_share)
    assert loaded.catalogue() == idx.catalogue()
    new = "A new response opens here with its own words. " + stock + " And it closes."
    result = loaded.query(new)
    assert result == idx.query(new)
    assert result.boilerplate_share is not None and result.boilerplate_share > 0.5
    assert any(stock[:40] in s.text for s in result.boilerplate)
    assert {m.document for m in result.matches} <= {str(d) for d in where}
    assert len(result.matches) == 5  # top=5
    assert all(m.passages and m.passages[0].a.text in new for m in result.matches)
    with pytest.raises(rc.InputError, match=r"ReuseIndex\.save"):
        reuse.ReuseIndex.load(tmp_path / "missing")


@pytest.mark.parametrize("make", [lambda: ThreadPoolExecutor(2), lambda: ProcessPoolExecutor(2)])
def test_executor_gives_the_same_index(make, sentences: list[str]) -> None:  # type: ignore[no-untyped-def]
    texts, _, _ = _planted_corpus(sentences)
    plain = reuse.build_index(texts, min_docs=5, chunk_size=7)
    with make() as ex:
        spread = reuse.build_index(texts, min_docs=5, chunk_size=7, executor=ex)
    for name in ("hashes", "offsets", "post_doc", "post_pos", "word_counts"):
        assert (getattr(plain, name) == getattr(spread, name)).all()
    assert plain.catalogue() == spread.catalogue()


def test_dask_executor_recipe(sentences: list[str]) -> None:
    from respcompare.distributed import local_cluster  # loopback only, no dashboard

    texts, _, _ = _planted_corpus(sentences)
    with local_cluster(n_workers=1, threads_per_worker=2, processes=False) as client:
        spread = reuse.build_index(texts, min_docs=5, chunk_size=10, executor=client.get_executor())
    plain = reuse.build_index(texts, min_docs=5)
    assert (plain.hashes == spread.hashes).all()


def test_bad_options_raise_helpful_errors() -> None:
    with pytest.raises(rc.InputError, match="shingle"):
        reuse.build_index(["a b c"], shingle=0)
    with pytest.raises(rc.InputError, match="min_docs"):
        reuse.build_index(["a b c"], min_docs=1)
    with pytest.raises(rc.InputError, match="unique"):
        reuse.build_index([reuse.Document("x", "a"), reuse.Document("x", "b")])
    with pytest.raises(rc.InputError, match="Documents, Responses or strings"):
        reuse.build_index([3])  # type: ignore[list-item]


def test_carried_over_on_real_revisions(fixture_cases: list[rc.Case]) -> None:
    revised = [c for c in fixture_cases if len(c.responses) == 2]
    for case in revised:
        old, new = case.responses
        spans = reuse.carried_over(old, new)
        text = new.full_text
        starts = {s.start for s in segment(text).sentences}
        for s in spans:
            assert text[s.start : s.end] == s.text and s.start in starts
        share = reuse.carried_over_share(old, new)
        assert share is not None and 0.0 <= share <= 1.0
        assert (share > 0) == bool(spans)
        assert reuse.carried_over_share(new, new) == 1.0
    unrelated = reuse.carried_over(revised[0].responses[1], revised[1].responses[1])
    assert unrelated == ()
