import Foundation

/// Charts drawn on the server as inline SVG: no script, no image request.
enum Charts {
    struct Bar {
        var label: String
        /// In any unit; bars are scaled to the largest.
        var value: Int64
        /// What is written beside the bar.
        var caption: String
        /// A CSS colour.
        var colour: String
    }

    /// Horizontal bars, one a row, labels on the left and captions on the right.
    static func bars(_ bars: [Bar], title: String, width: Int = 720) -> String {
        let rowHeight = 30, labelWidth = 170, captionWidth = 160
        let plot = width - labelWidth - captionWidth
        let largest = max(bars.map(\.value).max() ?? 0, 1)
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="\(escape(title))" width="\(width)" \
        height="\(bars.count * rowHeight + 8)" viewBox="0 0 \(width) \(bars.count * rowHeight + 8)" class="chart">
        """
        for (i, bar) in bars.enumerated() {
            let y = i * rowHeight + 4
            // Integer arithmetic: no floating point anywhere near money.
            let length = bar.value <= 0 ? 0 : max(2, Int(Int64(plot) * bar.value / largest))
            svg += """
            <text x="\(labelWidth - 8)" y="\(y + 19)" text-anchor="end" font-size="13" fill="#5f6b7a">\(escape(bar.label))</text>\
            <rect x="\(labelWidth)" y="\(y + 4)" width="\(length)" height="\(rowHeight - 10)" rx="2" fill="\(escape(bar.colour))"/>\
            <text x="\(labelWidth + length + 6)" y="\(y + 19)" font-size="13" fill="#1d2733">\(escape(bar.caption))</text>
            """
        }
        return svg + "</svg>"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
