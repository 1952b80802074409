"""The desk's forms: the story form, its photo formset, and the workflow buttons' forms."""
import copy

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, ArticlePhoto
from articles.permissions import can_publish
from articles.photo_rows import PhotoRowsFormSet
from articles.tag_input import OrderedTagField, TagAutocompleteWidget, TagsHiddenInput
from notes.services import blocking_message
from people.names import person_name
from photos.publishing import article_photos, as_stored, photo_problems
from security.plain_text import TypedSlug, TypedText
from security.stale_forms import SeenChecked
from times.desk import DeskTimeField, SecondsInput, desk_time

from .actions import ACTIONS
from .conflicts import current_article, describe_conflict, display, post_values, started_from
from .diffs import field_label
from .merge import merge_fields
from .services import LIVE_NOT_SCHEDULED, article_transition_check

SCHEDULING_FIELDS = ("publish_at", "unpublish_at")
# The story's fields a stale save merges (desk/merge.py): those its revisions keep.
MERGED_FIELDS = ("headline", "slug", "section", "standfirst", "body", "lead_photo", "unpublish_at", "embargo_at")
# Not in the revisions: the form carries what they held when it was opened (hidden initial values).
UNREVISED_FIELDS = ("tags", "authors")
# What a headline should fit in: search results and social cards cut longer ones.
HEADLINE_RECOMMENDED_CHARACTERS = 70


def attname(name: str) -> str:
    return Article._meta.get_field(name).attname


class ArticleAdminForm(forms.ModelForm):
    """The desk's article form. Journalists get no publishing controls, and a forged value is refused.

    Status and publication time are not fields: the desk panel's buttons (desk/actions.py) submit
    this form with the move they stand for, so the text on screen is saved with it, or the whole
    submission is refused with the text kept. The form carries the story's version: a save from an
    older version is merged field by field with the saves made since (desk/merge.py), and refused,
    with both versions shown, only for a field both people changed.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
    desk_action = forms.ChoiceField(choices=[("", "")] + [(name, action.label) for name, action in ACTIONS.items()], required=False)
    desk_note = TypedText(
        label=_("Note for the record"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 40, "form": "article_form"}),
        help_text=_("Optional, sent with the button you press: kept with the story's history and shown to the writer and editors."),
    )
    desk_at = DeskTimeField(
        label=_("Publication time"), required=False,
        widget=SecondsInput(attrs={"form": "article_form"}),
        help_text=_("For “Schedule”: the moment the story goes live, to the second."),
    )

    class Meta:
        model = Article
        fields = "__all__"
        widgets = {
            "tags": TagAutocompleteWidget,
            # One input per moment, to the second, like the panel's and the board's.
            "unpublish_at": SecondsInput,
            "embargo_at": SecondsInput,
        }
        field_classes = {"tags": OrderedTagField, "unpublish_at": DeskTimeField, "embargo_at": DeskTimeField, "standfirst": TypedText,
                         "slug": TypedSlug}

    class Media:
        js = ["desk/js/story-form.js", "desk/js/confirm.js"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.conflict = None
        self.merged = None
        self.fields["version"].required = not self.instance._state.adding
        self.fields["desk_at"].label = _("Publication time (%(zone)s)") % {"zone": timezone.get_current_timezone_name()}
        for name in ("headline", "standfirst", "body"):
            if name in self.fields:  # the form's script counts words and characters under these
                self.fields[name].widget.attrs["data-counted"] = ""
        if "headline" in self.fields:
            self.fields["headline"].widget.attrs["data-recommended-characters"] = HEADLINE_RECOMMENDED_CHARACTERS
        if "tags" in self.fields and not self.instance._state.adding:
            self.initial["tags"] = list(self.instance.tags.all())  # in the order attached, which the trail shows
        for name in UNREVISED_FIELDS:  # what they held when the form was opened: the base of a stale save's merge
            if name in self.fields:
                self.fields[name].show_hidden_initial = True
        if "tags" in self.fields:
            self.fields["tags"].hidden_widget = TagsHiddenInput
        if "authors" in self.fields and self.instance.pk:
            # A reporter who left (no more staff status) keeps the bylines they have: offered to staff only, theirs was
            # neither shown nor accepted, and a save of the story put the editor's name in its place.
            people = self.fields["authors"].queryset
            self.fields["authors"].queryset = people | people.model.objects.filter(pk__in=self.instance.authors.values("pk"))
        if self.is_bound and "authors" in self.fields:
            self.drop_deleted_bylines()
        if "desk_at" in self.fields:  # the time the panel showed, to tell a time typed from one a colleague moved since
            self.fields["desk_at"].show_hidden_initial = True
        if self.instance.publish_at and self.instance.publish_at > timezone.now():
            # Rescheduling starts from it. Bound too: every save posts the box back, and a time shown in the hour a
            # clock change repeats saves back as the moment shown (DeskTimeField), not refused as ambiguous.
            self.initial["desk_at"] = timezone.localtime(self.instance.publish_at)

    def _save_m2m(self):
        super()._save_m2m()
        typed = self.cleaned_data.get("tags")
        if "tags" in self.fields and "tags" in self.changed_data and typed is not None:
            # taggit's set() leaves the tags already attached where they were; a new order means
            # attaching them again, one by one in the order typed.
            attached = [name.casefold() for name in self.instance.tags.names()]
            if attached != [name.casefold() for name in typed]:
                self.instance.tags.set(typed, clear=True)

    def clean_version(self):
        # A new story starts at the model's default; only a change carries the version it started from.
        return self.cleaned_data["version"] or self.instance.version

    def clean(self):
        cleaned_data = super().clean()
        if not can_publish(self.user):
            # The form a journalist sees has no scheduling fields, so any value here was forged.
            # (Split date/time widgets post `<name>_0` and `<name>_1`.)
            if any(self.data.get(f"{name}{suffix}") for name in SCHEDULING_FIELDS for suffix in ("", "_0", "_1")):
                raise ValidationError(_("Only an editor can set a publication or expiry time."), code="not_editor")
        if not self.instance._state.adding and cleaned_data.get("version"):
            self.check_version(cleaned_data["version"])
        return cleaned_data

    def _get_validation_exclusions(self):
        excluded = super()._get_validation_exclusions()
        if self.cleaned_data.get("desk_action"):
            # The button moves the story in this save: the embargo applies to the story as the move leaves it, which
            # check_desk_action tries, not as it stands (a new embargo typed with "Withdraw" or "Reschedule" is taken).
            excluded.add("embargo_at")
        return excluded

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the submitted values
        if self.errors:
            return
        if self.cleaned_data.get("desk_action"):
            self.check_desk_action(self.cleaned_data["desk_action"])
            return
        typed_at, stored_at = self.cleaned_data.get("desk_at"), self.instance.publish_at
        # From a page without the box's hidden twin (an older page, a script), the time stored is what it showed.
        shown = self.opened_with("desk_at") if self.add_initial_prefix("desk_at") in self.data else None
        shown_at = shown[1] if shown else stored_at
        # Compared as instants: Python's == is always False between zones for a time in a repeated hour (PEP 495).
        if typed_at is not None and (shown_at is None or typed_at.timestamp() != shown_at.timestamp()):
            # Saved without "Schedule" (Save, or Enter in a box), the time typed was dropped: the story went out at
            # the time it had. It is for the Schedule button; a plain save posts back the time it showed.
            self.add_error("desk_at", _("This time is not saved by “Save”: press “Schedule” to publish the story at it%(kept)s.")
                           % {"kept": _(" (it is scheduled for %(when)s)") % {"when": desk_time(stored_at)}
                              if self.instance.status == Article.Status.PUBLISHED and stored_at else ""})
        expiry = self.cleaned_data.get("unpublish_at")
        if "unpublish_at" in self.changed_data and expiry and expiry <= timezone.now() and self.showing_now():
            # A typo (a day early) took the story off every page at once, with no word and no record of it.
            self.add_error("unpublish_at", _("This expiry has passed: saved, it would take the story off the site "
                                             "at once. To take it off now, use “Withdraw”."))
        if self.instance.status == Article.Status.PUBLISHED and "lead_photo" in self.changed_data:
            # A story already out (or scheduled) takes only a lead photo it could have been published with.
            for message in photo_problems(self.lead_photo_as_stored()):
                self.add_error("lead_photo", message)
        if self.puts_back_on_the_site() and (message := blocking_message(self.instance)):
            self.add_error(None, message)  # an expired story's expiry cleared: as the publish button would

    def lead_photo_as_stored(self) -> list:
        """The lead photo as stored, locked (the story is already: check_version) in one statement with the
        photos in the story's body, in id order, as every publication takes them: the inline formset checks
        those next, and two stories sharing photos in other places must not each hold one the other waits for."""
        lead = self.cleaned_data.get("lead_photo")
        locked = {photo.pk: photo for photo in as_stored(article_photos(self.instance))}  # the lead as posted
        return [locked.get(lead.pk)] if lead else []

    def showing_now(self) -> bool:
        """Whether readers see the story as stored now (not as the form would leave it)."""
        return self.instance.pk is not None and Article.objects.published().filter(pk=self.instance.pk).exists()

    def puts_back_on_the_site(self) -> bool:
        """Whether this plain save makes public a saved story that is not (its expiry cleared or moved on)."""
        article = self.instance
        return article.pk is not None and article.is_published and not self.showing_now()

    def check_desk_action(self, name):
        """Refuse, as form errors, a button's move that its service would refuse, before anything is saved."""
        action = ACTIONS[name]
        article = self.instance
        try:
            article_transition_check(article=article, by=self.user, to=action.to)
        except PermissionDenied:
            self.add_error(None, _("You may not use “%(action)s” on this story.") % {"action": action.label})
            return
        except ValidationError as error:
            self.add_error(None, error)
            return
        if action.to != Article.Status.PUBLISHED:
            return
        at = self.cleaned_data.get("desk_at") if name == "schedule" else None
        if name == "schedule" and article.is_published:
            self.add_error(None, LIVE_NOT_SCHEDULED)  # the page was loaded before it went live
            return
        if name == "schedule" and at is None:
            self.add_error("desk_at", _("Type the publication time to schedule the story."))
            return
        if at is not None and at <= timezone.now():
            self.add_error("desk_at", _("Pick a time in the future to schedule, or use “Publish now”."))
            return
        trial = copy.copy(article)
        trial.status = Article.Status.PUBLISHED
        trial.publish_at = at or timezone.now()
        try:
            trial.clean()  # the embargo and expiry rules
        except ValidationError as error:
            self.add_error(None, error.messages)
        for message in photo_problems(self.lead_photo_as_stored()):
            self.add_error("lead_photo" if "lead_photo" in self.fields else None, message)
        if article.pk and (message := blocking_message(article)):
            self.add_error(None, message)  # the same refusal as article_publish's, before anything is saved
        # Photos in the body column are checked by the inline formset, which asks the instance.
        article.desk_publishing = True

    def drop_deleted_bylines(self) -> None:
        """A byline the form showed whose account was deleted since is dropped, as the deletion dropped it from the
        story: left in, its id was "not one of the available choices", refusing a save that never touched it."""
        shown, posted = self.data.getlist(self.add_initial_prefix("authors")), self.data.getlist(self.add_prefix("authors"))
        ids = [pk for pk in posted if pk in shown and pk.isdigit()]
        gone = set(ids) - {str(pk) for pk in get_user_model().objects.filter(pk__in=ids).values_list("pk", flat=True)}
        if gone:
            self.data = self.data.copy()
            self.data.setlist(self.add_prefix("authors"), [pk for pk in posted if pk not in gone])
            self.data.setlist(self.add_initial_prefix("authors"), [pk for pk in shown if pk not in gone])

    def opened_with(self, name) -> tuple | None:
        """(name, the value the form showed when opened), from its hidden initial input; None without one."""
        field, key = self.fields[name], self.add_initial_prefix(name)
        if self.add_initial_prefix("tags") not in self.data:
            return None  # not posted from the rendered form (which always has the tags' hidden initial input)
        try:
            return name, field.clean(field.hidden_widget().value_from_datadict(self.data, self.files, key))
        except ValidationError:
            return None

    def check_version(self, version):
        current = current_article(self.instance.pk)
        if current is None:
            return
        # The story as locked, not as the admin read it before the lock: a colleague's save that committed in
        # between (a button's publication or withdrawal) moved fields this form does not carry, and saving the
        # first read's status and times at the merged version would undo that move unseen.
        for model_field in Article._meta.concrete_fields:
            if not model_field.primary_key and model_field.name not in self.fields:
                setattr(self.instance, model_field.attname, getattr(current, model_field.attname))
        if current.version == version:
            return
        names = [name for name in MERGED_FIELDS if name in self.fields]
        base_fields = started_from(current, version) or {}
        base = {name: base_fields[attname(name)] for name in names if attname(name) in base_fields}
        theirs = {name: getattr(current, name) for name in names}
        # Tags and bylines are not in the revisions: their base is what the form held when it was opened.
        # Without it, any difference from the saved ones is a conflict, never a silent overwrite.
        if "tags" in self.fields:
            names.append("tags")
            theirs["tags"] = [tag.name for tag in current.tags.all()]
        if "authors" in self.fields:
            names.append("authors")
            theirs["authors"] = list(current.authors.all())
        base.update(self.opened_with(name) for name in UNREVISED_FIELDS if name in names and self.opened_with(name))
        yours = {name: self.cleaned_data.get(name) for name in names}
        merge = merge_fields(base=base, theirs=theirs, yours=yours)
        self.cleaned_data.update(merge.values)
        self.cleaned_data["version"] = current.version
        who = person_name(current.updated_by) if current.updated_by else _("Someone")
        when = desk_time(current.updated_at)
        kept = [field_label(name) for name in merge.theirs_kept]
        self.merged = {"by": who, "at": when, "kept": kept}
        action = ACTIONS.get(self.cleaned_data.get("desk_action"))
        # A button that puts the story out publishes nothing unseen, like the board's: merged in, their save
        # would go out with it before anyone read it.
        publishing = action is not None and action.to == Article.Status.PUBLISHED
        if not merge.conflicts and not publishing:
            return
        # The refused form shows their save for the fields only they changed, and yours where you both
        # did; it carries the saved version, so saving it again is a decision about those fields only.
        self.data = self.data.copy()
        for name in merge.theirs_kept:
            for key, value in post_values(self[name], theirs[name]).items():
                self.data.setlist(key, value if isinstance(value, list) else [value])
        self.data["version"] = current.version
        # Tags and bylines are merged against what the form says it was opened with: that is the saved version
        # now, or the next save would be merged against an older one and put back what was removed since.
        for name in UNREVISED_FIELDS:
            if name in names:
                for value in post_values(self[name], theirs[name]).values():
                    self.data.setlist(self.add_initial_prefix(name), value if isinstance(value, list) else [value])
        self.conflict = describe_conflict(
            by=who, at=when, kept=kept,
            fields=[(field_label(name), display(theirs[name]), display(self.cleaned_data.get(name))) for name in merge.conflicts],
            changes=[
                (field_label(name), display(yours[name]), display(theirs[name])) for name in merge.theirs_kept
            ] if publishing else [],
        )
        if not merge.conflicts:
            stale = {"who": who, "when": when, "action": action.label}
            raise ValidationError(
                _(
                    "%(who)s saved this story at %(when)s while you were editing it, so nothing was saved or published. "
                    "Their changes are shown below and are in the form now, with yours: read them, then press "
                    "“%(action)s” again."
                ) % stale if merge.theirs_kept else _(
                    "%(who)s saved this story at %(when)s while you were editing it, so nothing was saved or published. "
                    "They changed none of the fields in this form (their save may have moved the story or changed its "
                    "body photos): check the story, then press “%(action)s” again."
                ) % stale,
                code="stale",
            )
        raise ValidationError(
            _(
                "%(who)s saved this story at %(when)s while you were editing it, and you both changed: %(fields)s. "
                "Both versions are shown below and your text is still in the form. Settle those fields, "
                "then save again."
            ) % {"who": who, "when": when, "fields": ", ".join(field["label"] for field in self.conflict["fields"])},
            code="conflict",
        )


class ArticlePhotoRowForm(SeenChecked):
    """A photo in the story's body: a colleague's caption or move saved after the form was opened is told, with
    what was typed kept, not put back by this save (`seen`). Body-photo rows are not in the story's revisions."""

    seen_fields = ["photo", "position", "caption"]

    class Meta:
        model = ArticlePhoto
        fields = ["photo", "position", "caption"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        search = getattr(self.fields["photo"].widget, "widget", None)  # inside the admin's add and change links
        if hasattr(search, "chosen") and ArticlePhoto.photo.is_cached(self.instance):
            search.chosen = self.instance.photo  # drawn without a query of its own (desk/admin/article.py)

    def stale_subject(self) -> str:
        return _("The body photo “%(photo)s”") % {"photo": self.instance.photo}


class ArticlePhotoInlineFormSet(PhotoRowsFormSet):
    """Refuse to publish or schedule a story while a photo in its body column lacks a credit or alt text.
    A row a colleague removed after the form was opened is refused once, by name (PhotoRowsFormSet)."""

    def clean(self):
        super().clean()
        if self.instance.status != Article.Status.PUBLISHED and not getattr(self.instance, "desk_publishing", False):
            return
        photos = [
            form.cleaned_data["photo"]
            for form in self.forms
            if form.cleaned_data.get("photo") and not self._should_delete_form(form)
        ]
        # A row a colleague added after this form was opened is not in it, but it goes out with the story too.
        posted = {form.instance.pk for form in self.initial_forms}
        photos += [use.photo for use in self.get_queryset() if use.pk not in posted]
        if messages := photo_problems(as_stored(photos)):
            raise ValidationError(messages, code="photo_not_ready")


class DeskActionForm(forms.Form):
    """A desk button: the story's version it was shown at, and an optional note for the record."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    note = TypedText(
        label=_("Note"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 40}),
        help_text=_("Optional: kept with the story's history and shown to the writer and editors."),
    )


class ScheduleForm(DeskActionForm):
    """Schedule or reschedule: a time typed in the newsroom's zone, stored in UTC."""

    at = DeskTimeField(label=_("Publication time"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Naive input is read in the active zone (the newsroom's TIME_ZONE): say which, so no one guesses.
        self.fields["at"].label = _("Publication time (%(zone)s)") % {"zone": timezone.get_current_timezone_name()}

    def clean_at(self):
        at = self.cleaned_data["at"]
        if at <= timezone.now():
            raise forms.ValidationError(_("Pick a time in the future to schedule, or use “Publish now”."))
        return at
