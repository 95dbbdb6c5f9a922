import Foundation
import Contracts

/// Number formatting for the human-readable reports.
enum Fmt {
    /// "1 234 567.89": kopecks with thin groups of thousands.
    static func money(_ kopecks: Int64) -> String {
        let sign = kopecks < 0 ? "-" : ""
        let whole = String(kopecks.magnitude / 100)
        let fraction = kopecks.magnitude % 100
        var grouped = ""
        for (index, ch) in whole.enumerated() {
            if index > 0 && (whole.count - index) % 3 == 0 { grouped.append(" ") }
            grouped.append(ch)
        }
        return "\(sign)\(grouped).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// A wire money string ("12500.00") regrouped; unparseable text is shown as is.
    static func money(_ wire: String?) -> String {
        guard let wire else { return "-" }
        return (try? Money(parsing: wire)).map { money($0.kopecks) } ?? wire
    }

    /// A percentage string from the API, or "n/a" for null.
    static func percent(_ value: Any?) -> String {
        (value as? String).map { "\($0) %" } ?? "n/a"
    }

    static func seconds(_ d: Duration) -> String {
        let ms = d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000
        return "\(ms / 1000).\((ms % 1000) / 100) s"
    }

    static func padLeft(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}

/// Columns with numbers right-aligned (those whose header is listed in `right`).
struct AlignedTable {
    let header: [String]
    let right: Set<Int>
    var rows: [[String]] = []

    init(_ header: [String], right: Set<Int> = []) {
        self.header = header
        self.right = right
    }

    mutating func add(_ cells: [String]) { rows.append(cells) }

    func render(indent: String = "  ") -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { cells in
            let text = cells.enumerated().map { index, cell in
                if right.contains(index) { return Fmt.padLeft(cell, widths[index]) }
                return index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
            return indent + String(text.reversed().drop(while: { $0 == " " }).reversed())
        }.joined(separator: "\n")
    }
}
