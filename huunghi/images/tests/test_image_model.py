from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form


def test_custom_image_model_carries_caption_credit_and_licence():
    model = get_image_model()
    assert model._meta.label == "images.CustomImage"
    form_fields = get_image_form(model).base_fields
    for name in ("caption", "credit", "licence"):
        assert name in form_fields
