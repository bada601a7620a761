import pytest

from huunghi.portal.cache import _cache


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """The page cache lives outside the rolled-back test transaction: start each test empty."""
    _cache().clear()
    yield
    _cache().clear()
