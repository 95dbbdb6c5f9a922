import Kafka

/// The human-readable form of `kamctl lag`.
enum LagReport {
    static func table(_ rows: [GroupPartitionLag]) -> String {
        if rows.isEmpty { return "no consumer group reads anything yet" }
        var table = TextTable("GROUP", "TOPIC", "PARTITION", "COMMITTED", "END", "LAG")
        for r in rows {
            // "-": the group never committed here; its lag counts from the log start.
            table.add(r.group, r.topic, "\(r.partition)", r.committedOffset >= 0 ? "\(r.committedOffset)" : "-", "\(r.endOffset)", "\(r.lag)")
        }
        let total = rows.reduce(Int64(0)) { $0 + $1.lag }
        let groups = Set(rows.map(\.group)).count
        return table.render() + "\nTOTAL LAG \(total) (\(plural(rows.count, "partition")), \(plural(groups, "group")))"
    }

    private static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}
