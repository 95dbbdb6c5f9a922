@testable import Kafka
import Testing

@Suite("librdkafka statistics → lag")
struct StatisticsParserTests {
    @Test("only active partitions with a known lag count")
    func parse() throws {
        let json = """
        {"name":"c#consumer-1","type":"consumer","topics":{"erp.orders.v1":{"topic":"erp.orders.v1","partitions":{
          "0":{"partition":0,"fetch_state":"active","consumer_lag":12,"consumer_lag_stored":10,"committed_offset":88,"hi_offset":100},
          "1":{"partition":1,"fetch_state":"none","consumer_lag":-1,"committed_offset":-1001,"hi_offset":-1},
          "2":{"partition":2,"fetch_state":"active","consumer_lag":-1,"consumer_lag_stored":-1,"committed_offset":-1001,"hi_offset":-1},
          "-1":{"partition":-1,"fetch_state":"none","consumer_lag":-1}}}}}
        """
        let lag = try StatisticsParser.consumerLag(Array(json.utf8))
        #expect(lag == [PartitionLag(topic: "erp.orders.v1", partition: 0, lag: 12, committedOffset: 88, endOffset: 100)])
    }

    @Test("a partition never committed counts from what was read, else from the log start")
    func neverCommitted() throws {
        let json = """
        {"topics":{"t":{"partitions":{
          "0":{"partition":0,"fetch_state":"active","consumer_lag":-1,"committed_offset":-1001,"app_offset":-1001,"lo_offset":5,"hi_offset":50},
          "1":{"partition":1,"fetch_state":"active","consumer_lag":-1,"committed_offset":-1001,"app_offset":30,"lo_offset":0,"hi_offset":50},
          "2":{"partition":2,"fetch_state":"active","consumer_lag":-1,"committed_offset":-1001,"lo_offset":-1,"hi_offset":-1}}}}}
        """
        let lag = try StatisticsParser.consumerLag(Array(json.utf8))
        #expect(lag.map { "\($0.partition):\($0.lag):\($0.committedOffset)" } == ["0:45:-1001", "1:20:-1001"])
    }
}

/// The topics of a group member's subscription, as DescribeGroups returns it.
@Suite struct ConsumerSubscriptionTests {
    /// version 1, topics ["erp.orders.v1", "kam.x"], then user data and owned partitions.
    static let metadata: [UInt8] = [0, 1, 0, 0, 0, 2]
        + [0, 13] + Array("erp.orders.v1".utf8) + [0, 5] + Array("kam.x".utf8)
        + [0xFF, 0xFF, 0xFF, 0xFF] + [0, 0, 0, 0]

    @Test func readsTheTopics() {
        #expect(ConsumerSubscription.topics(Self.metadata) == ["erp.orders.v1", "kam.x"])
    }

    @Test func malformedInputGivesWhatCouldBeRead() {
        #expect(ConsumerSubscription.topics([]) == [])
        #expect(ConsumerSubscription.topics([0, 1, 0, 0, 0, 2, 0, 13, 0x65]) == [])
        #expect(ConsumerSubscription.topics(Array(Self.metadata.prefix(21))) == ["erp.orders.v1"])
    }
}
