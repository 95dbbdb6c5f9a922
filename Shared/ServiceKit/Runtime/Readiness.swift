import Kafka

/// `/health/ready` (SPEC §6): the database answers, migrations are applied (the service
/// would not run otherwise), the consumer holds partitions, and neither message handling
/// nor publishing has been failing for more than a moment. The body says which is not.
public struct Readiness: Sendable {
    let database: DatabaseProbe
    let consumer: KafkaConsumer
    let components: [ComponentHealth]

    public struct Report: Sendable {
        public var ready: Bool
        public var body: [String: String]
    }

    public func report() -> Report {
        var body = ["migrations": "applied"]
        var ready = true
        if let problem = database.problem() {
            body["database"] = problem
            ready = false
        } else {
            body["database"] = "ok"
        }
        let partitions = consumer.assignment.count
        if partitions > 0 {
            body["consumer"] = "assigned \(partitions) partitions"
        } else {
            body["consumer"] = consumer.isAssigned ? "no partitions assigned" : "waiting for assignment"
            ready = false
        }
        for component in components {
            if let problem = component.problem() {
                body[component.name] = problem
                ready = false
            } else {
                body[component.name] = "ok"
            }
        }
        return Report(ready: ready, body: body)
    }
}
