import Foundation
import Logging

enum Output {
    /// A pretty JSON array on stdout, for `--json` flags (and jq). Keys are sorted so
    /// the output is the same from run to run.
    static func json(_ items: [some Encodable], encoder: JSONEncoder = JSONEncoder()) throws {
        if items.isEmpty { print("[]"); return }
        encoder.outputFormatting.formUnion([.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        print(String(decoding: try encoder.encode(items), as: UTF8.self))
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
