import Foundation

/// Reads per-partition consumer lag out of librdkafka's statistics JSON
/// (`statistics.interval.ms`). Only partitions this member actively fetches count. A
/// partition the group never committed has no lag of librdkafka's own (-1): its lag counts
/// from the log start (or from what this member already read), so waiting records show.
public enum StatisticsParser {
    struct Stats: Decodable {
        struct Topic: Decodable { let partitions: [String: Partition] }
        struct Partition: Decodable {
            let partition: Int32
            let fetch_state: String?
            let consumer_lag: Int64?
            let consumer_lag_stored: Int64?
            let committed_offset: Int64?
            let app_offset: Int64?
            let lo_offset: Int64?
            let hi_offset: Int64?
        }
        let topics: [String: Topic]?
    }

    public static func consumerLag(_ json: [UInt8]) throws -> [PartitionLag] {
        let stats = try JSONDecoder().decode(Stats.self, from: Data(json))
        var result: [PartitionLag] = []
        for (topic, t) in stats.topics ?? [:] {
            for p in t.partitions.values where p.partition >= 0 && p.fetch_state == "active" {
                guard let lag = lag(of: p) else { continue }
                result.append(PartitionLag(topic: topic, partition: p.partition, lag: lag,
                                           committedOffset: p.committed_offset ?? -1, endOffset: p.hi_offset ?? -1))
            }
        }
        return result.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
    }

    static func lag(of p: Stats.Partition) -> Int64? {
        if let lag = p.consumer_lag ?? p.consumer_lag_stored, lag >= 0 { return lag }
        // Never committed: from what this member read so far, else from the log start.
        guard let high = p.hi_offset, high >= 0, (p.committed_offset ?? -1) < 0 else { return nil }
        let from = [p.app_offset, p.lo_offset].compactMap { $0 }.first { $0 >= 0 }
        return from.map { max(high - $0, 0) }
    }
}
