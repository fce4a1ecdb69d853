/// The Europe/Amsterdam time zone rules, built in so that builds do not depend on the
/// machine's time zone database (which may be missing): CET (UTC+1), and CEST (UTC+2) from
/// the last Sunday of March to the last Sunday of October, switching at 01:00 UTC (EU rule).
public enum EuropeAmsterdam {
    /// The date in Amsterdam at `secondsSince1970` (UTC).
    public static func date(atUnixTime seconds: Int) -> SiteDate {
        let utcDay = SiteDate(daysSinceEpoch: floorDiv(seconds, 86_400))
        let offset = isSummerTime(atUnixTime: seconds, year: utcDay.year) ? 7_200 : 3_600
        return SiteDate(daysSinceEpoch: floorDiv(seconds + offset, 86_400))
    }

    /// Whether CEST is in force at that instant.
    public static func isSummerTime(atUnixTime seconds: Int, year: Int) -> Bool {
        let start = transition(year: year, month: 3)
        let end = transition(year: year, month: 10)
        return seconds >= start && seconds < end
    }

    /// 01:00 UTC on the last Sunday of `month`, as a Unix time.
    private static func transition(year: Int, month: Int) -> Int {
        let last = SiteDate(year: year, month: month, day: 31)!
        let sunday = last.adding(days: -(last.isoWeekday % 7))
        return sunday.daysSinceEpoch * 86_400 + 3_600
    }

    private static func floorDiv(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    /// The VTIMEZONE component an iCalendar feed with `TZID=Europe/Amsterdam` carries (RFC 5545 §3.6.5).
    static let vtimezone: [String] = [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Amsterdam",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "TZNAME:CEST",
        "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "TZNAME:CET",
        "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]
}
