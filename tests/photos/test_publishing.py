"""The editorial rule: no story is published or scheduled while one of its photos lacks a credit or alt text."""
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from desk.services import article_publish
from tests.desk.helpers import desk_button, edit_form, story_form
from tests.factories import ArticleFactory, ArticlePhotoFactory, PhotoFactory, SectionFactory

ADD_URL = reverse("admin:articles_article_add")
CHANGELIST_URL = reverse("admin:articles_article_changelist")


def inline(*rows, initial=0):
    """The photo inline's POST data: rows of {"photo": pk, ...}."""
    data = {"photo_uses-TOTAL_FORMS": str(len(rows)), "photo_uses-INITIAL_FORMS": str(initial)}
    for index, row in enumerate(rows):
        data.update({f"photo_uses-{index}-{name}": value for name, value in {"position": index, "caption": "", **row}.items()})
    return data


@pytest.fixture
def section(db):
    return SectionFactory(slug="world", name="World")


@pytest.fixture
def uncredited(db):
    return PhotoFactory(bare=True, caption="Crowds at the border crossing", alt_text="Crowds wait at a gate.")


@pytest.mark.django_db
class TestAdminForm:
    def test_publishing_with_an_uncredited_lead_photo_is_a_form_error_naming_it(self, editor_client, section, uncredited):
        response = editor_client.post(ADD_URL, {**story_form(section, lead_photo=uncredited.pk), **desk_button("publish")})
        assert response.status_code == 200
        content = response.content.decode()
        assert f"Photo “Crowds at the border crossing” (no. {uncredited.pk}) needs a credit" in content
        assert not Article.objects.exists()

    def test_scheduling_with_a_lead_photo_without_alt_text_is_refused(self, editor_client, section):
        photo = PhotoFactory(alt_text="", caption="Quay at dawn")
        response = editor_client.post(ADD_URL, {
            **story_form(section, lead_photo=photo.pk), **desk_button("schedule", at=timezone.now() + timedelta(hours=2)),
        })
        assert "Photo “Quay at dawn”" in response.content.decode() and "needs alt text" in response.content.decode()
        assert not Article.objects.exists()

    def test_publishing_with_an_unready_photo_in_the_body_is_refused(self, editor_client, section, uncredited):
        ready = PhotoFactory()
        response = editor_client.post(ADD_URL, {
            **story_form(section, lead_photo=ready.pk), **desk_button("publish"),
            **inline({"photo": uncredited.pk}),
        })
        assert response.status_code == 200
        assert f"(no. {uncredited.pk}) needs a credit before" in response.content.decode()
        assert not Article.objects.exists()

    @pytest.mark.parametrize("publish_at", [timedelta(hours=-1), timedelta(hours=2)], ids=["published", "scheduled"])
    def test_a_story_already_out_takes_no_uncredited_lead_photo_on_a_plain_save(self, editor_client, uncredited, publish_at):
        """Without a desk button the form still checks the lead photo of a published or scheduled story: it
        would go out, renditions and all, with no credit line."""
        article = ArticleFactory(status=Article.Status.PUBLISHED, publish_at=timezone.now() + publish_at, lead_photo=PhotoFactory())
        response = editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), edit_form(article, lead_photo=uncredited.pk))
        assert response.status_code == 200
        assert f"(no. {uncredited.pk}) needs a credit before" in response.content.decode()
        assert Article.objects.get(pk=article.pk).lead_photo != uncredited

    def test_publishing_with_credited_described_photos_succeeds(self, editor_client, section):
        lead, other = PhotoFactory(), PhotoFactory(handout=True)
        response = editor_client.post(ADD_URL, {
            **story_form(section, lead_photo=lead.pk), **desk_button("publish"),
            **inline({"photo": other.pk, "caption": "Released by the ministry on Monday."}),
        })
        assert response.status_code == 302
        article = Article.objects.published().get()
        assert article.lead_photo == lead
        assert article.photo_uses.get().display_caption == "Released by the ministry on Monday."

    def test_removing_the_unready_photo_in_the_same_post_lets_the_story_go_out(self, editor_client, uncredited):
        article = ArticleFactory(status=Article.Status.REVIEW)
        use = ArticlePhotoFactory(article=article, photo=uncredited)
        response = editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), {
            **story_form(article.section, slug=article.slug, version=article.version), **desk_button("publish"),
            **inline({"id": use.pk, "article": article.pk, "photo": uncredited.pk, "DELETE": "on"}, initial=1),
        })
        assert response.status_code == 302
        assert article in Article.objects.published()
        assert not article.photo_uses.exists()

    def test_drafts_may_carry_unready_photos(self, journalist_client, section, uncredited):
        response = journalist_client.post(ADD_URL, {
            **story_form(section, lead_photo=uncredited.pk), **desk_button("submit"),
            **inline({"photo": uncredited.pk}),
        })
        assert response.status_code == 302


@pytest.mark.django_db
class TestPublishService:
    def test_publish_now_action_refuses_a_story_with_an_unready_photo(self, editor_client, uncredited):
        article = ArticleFactory(status=Article.Status.REVIEW, headline="Border talks")
        ArticlePhotoFactory(article=article, photo=uncredited)
        ready = ArticleFactory(status=Article.Status.REVIEW, lead_photo=PhotoFactory())
        response = editor_client.post(
            CHANGELIST_URL, {"action": "publish_now", "_selected_action": [article.pk, ready.pk]}, follow=True,
        )
        messages = [str(message) for message in response.context["messages"]]
        assert any("“Border talks”" in m and "Crowds at the border crossing" in m and "needs a credit" in m for m in messages)
        assert list(Article.objects.published()) == [ready]

    def test_service_refuses_an_unready_lead_photo(self, editor, uncredited):
        article = ArticleFactory(status=Article.Status.REVIEW, lead_photo=uncredited)
        with pytest.raises(ValidationError, match="needs a credit before"):
            article_publish(article=article, by=editor)
        article.refresh_from_db()
        assert article.status == Article.Status.REVIEW

    def test_service_refuses_to_schedule_with_an_unready_photo(self, editor, uncredited):
        article = ArticleFactory(status=Article.Status.REVIEW)
        ArticlePhotoFactory(article=article, photo=uncredited)
        with pytest.raises(ValidationError):
            article_publish(article=article, by=editor, at=timezone.now() + timedelta(days=1))

    def test_service_publishes_once_the_photo_is_credited(self, editor, uncredited):
        article = ArticleFactory(status=Article.Status.REVIEW, lead_photo=uncredited)
        uncredited.credit_type, uncredited.photographer, uncredited.alt_text = "staff", "Jane Doe", "Crowds at a gate."
        uncredited.save()
        article_publish(article=article, by=editor)
        assert article in Article.objects.published()


@pytest.mark.django_db
def test_message_names_the_photo_and_everything_it_lacks():
    from photos.publishing import photo_problems

    photo = PhotoFactory(bare=True, caption="Flags on the quay")
    assert photo_problems([photo, photo, None, PhotoFactory()]) == [
        f"Photo “Flags on the quay” (no. {photo.pk}) needs a credit and alt text before the story can be published or scheduled."
    ]
