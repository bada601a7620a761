"""OpenAPI pieces drf-spectacular cannot guess: the token scheme and the shared error bodies."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse


class IntegrationTokenScheme(OpenApiAuthenticationExtension):
    target_class = "huunghi.api.authentication.IntegrationTokenAuthentication"
    name = "integrationToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <key>` (or `Bearer <key>`): a token issued in the back office, "
            "Back office › Settings › Integration tokens.",
        }


DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
FIELD_ERRORS = {
    "type": "object",
    "description": "Messages per field (`non_field_errors` for the record as a whole), in Vietnamese.",
    "additionalProperties": {
        "oneOf": [
            {"type": "array", "items": {"type": "string"}},
            {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        ]
    },
}

NOT_MODIFIED = OpenApiResponse(description="Not modified: the `If-None-Match` ETag still matches.")
BAD_REQUEST = OpenApiResponse(FIELD_ERRORS, description="Invalid parameters or data; nothing was saved.")
UNAUTHORIZED = OpenApiResponse(DETAIL, description="No token, or an invalid, revoked or expired token.")
FORBIDDEN = OpenApiResponse(DETAIL, description="The token may not do this (read-only token, or not its organization).")
NOT_FOUND = OpenApiResponse(DETAIL, description="No such record, or not visible with this token.")
THROTTLED = OpenApiResponse(DETAIL, description="Too many requests; retry after the `Retry-After` seconds.")

IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="An ETag from an earlier answer: 304 with no body when nothing changed.",
)
ETAG = OpenApiParameter(
    "ETag", OpenApiTypes.STR, OpenApiParameter.HEADER, response=[200], description="Hash of the answer's content."
)


def read_responses(serializer, *, authenticated):
    responses = {200: serializer, 304: NOT_MODIFIED, 400: BAD_REQUEST, 404: NOT_FOUND, 429: THROTTLED}
    if authenticated:
        responses.update({401: UNAUTHORIZED, 403: FORBIDDEN})
    return responses


def only_api_endpoints(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: the schema describes /api/v1/ only (not Wagtail's own
    admin API, which the back office uses internally)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
