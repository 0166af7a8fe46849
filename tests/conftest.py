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
