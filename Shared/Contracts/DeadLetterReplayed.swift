import Foundation

/// `kam.deadletter.replays.v1` — one replay of a dead letter by `kamctl deadletters replay`,
/// keyed by the dead letter's id on one partition so a letter's replays stay in order. Only
/// kamctl writes and reads this topic; the services never see it.
public struct DeadLetterReplayed: MessagePayload, Equatable {
    public static let messageType = "DeadLetterReplayed"

    /// The dead letter's message id on kam.deadletter.v1.
    public var deadLetterId: String
    public var service: String
    public var consumerGroup: String
    /// Where the original was read, and where the replay went (the same topic).
    public var sourceTopic: String
    public var sourcePartition: Int32
    public var sourceOffset: Int64
    public var key: String?
    public var valueSize: Int
    public var valueSha256: String
    public var replayedBy: String
    public var host: String
    public var replayedAt: Date
    public var reason: String?

    public init(deadLetterId: String, service: String, consumerGroup: String, sourceTopic: String,
                sourcePartition: Int32, sourceOffset: Int64, key: String?, valueSize: Int, valueSha256: String,
                replayedBy: String, host: String, replayedAt: Date, reason: String?) {
        self.deadLetterId = deadLetterId
        self.service = service
        self.consumerGroup = consumerGroup
        self.sourceTopic = sourceTopic
        self.sourcePartition = sourcePartition
        self.sourceOffset = sourceOffset
        self.key = key
        self.valueSize = valueSize
        self.valueSha256 = valueSha256
        self.replayedBy = replayedBy
        self.host = host
        self.replayedAt = replayedAt
        self.reason = reason
    }

    public func validate() throws(ContractError) {
        for (value, path) in [(deadLetterId, "deadLetterId"), (sourceTopic, "sourceTopic"), (replayedBy, "replayedBy")]
        where value.isEmpty {
            throw ContractError("\(path): must not be empty")
        }
    }
}
