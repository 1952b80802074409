"""What the desk gives back on a refusal that has no form to give it back in (security.refusals.typed_in)."""


def test_the_text_given_back_on_a_refusal_is_what_was_typed_never_a_password_or_the_forms_workings():
    from django.http import QueryDict

    from security.refusals import typed_in

    post = QueryDict(mutable=True)
    for name, value in [
        ("csrfmiddlewaretoken", "abc token"), ("password1", "a secret phrase"), ("old_password", "another secret"),
        ("photo_uses-TOTAL_FORMS", "1"), ("photo_uses-0-id", "12"), ("photo_uses-0-DELETE", "on"), ("seen", "a1.b2"),
        ("version", "4"), ("initial-tags", "Syria, Turkey"), ("_save", "Save"), ("section", "3"), ("is_active", "on"),
        ("headline", "Ports reopen"), ("photo_uses-0-caption", "Cranes at dawn"), ("body", "  "),
    ]:
        post.appendlist(name, value)
    assert typed_in(post) == [("headline", "Ports reopen"), ("photo_uses-0-caption", "Cranes at dawn")]
