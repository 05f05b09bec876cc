"""News phrasing -> interval cases for components.dates: Syria/Middle-East and general
English-language news, every category of CONVENTIONS.md (absolute, relative, modified,
vague, future tense), read against fixed anchors -- a Monday, a publication window, a leap
day, a year boundary, a month end.

Each expected value was derived by hand from ``../shared/benchmarks/CONVENTIONS.md``
(TimeML where it is silent) before the normalizer was run.  ``expected`` is
"earliest..latest [granularity MOD]" (DateResult.__str__); ``named`` is the named period
start..end (TIMEX3 value read as a period) when it differs from earliest..latest, else None.
"""
import pytest

from components.dates import normalize_date

MON = "2020-07-06"                  # Monday, ISO 2020-W28
WINDOW = "2020-07-05/2020-07-08"    # publication window Sunday..Wednesday
LEAP = "2020-02-29"                 # Saturday, leap day
NEW_YEAR = "2021-01-01"             # Friday, in ISO week 2020-W53
MONTH_END = "2019-03-31"            # Sunday, month end
SAT = "2018-10-06"                  # Saturday
YEAR_END = "2016-12-31"             # Saturday, year end

NEWS_CASES = [
    # text, anchor, context, expected, named
    # ---- absolute
    ("October 6, 2018", MON, "", "2018-10-06..2018-10-06 [day]", None),
    ("6 October", SAT, "", "2018-10-06..2018-10-06 [day]", None),
    ("On June 3", MON, "", "2020-06-03..2020-06-03 [day]", None),
    ("Today, on Saturday (October 6)", SAT, "", "2018-10-06..2018-10-06 [day]", None),
    ("in May", MON, "", "2020-05-01..2020-05-31 [month]", None),
    ("in May", LEAP, "Clashes erupted in May.", "2019-05-01..2019-05-31 [month]", None),
    ("in February 2023", MON, "", "2023-02-01..2023-02-28 [month]", None),
    ("2015", MON, "", "2015-01-01..2015-12-31 [year]", None),
    ("the 1990s", MON, "", "1990-01-01..1999-12-31 [decade]", None),
    ("the first quarter of 2019", MON, "", "2019-01-01..2019-03-31 [quarter]", None),
    ("the summer of 2018", MON, "", "2018-06-01..2018-08-31 [season]", None),
    ("the winter of 2019", MON, "", "2019-12-01..2020-02-29 [season]", None),
    ("2019-03-04", MON, "", "2019-03-04..2019-03-04 [day]", None),
    ("3/4/2019", MON, "", "2019-04-03..2019-04-03 [day]", None),
    ("mid-March 2020", MON, "", "2020-03-11..2020-03-20 [month MID]", "2020-03-01..2020-03-31"),
    ("the end of 2019", MON, "", "2019-09-01..2019-12-31 [year END]", "2019-01-01..2019-12-31"),
    ("late in September 2015", MON, "", "2015-09-21..2015-09-30 [month END]", "2015-09-01..2015-09-30"),
    ("in the last week of April", MON, "", "2020-04-24..2020-04-30 [week]", None),
    ("the first half of 2020", MON, "", "2020-01-01..2020-06-30 [half]", None),
    ("between 2014 and 2017", MON, "", "2014-01-01..2017-12-31 [span]", None),
    ("the 2011 uprising", MON, "", "2011-01-01..2011-12-31 [year]", None),
    ("February 29, 2020", LEAP, "", "2020-02-29..2020-02-29 [day]", None),
    ("Dec. 31, 2020", NEW_YEAR, "", "2020-12-31..2020-12-31 [day]", None),
    ("Sept. 11, 2001", MON, "", "2001-09-11..2001-09-11 [day]", None),
    ("11 September 2001", MON, "", "2001-09-11..2001-09-11 [day]", None),
    ("the 6th of October 2018", MON, "", "2018-10-06..2018-10-06 [day]", None),
    ("Saturday, October 6, 2018", MON, "", "2018-10-06..2018-10-06 [day]", None),
    ("Oct 2019", MON, "", "2019-10-01..2019-10-31 [month]", None),
    ("2020-07", MON, "", "2020-07-01..2020-07-06 [month]", "2020-07-01..2020-07-31"),
    ("summer 2019", MON, "", "2019-06-01..2019-08-31 [season]", None),
    ("spring 2020", MON, "", "2020-03-01..2020-05-31 [season]", None),
    ("Q3 2019", MON, "", "2019-07-01..2019-09-30 [quarter]", None),
    ("the second half of 2019", MON, "", "2019-07-01..2019-12-31 [half]", None),
    ("the early 2000s", MON, "", "2000-01-01..2003-12-31 [decade START]", "2000-01-01..2009-12-31"),
    ("the late 1990s", MON, "", "1997-01-01..1999-12-31 [decade END]", "1990-01-01..1999-12-31"),
    ("the mid-1980s", MON, "", "1983-01-01..1986-12-31 [decade MID]", "1980-01-01..1989-12-31"),
    ("early March 2011", MON, "", "2011-03-01..2011-03-10 [month START]", "2011-03-01..2011-03-31"),
    ("in late 2011", MON, "", "2011-09-01..2011-12-31 [year END]", "2011-01-01..2011-12-31"),
    ("the beginning of 2018", MON, "", "2018-01-01..2018-04-30 [year START]", "2018-01-01..2018-12-31"),
    ("in the middle of 2016", MON, "", "2016-05-01..2016-08-31 [year MID]", "2016-01-01..2016-12-31"),
    ("from 2012 to 2014", MON, "", "2012-01-01..2014-12-31 [span]", None),
    ("March 15, 2011", MON, "", "2011-03-15..2011-03-15 [day]", None),
    ("in March 2011", MON, "", "2011-03-01..2011-03-31 [month]", None),
    ("the year 2000", MON, "", "2000-01-01..2000-12-31 [year]", None),
    ("the first week of May 2019", MON, "", "2019-05-01..2019-05-07 [week]", None),
    ("between June 3 and June 5", MON, "", "2020-06-03..2020-06-05 [span]", None),
    ("from March 2019 to May 2020", MON, "", "2019-03-01..2020-05-31 [span]", None),
    ("2020-07-06T10:00:00Z", MON, "", "2020-07-06..2020-07-06 [day]", None),
    ("at the end of September 2015", MON, "", "2015-09-21..2015-09-30 [month END]", "2015-09-01..2015-09-30"),
    ("the last week of December 2020", NEW_YEAR, "", "2020-12-25..2020-12-31 [week]", None),
    ("15th March 2011", MON, "", "2011-03-15..2011-03-15 [day]", None),
    ("March 15th", MON, "", "2020-03-15..2020-03-15 [day]", None),
    ("on 5 July", WINDOW, "", "2020-07-05..2020-07-05 [day]", None),
    ("Monday, 17 August", "2020-08-19", "", "2020-08-17..2020-08-17 [day]", None),
    ("on Monday, August 17", "2020-08-19", "", "2020-08-17..2020-08-17 [day]", None),
    ("On Friday (October 5)", SAT, "", "2018-10-05..2018-10-05 [day]", None),
    ("in 2019 and 2020", MON, "", "2019-01-01..2020-07-06 [span]", "2019-01-01..2020-12-31"),
    ("the 80s", MON, "", "1980-01-01..1989-12-31 [decade]", None),
    ("the first half of last year", MON, "", "2019-01-01..2019-06-30 [half]", None),
    ("the second half of last year", MON, "", "2019-07-01..2019-12-31 [half]", None),
    ("the first half of the year", MON, "", "2020-01-01..2020-06-30 [half]", None),
    # ---- relative days / weekdays
    ("today", WINDOW, "", "2020-07-05..2020-07-08 [day]", None),
    ("yesterday", WINDOW, "", "2020-07-04..2020-07-07 [day]", None),
    ("the day before yesterday", LEAP, "", "2020-02-27..2020-02-27 [day]", None),
    ("tomorrow", YEAR_END, "", "2017-01-01..2017-01-01 [day]", None),
    ("last night", NEW_YEAR, "", "2020-12-31..2021-01-01 [day]", "2020-12-31..2020-12-31"),
    ("earlier today", MON, "", "2020-07-06..2020-07-06 [day START]", None),
    ("Friday dawn", MON, "", "2020-07-03..2020-07-03 [day]", None),
    ("at dawn on Friday", MON, "", "2020-07-03..2020-07-03 [day]", None),
    ("on Thursday evening", MON, "", "2020-07-02..2020-07-02 [day]", None),
    ("in the early hours of Sunday", MON, "", "2020-07-05..2020-07-05 [day]", None),
    ("in the early hours of Monday", MON, "", "2020-07-06..2020-07-06 [day]", None),
    ("on Saturday", LEAP, "", "2020-02-29..2020-02-29 [day]", None),
    ("on Saturday", MON, "Russian and Iranian officials will meet on Saturday.", "2020-07-11..2020-07-11 [day]", None),
    ("on Friday", MON, "The delegation is due to arrive on Friday.", "2020-07-10..2020-07-10 [day]", None),
    ("on Sunday", MON, "Elections are expected to take place on Sunday.", "2020-07-12..2020-07-12 [day]", None),
    ("last Friday", "2020-07-10", "", "2020-07-03..2020-07-03 [day]", None),
    ("next Monday", MON, "", "2020-07-13..2020-07-13 [day]", None),
    ("this Monday", "2020-07-08", "", "2020-07-06..2020-07-06 [day]", None),
    ("last Thursday", WINDOW, "", "2020-07-02..2020-07-02 [day]", None),
    ("on Tuesday", WINDOW, "", "2020-06-30..2020-07-07 [day]", None),
    ("late on Friday", MON, "", "2020-07-03..2020-07-03 [day END]", None),
    # ---- this/last/next period
    ("last week", NEW_YEAR, "", "2020-12-21..2020-12-27 [week]", None),
    ("this week", NEW_YEAR, "", "2020-12-28..2021-01-01 [week]", "2020-12-28..2021-01-03"),
    ("next week", NEW_YEAR, "", "2021-01-04..2021-01-10 [week]", None),
    ("last month", LEAP, "", "2020-01-01..2020-01-31 [month]", None),
    ("last month", MONTH_END, "", "2019-02-01..2019-02-28 [month]", None),
    ("this month", LEAP, "", "2020-02-01..2020-02-29 [month]", None),
    ("next month", NEW_YEAR, "", "2021-02-01..2021-02-28 [month]", None),
    ("last year", NEW_YEAR, "", "2020-01-01..2020-12-31 [year]", None),
    ("this year", NEW_YEAR, "", "2021-01-01..2021-01-01 [year]", "2021-01-01..2021-12-31"),
    ("next year", YEAR_END, "", "2017-01-01..2017-12-31 [year]", None),
    ("last quarter", NEW_YEAR, "", "2020-10-01..2020-12-31 [quarter]", None),
    ("this quarter", MON, "", "2020-07-01..2020-07-06 [quarter]", "2020-07-01..2020-09-30"),
    ("next quarter", MON, "", "2020-10-01..2020-12-31 [quarter]", None),
    ("last weekend", MON, "", "2020-07-04..2020-07-05 [weekend]", None),
    ("over the weekend", MON, "", "2020-07-04..2020-07-05 [weekend]", None),
    ("last summer", MON, "", "2019-06-01..2019-08-31 [season]", None),
    ("this summer", MON, "", "2020-06-01..2020-07-06 [season]", "2020-06-01..2020-08-31"),
    ("last spring", MON, "", "2020-03-01..2020-05-31 [season]", None),
    # ---- N units ago / later
    ("3 days ago", NEW_YEAR, "", "2020-12-29..2020-12-29 [day]", None),
    ("three days ago", LEAP, "", "2020-02-26..2020-02-26 [day]", None),
    ("10 days ago", "2020-03-05", "", "2020-02-24..2020-02-24 [day]", None),
    ("eleven days ago", MON, "", "2020-06-25..2020-06-25 [day]", None),
    ("two weeks ago", NEW_YEAR, "", "2020-12-14..2020-12-20 [week]", None),
    ("a week ago", MON, "", "2020-06-29..2020-07-05 [week]", None),
    ("a month ago", MONTH_END, "", "2019-02-01..2019-02-28 [month]", None),
    ("one month ago", LEAP, "", "2020-01-01..2020-01-31 [month]", None),
    ("six months ago", MON, "", "2020-01-01..2020-01-31 [month]", None),
    ("two years ago", NEW_YEAR, "", "2019-01-01..2019-12-31 [year]", None),
    ("a year ago", LEAP, "", "2019-01-01..2019-12-31 [year]", None),
    ("fifteen years ago", MON, "", "2005-01-01..2005-12-31 [year]", None),
    ("five days ago", WINDOW, "", "2020-06-30..2020-07-03 [day]", None),
    ("two days later", MON, "", "2020-07-08..2020-07-08 [day]", None),
    ("in two weeks", MON, "", "2020-07-20..2020-07-26 [week]", None),
    # ---- earlier/since/parts relative
    ("earlier this year", NEW_YEAR, "", "2021-01-01..2021-01-01 [year START]", "2021-01-01..2021-12-31"),
    ("earlier this month", MONTH_END, "", "2019-03-01..2019-03-31 [month START]", None),
    ("earlier this week", MON, "", "2020-07-06..2020-07-06 [week START]", "2020-07-06..2020-07-12"),
    ("late last year", NEW_YEAR, "", "2020-09-01..2020-12-31 [year END]", "2020-01-01..2020-12-31"),
    ("since 2017", MON, "", "2017-01-01..2020-07-06 [year ON_OR_AFTER]", "2017-01-01..2017-12-31"),
    ("since the beginning of the year", MON, "", "2020-01-01..2020-07-06 [year ON_OR_AFTER]", "2020-01-01..2020-12-31"),
    ("since the beginning of 2020", MON, "", "2020-01-01..2020-07-06 [year ON_OR_AFTER]", "2020-01-01..2020-12-31"),
    ("since mid-2018", MON, "", "2018-05-01..2020-07-06 [year ON_OR_AFTER]", "2018-01-01..2018-12-31"),
    ("since early June", MON, "", "2020-06-01..2020-07-06 [month ON_OR_AFTER]", "2020-06-01..2020-06-30"),
    ("since March", MON, "Fighting has continued since March.", "2020-03-01..2020-07-06 [month ON_OR_AFTER]", "2020-03-01..2020-03-31"),
    ("since last year", MON, "", "2019-01-01..2020-07-06 [year ON_OR_AFTER]", "2019-01-01..2019-12-31"),
    ("since last week", MON, "", "2020-06-29..2020-07-06 [week ON_OR_AFTER]", "2020-06-29..2020-07-05"),
    ("the end of last month", LEAP, "", "2020-01-21..2020-01-31 [month END]", "2020-01-01..2020-01-31"),
    ("at the end of last year", NEW_YEAR, "", "2020-09-01..2020-12-31 [year END]", "2020-01-01..2020-12-31"),
    ("at the beginning of this year", MON, "", "2020-01-01..2020-04-30 [year START]", "2020-01-01..2020-12-31"),
    ("in the middle of last month", MON, "", "2020-06-11..2020-06-20 [month MID]", "2020-06-01..2020-06-30"),
    ("late last month", MON, "", "2020-06-21..2020-06-30 [month END]", "2020-06-01..2020-06-30"),
    ("early last week", MON, "", "2020-06-29..2020-07-01 [week START]", "2020-06-29..2020-07-05"),
    ("the end of last week", MON, "", "2020-07-03..2020-07-05 [week END]", "2020-06-29..2020-07-05"),
    ("the middle of last year", MON, "", "2019-05-01..2019-08-31 [year MID]", "2019-01-01..2019-12-31"),
    ("early next year", MON, "", "2021-01-01..2021-04-30 [year START]", "2021-01-01..2021-12-31"),
    ("the beginning of next month", MON, "", "2020-08-01..2020-08-10 [month START]", "2020-08-01..2020-08-31"),
    ("early this month", MON, "", "2020-07-01..2020-07-06 [month START]", "2020-07-01..2020-07-31"),
    ("at the start of the month", MON, "", "2020-07-01..2020-07-06 [month START]", "2020-07-01..2020-07-31"),
    ("the end of June", MON, "", "2020-06-21..2020-06-30 [month END]", "2020-06-01..2020-06-30"),
    ("late January", LEAP, "", "2020-01-21..2020-01-31 [month END]", "2020-01-01..2020-01-31"),
    ("early December", NEW_YEAR, "", "2020-12-01..2020-12-10 [month START]", "2020-12-01..2020-12-31"),
    ("mid-September", MON, "Clashes erupted in mid-September.", "2019-09-11..2019-09-20 [month MID]", "2019-09-01..2019-09-30"),
    ("the first days of January", NEW_YEAR, "", "2021-01-01..2021-01-01 [month START]", "2021-01-01..2021-01-31"),
    ("in the spring", MON, "", "2020-03-01..2020-05-31 [season]", None),
    # ---- approx
    ("about two weeks ago", MON, "", "2020-06-19..2020-07-01 [week APPROX]", "2020-06-22..2020-06-28"),
    ("around 2015", MON, "", "2014-07-01..2016-06-30 [year APPROX]", "2015-01-01..2015-12-31"),
    ("approximately 10 days ago", MON, "", "2020-06-25..2020-06-27 [day APPROX]", "2020-06-26..2020-06-26"),
    ("about a month ago", MON, "", "2020-05-17..2020-07-06 [month APPROX]", "2020-06-01..2020-06-30"),
    ("roughly three years ago", MON, "", "2016-07-01..2018-06-30 [year APPROX]", "2017-01-01..2017-12-31"),
    # ---- vague spans
    ("a few days ago", NEW_YEAR, "", "2020-12-22..2020-12-30 [span]", None),
    ("several days ago", MON, "", "2020-06-26..2020-07-04 [span]", None),
    ("a couple of days ago", MON, "", "2020-06-26..2020-07-04 [span]", None),
    ("in recent days", LEAP, "", "2020-02-15..2020-02-29 [span]", None),
    ("in the past few days", MON, "", "2020-06-22..2020-07-06 [span]", None),
    ("over the last few days", MON, "", "2020-06-22..2020-07-06 [span]", None),
    ("some weeks ago", LEAP, "", "2019-11-29..2020-02-22 [span]", None),
    ("a few weeks ago", MON, "", "2020-04-06..2020-06-29 [span]", None),
    ("during the past hours", NEW_YEAR, "", "2020-12-31..2021-01-01 [span]", None),
    ("in the past 24 hours", WINDOW, "", "2020-07-04..2020-07-08 [span]", None),
    ("in the past 48 hours", MON, "", "2020-07-04..2020-07-06 [span]", None),
    ("over the last 72 hours", MON, "", "2020-07-03..2020-07-06 [span]", None),
    ("in the coming days", LEAP, "", "2020-02-29..2020-03-14 [span]", None),
    ("in the next few days", MON, "", "2020-07-06..2020-07-20 [span]", None),
    ("over the past two weeks", MON, "", "2020-06-22..2020-07-06 [span]", None),
    ("in the past two days", MON, "", "2020-07-04..2020-07-06 [span]", None),
    ("in the last two years", MON, "", "2018-07-06..2020-07-06 [span]", None),
    ("in recent months", MON, "", "2020-01-06..2020-07-06 [span]", None),
    ("in the past few weeks", MON, "", "2020-05-25..2020-07-06 [span]", None),
    ("in recent weeks", MON, "", "2020-05-25..2020-07-06 [span]", None),
    ("recently", LEAP, "", "2019-11-29..2020-02-29 [span]", None),
    ("a few months ago", MON, "", "2019-07-06..2020-06-06 [span]", None),
    ("in the coming weeks", MON, "", "2020-07-06..2020-09-06 [span]", None),
    ("in the coming months", MON, "", "2020-07-06..2021-01-06 [span]", None),
    ("in the coming hours", MON, "", "2020-07-06..2020-07-07 [span]", None),
    ("a few hours ago", MON, "", "2020-07-05..2020-07-06 [span]", None),
    # ---- future tense
    ("in May", MON, "Elections will be held in May.", "2021-05-01..2021-05-31 [month]", None),
    ("in June", MON, "The withdrawal is expected to be completed in June.", "2021-06-01..2021-06-30 [month]", None),
    ("on July 10", MON, "The talks are scheduled to begin on July 10.", "2020-07-10..2020-07-10 [day]", None),
    ("on June 3", MON, "The talks are expected to resume on June 3.", "2021-06-03..2021-06-03 [day]", None),
    ("in the next two weeks", MON, "", "2020-07-06..2020-07-20 [span]", None),
    ("later this month", MON, "", "2020-07-06..2020-07-31 [month END]", "2020-07-01..2020-07-31"),
    ("by the end of the year", MON, "The base will be completed by the end of the year.", "2020-09-01..2020-12-31 [year END]", "2020-01-01..2020-12-31"),
    ("the end of the month", MON, "The deal is set to expire at the end of the month.", "2020-07-21..2020-07-31 [month END]", "2020-07-01..2020-07-31"),
    ("next Tuesday", MON, "", "2020-07-07..2020-07-07 [day]", None),
    ("the first quarter", MON, "Profits fell in the first quarter.", "2020-01-01..2020-03-31 [quarter]", None),
    # ---- read wrongly or not at all before this review (see the rule comments)
    ("2020-07-06T10:00:00.000+03:00", MON, "", "2020-07-06..2020-07-06 [day]", None),
    ("in the last 48 hours", MON, "", "2020-07-04..2020-07-06 [span]", None),
    ("within hours", MON, "", "2020-07-06..2020-07-07 [span]", None),
    ("within days", MON, "", "2020-07-06..2020-07-20 [span]", None),
    ("the third quarter of last year", MON, "", "2019-07-01..2019-09-30 [quarter]", None),
    ("the last quarter of 2019", MON, "", "2019-10-01..2019-12-31 [quarter]", None),
    ("the first quarter of next year", MON, "", "2021-01-01..2021-03-31 [quarter]", None),
    ("Q1", MON, "", "2020-01-01..2020-03-31 [quarter]", None),
    ("the first three months of 2020", MON, "", "2020-01-01..2020-03-31 [span]", None),
    ("the first six months of the year", MON, "", "2020-01-01..2020-06-30 [span]", None),
    ("the last two weeks of June", MON, "", "2020-06-17..2020-06-30 [span]", None),
    ("the first week of the month", MON, "", "2020-07-01..2020-07-06 [week]", "2020-07-01..2020-07-07"),
    ("the last day of February", MON, "", "2020-02-29..2020-02-29 [day]", None),
    ("the last day of February", MONTH_END, "", "2019-02-28..2019-02-28 [day]", None),
    ("the first half of the 1990s", MON, "", "1990-01-01..1994-12-31 [decade START]", "1990-01-01..1999-12-31"),
    ("the second half of June", MON, "", "2020-06-16..2020-06-30 [month END]", "2020-06-01..2020-06-30"),
    ("the last half of the '80s", "1989-10-26", "", "1985-01-01..1989-10-26 [decade END]", "1980-01-01..1989-12-31"),
    ("from October 2019 to May 2020", MON, "", "2019-10-01..2020-05-31 [span]", None),
    ("October 2019 - May 2020", MON, "", "2019-10-01..2020-05-31 [span]", None),
    ("from October to December", MON, "", "2019-10-01..2019-12-31 [span]", None),
    ("October to December 2019", MON, "", "2019-10-01..2019-12-31 [span]", None),
    ("between October 2015 and 2017", MON, "", "2015-10-01..2017-12-31 [span]", None),
    ("mid-2015 to 2017", MON, "", "2015-05-01..2017-12-31 [span]", "2015-01-01..2017-12-31"),
    ("in the period between 2012 and 2015", MON, "", "2012-01-01..2015-12-31 [span]", None),
    ("2019-20", MON, "", "2019-01-01..2020-07-06 [span]", "2019-01-01..2020-12-31"),
    ("1943-44", MON, "", "1943-01-01..1944-12-31 [span]", None),
    ("winter 2015/16", MON, "", "2015-12-01..2016-02-29 [season]", None),
    ("the winter of 2015-2016", MON, "", "2015-12-01..2016-02-29 [season]", None),
    ("end-2019", MON, "", "2019-09-01..2019-12-31 [year END]", "2019-01-01..2019-12-31"),
    ("by end-March", MON, "The agreement will expire by end-March.", "2021-03-21..2021-03-31 [month END]", "2021-03-01..2021-03-31"),
    ("at around 3 a.m. on Friday", MON, "", "2020-07-03..2020-07-03 [day]", None),
    ("at 10:30 p.m. on Thursday", MON, "", "2020-07-02..2020-07-02 [day]", None),
    ("on Saturday at 5 pm", MON, "", "2020-07-04..2020-07-04 [day]", None),
    ("at 0300 GMT on Friday", MON, "", "2020-07-03..2020-07-03 [day]", None),
    ("Saturday, 4 July 2020, at 11:00", MON, "", "2020-07-04..2020-07-04 [day]", None),
    ("since the early hours of Sunday", MON, "", "2020-07-05..2020-07-06 [day ON_OR_AFTER]", "2020-07-05..2020-07-05"),
    ("the following spring", MON, "", "2021-03-01..2021-05-31 [season]", None),
    ("the 1990's", MON, "", "1990-01-01..1999-12-31 [decade]", None),
    ("in the 90's", MON, "", "1990-01-01..1999-12-31 [decade]", None),
    ("a year ago today", LEAP, "", "2019-02-28..2019-02-28 [day]", None),
    ("this day last year", LEAP, "", "2019-02-28..2019-02-28 [day]", None),
    ("a month ago today", "2020-03-31", "", "2020-02-29..2020-02-29 [day]", None),
    ("24 hours ago", MON, "", "2020-07-05..2020-07-05 [day]", None),
    ("10 hours ago", MON, "", "2020-07-05..2020-07-06 [day]", "2020-07-06..2020-07-06"),
    ("Thursday 4-10-2018", SAT, "", "2018-10-04..2018-10-04 [day]", None),
    ("mid-month", MON, "", "2020-07-11..2020-07-20 [month MID]", "2020-07-01..2020-07-31"),
    ("midweek", MON, "", "2020-07-08..2020-07-10 [week MID]", "2020-07-06..2020-07-12"),
]
assert len({c[:3] for c in NEWS_CASES}) == len(NEWS_CASES), "duplicate case"


@pytest.mark.parametrize("text, anchor, context, expected, named", NEWS_CASES,
                         ids=[f"{c[0]}@{c[1]}" + ("+ctx" if c[2] else "") for c in NEWS_CASES])
def test_news_phrase(text, anchor, context, expected, named):
    result = normalize_date(text, anchor, context)
    assert str(result) == expected, result.explanation or result.error
    assert f"{result.start}..{result.end}" == (named or expected.split(" [")[0]), result.explanation


NEWS_UNREADABLE = [
    # text, anchor, error fragment -- an error, never a guess
    ("for the first time since 2011", MON, "no date rule"),  # dropping "since" would leave a wrong date
    ("later that month", MON, "no date rule"),               # anaphoric: the month is in an earlier sentence
    ("2019-13", MON, "not a run of years"),
    ("the first year of the war", MON, "no date rule"),      # an event, not a period, is sliced
    ("the first half of the decade", MON, "no date rule"),   # "the first half" alone would be 2020-H1
    ("New Year's Day", MON, "no date rule"),                 # holidays are not read (not "year")
]
assert len({c[:2] for c in NEWS_UNREADABLE}) == len(NEWS_UNREADABLE), "duplicate case"


@pytest.mark.parametrize("text, anchor, fragment", NEWS_UNREADABLE, ids=[c[0] for c in NEWS_UNREADABLE])
def test_news_phrase_unreadable(text, anchor, fragment):
    result = normalize_date(text, anchor)
    assert not result.resolved and fragment in result.error, result.explanation
