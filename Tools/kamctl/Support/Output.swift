import Foundation
import Logging

enum Output {
    /// Pretty JSON on stdout, for `--json` flags (and jq).
    static func json(_ value: some Encodable, encoder: JSONEncoder = JSONEncoder()) throws {
        encoder.outputFormatting.formUnion([.prettyPrinted, .withoutEscapingSlashes])
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// A note on stderr, so stdout stays clean for tables and JSON.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data("kamctl: \(text)\n".utf8))
    }

    /// Library logging on stderr and kept to warnings: a CLI's stdout is its answer.
    static func logger(_ label: String) -> Logger {
        var logger = Logger(label: "kamctl.\(label)") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .warning
        return logger
    }
}
