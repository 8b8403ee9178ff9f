"""Fetching petitions, against a loopback stand-in for petition.parliament.uk.

tests/petition_site.py serves the real fixture petitions in the site's JSON shapes; the
suite's network guard (conftest.py) lets loopback through and refuses every other address.
"""

from __future__ import annotations

import dataclasses
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import respcompare as rc
from respcompare import fetch
from respcompare.cli import main
from respcompare.errors import FetchError, InputError, PetitionFormatError

from .petition_site import Fault, PetitionSite, running

CURRENT = 576886  # "Make lying in the House of Commons a criminal offence"
ARCHIVED = 300239  # the grooming-gangs review, 2019-2024 Parliament


@pytest.fixture
def site() -> Iterator[PetitionSite]:
    yield from running()


def _opts(site: PetitionSite, **kw: object) -> fetch.FetchOptions:
    return fetch.FetchOptions(base_url=site.url, delay=0, **kw)  # type: ignore[arg-type]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --------------------------------------------------------------------------- by id


def test_fetch_current_petition_by_id(site: PetitionSite) -> None:
    case = rc.fetch_petition(CURRENT, options=_opts(site))
    assert case.petition.id == CURRENT
    assert case.petition.action == "Make lying in the House of Commons a criminal offence"
    assert [r.label for r in case.responses] == ["response"]
    assert case.responses[0].summary.startswith("The Government does not intend")
    assert site.requested() == [f"/petitions/{CURRENT}.json"]
    # the User-Agent names respcompare and its version
    assert site.log[0][1].startswith(f"respcompare/{rc.__version__} ")


def test_fetch_gives_the_same_case_as_loading_the_saved_file(site: PetitionSite) -> None:
    fetched = rc.fetch_petition(ARCHIVED, archived=True, options=_opts(site))
    loaded = rc.load_petition(Path(__file__).parent / "fixtures" / "petitions" / "300239.json")
    assert [(r.label, r.date, r.text) for r in fetched.responses] == [
        (r.label, r.date, r.text) for r in loaded.responses
    ]
    assert [r.label for r in fetched.responses] == ["original", "revised"]


def test_archived_id_is_found_in_the_archive(site: PetitionSite) -> None:
    data = fetch.fetch_petition_json(ARCHIVED, archived=True, options=_opts(site))
    assert data["data"]["type"] == "archived-petition"
    assert data["data"]["parliament"]["period"] == "2019-2024"
    assert site.requested() == [f"/archived/petitions/{ARCHIVED}.json"]
    # archived=None tries the current address first, then the archive
    site.log.clear()
    case = rc.fetch_petition(str(ARCHIVED), options=_opts(site))
    assert case.petition.id == ARCHIVED
    assert site.requested() == [
        f"/petitions/{ARCHIVED}.json",
        f"/archived/petitions/{ARCHIVED}.json",
    ]


def test_archived_false_does_not_look_in_the_archive(site: PetitionSite) -> None:
    with pytest.raises(FetchError, match="HTTP 404") as err:
        rc.fetch_petition(ARCHIVED, archived=False, options=_opts(site))
    assert err.value.status == 404 and not err.value.offline
    assert site.requested() == [f"/petitions/{ARCHIVED}.json"]


def test_redirect_on_the_same_site_is_followed(site: PetitionSite) -> None:
    site.redirects[f"/petitions/{ARCHIVED}.json"] = f"/archived/petitions/{ARCHIVED}.json"
    case = rc.fetch_petition(ARCHIVED, options=_opts(site))
    assert case.petition.id == ARCHIVED
    assert len(site.requested()) == 2


def test_redirect_to_another_host_is_refused(site: PetitionSite) -> None:
    site.redirects[f"/petitions/{CURRENT}.json"] = "http://127.0.0.2:9/elsewhere.json"
    with pytest.raises(FetchError, match="redirected to another host"):
        rc.fetch_petition(CURRENT, options=_opts(site))


def test_unknown_id_names_both_places(site: PetitionSite) -> None:
    with pytest.raises(FetchError, match="not found among current or archived") as err:
        rc.fetch_petition(999999, options=_opts(site))
    assert err.value.status == 404
    assert len(site.requested()) == 2


@pytest.mark.parametrize("bad", [0, -3, "abc", 1.5, True, None])
def test_bad_ids_are_input_errors_before_any_request(site: PetitionSite, bad: object) -> None:
    with pytest.raises(InputError, match="positive whole number"):
        rc.fetch_petition(bad, options=_opts(site))  # type: ignore[arg-type]
    assert site.log == []


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize("status", [400, 403, 500, 502])
def test_http_errors_are_typed(site: PetitionSite, status: int) -> None:
    site.faults[f"/petitions/{CURRENT}.json"] = Fault(status=status)
    with pytest.raises(FetchError, match=f"HTTP {status}") as err:
        rc.fetch_petition(CURRENT, options=_opts(site))
    assert err.value.status == status
    assert err.value.url == f"{site.url}/petitions/{CURRENT}.json"
    assert isinstance(err.value, rc.RespcompareError)


def test_429_is_retried_after_the_time_the_site_asks(site: PetitionSite) -> None:
    path = f"/petitions/{CURRENT}.json"
    site.faults[path] = Fault(status=429, headers={"Retry-After": "1"}, times=1)
    start = time.monotonic()
    case = rc.fetch_petition(CURRENT, options=_opts(site))
    assert time.monotonic() - start >= 0.95
    assert case.petition.id == CURRENT
    assert site.requested() == [path, path]


def test_503_retries_run_out(site: PetitionSite) -> None:
    path = f"/petitions/{CURRENT}.json"
    site.faults[path] = Fault(status=503, headers={"Retry-After": "0"}, times=10)
    with pytest.raises(FetchError, match=r"HTTP 503.*try again later") as err:
        rc.fetch_petition(CURRENT, options=_opts(site, retries=2))
    assert err.value.status == 503
    assert site.requested() == [path] * 3


def test_a_retry_after_longer_than_max_wait_is_not_waited_for(site: PetitionSite) -> None:
    site.faults[f"/petitions/{CURRENT}.json"] = Fault(status=429, headers={"Retry-After": "3600"})
    start = time.monotonic()
    with pytest.raises(FetchError, match="asks to wait 3600 s"):
        rc.fetch_petition(CURRENT, options=_opts(site, max_wait=5))
    assert time.monotonic() - start < 2


def test_retry_after_as_an_http_date() -> None:
    assert fetch._retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1.0) == 0.0  # in the past
    assert fetch._retry_after("7", 1.0) == 7.0
    assert fetch._retry_after(None, 1.5) == 1.5
    assert fetch._retry_after("soon", 2.0) == 2.0


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"links": {}, "data": {"type": "petition", "id": 5768', "not JSON"),
        (b"<html><body>Down for maintenance</body></html>", "not JSON"),
        (b"\xff\xfe\x00garbage", "not JSON"),
        (b'{"name": "a list of groceries"}', "no 'data'"),
        (b'{"data": {"id": 1, "attributes": {}}}', "not petition 576886's JSON"),
        (b'{"data": {"id": 576886}}', "attributes missing"),
    ],
)
def test_malformed_json_is_a_typed_error(site: PetitionSite, body: bytes, message: str) -> None:
    site.faults[f"/petitions/{CURRENT}.json"] = Fault(status=200, body=body)
    with pytest.raises(FetchError, match=message) as err:
        rc.fetch_petition(CURRENT, archived=False, options=_opts(site))
    assert err.value.status is None and not err.value.offline


def test_a_petition_without_a_response_is_a_format_error(site: PetitionSite) -> None:
    _, doc = site.petitions[CURRENT]
    doc["data"]["attributes"]["government_response"] = None
    with pytest.raises(PetitionFormatError, match="government response"):
        rc.fetch_petition(CURRENT, options=_opts(site))


def test_offline_is_a_typed_error_that_says_so() -> None:
    opts = fetch.FetchOptions(base_url=f"http://127.0.0.1:{_closed_port()}", delay=0)
    with pytest.raises(FetchError, match="are you offline") as err:
        rc.fetch_petition(CURRENT, options=opts)
    assert err.value.offline and err.value.status is None


def test_no_reply_within_the_timeout(site: PetitionSite) -> None:
    # a server that accepts the connection and never answers
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        opts = fetch.FetchOptions(base_url=f"http://127.0.0.1:{silent.getsockname()[1]}")
        start = time.monotonic()
        with pytest.raises(FetchError, match=r"no reply within 0\.5 s") as err:
            rc.fetch_petition(CURRENT, timeout=0.5, options=opts)
        assert time.monotonic() - start < 5
    assert err.value.offline


def test_other_hosts_stay_blocked_in_the_suite() -> None:
    with pytest.raises(RuntimeError, match="network access"):
        rc.fetch_petition(CURRENT, options=fetch.FetchOptions(base_url="http://192.0.2.1"))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("base_url", "ftp://example.org"),
        ("base_url", "petition.parliament.uk"),
        ("base_url", "http://127.0.0.1:port"),
        ("base_url", "https://"),
        ("timeout", 0),
        ("delay", -1),
        ("delay", float("nan")),
        ("timeout", float("inf")),
        ("retries", 1.5),
        ("max_pages", -1),
        ("user_agent", "curl/8"),
    ],
)
def test_bad_options_are_input_errors(field: str, value: object) -> None:
    with pytest.raises(InputError, match=f"FetchOptions.{field}"):
        fetch.FetchOptions(**{field: value})  # type: ignore[arg-type]


def test_the_default_site_and_user_agent() -> None:
    opts = fetch.FetchOptions()
    assert opts.base_url == "https://petition.parliament.uk"
    assert opts.delay >= 0.5  # polite by default
    assert opts.user_agent.startswith(f"respcompare/{rc.__version__} ")
    assert opts.listing_url(archived=True, parliament=4) == (
        "https://petition.parliament.uk/archived/petitions.json?state=with_response&parliament=4"
    )
    assert opts.rebase("https://petition.parliament.uk/petitions.json?page=2&state=x") == (
        "https://petition.parliament.uk/petitions.json?page=2&state=x"
    )
    mirror = dataclasses.replace(opts, base_url="http://127.0.0.1:8000/mirror/")
    assert mirror.rebase("https://petition.parliament.uk/petitions/1.json") == (
        "http://127.0.0.1:8000/mirror/petitions/1.json"
    )


def test_requests_are_spaced_by_the_delay(site: PetitionSite) -> None:
    opts = fetch.FetchOptions(base_url=site.url, delay=0.3)
    start = time.monotonic()
    list(fetch.list_with_response(options=opts))  # the current listing: several pages
    pages = len(site.requested("/petitions.json"))
    assert pages >= 3
    assert time.monotonic() - start >= 0.3 * (pages - 1) - 0.01


# --------------------------------------------------------------------------- the listing


def test_listing_walks_every_page_through_links_next(site: PetitionSite) -> None:
    listed = list(fetch.list_with_response(options=_opts(site)))
    current = site.ids(archived=False)
    assert [p.id for p in listed] == current
    assert not any(p.archived for p in listed)
    pages = site.requested("/petitions.json")
    assert len(pages) == -(-len(current) // 5) >= 3  # ceil: every page, once
    assert pages[0] == "/petitions.json?state=with_response"
    assert pages[1] == "/petitions.json?page=2&state=with_response"
    # entries point at the configured site, not the address the recorded JSON names
    assert listed[0].url == f"{site.url}/petitions/{current[0]}.json"
    assert listed[0].responded is not None and listed[0].updated is not None


def test_archived_listing_and_both(site: PetitionSite) -> None:
    archived = list(fetch.list_with_response(archived=True, options=_opts(site)))
    assert [p.id for p in archived] == site.ids(archived=True)
    assert all(p.archived and "/archived/petitions/" in p.url for p in archived)
    site.log.clear()
    by_parliament = list(
        fetch.list_with_response(archived=True, parliaments=[4], options=_opts(site))
    )
    assert [p.id for p in by_parliament] == site.ids(archived=True)
    assert all("parliament=4" in p for p in site.requested())
    both = list(fetch.list_with_response(archived=None, options=_opts(site)))
    assert sorted(p.id for p in both) == sorted(site.petitions)


def test_since_keeps_petitions_answered_on_or_after_the_date(site: PetitionSite) -> None:
    every = list(fetch.list_with_response(archived=None, options=_opts(site)))
    dates = sorted({p.responded for p in every if p.responded is not None})
    cut = dates[len(dates) // 2]
    kept = list(fetch.list_with_response(archived=None, since=str(cut), options=_opts(site)))
    assert kept and len(kept) < len(every)
    assert {p.id for p in kept} == {p.id for p in every if p.responded and p.responded >= cut}
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        list(fetch.list_with_response(since="last week", options=_opts(site)))


def test_a_listing_that_loops_or_never_ends_is_stopped(site: PetitionSite) -> None:
    first = "/petitions.json?state=with_response"
    page = json.loads(site.pages[first])
    page["links"]["next"] = "https://petition.parliament.uk/petitions.json?state=with_response"
    site.pages[first] = json.dumps(page).encode()
    with pytest.raises(FetchError, match="links back to a page already read"):
        list(fetch.list_with_response(options=_opts(site)))
    with pytest.raises(FetchError, match="max_pages=0"):
        list(fetch.list_with_response(options=_opts(site, max_pages=0)))


def test_a_malformed_listing_page_is_a_typed_error(site: PetitionSite) -> None:
    site.faults["/petitions.json?page=2&state=with_response"] = Fault(status=200, body=b"[1,")
    with pytest.raises(FetchError, match="not JSON"):
        list(fetch.list_with_response(options=_opts(site)))


# --------------------------------------------------------------------------- saving


def _valid(path: Path, pid: int) -> bool:
    return json.loads(path.read_text(encoding="utf-8"))["data"]["id"] == pid


def test_download_ids_saves_the_bytes_the_site_sent(site: PetitionSite, tmp_path: Path) -> None:
    report = fetch.download_petitions(
        [CURRENT, ARCHIVED, CURRENT], tmp_path, options=_opts(site), progress=False
    )
    assert [p.name for p in report.saved] == [f"{CURRENT}.json", f"{ARCHIVED}.json"]
    assert report.failed == () and report.skipped == ()
    assert (tmp_path / f"{CURRENT}.json").read_bytes() == site._body(f"/petitions/{CURRENT}.json")
    assert rc.load_petition(tmp_path / f"{ARCHIVED}.json").petition.id == ARCHIVED
    assert str(report).startswith("fetched 2 of 2 petitions, 0 already complete, 0 failed")
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{ARCHIVED}.json", f"{CURRENT}.json"]


def test_resume_skips_complete_files_and_redoes_broken_ones(
    site: PetitionSite, tmp_path: Path
) -> None:
    ids = site.ids(archived=False)[:4]
    # what an interrupted, non-atomic writer could have left: one whole file, one cut short,
    # one of another petition, and a stray temporary file
    (tmp_path / f"{ids[0]}.json").write_bytes(site._body(f"/petitions/{ids[0]}.json") or b"")
    (tmp_path / f"{ids[1]}.json").write_bytes((site._body(f"/petitions/{ids[1]}.json") or b"")[:99])
    (tmp_path / f"{ids[2]}.json").write_bytes(site._body(f"/petitions/{ids[0]}.json") or b"")
    (tmp_path / f".{ids[3]}.json.123.tmp").write_bytes(b"{")
    report = fetch.download_petitions(ids, tmp_path, options=_opts(site), progress=False)
    assert [p.name for p in report.skipped] == [f"{ids[0]}.json"]
    assert [p.name for p in report.saved] == [f"{i}.json" for i in ids[1:]]
    assert site.requested() == [f"/petitions/{i}.json" for i in ids[1:]]
    assert all(_valid(tmp_path / f"{i}.json", i) for i in ids)
    site.log.clear()
    again = fetch.download_petitions(ids, tmp_path, options=_opts(site), progress=False)
    assert len(again.skipped) == 4 and again.saved == () and site.log == []


def test_resume_after_the_connection_drops_mid_run(site: PetitionSite, tmp_path: Path) -> None:
    ids = site.ids(archived=False)
    site.faults[f"/petitions/{ids[3]}.json"] = Fault(drop=True, times=1)
    with pytest.raises(FetchError, match="are you offline") as err:
        fetch.download_with_response(tmp_path, archived=False, options=_opts(site), progress=False)
    assert err.value.offline
    # the three before the drop are complete; nothing half-written is left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{i}.json" for i in ids[:3])
    site.log.clear()
    report = fetch.download_with_response(
        tmp_path, archived=False, options=_opts(site), progress=False
    )
    assert len(report.skipped) == 3 and len(report.saved) == len(ids) - 3
    assert [p for p in site.requested("/petitions/")] == [f"/petitions/{i}.json" for i in ids[3:]]
    assert all(_valid(tmp_path / f"{i}.json", i) for i in ids)


def test_a_reply_cut_off_mid_transfer_stops_the_run_and_resumes(
    site: PetitionSite, tmp_path: Path
) -> None:
    ids = site.ids(archived=False)[:3]
    body = site._body(f"/petitions/{ids[1]}.json") or b""
    site.faults[f"/petitions/{ids[1]}.json"] = Fault(status=200, body=body, cut=True)
    with pytest.raises(FetchError, match="are you offline") as err:
        fetch.download_petitions(ids, tmp_path, options=_opts(site), progress=False)
    assert err.value.offline
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{ids[0]}.json"]
    report = fetch.download_petitions(ids, tmp_path, options=_opts(site), progress=False)
    assert [p.name for p in report.saved] == [f"{i}.json" for i in ids[1:]]
    assert (tmp_path / f"{ids[1]}.json").read_bytes() == body


def test_a_petition_updated_since_it_was_saved_is_fetched_again(
    site: PetitionSite, tmp_path: Path
) -> None:
    fetch.download_with_response(tmp_path, archived=False, options=_opts(site), progress=False)
    changed = site.ids(archived=False)[2]
    site.update(changed, updated_at="2026-11-29T10:00:00.000Z")
    site.log.clear()
    report = fetch.download_with_response(
        tmp_path, archived=False, options=_opts(site), progress=False
    )
    assert [p.name for p in report.saved] == [f"{changed}.json"]
    assert site.requested("/petitions/") == [f"/petitions/{changed}.json"]
    saved = json.loads((tmp_path / f"{changed}.json").read_text(encoding="utf-8"))
    assert saved["data"]["attributes"]["updated_at"] == "2026-11-29T10:00:00.000Z"


def test_download_with_response_current_and_archived(site: PetitionSite, tmp_path: Path) -> None:
    report = fetch.download_with_response(tmp_path, options=_opts(site), progress=False)
    assert len(report.saved) == len(site.petitions) == 43
    assert {p.name for p in report.saved} == {f"{i}.json" for i in site.petitions}
    # archived petitions come from the archive address the listing gives
    assert f"/archived/petitions/{ARCHIVED}.json" in site.requested()
    assert f"/petitions/{ARCHIVED}.json" not in site.requested()
    # and the folder reviews as a corpus
    corpus = rc.load_corpus(tmp_path)
    assert sum(1 for _ in corpus) == 43 and not corpus.errors


def test_http_errors_in_a_batch_are_listed_and_the_rest_fetched(
    site: PetitionSite, tmp_path: Path
) -> None:
    ids = site.ids(archived=False)[:3]
    site.faults[f"/petitions/{ids[1]}.json"] = Fault(status=500)
    site.faults[f"/petitions/{ids[2]}.json"] = Fault(status=200, body=b"{oops")
    report = fetch.download_petitions(
        [*ids, 999999], tmp_path, archived=False, options=_opts(site), progress=False
    )
    assert [p.name for p in report.saved] == [f"{ids[0]}.json"]
    assert [(f.id, f.error) for f in report.failed] == [
        (ids[1], "FetchError"),
        (ids[2], "FetchError"),
        (999999, "FetchError"),
    ]
    assert "HTTP 500" in report.failed[0].reason and "not JSON" in report.failed[1].reason
    assert "HTTP 404" in str(report.failed[2])
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{ids[0]}.json"]


def test_out_must_be_a_folder(site: PetitionSite, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputError, match="cannot create the folder"):
        fetch.download_petitions([CURRENT], tmp_path / "file" / "sub", options=_opts(site))
    with pytest.raises(InputError, match="at least one petition id"):
        fetch.download_petitions([], tmp_path, options=_opts(site))


# --------------------------------------------------------------------------- CLI


def test_cli_fetch_ids(
    site: PetitionSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["fetch", str(CURRENT), str(ARCHIVED), "--out", str(tmp_path)]
    status = main([*argv, "--base-url", site.url, "--delay", "0", "--no-progress"])
    err = capsys.readouterr().err
    assert status == 0, err
    assert err.strip().splitlines()[-1] == (
        f"respcompare: fetched 2 of 2 petitions, 0 already complete, 0 failed (3 requests) "
        f"into {tmp_path}"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{ARCHIVED}.json", f"{CURRENT}.json"]


def test_cli_fetch_with_response_since(
    site: PetitionSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["fetch", "--with-response", "--since", "2023-01-01", "--out", str(tmp_path)]
    status = main([*argv, "--base-url", site.url, "--delay", "0", "--no-progress"])
    assert status == 0, capsys.readouterr().err
    saved = {int(p.stem) for p in tmp_path.glob("*.json")}
    expected = {
        pid
        for pid, (_, doc) in site.petitions.items()
        if doc["data"]["attributes"]["government_response_at"] >= "2023-01-01"
    }
    assert saved == expected and 0 < len(saved) < 43


def test_cli_fetch_errors_are_one_line(
    site: PetitionSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--out", str(tmp_path), "--delay", "0", "--no-progress"]
    assert main(["fetch", *base]) == 2
    assert "give petition ids or --with-response" in capsys.readouterr().err
    assert main(["fetch", "1", "--with-response", *base]) == 2
    assert "not both" in capsys.readouterr().err
    assert main(["fetch", "--with-response", "--since", "May", *base]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    offline = f"http://127.0.0.1:{_closed_port()}"
    assert main(["fetch", str(CURRENT), "--base-url", offline, *base]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "are you offline" in err
    # one failed id: a line for it, the others saved, status 2
    status = main(["fetch", str(CURRENT), "999999", "--base-url", site.url, *base])
    lines = capsys.readouterr().err.strip().splitlines()
    assert status == 2
    assert lines[0].startswith("respcompare: failed petition 999999: ")
    assert lines[-1].startswith("respcompare: fetched 1 of 2 petitions")


def test_nothing_is_fetched_unless_asked() -> None:
    # importing respcompare and reviewing does not even load the fetch module
    code = (
        "import sys, respcompare as rc; rc.review(rc.load_example('grooming-gangs')); "
        "print('respcompare.fetch' in sys.modules, hasattr(rc, 'fetch_petition'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    assert out.split() == ["False", "True"]
    assert rc.fetch_petition is fetch.fetch_petition


def test_cli_fetch_offline_in_a_guarded_process(tmp_path: Path) -> None:
    """The real default site, with the network blocked (as on a machine offline): one line,
    status 2, nothing written."""
    from .test_offline_cli import _guarded_env

    env, marker, _ = _guarded_env(tmp_path)
    out = tmp_path / "petitions"
    proc = subprocess.run(
        [sys.executable, "-m", "respcompare", "fetch", "300239", "--out", str(out)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(
        "respcompare: error: https://petition.parliament.uk/petitions/300239.json: cannot connect"
    )
    assert "are you offline?" in lines[0]
    assert marker.read_text(encoding="utf-8") == "active"
    assert list(out.iterdir()) == []


_STATES = st.sampled_from(["missing", "complete", "truncated", "other", "empty", "tmp-only"])


@pytest.fixture(scope="module")
def shared_site() -> Iterator[PetitionSite]:
    yield from running()


@settings(max_examples=25, deadline=None)
@given(states=st.lists(_STATES, min_size=1, max_size=5))
def test_resume_property_fetches_exactly_what_is_not_complete(
    shared_site: PetitionSite, states: list[str]
) -> None:
    """Whatever an earlier run left in the folder, one run fetches exactly the petitions whose
    file is not complete, and afterwards every file is the site's JSON of its petition."""
    import tempfile

    site = shared_site
    site.log.clear()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ids = site.ids(archived=False)[: len(states)]
        other = site.ids(archived=False)[-1]
        for pid, state in zip(ids, states, strict=True):
            body = site._body(f"/petitions/{pid}.json") or b""
            target = folder / f"{pid}.json"
            if state == "complete":
                target.write_bytes(body)
            elif state == "truncated":
                target.write_bytes(body[: len(body) // 2])
            elif state == "other":
                target.write_bytes(site._body(f"/petitions/{other}.json") or b"")
            elif state == "empty":
                target.write_bytes(b"")
            elif state == "tmp-only":
                (folder / f".{pid}.json.1.tmp").write_bytes(body)
        report = fetch.download_petitions(
            ids, folder, archived=False, options=_opts(site), progress=False
        )
        wanted = [pid for pid, s in zip(ids, states, strict=True) if s != "complete"]
        assert site.requested() == [f"/petitions/{pid}.json" for pid in wanted]
        assert [p.name for p in report.saved] == [f"{pid}.json" for pid in wanted]
        assert len(report.skipped) == len(ids) - len(wanted)
        for pid in ids:
            assert (folder / f"{pid}.json").read_bytes() == site._body(f"/petitions/{pid}.json")
