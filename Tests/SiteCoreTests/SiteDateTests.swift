import Testing
@testable import SiteCore

@Suite struct SiteDateTests {
    @Test(arguments: ["2017-06-16", "2016-02-29", "2000-02-29", "1999-12-31"])
    func realDaysParse(text: String) {
        #expect(SiteDate(parsing: text)?.description == text)
    }

    @Test(arguments: ["2017-13-01", "2017-02-29", "1900-02-29", "2017-6-16", "17-06-16", "2017/06/16", "2017-06-16 ", "", "2017-04-31"])
    func otherTextIsNoDate(text: String) {
        #expect(SiteDate(parsing: text) == nil)
    }

    @Test func epochDaysRoundTripAndWeekdays() {
        let d = SiteDate(year: 2017, month: 6, day: 16)!
        #expect(SiteDate(daysSinceEpoch: d.daysSinceEpoch) == d)
        #expect(d.isoWeekday == 5) // a Friday
        #expect(SiteDate(year: 2016, month: 10, day: 3)!.isoWeekday == 1) // a Monday
        #expect(SiteDate(year: 2016, month: 12, day: 31)!.adding(days: 1).description == "2017-01-01")
        #expect(SiteDate(year: 1969, month: 12, day: 31)!.daysSinceEpoch == -1)
    }

    @Test func timesParse() {
        #expect(SiteTime(parsing: "14:00")?.description == "14:00")
        #expect(SiteTime(parsing: "09:30") != nil)
        #expect(SiteTime(parsing: "24:00") == nil)
        #expect(SiteTime(parsing: "9:30") == nil)
        #expect(SiteTime(parsing: "12:60") == nil)
    }
}

@Suite struct EuropeAmsterdamTests {
    /// Unix time of a UTC wall-clock moment.
    func unix(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int = 0) -> Int {
        SiteDate(year: y, month: m, day: d)!.daysSinceEpoch * 86_400 + h * 3600 + min * 60
    }

    @Test func winterIsUTCPlusOne() {
        #expect(EuropeAmsterdam.date(atUnixTime: unix(2026, 12, 1, 22, 59)).description == "2026-12-01")
        #expect(EuropeAmsterdam.date(atUnixTime: unix(2026, 12, 1, 23, 0)).description == "2026-12-02")
    }

    @Test func summerIsUTCPlusTwo() {
        #expect(EuropeAmsterdam.date(atUnixTime: unix(2017, 6, 15, 21, 59)).description == "2017-06-15")
        #expect(EuropeAmsterdam.date(atUnixTime: unix(2017, 6, 15, 22, 0)).description == "2017-06-16")
    }

    @Test func switchesAtOneUTCOnTheLastSundays() {
        // 2026: last Sunday of March is the 29th, of October the 25th.
        #expect(!EuropeAmsterdam.isSummerTime(atUnixTime: unix(2026, 3, 29, 0, 59), year: 2026))
        #expect(EuropeAmsterdam.isSummerTime(atUnixTime: unix(2026, 3, 29, 1, 0), year: 2026))
        #expect(EuropeAmsterdam.isSummerTime(atUnixTime: unix(2026, 10, 25, 0, 59), year: 2026))
        #expect(!EuropeAmsterdam.isSummerTime(atUnixTime: unix(2026, 10, 25, 1, 0), year: 2026))
    }
}
