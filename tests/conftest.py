import pytest

from prongsai.engine import Registry


@pytest.fixture(scope="session")
def registry() -> Registry:
    """The built-in editions only (nothing imported into a DATA_DIR)."""
    return Registry()
