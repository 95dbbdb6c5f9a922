import CRdKafka
import Foundation
import Logging

/// Routes librdkafka's own log lines into the service's structured log instead of raw
/// `%4|…` lines on stderr. librdkafka calls it from its internal threads.
class LogBridge: @unchecked Sendable {
    let logger: Logger

    init(logger: Logger) { self.logger = logger }

    /// Installs the bridge as the configuration's opaque and log callback. The bridge must
    /// outlive the client (its owner keeps it).
    func install(on conf: OpaquePointer) {
        rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(self).toOpaque())
        rd_kafka_conf_set_log_cb(conf) { rk, level, facility, message in
            guard let rk, let opaque = rd_kafka_opaque(rk) else { return }
            let bridge = Unmanaged<LogBridge>.fromOpaque(opaque).takeUnretainedValue()
            let text = message.map { String(cString: $0) } ?? ""
            let fac = facility.map { String(cString: $0) } ?? ""
            bridge.logger.log(level: LogBridge.level(syslog: level), "librdkafka: \(text)",
                              metadata: ["facility": "\(fac)", "client": "\(String(cString: rd_kafka_name(rk)))"])
        }
    }

    /// librdkafka uses syslog levels (0 emergency … 7 debug).
    static func level(syslog: Int32) -> Logger.Level {
        switch syslog {
        case ...3: .error
        case 4: .warning
        case 5: .notice
        case 6: .info
        default: .debug
        }
    }
}
