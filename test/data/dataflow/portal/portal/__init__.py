"""A web portal with Flask and Django views: link previews, greetings, feeds, redirects."""
