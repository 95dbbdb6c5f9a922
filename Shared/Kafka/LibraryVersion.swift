import CRdKafka

/// The librdkafka that is loaded at run time (not the one we compiled against).
public enum LibRdKafka {
    /// Older versions cannot talk to the local broker (ApiVersion v3 read underflow), so refuse them.
    public static let minimumVersion: Int32 = 0x0208_0000

    public static var version: Int32 { rd_kafka_version() }
    public static var versionString: String { String(cString: rd_kafka_version_str()) }

    /// Throws a clear error when the loaded library is older than 2.8.
    public static func requireSupportedVersion() throws {
        guard version >= minimumVersion else {
            throw KafkaError(message: """
                librdkafka \(versionString) is loaded, but 2.8.0 or newer is required. \
                Run scripts/setup.sh (installs 2.8.0 into /usr/local) and make sure it is found first \
                (ldconfig, or LD_LIBRARY_PATH=/usr/local/lib).
                """)
        }
    }
}
