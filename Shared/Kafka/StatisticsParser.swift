import Foundation

/// Reads per-partition consumer lag out of librdkafka's statistics JSON
/// (`statistics.interval.ms`). Only partitions this member actively fetches count;
/// -1 means "not known yet" and is skipped.
public enum StatisticsParser {
    struct Stats: Decodable {
        struct Topic: Decodable { let partitions: [String: Partition] }
        struct Partition: Decodable {
            let partition: Int32
            let fetch_state: String?
            let consumer_lag: Int64?
            let consumer_lag_stored: Int64?
            let committed_offset: Int64?
            let hi_offset: Int64?
        }
        let topics: [String: Topic]?
    }

    public static func consumerLag(_ json: [UInt8]) throws -> [PartitionLag] {
        let stats = try JSONDecoder().decode(Stats.self, from: Data(json))
        var result: [PartitionLag] = []
        for (topic, t) in stats.topics ?? [:] {
            for p in t.partitions.values where p.partition >= 0 && p.fetch_state == "active" {
                guard let lag = p.consumer_lag ?? p.consumer_lag_stored, lag >= 0 else { continue }
                result.append(PartitionLag(topic: topic, partition: p.partition, lag: lag,
                                           committedOffset: p.committed_offset ?? -1, endOffset: p.hi_offset ?? -1))
            }
        }
        return result.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
    }
}
