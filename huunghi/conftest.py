"""Shared fixtures. The test database gets the administrative units and the demo data once per
session (both are idempotent loaders we ship); each test runs in a rolled-back transaction."""

import pytest
from django.contrib.auth import get_user_model


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from huunghi.core.adminunits import load_admin_units
    from huunghi.demo.services import load_demo

    with django_db_blocker.unblock():
        load_admin_units()
        load_demo()


@pytest.fixture
def demo_user(db):
    def get(username):
        return get_user_model().objects.select_related("organization").get(username=username)

    return get


@pytest.fixture
def client_for(client, demo_user):
    """A test client logged in as a demo account."""

    def login(username):
        client.force_login(demo_user(username))
        return client

    return login
