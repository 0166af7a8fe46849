import pytest

from prongsai.engine import Registry


@pytest.fixture(scope="session")
def registry() -> Registry:
    """The built-in editions only (nothing imported into a DATA_DIR)."""
    return Registry()


@pytest.fixture
def member(client, django_user_model):
    """Log the test client in as a member of an agency with a role."""
    from prongsai.agencies.models import Membership

    def login(agency, role, *, username=None, unit=None):
        user = django_user_model.objects.create_user(username or role, password="pw-for-tests")
        Membership.objects.create(user=user, agency=agency, role=role, unit=unit)
        client.force_login(user)
        return client

    return login


def pytest_collection_modifyitems(items):
    """Every transactional test restores the database as migrations left it.

    A transactional test empties the tables when it ends. Without serialized rollback
    the next one finds no content types (or ones made anew with other ids), and the audit
    trail, which points at them, fails on a foreign key or a unique name; which tests
    fail depended on their order. With it for all of them, each starts from the same
    rows (set here once, not in each test file)."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is not None and marker.kwargs.get("transaction"):
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)
