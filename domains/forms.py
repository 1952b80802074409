from django.utils.translation import gettext_lazy as _

from security.stale_forms import SeenChecked, SeenForm

from .hosts import clean_domain_hostname
from .models import Domain, SiteSettings


class DomainAdminForm(SeenForm):
    """Two site admins may have one domain open: a colleague's save since (another domain made primary, which
    demotes this one; a label, a mode) is told, not undone (`seen`)."""

    seen_fields = ["hostname", "label", "is_primary", "is_active", "mode", "position"]

    class Meta:
        model = Domain
        fields = ["hostname", "label", "is_primary", "is_active", "mode", "position"]

    def clean_hostname(self):
        return clean_domain_hostname(self.cleaned_data["hostname"])

    def clean(self):
        cleaned = super().clean()
        is_primary = cleaned.get("is_primary")
        was_primary = bool(self.instance.pk) and Domain.objects.filter(pk=self.instance.pk, is_primary=True).exists()
        other_primary = Domain.objects.filter(is_primary=True).exclude(pk=self.instance.pk).exists()
        if is_primary:
            if not cleaned.get("is_active"):
                self.add_error("is_active", _("The primary domain must be active."))
            if cleaned.get("mode") == Domain.Mode.REDIRECT:
                self.add_error("mode", _("The primary domain serves the site; only alternates redirect."))
        elif was_primary:
            self.add_error("is_primary", _(
                "There must be exactly one primary domain. To change it, open the domain that should "
                "become primary and tick “primary” there."
            ))
        elif not other_primary:
            self.add_error("is_primary", _("There is no primary domain yet: make this one primary."))
        self.refuse_if_changed()
        return cleaned

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        # Ticking "primary" on a mirror is how the primary changes: domain_save() demotes the old primary
        # in the same transaction. So the one-primary constraint is not checked here against the row
        # about to be demoted; clean() above gives the clear errors, and the database constraint stays
        # the backstop.
        exclude.add("is_primary")
        return exclude


class SiteSettingsForm(SeenChecked):
    """Two site admins may have the site settings open: a colleague's save since, of the name or of a platform
    link (its rows are edited in the same page), is told, not put back by a save of the rest."""

    seen_fields = ["site_name", "platform_links"]

    class Meta:
        model = SiteSettings
        fields = ["site_name"]

    def seen_value(self, row, name):
        if name == "platform_links":
            return list(row.platform_links.order_by("position", "pk").values_list("pk", "label", "url", "position"))
        return super().seen_value(row, name)

    def shown_value(self, row, name) -> str:
        if name == "platform_links":
            return ", ".join(f"{link.label} ({link.url})" for link in row.platform_links.order_by("position", "pk")) or "—"
        return super().shown_value(row, name)

    def label(self, name) -> str:
        return str(_("platform links")) if name == "platform_links" else super().label(name)
