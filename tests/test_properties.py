"""Property tests: every span a public function returns indexes its owning text exactly."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import respcompare as rc
from respcompare.segment import segment, sentences, words

SENTENCE_PARTS = st.sampled_from(
    [
        "The Government will publish a paper later this year.",
        "We have no plans to do so.",
        "It was published on 3 May.",
        "Rt Hon. Priti Patel MP agreed.",
        "Funding rose to £1.2 million, e.g. for victims.",
        "• A bullet point",
        "No. 10 said so.",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "“Quoted”.",
    ]
)
TEXTS = st.one_of(
    st.text(min_size=0, max_size=300),
    st.lists(SENTENCE_PARTS, min_size=1, max_size=12).map(" ".join),
    st.lists(st.one_of(SENTENCE_PARTS, st.text(max_size=20)), max_size=10).map("".join),
)


def _check(text: str, span: rc.Span) -> None:
    assert 0 <= span.start <= span.end <= len(text)
    assert text[span.start : span.end] == span.text


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_segmentation_spans(text: str) -> None:
    seg = segment(text)
    for p in seg.paragraphs:
        _check(text, p)
        assert p.text.strip() == p.text and p.text
    for s in seg.sentences:
        _check(text, s.span)
        assert s.text.strip() == s.text and s.text
    for w in words(text):
        _check(text, w)
    assert [s.span for s in seg.sentences] == sentences(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS.filter(lambda t: t.strip() != ""), st.text(max_size=80))
def test_assessment_evidence_spans(text: str, summary: str) -> None:
    petition = rc.Petition(action="Publish the review in full")
    response = rc.Response(text=text, summary=summary)
    a = rc.assess(petition, response)
    assert 0.0 <= a.directness <= 1.0
    for ev in a.evidence + a.off_ask:
        _check(response.full_text, ev.span)
    for outcome in a.asks:
        for ev in outcome.evidence:
            _check(response.full_text, ev.span)


def test_seed_review_spans() -> None:
    case = rc.load_example("grooming-gangs")
    review = rc.review(case)
    for resp, a in zip(case.responses, review.assessments, strict=True):
        for ev in a.evidence:
            _check(resp.full_text, ev.span)
