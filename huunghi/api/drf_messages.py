"""Django REST framework's messages an API caller meets, listed so that `make messages` puts them
in our Vietnamese catalog (DRF's own Vietnamese catalog translates only a few; ours comes first in
LOCALE_PATHS). Never imported: the msgids are DRF's, character for character."""

from django.utils.translation import gettext_noop

MESSAGES = [
    gettext_noop("This field is required."),
    gettext_noop("This field may not be null."),
    gettext_noop("This field may not be blank."),
    gettext_noop("A valid integer is required."),
    gettext_noop("Must be a valid boolean."),
    gettext_noop("Not a valid string."),
    gettext_noop("Ensure this field has no more than {max_length} characters."),
    gettext_noop("Ensure this value is greater than or equal to {min_value}."),
    gettext_noop("Date has wrong format. Use one of these formats instead: {format}."),
    gettext_noop('"{input}" is not a valid choice.'),
    gettext_noop('Expected a list of items but got type "{input_type}".'),
    gettext_noop('Invalid pk "{pk_value}" - object does not exist.'),
    gettext_noop("Incorrect type. Expected pk value, received {data_type}."),
    gettext_noop("Invalid data. Expected a dictionary, but got {datatype}."),
    gettext_noop("JSON parse error - {detail}"),
    gettext_noop("Authentication credentials were not provided."),
    gettext_noop("You do not have permission to perform this action."),
    gettext_noop("No {model_class} matches the given query."),
    gettext_noop('Method "{method}" not allowed.'),
    gettext_noop("Request was throttled."),
    gettext_noop("Expected available in {wait} seconds."),
    gettext_noop('Unsupported media type "{media_type}" in request.'),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
    gettext_noop("Enter a number."),
]
