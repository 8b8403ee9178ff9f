"""The guard in conftest.py is active: downloads and sockets fail, NLTK has no data."""

from __future__ import annotations

import os
import socket

import nltk
import pytest

import respcompare as rc


def test_nltk_download_is_refused() -> None:
    with pytest.raises(RuntimeError, match="network access"):
        nltk.download("punkt")


def test_sockets_are_refused() -> None:
    with pytest.raises(RuntimeError, match="network access"):
        socket.create_connection(("example.org", 80), timeout=1)


def test_nltk_data_is_empty_and_trained_punkt_unavailable() -> None:
    assert os.listdir(os.environ["NLTK_DATA"]) == []
    with pytest.raises(LookupError):
        nltk.data.find("tokenizers/punkt_tab/english/")


def test_review_runs_under_the_guard() -> None:
    r = rc.review(rc.load_example("grooming-gangs"))
    assert len(r.assessments) == 2
