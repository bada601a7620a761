"""`Authorization: Token <key>` (or `Bearer <key>`) for integration endpoints.

The request runs as the token's *principal*: the officer who issued the token, with their role,
but placed at the token's organization (so the one permission policy of `huunghi.core.access`
narrows every list, object and write to that subtree) and, for a read-only token, with the
auditor's role (view only). A token stops working when it is revoked or expired, or when its
issuer is deactivated or no longer reaches the token's organization.
"""

import copy
import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from huunghi.core.access import path_in_scope, user_scope_path
from huunghi.core.roles import ROLE_ACTIONS, Role

from .models import IntegrationToken, TokenScope
from .services import hash_key

KEYWORDS = ("token", "bearer")
LAST_USED_PRECISION = datetime.timedelta(minutes=1)  # one write per token per minute, not per request

MALFORMED = _("Malformed Authorization header: use “Token <key>”.")
INVALID = _("Invalid, revoked or expired token.")
ISSUER_LOST_ACCESS = _("The officer who issued this token no longer has access to its organization.")


def token_principal(token):
    """The user the token acts as, or None when its issuer no longer reaches its organization."""
    issuer = token.created_by
    scope = user_scope_path(issuer)
    if scope is None or not path_in_scope(token.organization.path, scope):
        return None
    principal = copy.copy(issuer)  # never saved: the audit log records the issuer's id
    principal.is_superuser = False
    principal.organization = token.organization
    role = issuer.role
    if issuer.is_superuser or role == Role.PLATFORM_ADMIN or role not in ROLE_ACTIONS:
        role = Role.UNION_ADMIN  # everything inside the token's organization, nothing above it
    if token.scope != TokenScope.READ_WRITE:
        role = Role.AUDITOR
    principal.role = role
    principal.api_token = token
    return principal


class IntegrationTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode("latin-1").lower() not in KEYWORDS:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(MALFORMED)
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(MALFORMED) from error
        token = (
            IntegrationToken.objects.select_related("organization", "created_by__organization")
            .filter(key_hash=hash_key(key))
            .first()
        )
        if token is None or not token.is_usable() or not token.created_by.is_active:
            raise exceptions.AuthenticationFailed(INVALID)
        principal = token_principal(token)
        if principal is None:
            raise exceptions.AuthenticationFailed(ISSUER_LOST_ACCESS)
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
            IntegrationToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return principal, token

    def authenticate_header(self, request):
        return 'Token realm="api"'
