"""Login throttling through django-axes: every login path, a pause per username and
address pair, a higher ceiling per address, the address taken from a trusted proxy's
header only when one is configured, and a Thai lockout page."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from prongsai.web.login_limits import client_address

pytestmark = pytest.mark.django_db
PAUSED = "เข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป โปรดรอ 15 นาทีแล้วลองใหม่"


@pytest.fixture
def somchai():
    return get_user_model().objects.create_user("somchai", password="right-password", is_staff=True)


def attempt(client, username, password="wrong", path="login", **headers):
    url = reverse(path) if path == "login" else "/admin/login/?next=/admin/"
    return client.post(url, {"username": username, "password": password}, **headers)


def test_the_pair_pauses_after_five_failures_with_a_thai_page(client, somchai):
    statuses = [attempt(client, "somchai").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    refused = attempt(client, "somchai", "right-password")
    assert refused.status_code == 429 and PAUSED in refused.content.decode()
    other_address = attempt(client, "somchai", "right-password", REMOTE_ADDR="10.1.1.9")
    assert other_address.status_code == 302  # the pair is paused, not the account


def test_admin_login_is_throttled_too(client, somchai):
    statuses = [attempt(client, "somchai", path="admin").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert PAUSED in attempt(client, "somchai", "right-password", path="admin").content.decode()
    assert attempt(client, "somchai", "right-password").status_code == 429  # same pause


def test_one_address_pauses_at_its_higher_ceiling(client, somchai, settings):
    assert (settings.LOGIN_ATTEMPTS, settings.LOGIN_ADDRESS_ATTEMPTS) == (5, 30)
    statuses = []
    for n in range(30):  # three failures for each of ten usernames: no pair reaches five
        statuses.append(attempt(client, f"user{n // 3}").status_code)
    assert statuses == [200] * 29 + [429]
    assert attempt(client, "somchai", "right-password").status_code == 429
    assert attempt(client, "somchai", "right-password", REMOTE_ADDR="10.1.1.9").status_code == 302


def test_a_forwarded_header_counts_only_from_a_configured_proxy(client, somchai, settings, rf):
    spoofed = {"HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    assert client_address(rf.get("/", REMOTE_ADDR="192.0.2.1", **spoofed)) == "192.0.2.1"
    for n in range(5):  # a client varying the header is still one address
        attempt(client, "somchai", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert attempt(client, "somchai", "right-password").status_code == 429

    settings.LOGIN_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.8")
    assert client_address(request) == "198.51.100.8"  # what the proxy appended
    garbage = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="not-an-address")
    assert client_address(garbage) == "127.0.0.1"
    behind_proxy = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.8"}
    assert attempt(client, "somchai", "right-password", **behind_proxy).status_code == 302
