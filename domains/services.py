"""Writes to the domain list. Only site admins (superusers) manage domains: DESIGN.md, "Roles"."""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Domain


def can_manage_domains(user) -> bool:
    return bool(user.is_active and user.is_superuser)


@transaction.atomic
def domain_save(*, domain: Domain, by) -> Domain:
    """Save a domain; making it primary turns the current primary into an alternate, in one transaction."""
    if not can_manage_domains(by):
        raise PermissionDenied
    if domain.is_primary:
        # update() sends no signal; the save below invalidates the cached table for both rows.
        Domain.objects.select_for_update().filter(is_primary=True).exclude(pk=domain.pk).update(is_primary=False)
    elif domain.pk and Domain.objects.filter(pk=domain.pk, is_primary=True).exists():
        raise ValidationError(
            {"is_primary": _("The newsroom needs a primary domain: make another domain primary instead.")}
        )
    domain.full_clean()
    domain.save()
    return domain


@transaction.atomic
def domain_delete(*, domain: Domain, by) -> None:
    if not can_manage_domains(by):
        raise PermissionDenied
    if domain.is_primary:
        raise ValidationError(_("The primary domain cannot be deleted: make another domain primary first."))
    domain.delete()
