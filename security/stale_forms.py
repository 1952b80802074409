"""A desk form opened before a colleague's save is refused with what was typed kept, not saved over that save.

The story has its version and its merge (desk/merge.py); the desk's other forms that two people may have open
at once (a photo's caption, an alert, a scheduled update, a live entry's edit, the positions in a list:
SeenChangeList) carry `seen`: a short hash of each field as the form showed it. A save whose row says something
else now changes nothing, names the fields changed meanwhile with what they say now, and keeps the form as typed;
saved again, knowing it, it goes through. Without it the second save put the first person's words back silently.
"""
import hashlib
import html

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.forms import BoundField
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .refusals import gone_with_text

SHOWN_CHARS = 200  # of each changed field, in the message: enough to recognise it; the rest is on the page


def _hash(value) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()[:8]


def fingerprint_of(values) -> str:
    """`seen` for `values` as shown: one short hash each, in order. Also for a check made under a service's lock
    rather than in a form's clean() (a live entry's edit, live/services.entry_seen)."""
    return ".".join(_hash(value) for value in values)


class SeenForm(forms.ModelForm):
    """A ModelForm whose `seen_fields` (model fields, many-to-many ones included) are checked against the row as
    stored now by refuse_if_changed(), which each subclass calls from its clean() (SeenChecked's calls only that, the
    photo form's after its locks); `seen_value()` and `shown_value()` take other names (a related list)."""

    seen_fields: list[str] = []
    rich_fields: frozenset[str] = frozenset()  # of those, the HTML ones: their words are said, not their markup
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "seen" in self.fields:
            self.initial["seen"] = self.fingerprint(self.instance)

    def seen_value(self, row, name):
        field = row._meta.get_field(name)
        if field.many_to_many:
            return sorted(getattr(row, name).values_list("pk", flat=True))
        return getattr(row, field.attname)

    def shown_value(self, row, name) -> str:
        field = row._meta.get_field(name)
        if field.many_to_many:
            value = ", ".join(str(one) for one in getattr(row, name).all())
        elif field.choices:
            value = getattr(row, f"get_{name}_display")()
        elif isinstance(getattr(row, name), bool):  # a ticked box (a domain's "primary")
            value = _("yes") if getattr(row, name) else _("no")
        else:
            value = getattr(row, name)  # a position of 0 is said, not taken for an empty field
            value = "" if value is None else str(value)
            value = html.unescape(strip_tags(value)) if name in self.rich_fields else value  # plain text is said as typed
        return Truncator(value.strip() or "—").chars(SHOWN_CHARS)

    def label(self, name) -> str:
        return str(self.instance._meta.get_field(name).verbose_name)

    def fingerprint(self, row) -> str:
        return fingerprint_of(self.seen_value(row, name) for name in self.seen_fields)

    def stored_row(self):
        """The row as stored now, locked until the save's transaction ends, so that no save slips in between."""
        rows = type(self.instance)._default_manager.filter(pk=self.instance.pk)
        if transaction.get_connection().in_atomic_block:  # the admin's views are; outside one a lock ends with the query
            rows = rows.select_for_update()
        return rows.first() or self.instance

    def refuse_if_changed(self, row=None) -> None:
        """Call from clean(): a form that showed another row than `row` (default: the stored one) is refused."""
        shown = self.cleaned_data.get("seen") or ""
        if not (self.instance.pk and shown):  # a post from a page without it (an API client, an old page): as before
            return
        row = row or self.stored_row()
        now = self.fingerprint(row)
        if shown == now:
            return
        shown_hashes = shown.split(".")
        changed = [name for index, name in enumerate(self.seen_fields)
                   if len(shown_hashes) != len(self.seen_fields) or shown_hashes[index] != now.split(".")[index]]
        self.data = self.data.copy()
        self.data[self.add_prefix("seen")] = now  # told of it now: the next save goes over what they saw
        raise ValidationError(_(
            "%(what)s was changed while you were editing it: nothing was saved, so as not to undo that. It now "
            "says: %(changes)s. What you typed is still below: bring it in line and save again."
        ) % {
            "what": self.stale_subject(),
            "changes": "; ".join(f"{self.label(name)}: “{self.shown_value(row, name)}”" for name in changed),
        }, code="changed_meanwhile")

    def stale_subject(self) -> str:
        return _("This %(thing)s") % {"thing": self.instance._meta.verbose_name}


class WithSeen(BoundField):
    """A field rendered with its form's `seen` beside it: the admin's change list renders of a row only its
    editable fields and its id, never its other hidden fields."""

    def __str__(self):
        return super().__str__() + str(self.form["seen"])


class SeenRowForm(SeenForm):
    """A row of an admin change list (`list_editable`), checked as a change form is; see SeenChangeList."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self._meta.fields[0]].bound_field_class = WithSeen

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:  # its id names no row now; Django's error on that hidden field is never shown
            raise ValidationError(_(
                "This %(thing)s was deleted while you were editing it: nothing was saved. Open the list again to save "
                "the other rows."
            ) % {"thing": self.instance._meta.verbose_name}, code="deleted_meanwhile")
        self.refuse_if_changed(self.instance)  # read under its lock (SeenChangeList): the row as stored, no query again
        return cleaned

    def stale_subject(self) -> str:
        return _("The %(thing)s “%(name)s”") % {"thing": self.instance._meta.verbose_name, "name": self.instance}


class SeenChangeList:
    """ModelAdmin mixin: the change list's editable fields, saved from a list opened before a colleague's save, are
    refused row by row with what was typed kept, as the change form is. `list_seen` names the fields checked: the
    editable ones, and the one the row is known by (a rename may have changed what the editor was moving)."""

    list_seen: list[str] = []

    def get_changelist_form(self, request, **kwargs):
        form = type(f"{self.model.__name__}RowForm", (SeenRowForm,), {"seen_fields": self.list_seen})
        return super().get_changelist_form(request, form=form, **kwargs)

    def _get_list_editable_queryset(self, request, prefix):
        """The rows posted, locked as they are read (in id order: two lists sorted apart cannot deadlock): a
        colleague's save cannot slip in between the check of a row and the save of the whole row read. With what
        the list shows of them (`list_select_related`): refused, they are the list shown again."""
        rows = super()._get_list_editable_queryset(request, prefix).select_for_update(of=("self",)).order_by("pk")
        related = self.get_list_select_related(request)
        return rows.select_related() if related is True else rows.select_related(*related) if related else rows

    def changelist_view(self, request, extra_context=None):
        if "_save" not in request.POST:
            return super().changelist_view(request, extra_context)
        with transaction.atomic(using=router.db_for_write(self.model)):  # the rows checked stay locked until saved
            response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if changelist is not None and changelist.formset is not None:
            # Refused: the rows as posted, each with what was typed in it, not the list as it is sorted now.
            changelist.result_list = [form.instance for form in changelist.formset.forms]
            for form in changelist.formset.forms:
                if form.instance.pk is None:  # deleted meanwhile: its link opens the admin's "no longer exists"
                    form.instance.pk = form[self.model._meta.pk.name].value()
        return response


class SeenChecked(SeenForm):
    """A SeenForm that checks its `seen_fields` in clean(): what SeenAdmin gives a ModelAdmin's own form, and the
    base of a form whose clean() has nothing else to check (a section's, an assignment's, a body photo's row)."""

    def clean(self):
        cleaned = super().clean()
        self.refuse_if_changed()
        return cleaned


class SeenAdmin:
    """ModelAdmin mixin for the desk's smaller forms (an agency, the site settings, an API key, a tag, a person):
    its change form carries `seen` over `seen_fields`, so a save from a page opened before a colleague's is refused
    with what was typed kept; a save of a row deleted meanwhile gives the text typed back (gone_with_text), where
    Django's redirect to the desk's home dropped it."""

    seen_fields: list[str] = []

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:  # a new row: nothing to compare it with (and the add form may be another: a new person's)
            return super().get_form(request, obj, **kwargs)
        form = kwargs.pop("form", self.form)
        if not issubclass(form, SeenForm):  # a form of its own that checks already (a domain's)
            form = type(form.__name__, (SeenChecked, form), {"seen_fields": self.seen_fields})
        return super().get_form(request, obj, form=form, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or "seen" in flatten_fieldsets(fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "seen"]}), *rest]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST" and self.has_change_permission(request) and self.get_object(request, object_id) is None:
            form = self.get_form(request, self.model())  # the change form's fields: without a row, a person's are the add form's
            typed = [(field.label or name, request.POST.get(name, "")) for name, field in form.base_fields.items()
                     if isinstance(field, forms.CharField) and not field.widget.is_hidden and name in request.POST]
            return gone_with_text(request, self.admin_site, gone=str(self.opts.verbose_name), typed=typed,
                                  back=(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"),
                                        str(self.opts.verbose_name_plural).capitalize()))
        return super().change_view(request, object_id, form_url, extra_context)


class RowsKeptFormSet(BaseInlineFormSet):
    """An inline formset whose posted rows a colleague deleted after the form was opened are put back in the form
    as new rows, with what was typed in them (`removed_meanwhile`: their indexes), for the subclass's clean() to
    refuse once, by name: saved again, the row goes back in; deleted, it stays out. Left with its stale id, the
    row's error sat on a hidden input, and the row itself was not shown: every save failed with no reason given.
    """

    same_row_field: str | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.removed_meanwhile = self.readd_rows_removed_meanwhile() if self.is_bound else []

    def readd_rows_removed_meanwhile(self) -> list[int]:
        """Move each posted row whose stored row is gone to a new row at the end, without its id; return their indexes.

        With `same_row_field`, a row whose value there is stored again under another id takes that id instead
        (a photo is in a story once; a scheduled update puts the body photos back as new rows).
        """
        field = self.same_row_field
        stored_again = {str(getattr(row, f"{field}_id")): str(row.pk) for row in self.get_queryset()} if field else {}
        initial, total = self.initial_form_count(), self.total_form_count()
        rows = [
            {key: self.data.getlist(key) for key in self.data if key.startswith(f"{self.add_prefix(index)}-")}
            for index in range(total)
        ]
        posted_ids = [self.data.get(f"{self.add_prefix(index)}-id") for index in range(initial)]
        stored = {str(row.pk) for row in self.get_queryset()}
        gone = [index for index, pk in enumerate(posted_ids) if pk not in stored]
        if not gone:
            return []
        kept, readded = [index for index in range(initial) if index not in gone], []
        for index in gone:
            key = f"{self.add_prefix(index)}-"
            same_row = stored_again.get(self.data.get(f"{key}{field}")) if field else None
            if same_row and same_row not in posted_ids:
                rows[index][f"{key}id"] = [same_row]
                kept.append(index)
            elif not forms.CheckboxInput().value_from_datadict(self.data, self.files, f"{key}DELETE"):
                rows[index].pop(f"{key}id", None)
                readded.append(index)
            # A row removed on both sides is dropped.
        data = self.data.copy()
        for key in [key for key in data if key.startswith(tuple(f"{self.add_prefix(index)}-" for index in range(total)))]:
            del data[key]
        for position, index in enumerate(kept + readded + list(range(initial, total))):
            for key, values in rows[index].items():
                data.setlist(key.replace(self.add_prefix(index), self.add_prefix(position), 1), values)
        data[self.management_form.add_prefix(TOTAL_FORM_COUNT)] = len(kept) + len(readded) + total - initial
        data[self.management_form.add_prefix(INITIAL_FORM_COUNT)] = len(kept)
        self.data = data
        del self.management_form  # read again, from the rewritten data
        return list(range(len(kept), len(kept) + len(readded)))
