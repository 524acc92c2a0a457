#!/usr/bin/env bash
# Django (Debian's python3-django) indexed from its package directory, as a user indexes
# a checkout of a package: the root holds __init__.py, so its modules are named django.*
# and Django's absolute imports of itself resolve. Server and client runs give the same
# graph; a few calls read off Django's source are in it.
set -euo pipefail
source "$(dirname "$0")/index_lib.bash"
django=/usr/lib/python3/dist-packages/django
[ -f "$django/db/models/query.py" ] || fail "Django is not installed at $django (scripts/install-deps.sh installs python3-django)"
ix_setup codecpg_cpg_django

q "SELECT status FROM codecpg.index_repo('django', '$django', '{\"exclude\": [\"*/locale/*\"]}')" >/dev/null
expect_eq "the root's package is detected" "django" \
    "$(q "SELECT root_package FROM codecpg.repositories WHERE repo = 'django'")"
expect_eq "modules are named django.*" "django.db.models.query" \
    "$(q "SELECT fqn FROM codecpg.cpg_scopes_v1 WHERE repo = 'django' AND path = 'db/models/query.py' AND scope_kind = 'MODULE'")"

callees() { q "SELECT string_agg(callee, ' ' ORDER BY callee) FROM codecpg.cpg_call_graph('$1') WHERE caller = '$2' AND call_kind = 'call'"; }
# QuerySet.filter: self._not_support_combined_queries('filter'); return self._filter_or_exclude(False, args, kwargs)
expect_eq "QuerySet.filter" \
    "django.db.models.query.QuerySet._filter_or_exclude django.db.models.query.QuerySet._not_support_combined_queries" \
    "$(callees django django.db.models.query.QuerySet.filter)"
expect_eq "QuerySet.exclude" \
    "django.db.models.query.QuerySet._filter_or_exclude django.db.models.query.QuerySet._not_support_combined_queries" \
    "$(callees django django.db.models.query.QuerySet.exclude)"
# QuerySet.get calls self.filter(...) and self._chain() among others
expect_eq "QuerySet.get calls filter and _chain" "2" \
    "$(q "SELECT count(*) FROM codecpg.cpg_call_graph('django') WHERE caller = 'django.db.models.query.QuerySet.get'
          AND callee IN ('django.db.models.query.QuerySet.filter', 'django.db.models.query.QuerySet._chain')")"
# absolute imports of Django by Django resolve to its modules, none is left external
expect_eq "no import of django.* is external" "0" \
    "$(q "SELECT count(*) FROM codecpg.cpg_call_graph('django') WHERE call_kind = 'import' AND callee_external AND callee LIKE 'django%'")"

# The client, from the same directory, gives the same graph.
codecpg index "$django" --repo django_client --exclude '*/locale/*' -j 2 -q
diff_rows=$(q "SELECT count(*) FROM ((SELECT caller, callee, call_kind, sites FROM codecpg.cpg_call_graph('django')
                                      EXCEPT ALL SELECT caller, callee, call_kind, sites FROM codecpg.cpg_call_graph('django_client'))
                                     UNION ALL
                                     (SELECT caller, callee, call_kind, sites FROM codecpg.cpg_call_graph('django_client')
                                      EXCEPT ALL SELECT caller, callee, call_kind, sites FROM codecpg.cpg_call_graph('django'))) d")
expect_eq "client and server graphs are equal" "0" "$diff_rows"
echo "cpg_django: ok"
