import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """The page cache lives outside the rolled-back test transaction: start each test empty."""
    cache.clear()
    yield
    cache.clear()
