"""The demo newsroom's text, kept as data in newsroom.json: fictional reporting written for this project.

Sections, agencies, stories, photo captions, correction notes and the live story's entries and alert; the loaders beside this module
turn them into rows.
"""
import json
from pathlib import Path

_DATA = json.loads(Path(__file__).with_name("newsroom.json").read_text(encoding="utf-8"))

SECTIONS = _DATA["sections"]  # {slug, name, parent (slug or null), position}
AGENCIES = _DATA["agencies"]  # {short_name, name}
STORIES = _DATA["stories"]  # the first is the reference page (shared/DESIGN.md)
PHOTOS = _DATA["photos"]  # {slug, place: lead or body, scene, caption, alt_text, credit fields}
NOTES = _DATA["notes"]  # {slug, kind, minutes_after, text}
PLANNING = _DATA["planning"]  # assignments {slug, desk, assignees, due_in_hours, …} and notes on drafts
LIVE = _DATA["live"]  # the live story: {slug, entries: [{kind, minutes_after, author, headline, body, pinned?, photo?}], alert}
