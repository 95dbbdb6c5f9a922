import Contracts
import Foundation
import Testing
@testable import Console

/// Money, dates and times as the console shows them.
@Suite struct FormatsTests {
    @Test(arguments: [
        (0, Language.ru, "0,00\u{00A0}₽"),
        (5, .ru, "0,05\u{00A0}₽"),
        (123_456_789, .ru, "1\u{00A0}234\u{00A0}567,89\u{00A0}₽"),
        (100_000, .ru, "1\u{00A0}000,00\u{00A0}₽"),
        (99_999, .ru, "999,99\u{00A0}₽"),
        (-123_456_789, .ru, "−1\u{00A0}234\u{00A0}567,89\u{00A0}₽"),
        (123_456_789, .en, "1,234,567.89\u{00A0}₽"),
        (Int(Int64.max), .en, "92,233,720,368,547,758.07\u{00A0}₽"),
    ])
    func money(kopecks: Int, language: Language, expected: String) {
        #expect(Formats.money(Money(kopecks: Int64(kopecks)), language) == expected)
    }

    @Test func dates() throws {
        let date = try BusinessDate(parsing: "2026-03-07")
        #expect(Formats.date(date, .ru) == "07.03.2026")
        #expect(Formats.date(date, .en) == "2026-03-07")
    }

    /// Times are read in the company time zone: 21:30 UTC is already the next day in Moscow.
    @Test func timesInTheCompanyZone() throws {
        let instant = try #require(ISO8601DateFormatter().date(from: "2026-11-30T21:30:00Z"))
        #expect(Formats.dateTime(instant, .ru, calendar: .moscow) == "01.12.2026 00:30")
        #expect(Formats.dateTime(instant, .en, calendar: try CompanyCalendar(identifier: "UTC")) == "2026-11-30 21:30")
    }
}

/// Every text exists in both languages, and the templates ask for no text that is missing.
@Suite struct TextsTests {
    @Test func bothLanguagesHaveTheSameKeys() {
        #expect(Set(Russian.texts.keys) == Set(English.texts.keys))
    }

    @Test func templatesUseOnlyKnownTexts() throws {
        let regex = try Regex(#"\{\{[#^/]?t\.([a-zA-Z0-9.]+)\}\}"#)
        #expect(Templates.all.values.map { $0.matches(of: regex).count }.reduce(0, +) > 50)
        for (name, source) in Templates.all {
            for match in source.matches(of: regex) {
                let key = String(source[match.range]).replacingOccurrences(of: "{{", with: "").replacingOccurrences(of: "}}", with: "")
                    .replacingOccurrences(of: "t.", with: "", options: .anchored)
                #expect(Russian.texts[key] != nil, "template \(name) uses \(key), which has no text")
            }
        }
    }

    @Test func nestedForMustache() {
        let nested = PageRenderer.nest(["a.b": "1", "a.c": "2", "d": "3"])
        #expect((nested["a"] as? [String: Any])?["b"] as? String == "1")
        #expect((nested["a"] as? [String: Any])?["c"] as? String == "2")
        #expect(nested["d"] as? String == "3")
    }
}

/// Forms, cookies and anti-forgery tokens.
@Suite struct FormAndCookieTests {
    @Test func formDecoding() {
        let form = FormFields(encoded: "login=kam-petrov&comment=%D0%B4%D0%B0+%D0%BE%D0%BA&empty=&csrf=a%2Bb&login=second")
        #expect(form["login"] == "kam-petrov")
        #expect(form["comment"] == "да ок")
        #expect(form["csrf"] == "a+b")
        #expect(form.text("empty") == nil)
        #expect(form["missing"] == nil)
    }

    @Test func tokensAreRandomAndCompareExactly() {
        let a = SessionCookies.randomToken(), b = SessionCookies.randomToken()
        #expect(a != b)
        #expect(a.count == 43)
        #expect(SessionCookies.same(a, a))
        #expect(!SessionCookies.same(a, b))
        #expect(!SessionCookies.same("", ""))
        #expect(!SessionCookies.same(a, String(a.dropLast())))
    }

    @Test func cookieAttributes() {
        #expect(SessionCookies.setCookie("kam_session", "x", maxAge: 60, secure: false)
                == "kam_session=x; Path=/; HttpOnly; SameSite=Strict; Max-Age=60")
        #expect(SessionCookies.setCookie("kam_session", "x", maxAge: nil, secure: true)
                == "kam_session=x; Path=/; HttpOnly; SameSite=Strict; Secure")
    }

    @Test func segmentsEncodeEverythingButUnreserved() {
        #expect(Backend.segment("C-1001") == "C-1001")
        #expect(Backend.segment("ООО Ромашка/1") == "%D0%9E%D0%9E%D0%9E%20%D0%A0%D0%BE%D0%BC%D0%B0%D1%88%D0%BA%D0%B0%2F1")
    }
}

/// What the hold queue and order pages show.
@Suite struct ViewModelTests {
    static func order(status: String, reasons: [String], approvedBy: String? = nil) -> OrderDetail {
        OrderDetail(orderId: "O-1", clientId: "C-1", kamId: "kam-1", status: status, placedAt: nil, businessDate: nil,
                    requestedDeliveryDate: nil, discountPercent: nil, requestedDiscountPercent: Percent(hundredths: 1250),
                    lines: [], total: Money(kopecks: 123_456), reasons: reasons.map { Reason(code: $0, message: $0) },
                    approvedBy: approvedBy, decidedAt: nil)
    }

    @Test(arguments: [
        ("on_hold", ["DISCOUNT_APPROVAL_REQUIRED"], nil as String?, true),
        ("on_hold", ["DISCOUNT_APPROVAL_REQUIRED"], "head-1", false),
        ("on_hold", ["CREDIT_LIMIT_EXCEEDED"], nil, false),
        ("received", ["DISCOUNT_APPROVAL_REQUIRED"], nil, false),
    ])
    func discountQueue(status: String, reasons: [String], approvedBy: String?, waits: Bool) {
        #expect(ViewModels.waitsForDiscount(Self.order(status: status, reasons: reasons, approvedBy: approvedBy)) == waits)
    }

    @Test func discountRowInRussian() {
        let row = ViewModels(language: .ru, calendar: .moscow)
            .discountHold(Self.order(status: "on_hold", reasons: ["DISCOUNT_APPROVAL_REQUIRED"]), canDecide: false)
        #expect(row["total"] as? String == "1\u{00A0}234,56\u{00A0}₽")
        #expect(row["discount"] as? String == "12,50\u{00A0}%")
        #expect(row["canDecide"] as? Bool == false)
        let reason = (row["reasons"] as? [[String: Any]])?.first
        #expect(reason?["label"] as? String == "Скидка выше полномочий менеджера")
        #expect(reason?["code"] as? String == "DISCOUNT_APPROVAL_REQUIRED")
    }
}

/// Typed amounts, months and the server-drawn charts.
@Suite struct InputAndChartTests {
    @Test(arguments: [
        ("1 500 000,50", "1500000.50"),
        ("1\u{00A0}500\u{00A0}000 ₽", "1500000"),
        ("750000.00", "750000.00"),
        ("  12,5 ", "12.5"),
    ])
    func typedAmounts(typed: String, wire: String) {
        #expect(Formats.typedAmount(typed) == wire)
    }

    @Test func businessMonth() throws {
        let instant = try #require(ISO8601DateFormatter().date(from: "2026-11-30T21:30:00Z"))
        #expect(Formats.month(of: instant, calendar: .moscow) == "2026-12")
        #expect(Formats.month(of: instant, calendar: try CompanyCalendar(identifier: "UTC")) == "2026-11")
    }

    @Test func barsScaleToTheLargestAndEscapeText() {
        let svg = Charts.bars([
            .init(label: "A<b>", value: 200, caption: "2 ₽", colour: "#123456"),
            .init(label: "B", value: 100, caption: "1 ₽", colour: "#654321"),
            .init(label: "C", value: 0, caption: "0 ₽", colour: "#000000"),
        ], title: "t\"x", width: 530)
        // 530 − 170 label − 160 caption = 200 px for the largest bar.
        #expect(svg.contains(#"width="200" height="20""#))
        #expect(svg.contains(#"width="100" height="20""#))
        #expect(svg.contains(#"width="0" height="20""#))
        #expect(svg.contains("A&lt;b&gt;"))
        #expect(svg.contains(#"aria-label="t&quot;x""#))
        #expect(!svg.contains("<b>"))
    }
}

/// The worklist's "why" in the reader's language, from receivables' inputs.
@Suite struct CollectionRowTests {
    @Test func whyInRussian() {
        let entry = CollectionList.Entry(
            clientId: "C-1", kamId: "kam-1", priority: 7, reason: "in English",
            inputs: .init(overdueAmount: Money(kopecks: 17_102_743), overdueInvoices: 2, oldestDaysOverdue: 54, dunningLevel: 3,
                          shareOnTimePct: Percent(hundredths: 6667)))
        let row = ViewModels(language: .ru, calendar: .moscow).collectionRow(entry, rank: 1)
        #expect(row["why"] as? String
                == "просрочка 171\u{00A0}027,43\u{00A0}₽ (счетов: 2, старейший — 54 дн.), уровень напоминаний 3, оплачено в срок: 66,67\u{00A0}%")
        #expect(row["reason"] as? String == "in English")
    }
}
