// Sixteen bytes classified at once for GavelRTB's JSON scanner (Sources/GavelRTB/JSON/JSONScanner.swift)
// and its encoder's escape search (Sources/GavelRTB/Encoding/OpenRTBEncoder.swift).
// Swift's SIMD16<UInt8> comparisons compile to a loop over the lanes on x86_64 (no movemask), ≈ 150
// instructions for what SSE2 does in eight, so the scanner calls these header-only functions, which the
// compiler inlines into the Swift code. Without SSE2 a scalar loop gives the same masks.
#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>

static inline __m128i gavel_equal16(__m128i block, char byte) { return _mm_cmpeq_epi8(block, _mm_set1_epi8(byte)); }
#else
static inline uint32_t gavel_mask16(const void *bytes, int (*matches)(uint8_t)) {
    uint32_t mask = 0;
    for (int index = 0; index < 16; index++) {
        if (matches(((const uint8_t *)bytes)[index])) mask |= (uint32_t)1 << index;
    }
    return mask;
}

static inline int gavel_is_string_special(uint8_t byte) {
    return byte == '"' || byte == '\\' || byte < 0x20 || byte >= 0x80;
}

static inline int gavel_needs_escape(uint8_t byte) {
    return byte == '"' || byte == '\\' || byte < 0x20;
}

static inline int gavel_is_whitespace(uint8_t byte) {
    return byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r';
}
#endif

/// Bit i is set when byte i of the 16 at `bytes` is not plain string content: a quote, a backslash, a
/// control character (below 0x20) or a byte of a multi-byte UTF-8 sequence (0x80 and above).
/// `bytes` needs no alignment.
static inline uint32_t gavel_string_specials16(const void *bytes) {
#if defined(__SSE2__)
    __m128i block = _mm_loadu_si128((const __m128i *)bytes);
    // Signed: 0x80...0xFF are negative, so one comparison finds control characters and non-ASCII.
    __m128i belowSpace = _mm_cmplt_epi8(block, _mm_set1_epi8(0x20));
    __m128i escapes = _mm_or_si128(gavel_equal16(block, '"'), gavel_equal16(block, '\\'));
    return (uint32_t)_mm_movemask_epi8(_mm_or_si128(escapes, belowSpace));
#else
    return gavel_mask16(bytes, gavel_is_string_special);
#endif
}

/// Bit i is set when byte i of the 16 at `bytes` must be escaped in a JSON string: a quote, a
/// backslash or a control character (below 0x20). Bytes of 0x80 and above are copied as they are.
/// `bytes` needs no alignment.
static inline uint32_t gavel_json_escapes16(const void *bytes) {
#if defined(__SSE2__)
    __m128i block = _mm_loadu_si128((const __m128i *)bytes);
    // Unsigned: a byte is at most 0x1F when the smaller of it and 0x1F is itself.
    __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(block, _mm_set1_epi8(0x1F)), block);
    __m128i escapes = _mm_or_si128(gavel_equal16(block, '"'), gavel_equal16(block, '\\'));
    return (uint32_t)_mm_movemask_epi8(_mm_or_si128(escapes, control));
#else
    return gavel_mask16(bytes, gavel_needs_escape);
#endif
}

/// Bit i is set when byte i of the 16 at `bytes` is JSON whitespace: a space, a tab, a line feed or a
/// carriage return. `bytes` needs no alignment.
static inline uint32_t gavel_whitespace16(const void *bytes) {
#if defined(__SSE2__)
    __m128i block = _mm_loadu_si128((const __m128i *)bytes);
    __m128i blanks = _mm_or_si128(gavel_equal16(block, ' '), gavel_equal16(block, '\t'));
    __m128i breaks = _mm_or_si128(gavel_equal16(block, '\n'), gavel_equal16(block, '\r'));
    return (uint32_t)_mm_movemask_epi8(_mm_or_si128(blanks, breaks));
#else
    return gavel_mask16(bytes, gavel_is_whitespace);
#endif
}
