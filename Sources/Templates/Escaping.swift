// HTML escaping on UTF-8 bytes (content-model.md: `&amp; &lt; &gt; &quot; &#39;`).

@inline(__always) private func needsEscape(_ b: UInt8) -> Bool {
    b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27
}

@inline(__always) private func appendEntity(_ b: UInt8, _ out: inout [UInt8]) {
    switch b {
    case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
    case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
    case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
    case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
    default: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])  // &#39;
    }
}

func escapeHTML(buffer: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
    var runStart = 0
    let n = buffer.count
    var i = 0
    while i < n {
        let b = buffer[i]
        if needsEscape(b) {
            if i > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<i])) }
            appendEntity(b, &out)
            runStart = i + 1
        }
        i += 1
    }
    if n > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<n])) }
}

func escapeHTML(_ s: String, into out: inout [UInt8]) {
    var s = s
    s.withUTF8 { escapeHTML(buffer: $0, into: &out) }
}

func escapeHTML(bytes: [UInt8], into out: inout [UInt8]) {
    bytes.withUnsafeBufferPointer { escapeHTML(buffer: $0, into: &out) }
}

func escapeHTML(_ s: String) -> String {
    var s = s
    let clean = s.withUTF8 { buf in !buf.contains(where: needsEscape) }
    if clean { return s }
    var out: [UInt8] = []
    out.reserveCapacity(s.utf8.count + 16)
    escapeHTML(s, into: &out)
    return String(decoding: out, as: UTF8.self)
}
