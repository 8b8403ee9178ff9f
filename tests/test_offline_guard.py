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


@pytest.mark.parametrize("host", ["192.0.2.1", "10.0.0.1", "8.8.8.8", "::ffff:8.8.8.8"])
def test_only_loopback_is_let_through(host: str) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with (
        socket.socket(family, socket.SOCK_DGRAM) as s,
        pytest.raises(RuntimeError, match="network"),
    ):
        s.connect((host, 80))
    with pytest.raises(RuntimeError, match="network access"):
        socket.getaddrinfo("petition.parliament.uk", 443)


def test_loopback_is_open_for_the_local_test_servers() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        port = server.getsockname()[1]
        with socket.create_connection(("localhost", port), timeout=5):
            conn, _ = server.accept()
            conn.close()
