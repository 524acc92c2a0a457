"""A small shop with a web front end, a JSON API, reports and background jobs."""
