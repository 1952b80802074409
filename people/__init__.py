"""The newsroom's people as its rows record them. No app and no model: the accounts are django.contrib.auth's."""
