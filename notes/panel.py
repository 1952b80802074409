"""What the story's page on the desk shows of its notes: the threads and the forms to add to them."""
from django.urls import reverse

from articles.permissions import can_publish

from .forms import NoteForm, ReplyForm
from .services import can_note, thread_list


def reply_form(note, draft) -> ReplyForm:
    form = ReplyForm(draft["data"] if draft else None, auto_id=f"id_reply_{note.pk}_%s")
    if draft:
        form.is_valid()  # shows why it was refused, with the text
    return form


def notes_panel(request, article) -> dict:
    """Return the notes panel's context, or {} for a story `request.user` may not read notes on."""
    if article.pk is None or not can_note(request.user, article):
        return {}
    draft = request.session.pop("notes_draft", None)  # a refused note comes back with its error (notes/admin.py)
    form = None
    draft = draft if draft and draft.get("article") == article.pk else None
    reply_draft = draft.pop("reply_to", None) if draft else None
    if draft and reply_draft is None:
        form = NoteForm(draft["data"], auto_id="id_note_%s")
        form.is_valid()
        for name, errors in draft.get("errors", {}).items():
            form.add_error(name if name in form.fields else None, errors)
    form = form or NoteForm(auto_id="id_note_%s")
    if not can_publish(request.user):
        del form.fields["blocking"]  # only editors hold a story back
    threads = thread_list(article=article, by=request.user)
    return {
        "form": form,
        "add_url": reverse("admin:notes_note_add_to", args=[article.pk]),
        "threads": [
            {
                "note": note,
                "reply_form": reply_form(note, draft if note.pk == reply_draft else None),
                "reply_url": reverse("admin:notes_note_reply", args=[note.pk]),
                "toggle_url": reverse("admin:notes_note_reopen" if note.is_resolved else "admin:notes_note_resolve", args=[note.pk]),
            }
            for note in threads
        ],
        "open_count": sum(1 for note in threads if not note.is_resolved),
    }
