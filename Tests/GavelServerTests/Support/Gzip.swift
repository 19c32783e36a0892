import CGavelZlib

/// gzip-compresses `input` with the system zlib, as an exchange compresses a request body.
func gzip(_ input: [UInt8]) -> [UInt8] {
    var stream = z_stream()
    // 15 window bits + 16: write a gzip header and trailer rather than a zlib one.
    precondition(
        deflateInit2_(
            &stream,
            Z_BEST_SPEED,
            Z_DEFLATED,
            15 + 16,
            8,
            Z_DEFAULT_STRATEGY,
            zlibVersion(),
            Int32(MemoryLayout<z_stream>.size)
        ) == Z_OK
    )
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 32)
    var input = input
    let written = input.withUnsafeMutableBytes { source in
        output.withUnsafeMutableBytes { target in
            stream.next_in = source.baseAddress?.assumingMemoryBound(to: Bytef.self)
            stream.avail_in = uInt(source.count)
            stream.next_out = target.baseAddress?.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(target.count)
            precondition(deflate(&stream, Z_FINISH) == Z_STREAM_END)
            return target.count - Int(stream.avail_out)
        }
    }
    return Array(output[..<written])
}
