"""Initial values from an add page's address that the form's own fields could not take are dropped."""
from django.core.exceptions import FieldDoesNotExist, ValidationError


class InitialFromAddress:
    """An admin mixin: `?story=abc` or `?article=²` on an add page opens the empty form instead of a 500.

    Django's admin takes initial values from the address as they come (`?authors=3,7` as a list), and its
    autocomplete widget looks the values up before the form ever validates them: a value the related key
    can't hold raised ValueError in the query. A value of the right type that names nothing still opens
    the form (the widget shows nothing; the form refuses it on save).
    """

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.opts.get_field(name)
            except FieldDoesNotExist:
                continue
            if not (field.is_relation and field.concrete):
                continue
            target = field.target_field
            try:
                for one in value if isinstance(value, list) else [value]:
                    converted = target.to_python(one)
                    target.run_validators(converted)  # the database's range: SQLite overflows past it
                    target.get_prep_value(converted)
            except (ValidationError, ValueError, TypeError):
                del initial[name]
        return initial
