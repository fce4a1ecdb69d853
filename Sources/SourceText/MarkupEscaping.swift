/// Escaping for HTML and XML text and attribute values, shared by everything that writes markup
/// outside the template engine (feeds, alias pages, the map's SVG, the preview's error page).
public enum MarkupEscaping {
    /// `& < > " '` as `&amp; &lt; &gt; &quot; &#39;`. Characters XML 1.0 cannot hold at all (C0
    /// controls other than tab and line breaks, U+FFFE, U+FFFF) are dropped rather than written.
    /// Works on UTF-8 bytes: feeds escape whole page bodies.
    public static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { input in
            var out = [UInt8]()
            out.reserveCapacity(input.count + input.count / 8)
            var i = 0
            while i < input.count {
                let b = input[i]
                switch b {
                case UInt8(ascii: "&"): out += [0x26, 0x61, 0x6D, 0x70, 0x3B]           // &amp;
                case UInt8(ascii: "<"): out += [0x26, 0x6C, 0x74, 0x3B]                 // &lt;
                case UInt8(ascii: ">"): out += [0x26, 0x67, 0x74, 0x3B]                 // &gt;
                case UInt8(ascii: "\""): out += [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]    // &quot;
                case UInt8(ascii: "'"): out += [0x26, 0x23, 0x33, 0x39, 0x3B]           // &#39;
                case 0x09, 0x0A, 0x0D: out.append(b)
                case 0x00..<0x20: break
                case 0xEF where i + 2 < input.count && input[i + 1] == 0xBF && (input[i + 2] == 0xBE || input[i + 2] == 0xBF):
                    i += 2 // U+FFFE, U+FFFF
                default: out.append(b)
                }
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
