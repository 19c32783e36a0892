import CGavelZlib

/// Inflates `Content-Encoding: gzip` (or `deflate`) request bodies with the system zlib.
///
/// Exchanges compress large requests to save bandwidth; the bidder must bound what it
/// inflates, since a few kilobytes of gzip can expand to gigabytes.
enum Inflater {
    enum Failure: Error, Equatable {
        /// The inflated body would exceed the limit: answered with 413 like an oversized body.
        case tooLarge
        /// Not a gzip or zlib stream, truncated, or followed by trailing bytes.
        case corrupt
    }

    /// Inflates a whole gzip or zlib stream (zlib detects which from the header).
    static func inflate(_ input: UnsafeRawBufferPointer, limit: Int) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        // 15 window bits + 32: accept both gzip and zlib headers.
        guard inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt
        }
        defer { inflateEnd(&stream) }
        guard let base = input.baseAddress, !input.isEmpty else { throw .corrupt }
        stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)

        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let status = chunk.withUnsafeMutableBytes { buffer -> Int32 in
                stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(buffer.count)
                return CGavelZlib.inflate(&stream, Z_NO_FLUSH)
            }
            let produced = chunk.count - Int(stream.avail_out)
            guard output.count + produced <= limit else { throw .tooLarge }
            output.append(contentsOf: chunk[..<produced])
            switch status {
            case Z_STREAM_END:
                guard stream.avail_in == 0 else { throw .corrupt }
                return output
            case Z_OK:
                continue
            default:
                throw .corrupt
            }
        }
    }
}
