"""Workload for test/callgraph/project_recall.py: dateutil: parsing, relativedelta, rrule and rrulestr, time zones, easter."""
from dateutil import parser, relativedelta, rrule, tz, easter
import datetime
print(parser.parse("2020-01-02T03:04:05+01:00"), parser.parse("Jan 3 2021 10am"), parser.isoparse("2020-05-06T07:08:09Z"))
print(parser.parse("3rd of May 2001", fuzzy=True))
print(datetime.date(2020, 1, 31) + relativedelta.relativedelta(months=+1, weekday=relativedelta.FR(-1)))
print(list(rrule.rrule(rrule.WEEKLY, count=3, dtstart=datetime.datetime(2020, 1, 1))))
print(rrule.rrulestr("FREQ=DAILY;COUNT=2", dtstart=datetime.datetime(2020, 1, 1))[1])
z = tz.gettz("Europe/Paris"); print(datetime.datetime(2020, 6, 1, tzinfo=z).utcoffset(), tz.tzutc(), tz.tzoffset("X", 3600))
print(easter.easter(2024))
print(relativedelta.relativedelta(datetime.date(2021, 3, 1), datetime.date(2020, 1, 15)))
