"""A kept page completed per request: the gzip body is a valid gzip stream of exactly the
page a plain request gets, with this request's CSRF token in place of the mark."""

import gzip
import subprocess

import pytest
from django.test import RequestFactory

from prongsai.web.kept_pages import CSRF_MARK, KeptPage

PAGE = (
    "<!doctype html><title>แบบสำรวจ</title>"
    + "<label>มากที่สุด</label>" * 400
    + f'<form><input type="hidden" name="csrfmiddlewaretoken" value="{CSRF_MARK}"></form>'
)


def _request(accept: str = ""):
    request = RequestFactory().get("/s/x/1/", headers={"accept-encoding": accept} if accept else {})
    request.META["CSRF_COOKIE"] = "k" * 32  # as CsrfViewMiddleware leaves it
    return request


def test_gzip_and_plain_give_the_same_page_with_the_requests_token(tmp_path):
    page = KeptPage.of(PAGE)
    plain = page.response(_request()).content.decode()
    zipped = page.response(_request("gzip, deflate, br"))
    assert zipped["Content-Encoding"] == "gzip" and "Accept-Encoding" in zipped["Vary"]
    unzipped = gzip.decompress(zipped.content).decode()
    for html in (plain, unzipped):
        assert CSRF_MARK not in html
        head, _, rest = html.partition('value="')
        assert head == PAGE.partition(CSRF_MARK)[0].rpartition('value="')[0]
        token = rest.split('"')[0]
        assert len(token) == 64 and rest.endswith("></form>")
    assert len(zipped.content) < len(PAGE.encode()) / 10
    (tmp_path / "page.gz").write_bytes(zipped.content)  # the system's gzip agrees
    assert subprocess.run(["gzip", "-t", str(tmp_path / "page.gz")]).returncode == 0


@pytest.mark.parametrize("accept", ["", "gzip"])
def test_a_page_without_a_token_is_kept_whole(accept):
    page = KeptPage.of("<p>ขอบคุณ</p>")
    response = page.response(_request(accept))
    body = gzip.decompress(response.content) if accept else response.content
    assert body.decode() == "<p>ขอบคุณ</p>"


def test_each_request_gets_its_own_masked_token():
    page = KeptPage.of(PAGE)
    bodies = {gzip.decompress(page.response(_request("gzip")).content) for _ in range(3)}
    assert len(bodies) == 3
