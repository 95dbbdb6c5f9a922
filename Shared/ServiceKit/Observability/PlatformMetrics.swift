import Foundation
import Kafka
import Prometheus

/// The metrics every service exposes on /metrics (SPEC §7).
public final class PlatformMetrics: @unchecked Sendable {
    public let registry: PrometheusCollectorRegistry
    private let lock = NSLock()
    private var lagGauges: [String: Gauge] = [:]
    private let backlog: Gauge
    private let publishedTotal: Counter
    private let refusedTotal: Counter
    private let assigned: Gauge
    private let batchSeconds: DurationHistogram

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        backlog = registry.makeGauge(descriptor: Self.describe("kam_outbox_backlog", "Outbox rows not yet published"))
        publishedTotal = registry.makeCounter(descriptor: Self.describe("kam_outbox_published_total", "Outbox rows published to Kafka"))
        assigned = registry.makeGauge(descriptor: Self.describe(
            "kam_consumer_assigned_partitions", "Partitions this service's consumer holds (0: it consumes nothing)"))
        refusedTotal = registry.makeCounter(descriptor: Self.describe(
            "kam_outbox_refused_total", "Outbox rows the broker refused for good (kept in outbox_refused)"))
        batchSeconds = registry.makeDurationHistogram(
            descriptor: Self.describe("kam_message_processing_seconds", "Time to process one consumed batch (decode, handle, commit)"),
            buckets: [.milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                      .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5)])
    }

    public func processed(topic: String, outcome: String) {
        registry.makeCounter(descriptor: Self.describe("kam_messages_processed_total", "Consumed messages by topic and outcome"), labels: [("topic", topic), ("outcome", outcome)]).increment()
        if outcome == "dead_lettered" {
            registry.makeCounter(descriptor: Self.describe("kam_dead_letters_total", "Messages sent to kam.deadletter.v1"), labels: [("topic", topic)]).increment()
        }
    }

    func observeBatch(_ duration: Duration, count: Int) { batchSeconds.record(duration) }

    /// Per-stage time of a consumed batch or an outbox round (`part` consumer or relay).
    public func observeStages(_ laps: [(String, Duration)], in part: String) {
        for (stage, duration) in laps {
            registry.makeDurationHistogram(
                descriptor: Self.describe("kam_stage_seconds", "Time per stage of a consumed batch or an outbox round"),
                labels: [("part", part), ("stage", stage)], buckets: Self.stageBuckets).record(duration)
        }
    }

    static let stageBuckets: [Duration] = [.microseconds(250), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
                                           .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1)]
    func outboxBacklog(_ rows: Int) { backlog.set(Int64(rows)) }
    func published(count: Int) { publishedTotal.increment(by: Int64(count)) }
    func refused(count: Int) { refusedTotal.increment(by: Int64(count)) }

    /// Mirrors librdkafka's per-partition lag into kam_consumer_lag{group,topic,partition}.
    func updateLag(group: String, _ lag: [PartitionLag]) {
        lock.withLock {
            var seen = Set<String>()
            for entry in lag {
                let key = "\(entry.topic)/\(entry.partition)"
                seen.insert(key)
                let gauge = lagGauges[key] ?? registry.makeGauge(descriptor: Self.describe("kam_consumer_lag", "Consumer lag in messages per partition"), labels: [("group", group), ("topic", entry.topic), ("partition", String(entry.partition))])
                lagGauges[key] = gauge
                gauge.set(entry.lag)
            }
            for (key, gauge) in lagGauges where !seen.contains(key) {
                registry.unregisterGauge(gauge)
                lagGauges[key] = nil
            }
        }
    }

    func clearLag() {
        updateLag(group: "", [])
        assignedPartitions(0)
    }

    func assignedPartitions(_ count: Int) { assigned.set(Int64(count)) }

    static func describe(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }

    public func render() -> [UInt8] { registry.emitToBuffer() }
}
