import CRdKafka

/// Helpers around rd_kafka_topic_partition_list_t.
enum NativeLists {
    static func make(_ entries: [(TopicPartition, Int64?)]) -> UnsafeMutablePointer<rd_kafka_topic_partition_list_t> {
        let list = rd_kafka_topic_partition_list_new(Int32(max(entries.count, 1)))!
        for (tp, offset) in entries {
            let element = rd_kafka_topic_partition_list_add(list, tp.topic, tp.partition)!
            if let offset { element.pointee.offset = offset }
        }
        return list
    }

    static func read(_ list: UnsafePointer<rd_kafka_topic_partition_list_t>?) -> [(TopicPartition, Int64, rd_kafka_resp_err_t)] {
        guard let list else { return [] }
        var result: [(TopicPartition, Int64, rd_kafka_resp_err_t)] = []
        for i in 0..<Int(list.pointee.cnt) {
            let e = list.pointee.elems[i]
            result.append((TopicPartition(String(cString: e.topic), e.partition), e.offset, e.err))
        }
        return result
    }
}
