"""No app: the desk's times, one way to say them and one box to type them in (desk.py), below every app that shows
or takes a time (photos' upload times as much as a story's schedule)."""
