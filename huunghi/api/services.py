"""Writes of integration tokens, through the audited write boundary of `huunghi.core.services`."""

import hashlib
import secrets

from django.utils import timezone

from huunghi.core.services import record_create, record_update, snapshot

from .models import IntegrationToken, TokenScope

KEY_PREFIX = "hn_"
PREFIX_LENGTH = 10  # "hn_" and 7 characters: enough to tell tokens apart in the list, useless to guess


def hash_key(key):
    return hashlib.sha256(key.encode()).hexdigest()


def new_key():
    return KEY_PREFIX + secrets.token_urlsafe(32)


def token_prepare(*, token, acting_user):
    """Give an unsaved token its key; returns the plain key, which is never stored."""
    key = new_key()
    token.key_hash = hash_key(key)
    token.prefix = key[:PREFIX_LENGTH]
    token.created_by = acting_user
    return key


def token_issue(*, organization, name, acting_user, scope=TokenScope.READ, expires_on=None):
    """Issue a token for `organization`; returns (token, plain key). The key is shown once."""
    token = IntegrationToken(organization=organization, name=name, scope=scope, expires_on=expires_on)
    key = token_prepare(token=token, acting_user=acting_user)
    record_create(instance=token, acting_user=acting_user)
    return token, key


def token_revoke(*, token, acting_user):
    if token.revoked_at is not None:
        return token
    before = snapshot(token)
    token.revoked_at = timezone.now()
    return record_update(instance=token, acting_user=acting_user, before=before)
