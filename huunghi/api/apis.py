"""API views. Views parse input, ask the one permission policy, call one service, render.

Public open data (`/api/v1/public/…`): no account, read-only, throttled per client address.
Integration (`/api/v1/…`): an integration token; every list and object comes through
`scoped_queryset` for the token's principal, every write through `record_create`/`record_update`.
Every 200 answer to GET carries an ETag (hash of the content); `If-None-Match` gives 304.
"""

import hashlib

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, generics, mixins, pagination, permissions, status, throttling, viewsets
from rest_framework.response import Response
from rest_framework.settings import api_settings

from huunghi.aid.models import AidItem
from huunghi.core.access import policy_for, scoped_queryset
from huunghi.core.services import record_create, record_update, snapshot
from huunghi.orgs.models import Organization
from huunghi.relations.models import Delegation, Event, ForeignPartner
from huunghi.relations.viewsets import likely_duplicates

from . import filters, schema, selectors, serializers
from .authentication import IntegrationTokenAuthentication
from .models import IntegrationToken, TokenScope

PARTNERS_OR_COUNTRY = _("Choose the foreign partners, or at least their country.")
LIKELY_DUPLICATE = _(
    "This looks like a delegation already recorded: %(other)s. If it is a different delegation, send it "
    "again with “not_duplicate”: true."
)
READ_ONLY_TOKEN = _("This token may only read.")


# --- Shared machinery ------------------------------------------------------------------------


class Pagination(pagination.LimitOffsetPagination):
    default_limit = 20
    max_limit = 100
    max_offset = 2**62  # a larger offset is past the end anyway; the databases' integers stay in range

    def get_offset(self, request):
        return min(super().get_offset(request), self.max_offset)


ID_PARAMETER = OpenApiParameter(
    "id", {"type": "integer", "minimum": 1, "maximum": filters.MAX_ID}, OpenApiParameter.PATH
)


class LookupMixin:
    """An id beyond the databases' integers is a record that does not exist (404)."""

    def get_object(self):
        try:
            return super().get_object()
        except OverflowError as error:
            raise Http404 from error


class _SettingsRateThrottle(throttling.SimpleRateThrottle):
    """Rates read from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] at each request (so settings and
    tests can change them)."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class PublicRateThrottle(_SettingsRateThrottle):
    scope = "api_public"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenRateThrottle(_SettingsRateThrottle):
    scope = "api_token"

    def get_cache_key(self, request, view):
        token = request.auth
        ident = f"token-{token.pk}" if token is not None else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class ConditionalGetMixin:
    """ETag from the SHA-256 of the rendered answer; a matching If-None-Match gives 304."""

    cache_control = {"public": True, "max_age": 60}

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_cache_control(response, **self.cache_control)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:40]}"'
        return get_conditional_response(request, etag=response["ETag"], response=response)


class PublicViewSet(LookupMixin, ConditionalGetMixin, viewsets.ReadOnlyModelViewSet):
    authentication_classes = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = [PublicRateThrottle]
    pagination_class = Pagination
    filter_backends = [DjangoFilterBackend]


class ReadWriteTokenPermission(permissions.BasePermission):
    message = READ_ONLY_TOKEN

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return request.auth is not None and request.auth.scope == TokenScope.READ_WRITE


class TokenViewSetMixin(LookupMixin, ConditionalGetMixin):
    authentication_classes = [IntegrationTokenAuthentication]
    permission_classes = [permissions.IsAuthenticated, ReadWriteTokenPermission]
    throttle_classes = [TokenRateThrottle]
    pagination_class = Pagination
    filter_backends = [DjangoFilterBackend]
    cache_control = {"private": True, "no_cache": True}
    model = None
    related = ()
    prefetch = ()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Authorization"])
        return response

    def get_queryset(self):
        queryset = scoped_queryset(self.model, self.request.user, "view")
        return (
            queryset.select_related(*self.related)
            .prefetch_related(*self.prefetch)
            .order_by(*self.model._meta.ordering, "pk")
        )


def _public_list(serializer):
    return extend_schema(
        parameters=[schema.IF_NONE_MATCH, schema.ETAG],
        responses=schema.read_responses(serializer(many=True), authenticated=False),
    )


def _public_detail(serializer):
    return extend_schema(
        parameters=[ID_PARAMETER, schema.IF_NONE_MATCH, schema.ETAG],
        responses=schema.read_responses(serializer, authenticated=False),
    )


def _token_list(serializer):
    return extend_schema(
        parameters=[schema.IF_NONE_MATCH, schema.ETAG],
        responses=schema.read_responses(serializer(many=True), authenticated=True),
    )


def _token_detail(serializer):
    return extend_schema(
        parameters=[ID_PARAMETER, schema.IF_NONE_MATCH, schema.ETAG],
        responses=schema.read_responses(serializer, authenticated=True),
    )


# --- Public open data --------------------------------------------------------------------------


@extend_schema_view(
    list=_public_list(serializers.PublicNewsArticleSerializer),
    retrieve=_public_detail(serializers.PublicNewsArticleSerializer),
)
@extend_schema(tags=["open data"])
class PublicNewsViewSet(PublicViewSet):
    """Published news of every union's portal (live, public pages only), newest first."""

    serializer_class = serializers.PublicNewsArticleSerializer
    filterset_class = filters.NewsFilterSet
    queryset = selectors.NewsArticlePage.objects.none()

    def get_queryset(self):
        return selectors.public_article_list()

    def get_serializer_context(self):
        context = super().get_serializer_context()
        sites = selectors.union_sites()

        def site_of(article):
            return next((slug for path, slug in sites.items() if article.path.startswith(path)), None)

        context["site_of"] = site_of
        return context


@extend_schema_view(
    list=_public_list(serializers.PublicOrganizationSerializer),
    retrieve=_public_detail(serializers.PublicOrganizationSerializer),
)
@extend_schema(tags=["open data"])
class PublicOrganizationViewSet(PublicViewSet):
    """The organization registry: unions, associations, branches — no personal data."""

    serializer_class = serializers.PublicOrganizationSerializer
    filterset_class = filters.OrganizationFilterSet
    queryset = Organization.objects.none()

    def get_queryset(self):
        return selectors.public_organization_list()


@extend_schema_view(list=_public_list(serializers.PublicUnionStatisticsSerializer))
@extend_schema(tags=["open data"])
class PublicStatisticsViewSet(ConditionalGetMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Figures of one year per union (VUFO and the provincial unions that existed that year):
    delegations received and sent, events, aid received in đồng, members and branches on 31/12."""

    authentication_classes = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = [PublicRateThrottle]
    pagination_class = Pagination
    filter_backends = [DjangoFilterBackend]
    serializer_class = serializers.PublicUnionStatisticsSerializer
    filterset_class = filters.StatisticsFilterSet
    queryset = Organization.objects.none()

    def get_queryset(self):
        return selectors.unions()  # of the year: the filter set, once it has checked the year

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        year = int(request.query_params["year"])
        page = self.paginate_queryset(queryset)
        rows = selectors.union_year_figures(organizations=list(page), year=year)
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)


# --- Integration -------------------------------------------------------------------------------


class TokenInfoView(TokenViewSetMixin, generics.GenericAPIView):
    """The token used: its name, scope and organization."""

    serializer_class = serializers.TokenInfoSerializer
    queryset = IntegrationToken.objects.none()
    pagination_class = None
    filter_backends = []

    @extend_schema(
        tags=["integration"],
        parameters=[schema.IF_NONE_MATCH, schema.ETAG],
        responses={
            200: serializers.TokenInfoSerializer,
            304: schema.NOT_MODIFIED,
            401: schema.UNAUTHORIZED,
            429: schema.THROTTLED,
        },  # fmt: skip
    )
    def get(self, request):
        return Response(serializers.TokenInfoSerializer(request.auth).data)


@extend_schema_view(
    list=_token_list(serializers.ForeignPartnerSerializer),
    retrieve=_token_detail(serializers.ForeignPartnerSerializer),
)
@extend_schema(tags=["integration"])
class ForeignPartnerViewSet(TokenViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Foreign partners the token's organization may link to (its own and its union's)."""

    model = ForeignPartner
    serializer_class = serializers.ForeignPartnerSerializer
    filterset_class = filters.ForeignPartnerFilterSet
    queryset = ForeignPartner.objects.none()


@extend_schema_view(
    list=_token_list(serializers.EventSerializer),
    retrieve=_token_detail(serializers.EventSerializer),
)
@extend_schema(tags=["integration"])
class EventViewSet(TokenViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Events the token's organization owns, co-organizes or takes part in."""

    model = Event
    serializer_class = serializers.EventSerializer
    filterset_class = filters.EventFilterSet
    queryset = Event.objects.none()
    related = ("admin_unit",)
    prefetch = ("organizers", "participants", "partners")


@extend_schema_view(
    list=_token_list(serializers.AidItemSerializer),
    retrieve=_token_detail(serializers.AidItemSerializer),
)
@extend_schema(tags=["integration"])
class AidItemViewSet(TokenViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Aid items mobilized by the token's organization and the organizations below it."""

    model = AidItem
    serializer_class = serializers.AidItemSerializer
    filterset_class = filters.AidItemFilterSet
    queryset = AidItem.objects.none()
    prefetch = ("donors", "transactions")


WRITE_RESPONSES = {
    400: schema.BAD_REQUEST,
    401: schema.UNAUTHORIZED,
    403: schema.FORBIDDEN,
    404: schema.NOT_FOUND,
    429: schema.THROTTLED,
}


@extend_schema_view(
    list=_token_list(serializers.DelegationSerializer),
    retrieve=_token_detail(serializers.DelegationSerializer),
    create=extend_schema(
        request=serializers.DelegationWriteSerializer,
        responses={201: serializers.DelegationSerializer, **WRITE_RESPONSES},
    ),
    update=extend_schema(
        parameters=[ID_PARAMETER],
        request=serializers.DelegationWriteSerializer,
        responses={200: serializers.DelegationSerializer, **WRITE_RESPONSES},
    ),
    partial_update=extend_schema(
        parameters=[ID_PARAMETER],
        request=serializers.DelegationWriteSerializer,
        responses={200: serializers.DelegationSerializer, **WRITE_RESPONSES},
    ),
)
@extend_schema(tags=["integration"])
class DelegationViewSet(
    TokenViewSetMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Delegations received and sent. A co-host reads a shared delegation; only its owner's
    subtree changes it (403 otherwise), as in the back office."""

    model = Delegation
    serializer_class = serializers.DelegationSerializer
    filterset_class = filters.DelegationFilterSet
    queryset = Delegation.objects.none()
    prefetch = ("partners", "hosts")

    def _write_serializer(self, *, data, partial):
        user = self.request.user
        return serializers.DelegationWriteSerializer(
            data=data,
            partial=partial,
            querysets={
                "organization": policy_for(Organization).instances_user_has_any_permission_for(user, ["add", "change"]),
                "partners": scoped_queryset(ForeignPartner, user, "view"),
                "hosts": Organization.objects.all(),  # co-hosts may come from any union, as in the back office
            },
        )

    def create(self, request, *args, **kwargs):
        write = self._write_serializer(data=request.data, partial=False)
        write.is_valid(raise_exception=True)
        delegation = Delegation(organization=request.auth.organization)
        self._save(delegation, write.validated_data, create=True)
        return Response(self._read(delegation), status=status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        delegation = self.get_object()
        if not policy_for(Delegation).user_has_permission_for_instance(request.user, "change", delegation):
            raise exceptions.PermissionDenied()
        write = self._write_serializer(data=request.data, partial=partial)
        write.is_valid(raise_exception=True)
        self._save(delegation, write.validated_data, create=False)
        return Response(self._read(delegation))

    def _read(self, delegation):
        delegation = self.get_queryset().get(pk=delegation.pk)
        return serializers.DelegationSerializer(delegation, context=self.get_serializer_context()).data

    def _save(self, delegation, data, *, create):
        before = None if create else snapshot(delegation)
        data = dict(data)
        not_duplicate = data.pop("not_duplicate", False)
        partners = data.pop("partners", None)
        hosts = data.pop("hosts", None)
        countries = data.pop("countries", None)
        for name, value in data.items():
            setattr(delegation, name, value)
        if partners is not None:
            delegation.partners = partners
        if hosts is not None:
            delegation.hosts = hosts
        partners = list(delegation.partners.all()) if partners is None else partners
        codes = {str(c) for c in (countries if countries is not None else delegation.countries)}
        if not partners and not codes:
            raise exceptions.ValidationError({"countries": [str(PARTNERS_OR_COUNTRY)]})
        delegation.countries = sorted(codes | {p.country.code for p in partners})
        try:
            delegation.full_clean()  # the model's own messages speak before the duplicate warning
        except DjangoValidationError as error:
            raise exceptions.ValidationError(_messages(error)) from error
        if not not_duplicate:
            duplicates = likely_duplicates(delegation, [p.pk for p in partners])
            if duplicates:
                other = "; ".join(str(d) for d in duplicates[:3])
                raise exceptions.ValidationError({"non_field_errors": [str(LIKELY_DUPLICATE % {"other": other})]})
        try:
            if create:
                record_create(instance=delegation, acting_user=self.request.user)
            else:
                record_update(instance=delegation, acting_user=self.request.user, before=before)
        except DjangoValidationError as error:
            raise exceptions.ValidationError(_messages(error)) from error
        except PermissionDenied as error:
            raise exceptions.PermissionDenied(str(error)) from error


def _messages(error):
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): [str(m) for m in messages]
            for field, messages in error.message_dict.items()
        }
    return {"non_field_errors": [str(m) for m in error.messages]}
