"""RSS and Atom feeds: what each item carries, which stories each feed lists, and what a feed costs."""
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from articles.models import Article
from tests.articles.reader import NS, atom_entries, feed_links, get_xml, parse_head, rss_items
from tests.factories import ArticleFactory, CorrectionFactory, PhotoFactory, SectionFactory, UserFactory, image_file

PUBLISHED_AT = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)


@pytest.fixture
def politics(db):
    news = SectionFactory(slug="news", name="News")
    return SectionFactory(slug="politics", name="Politics", parent=news)


@pytest.fixture
def story(politics, time_machine):
    time_machine.move_to(PUBLISHED_AT + timedelta(hours=1), tick=False)
    article = ArticleFactory(
        status=Article.Status.PUBLISHED, publish_at=PUBLISHED_AT, section=politics,
        headline="Q&A: what <the> budget means", standfirst="Taxes rise & spending <falls>.",
        authors=[UserFactory(first_name="Ada", last_name="Ekwueme"), UserFactory(first_name="Bo", last_name="Lind")],
    )
    for tag in ["Budget", "Taxes"]:
        article.tags.add(tag)
    return article


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "entries", "summary", "people"), [
    ("/feed/rss/", rss_items, "description", "creators"),
    ("/feed/atom/", atom_entries, "summary", "authors"),
], ids=["rss", "atom"])
def test_feed_entry_carries_headline_standfirst_and_one_name_per_byline(client, story, url, entries, summary, people):
    """Each feed has the full headline, the standfirst as HTML, and one creator (RSS) or author (Atom) per byline."""
    [entry] = entries(client, url)
    assert entry["title"] == "Q&A: what <the> budget means"
    assert entry[summary] == escape("Taxes rise & spending <falls>.")
    assert entry[people] == ["Ada Ekwueme", "Bo Lind"]
    assert sorted(entry["categories"]) == ["Budget", "Taxes"]


@pytest.mark.django_db
def test_rss_item_carries_its_time_link_and_short_guid(client, story):
    """An RSS item has pubDate, the story's link, and the short address as guid."""
    [item] = rss_items(client, "/feed/rss/")
    assert parsedate_to_datetime(item["pubDate"]) == PUBLISHED_AT
    assert item["link"] == f"http://testserver{story.get_absolute_url()}"
    # The guid is the short address, which survives an edited headline or slug.
    assert item["guid"] == f"http://testserver/story/{story.pk}/"


@pytest.mark.django_db
def test_atom_entry_carries_published_and_updated_times(client, story):
    """An Atom entry has the story's published and updated times."""
    [entry] = atom_entries(client, "/feed/atom/")
    assert datetime.fromisoformat(entry["published"]) == PUBLISHED_AT
    assert datetime.fromisoformat(entry["updated"]) == story.updated_at


@pytest.mark.django_db
def test_atom_updated_follows_a_later_correction(client, story, time_machine):
    """A correction added later moves the entry's updated time to the correction's."""
    time_machine.move_to(PUBLISHED_AT + timedelta(hours=5), tick=False)
    correction = CorrectionFactory(article=story)
    [entry] = atom_entries(client, "/feed/atom/")
    assert datetime.fromisoformat(entry["updated"]) == correction.created_at
    assert datetime.fromisoformat(get_xml(client, "/feed/atom/").findtext("{http://www.w3.org/2005/Atom}updated")) == correction.created_at


@pytest.mark.django_db
def test_feeds_list_the_latest_stories_newest_first_up_to_the_setting(client, settings, politics):
    """FEED_ITEMS caps the feed; the newest stories come first."""
    settings.FEED_ITEMS = 3
    stories = [ArticleFactory(status=Article.Status.PUBLISHED, publish_at=PUBLISHED_AT - timedelta(hours=n), section=politics) for n in range(5)]
    for url in ["/feed/rss/", "/feed/atom/"]:
        assert feed_links(client, url) == [f"http://testserver{article.get_absolute_url()}" for article in stories[:3]]


@pytest.mark.django_db
def test_section_feed_includes_subsections_and_tag_feed_only_its_tag(client, politics):
    """News's feed has Politics's stories; Politics's has not News's own; a tag feed has its tag's stories."""
    in_politics = ArticleFactory(published=True, section=politics, tags=["Budget"])
    in_news = ArticleFactory(published=True, section=politics.parent)
    elsewhere = ArticleFactory(published=True, section=SectionFactory(slug="sport"))

    def listed(url):
        return {link.removeprefix("http://testserver") for link in feed_links(client, url)}

    assert listed("/section/news/feed/atom/") == {in_politics.get_absolute_url(), in_news.get_absolute_url()}
    assert listed("/section/politics/feed/rss/") == {in_politics.get_absolute_url()}
    assert listed("/tag/budget/feed/rss/") == {in_politics.get_absolute_url()}
    assert elsewhere.get_absolute_url() in listed("/feed/rss/")


@pytest.mark.django_db
def test_feed_titles_name_the_site_section_and_tag(client, story):
    channel = get_xml(client, "/section/politics/feed/rss/").find("channel")
    assert channel.findtext("title") == "Politics · The Newsroom"
    assert channel.findtext("link") == "http://testserver/section/politics/"
    assert get_xml(client, "/tag/budget/feed/atom/").findtext("{http://www.w3.org/2005/Atom}title") == "Budget · The Newsroom"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/feed/atom/", "/section/politics/feed/atom/", "/tag/wire/feed/atom/"])
def test_atom_feed_names_the_site_as_author_for_stories_without_a_byline(client, settings, politics, url):
    """RFC 4287 4.1.2: an entry without an author needs one on its feed. Agency copy has no byline."""
    settings.SITE_NAME = "The\x0bHarbour Post"  # stored before saves removed control characters
    ArticleFactory(published=True, section=politics, tags=["Wire"], authors=[])
    feed = get_xml(client, url)
    assert [author.findtext("atom:name", namespaces=NS) for author in feed.findall("atom:author", NS)] == ["The Harbour Post"]
    assert feed.find("atom:entry/atom:author", NS) is None


@pytest.mark.django_db
def test_rss_feed_names_no_author_of_its_own(client, settings, politics):
    """The site's name is Atom's feed author only: RSS's <author> and <managingEditor> want an e-mail address."""
    ArticleFactory(published=True, section=politics, authors=[])
    channel = get_xml(client, "/feed/rss/").find("channel")
    assert [element.tag for element in channel.iter() if "author" in element.tag or element.tag == "managingEditor"] == []


@pytest.mark.django_db
def test_unknown_section_or_tag_feed_is_404(client, politics):
    for url in ["/section/nowhere/feed/rss/", "/tag/nothing/feed/atom/"]:
        assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_feed_links_use_the_host_the_request_came_on(client, settings, story, mirror_domain):
    """A feed read on a mirror links to the mirror."""
    [item] = rss_items(client, "/feed/rss/", HTTP_HOST="mirror.example")
    assert item["link"] == f"http://mirror.example{story.get_absolute_url()}"


@pytest.mark.django_db
def test_pages_announce_their_feeds(client, story):
    """Every page names the site's feeds; section and tag pages name their own first."""
    def alternates(url):
        return [(link["type"], link["href"]) for link in parse_head(client.get(url).content.decode()).alternates]

    site = [("application/rss+xml", "/feed/rss/"), ("application/atom+xml", "/feed/atom/")]
    assert alternates("/") == site
    assert alternates(story.get_absolute_url()) == site
    assert alternates(reverse("articles:section", kwargs={"slug": "politics"})) == [
        ("application/rss+xml", "/section/politics/feed/rss/"), ("application/atom+xml", "/section/politics/feed/atom/"), *site]
    assert alternates(reverse("articles:tag", kwargs={"slug": "budget"})) == [
        ("application/rss+xml", "/tag/budget/feed/rss/"), ("application/atom+xml", "/tag/budget/feed/atom/"), *site]


@pytest.mark.django_db
def test_feed_links_are_titled_with_the_name_they_are_for(client, settings):
    """A name with markup characters stays text in the title attribute."""
    settings.SITE_NAME = 'The "Daily" <Courier>'
    SectionFactory(slug="arts", name="Arts & Culture")

    def titles(url):
        return [link["title"] for link in parse_head(client.get(url).content.decode()).alternates]

    assert titles("/section/arts/") == [
        "Arts & Culture (RSS)", "Arts & Culture (Atom)", 'The "Daily" <Courier> (RSS)', 'The "Daily" <Courier> (Atom)']


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/feed/rss/", "/feed/atom/", "/section/news/feed/rss/", "/tag/syria/feed/atom/"])
def test_feed_query_count_does_not_grow_with_stories(
    client, politics, url, django_assert_max_num_queries, warm_domains, django_capture_on_commit_callbacks,
):
    """3 stories or 30, with tags, bylines, corrections and lead photos: the same queries (stories with their
    photos and agencies, tags, bylines, plus the section tree or the tag and its check, and the page
    cache's next-scheduled-change check: stories, then live entries and scheduled updates)."""
    authors = [UserFactory(), UserFactory()]

    def add(count):
        for _ in range(count):
            photo = PhotoFactory(image=image_file(size=(60, 40)))  # tiny: the feed draws each enclosure once
            article = ArticleFactory(published=True, section=politics, tags=["Syria", "Turkey"], authors=authors, lead_photo=photo)
            CorrectionFactory(article=article)

    add(3)
    with django_assert_max_num_queries(7) as small:
        assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):  # the stories' commit purges the cached feed
        add(27)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
        assert response.status_code == 200
    assert response.content.count(b"image/jpeg") == 2 * 30  # an enclosure and a media:content per story


# The lead photo: an enclosure, and Media RSS with its caption and credit --------------------------------


@pytest.fixture
def photographed(story):
    story.lead_photo = PhotoFactory(
        image=image_file(size=(1600, 1000)), caption="Envoys arrive for the budget talks.", photographer="Jane Doe",
    )
    story.save()
    return story


def media_content(element):
    """Return an item's or entry's <media:content> as a dict of its attributes, caption and credit."""
    [content] = element.findall("media:content", NS)
    return {
        **content.attrib,
        "description": content.findtext("media:description", namespaces=NS),
        "description_type": content.find("media:description", NS).get("type"),
        "credit": content.findtext("media:credit", namespaces=NS),
    }


@pytest.mark.django_db
def test_rss_item_carries_the_lead_photo_as_enclosure_and_media_content(client, photographed):
    """The 1200-pixel JPEG on the reader's domain, its real size in bytes, and the caption and credit line."""
    photo = photographed.lead_photo
    [item] = get_xml(client, "/feed/rss/").iter("item")
    [enclosure] = item.findall("enclosure")
    url = f"http://testserver/photos/{photo.pk}/1200.jpg?v={photo.version}"
    assert enclosure.get("url") == url
    assert enclosure.get("type") == "image/jpeg"
    rendition = client.get(url.removeprefix("http://testserver"))
    assert rendition["Content-Type"] == "image/jpeg"
    assert int(enclosure.get("length")) == len(rendition.content) > 0
    assert media_content(item) == {
        "url": url, "type": "image/jpeg", "medium": "image", "width": "1200", "height": "750",
        "description": "Envoys arrive for the budget talks.", "description_type": "plain",
        "credit": photo.credit,
    }
    assert photo.credit == "(Photo by Jane Doe/AFP)"


@pytest.mark.django_db
def test_atom_entry_carries_the_lead_photo_as_enclosure_link_and_media_content(client, photographed):
    photo = photographed.lead_photo
    [entry] = get_xml(client, "/feed/atom/").findall("atom:entry", NS)
    [enclosure] = entry.findall("atom:link[@rel='enclosure']", NS)
    url = f"http://testserver/photos/{photo.pk}/1200.jpg?v={photo.version}"
    assert (enclosure.get("href"), enclosure.get("type")) == (url, "image/jpeg")
    assert int(enclosure.get("length")) == len(client.get(url.removeprefix("http://testserver")).content)
    content = media_content(entry)
    assert (content["url"], content["width"], content["height"]) == (url, "1200", "750")
    assert (content["description"], content["credit"]) == ("Envoys arrive for the budget talks.", "(Photo by Jane Doe/AFP)")


@pytest.mark.django_db
def test_enclosure_of_a_photo_narrower_than_1200_pixels_is_its_widest_rendition(client, story):
    story.lead_photo = PhotoFactory(image=image_file(size=(1000, 600)), handout=True)
    story.save()
    [item] = get_xml(client, "/feed/rss/").iter("item")
    assert f"/photos/{story.lead_photo.pk}/1000.jpg?v=" in item.find("enclosure").get("url")
    assert (media_content(item)["width"], media_content(item)["height"], media_content(item)["credit"]) == ("1000", "600", "(Via AFP)")


@pytest.mark.django_db
def test_story_without_a_lead_photo_has_no_enclosure_or_media(client, story):
    [item] = get_xml(client, "/feed/rss/").iter("item")
    assert item.find("enclosure") is None and item.find("media:content", NS) is None
    [entry] = get_xml(client, "/feed/atom/").findall("atom:entry", NS)
    assert entry.find("atom:link[@rel='enclosure']", NS) is None and entry.find("media:content", NS) is None


@pytest.mark.django_db
def test_enclosure_is_on_the_mirror_the_feed_was_read_on(client, photographed, mirror_domain):
    [item] = get_xml(client, "/feed/rss/", HTTP_HOST="mirror.example").iter("item")
    assert item.find("enclosure").get("url").startswith(f"http://mirror.example/photos/{photographed.lead_photo.pk}/1200.jpg")
    assert media_content(item)["url"] == item.find("enclosure").get("url")


@pytest.mark.django_db
def test_enclosure_is_left_out_when_the_original_is_missing_from_storage(client, photographed):
    """A rendition that cannot be drawn would be a broken link: the item goes out without the picture."""
    photographed.lead_photo.image.storage.delete(photographed.lead_photo.image.name)
    [item] = get_xml(client, "/feed/rss/").iter("item")
    assert item.find("enclosure") is None and item.find("media:content", NS) is None


@pytest.mark.django_db
@pytest.mark.parametrize("url", [
    "/feed/rss/", "/feed/atom/", "/section/politics/feed/rss/", "/sitemap-news.xml", "/sitemap-section-politics.xml",
])
def test_a_story_gone_from_a_list_is_not_answered_with_304_to_a_reader_holding_the_old_list(client, politics, time_machine, url):
    """A list's newest date says nothing of a story that left it: a reader's If-Modified-Since must not
    keep an expired (or withdrawn) story in their feed reader or a crawler's index."""
    time_machine.move_to(PUBLISHED_AT + timedelta(hours=1), tick=False)
    ArticleFactory(status=Article.Status.PUBLISHED, publish_at=PUBLISHED_AT - timedelta(days=1), section=politics, headline="Older")
    leaving = ArticleFactory(
        status=Article.Status.PUBLISHED, publish_at=PUBLISHED_AT, unpublish_at=PUBLISHED_AT + timedelta(hours=2),
        section=politics, headline="Embargoed elsewhere",
    )
    first = client.get(url)
    assert leaving.get_absolute_url() in first.content.decode()
    time_machine.move_to(PUBLISHED_AT + timedelta(hours=3), tick=False)
    since = first.get("Last-Modified") or "Tue, 24 Nov 2026 15:00:00 GMT"
    again = client.get(url, HTTP_IF_MODIFIED_SINCE=since)
    assert again.status_code == 200
    assert leaving.get_absolute_url() not in again.content.decode()
    assert "Last-Modified" not in again


@pytest.mark.django_db
def test_staff_reading_a_feed_get_no_last_modified_either(editor_client, story):
    """The desk's own view of a feed (never cached, private) keeps no date a withdrawal cannot move."""
    response = editor_client.get("/feed/rss/")
    assert response.status_code == 200 and "Last-Modified" not in response
