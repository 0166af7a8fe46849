"""Link health: every verdict against a real HTTP server on 127.0.0.1, and the CLI contract."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import time
from datetime import UTC, datetime

import pytest

from prongsai.cli import main
from prongsai.links import CheckOptions, LinkItem, Verdict, run_checks
from prongsai.links.addresses import BlockedAddress, check_literal, is_public
from prongsai.links.content import mentions_fiscal_year, sniff, years_mentioned
from prongsai.links.politeness import backoff_seconds, retry_after_seconds
from prongsai.links.urls import encode_once, on_domain
from prongsai.links.verdicts import Expected, Probe, Seen, decide
from tests.link_server import OFFICE, THAI_PATH, self_signed, serve, tiny_pdf


@pytest.fixture(scope="module")
def server():
    with serve() as running:
        yield running


def check(server, path, year=2567, *, host="agency.example", keywords=(), **options):
    options = {"pinned_hosts": server.pinned, "timeout": 2.0, "backoff": 0.05, **options}
    [result] = run_checks(
        [LinkItem(server.url(path, host), year, tuple(keywords))], CheckOptions(**options)
    )
    return result


def codes(result):
    return [reason.code for reason in result.reasons]


# --- verdicts against the server ---------------------------------------------------------


def test_ok_page_in_thai_digits_keeps_a_snapshot(server):
    result = check(server, "/ok", keywords=["รายงานผลการดำเนินงาน"])
    assert (result.verdict, result.status, result.reasons) == (Verdict.OK, 200, ())
    assert (result.file_type, result.final_url) == ("html", server.url("/ok"))
    snapshot = result.snapshot
    assert snapshot is not None and snapshot.status == 200
    assert snapshot.body.startswith(b"<!doctype html>") and len(snapshot.body) == snapshot.size
    assert len(snapshot.sha256) == 64 and snapshot.content_type.startswith("text/html")
    assert snapshot.fetched_at.tzinfo is UTC and snapshot.fetched_at <= datetime.now(UTC)
    stored = snapshot.to_dict(with_body=True)
    assert {"headers", "sha256", "fetched_at", "body_base64"} <= stored.keys()
    json.dumps(stored)  # storable as JSON


def test_right_year_in_ce(server):
    assert check(server, "/ok-ce").verdict is Verdict.OK


def test_wrong_year_says_which_years_it_found(server):
    result = check(server, "/old")
    assert result.verdict is Verdict.WRONG_YEAR
    assert [r.message for r in result.reasons] == [
        "does not mention fiscal year 2567 (mentions: 2565, 2566)"
    ]
    assert result.reasons[0].thai == "ไม่พบปีงบประมาณ ๒๕๖๗ (พบ: ๒๕๖๕, ๒๕๖๖)"


def test_the_same_page_is_right_for_its_own_year(server):
    assert check(server, "/old", 2566).verdict is Verdict.OK
    assert check(server, "/ok", None).verdict is Verdict.OK


def test_missing_keyword_is_a_warning(server):
    result = check(server, "/ok", keywords=["รายงานผลการดำเนินงาน", "คู่มือ"])
    assert (result.verdict, codes(result)) == (Verdict.WARNING, ["keywords"])
    assert result.reasons[0].message == "keywords not found: คู่มือ"


def test_404_and_500_are_broken(server):
    for path, status in (("/nothing", 404), ("/error", 500)):
        result = check(server, path, retries=0)
        assert (result.verdict, result.status, codes(result)) == (
            Verdict.BROKEN,
            status,
            ["http_status"],
        )


def test_soft_404_site_answers_200_to_anything(server):
    missing = check(server, "/no-such-notice", host="soft.example")
    assert missing.verdict is Verdict.SOFT_404 and missing.status == 200
    assert codes(missing)[0] == "soft_404_same_as_missing"
    real = check(server, "/real", host="soft.example")
    assert (real.verdict, real.reasons) == (Verdict.OK, ())


def test_soft_404_by_its_title(server):
    result = check(server, "/gone-title", None)
    assert (result.verdict, codes(result)) == (Verdict.SOFT_404, ["soft_404_title"])


def test_redirect_inside_the_site_is_followed(server):
    result = check(server, "/redirect-ok")
    assert (result.verdict, result.final_url) == (Verdict.OK, server.url("/ok"))
    assert result.redirects == (server.url("/redirect-ok"),)


def test_redirect_off_the_main_domain(server):
    result = check(server, "/redirect-away")
    assert result.verdict is Verdict.OFF_DOMAIN
    assert result.final_url == server.url("/page", "other.example")
    assert result.reasons[0].message == (
        "ends on other.example, not on the main website agency.example"
    )


def test_main_domain_option_accepts_subdomains():
    assert on_domain("www.agency.go.th", "agency.go.th")
    assert on_domain("eservice.agency.go.th", "www.agency.go.th")
    assert not on_domain("agency.go.th.evil.com", "agency.go.th")
    assert not on_domain("notagency.go.th", "agency.go.th")


def test_redirect_to_a_private_address_is_refused_without_the_flag(server):
    before = len(server.hits["/ok"])
    result = check(server, "/redirect-inside")
    assert result.verdict is Verdict.BROKEN and codes(result)[0] == "blocked"
    assert result.final_url == f"http://127.0.0.1:{server.port}/ok"
    assert len(server.hits["/ok"]) == before  # never requested


def test_redirect_to_a_private_address_with_the_flag(server):
    before = len(server.hits["/ok"])
    result = check(server, "/redirect-inside", allow_private=True, main_domain="127.0.0.1")
    assert (result.verdict, result.status) == (Verdict.OK, 200)
    assert len(server.hits["/ok"]) == before + 1


def test_a_name_resolving_to_loopback_is_refused_after_dns(server):
    [result] = run_checks([LinkItem(f"http://localhost:{server.port}/ok")], CheckOptions())
    assert result.verdict is Verdict.BROKEN and codes(result) == ["blocked"]
    assert "127.0.0.1" in result.reasons[0].message or "::1" in result.reasons[0].message


def test_pdf_type_size_and_year(server):
    result = check(server, "/report.pdf")
    pdf = tiny_pdf("Procurement plan fiscal year 2567")
    assert (result.verdict, result.file_type, result.size) == (Verdict.OK, "pdf", len(pdf))
    assert check(server, "/report.pdf", 2568).verdict is Verdict.WRONG_YEAR


@pytest.mark.parametrize(("path", "kind"), [("/plan.docx", "docx"), ("/spending.xlsx", "xlsx")])
def test_office_files_type_size_and_year(server, path, kind):
    result = check(server, path)
    assert (result.verdict, result.file_type, result.size) == (
        Verdict.OK,
        kind,
        len(OFFICE[path][0]),
    )
    assert check(server, path, 2568).verdict is Verdict.WRONG_YEAR


def test_an_html_page_where_a_pdf_was_promised(server):
    result = check(server, "/fake.pdf")
    assert (result.verdict, result.file_type, codes(result)) == (
        Verdict.WARNING,
        "html",
        ["not_a_file"],
    )


def test_an_empty_file_is_broken(server):
    result = check(server, "/empty.pdf")
    assert (result.verdict, codes(result)) == (Verdict.BROKEN, ["empty"])


def test_429_retry_after_is_honoured(server):
    result = check(server, "/limited")
    assert (result.verdict, result.status) == (Verdict.OK, 200)
    first, second = server.hits["/limited"]
    assert second - first >= 0.9  # Retry-After: 1


def test_503_is_retried(server):
    result = check(server, "/flaky")
    assert (result.verdict, len(server.hits["/flaky"])) == (Verdict.OK, 2)


def test_timeout(server):
    started = time.monotonic()
    result = check(server, "/slow", timeout=0.5)
    assert (result.verdict, result.status, codes(result)) == (Verdict.TIMEOUT, None, ["timeout"])
    assert time.monotonic() - started < 2.5  # not retried
    assert 450 <= result.elapsed_ms < 1500


def test_a_redirect_without_location_is_broken(server):
    result = check(server, "/nowhere")
    assert (result.verdict, result.status, codes(result)) == (
        Verdict.BROKEN,
        302,
        ["redirect_nowhere"],
    )


def test_redirect_loop_is_broken(server):
    result = check(server, "/loop", max_redirects=3)
    assert (result.verdict, codes(result)) == (Verdict.BROKEN, ["too_many_redirects"])


def test_thai_path_is_encoded_exactly_once(server):
    result = check(server, THAI_PATH)
    assert result.verdict is Verdict.OK
    wire = "/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7/" + (
        "%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B8%81%E0%B8%B2%E0%B8%A8%20ITA.html"
    )
    assert wire in server.raw_paths and result.final_url == server.url(wire)
    already = check(server, wire)  # an address pasted already encoded is not encoded again
    assert (already.verdict, already.final_url) == (Verdict.OK, server.url(wire))
    assert not any("%25" in p for p in server.raw_paths)


def test_per_host_limit_and_delay(server):
    options = CheckOptions(pinned_hosts=server.pinned, per_host=1, delay=0.2)
    before = len(server.hits["/ok-ce"])
    run_checks([LinkItem(server.url("/ok-ce"))] * 3, options)
    times = server.hits["/ok-ce"][before:]
    # Started 0.2 s apart by the client; the server sees them with a little jitter.
    assert len(times) == 3 and min(b - a for a, b in itertools.pairwise(times)) >= 0.15
    assert times[-1] - times[0] >= 0.38


@pytest.mark.skipif(
    shutil.which("openssl") is None and not os.environ.get("CI"),
    reason="needs the openssl command (scripts/system-packages installs it)",
)
def test_a_self_signed_certificate_is_a_warning_not_a_failure(tmp_path):
    with serve(tls=self_signed(tmp_path)) as tls_server:
        result = check(tls_server, "/ok")
    assert (result.verdict, result.status, codes(result)) == (Verdict.WARNING, 200, ["tls"])
    assert "certificate verify failed" in result.reasons[0].message
    assert result.final_url.startswith("https://agency.example:")


def test_snapshot_body_is_capped(server):
    result = check(server, "/real", host="soft.example", snapshot_bytes=100)
    snapshot = result.snapshot
    assert snapshot is not None and len(snapshot.body) == 100 and snapshot.body_truncated
    assert snapshot.size == result.size > 100 and snapshot.complete


def test_browser_like_user_agent_is_sent(server):
    from prongsai.links.fetch import BROWSER_USER_AGENT

    check(server, "/ok")
    assert server.agents == {BROWSER_USER_AGENT}
    assert BROWSER_USER_AGENT.startswith("Mozilla/5.0") and "Chrome/" in BROWSER_USER_AGENT


# --- the pieces, with real values --------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "sent"),
    [
        ("http://a.go.th/ข่าว", "http://a.go.th/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7"),
        ("http://a.go.th/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7", None),
        ("http://a.go.th/a b?q=ปี 2567#top", "http://a.go.th/a%20b?q=%E0%B8%9B%E0%B8%B5%202567"),
        ("http://a.go.th/100%", "http://a.go.th/100%25"),
        ("HTTP://A.GO.TH", "http://a.go.th/"),
        ("http://เทศบาล.ไทย/x", "http://xn--o3cg7ak5c9d.xn--o3cw4h/x"),
    ],
)
def test_encode_once(given, sent):
    sent = sent or given
    assert encode_once(given) == sent
    assert encode_once(sent) == sent


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("192.168.1.1", False),
        ("172.16.0.1", False),
        ("169.254.169.254", False),
        ("::1", False),
        ("fe80::1", False),
        ("::ffff:127.0.0.1", False),
        ("0.0.0.0", False),
        ("164.115.1.1", True),
        ("2001:4860:4860::8888", True),
    ],
)
def test_public_addresses(address, public):
    assert is_public(address) is public


def test_ip_literals_are_checked():
    with pytest.raises(BlockedAddress):
        check_literal("169.254.169.254", allow_private=False)
    check_literal("169.254.169.254", allow_private=True)
    check_literal("agency.go.th", allow_private=False)  # names are checked after DNS


def test_years_in_thai_and_arabic_digits():
    assert years_mentioned("ปีงบประมาณ พ.ศ. ๒๕๖๗ และ 2566, ค.ศ. 2024; โทร 02567890") == {
        2567,
        2566,
        2024,
    }
    assert mentions_fiscal_year("ประจำปี ๒๕๖๗", 2567)
    assert mentions_fiscal_year("fiscal year 2024", 2567)
    assert not mentions_fiscal_year("fiscal year 2023, ปี ๒๕๖๖", 2567)


def test_retry_after_and_backoff():
    assert retry_after_seconds("3") == 3.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0) == 10.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None
    assert [backoff_seconds(n, 0.5) for n in range(3)] == [0.5, 1.0, 2.0]


def test_sniff_file_types():
    assert sniff(tiny_pdf("x"), "application/octet-stream") == "pdf"
    assert sniff(b"<!DOCTYPE html><html>", "") == "html"
    assert sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "application/msword") == "doc"
    assert sniff(b"", "application/pdf") == "empty"


def _seen(**changes):
    base = {
        "url": "https://agency.go.th/a",
        "final_url": "https://agency.go.th/a",
        "status": 200,
        "redirected": False,
        "failure_kind": None,
        "failure": "",
        "tls_problem": None,
        "file_type": "html",
        "url_extension": "",
        "size": 5000,
        "title": "ประกาศ",
        "text": "ประกาศ ปี 2567",
        "probe": Probe(404, "https://agency.go.th/zz", "", 100),
    }
    return Seen(**{**base, **changes})


def test_tls_problem_is_a_warning_not_a_failure():
    verdict, reasons = decide(
        _seen(tls_problem="certificate has expired"), Expected("agency.go.th", 2567)
    )
    assert verdict is Verdict.WARNING
    assert [r.message for r in reasons] == ["TLS problem: certificate has expired"]


def test_the_most_severe_rule_gives_the_verdict_and_every_reason_is_kept():
    seen = _seen(
        final_url="https://elsewhere.com/a",
        text="ปี 2560",
        probe=Probe(200, "https://elsewhere.com/zz", "ประกาศ", 5010),
    )
    verdict, reasons = decide(seen, Expected("agency.go.th", 2567))
    assert verdict is Verdict.OFF_DOMAIN
    assert [r.code for r in reasons] == ["off_domain", "soft_404_same_as_missing", "wrong_year"]


def test_a_page_of_another_size_on_a_soft_404_site_is_real():
    seen = _seen(probe=Probe(200, "https://agency.go.th/zz", "ประกาศ", 9000))
    assert decide(seen, Expected("agency.go.th", 2567)) == (Verdict.OK, [])


# --- the CLI -------------------------------------------------------------------------------


def test_cli_jsonl(server, tmp_path, capsys):
    base = f"http://127.0.0.1:{server.port}"
    listing = tmp_path / "urls.txt"
    listing.write_text(
        f"{base}/ok\t๒๕๖๗\n# a comment\n\n{base}/old\t2567\n{base}/nothing\n", encoding="utf-8"
    )
    code = main(["links", "check", str(listing), "--allow-private", "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [(d["url"], d["status"], d["verdict"]) for d in lines] == [
        (f"{base}/ok", 200, "ok"),
        (f"{base}/old", 200, "wrong_year"),
        (f"{base}/nothing", 404, "broken"),
    ]
    assert {"url", "final_url", "status", "verdict", "reasons", "elapsed_ms"} <= lines[0].keys()
    assert lines[2]["reasons"] == ["HTTP 404"] and isinstance(lines[0]["elapsed_ms"], int)


def test_cli_without_allow_private_refuses_but_exits_0(server, tmp_path, capsys):
    listing = tmp_path / "urls.txt"
    listing.write_text(f"http://127.0.0.1:{server.port}/ok\n", encoding="utf-8")
    before = len(server.hits["/ok"])
    code = main(["links", "check", str(listing), "--format", "jsonl"])
    out, _ = capsys.readouterr()
    assert code == 0 and json.loads(out)["verdict"] == "broken"
    assert len(server.hits["/ok"]) == before  # never connected


def test_cli_text_is_thai_first(server, tmp_path, capsys):
    listing = tmp_path / "urls.txt"
    listing.write_text(f"http://127.0.0.1:{server.port}/old\t2567\n", encoding="utf-8")
    assert main(["links", "check", str(listing), "--allow-private"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"ไม่ตรงปีงบประมาณ (wrong_year)  200  http://127.0.0.1:{server.port}/old"
    assert out[1].startswith("    - ไม่พบปีงบประมาณ ๒๕๖๗")
    assert out[-2:] == ["ตรวจ ๑ ที่อยู่: ไม่ตรงปีงบประมาณ ๑", "checked 1 URLs: wrong_year 1"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "เปิดไฟล์ไม่ได้ / cannot open"),
        ("ftp://a.go.th/x\n", "ไม่ใช่ที่อยู่ http(s) / line 1: not an http(s) URL"),
        ("http://a.go.th/x\t67\n", "ปีงบประมาณต้องเป็น พ.ศ. เช่น 2568"),
        ("\n# nothing\n", "ไม่มีที่อยู่ให้ตรวจ / no URL to check"),
        (b"http://a.go.th/\xe0\n", "ไฟล์ต้องเป็น UTF-8 / the file must be UTF-8"),
    ],
)
def test_cli_bad_file_exits_2(tmp_path, capsys, content, message):
    listing = tmp_path / "urls.txt"
    if isinstance(content, bytes):
        listing.write_bytes(content)
    elif content is not None:
        listing.write_text(content, encoding="utf-8")
    assert main(["links", "check", str(listing)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and message in err


@pytest.mark.parametrize(
    ("title", "not_found"),
    [
        ("404 Not Found", True),
        ("Error 404", True),
        ("404 - ไม่พบหน้า", True),
        ("ไม่พบหน้าที่ต้องการ | เทศบาล", True),
        ("ประกาศ ฉบับที่ 404 เรื่อง จัดซื้อ", False),
        ("เอกสาร /doc/404", False),
    ],
)
def test_not_found_titles(title, not_found):
    verdict, _ = decide(_seen(title=title), Expected("agency.go.th"))
    assert (verdict is Verdict.SOFT_404) is not_found
