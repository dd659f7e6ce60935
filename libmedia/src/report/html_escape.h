// SPDX-License-Identifier: Apache-2.0
// Private to report/: putting text and bytes into HTML (and the inline SVG inside it) safely.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace media::report::detail {

/// `text` as HTML/XML character data or attribute value: & < > " ' become references, and
/// control characters XML forbids become U+FFFD, so the page also parses as XML.
inline std::string escape_html(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default: {
                const auto byte = static_cast<unsigned char>(c);
                const bool forbidden = byte < 0x20 && c != '\t' && c != '\n' && c != '\r';
                if (forbidden || byte == 0x7f) {
                    out += "\xEF\xBF\xBD";
                } else {
                    out += c;
                }
            }
        }
    }
    return out;
}

/// Standard base64 (RFC 4648, with padding) of `bytes`, for data: URIs.
inline std::string base64(std::string_view bytes) {
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const uint32_t v = uint32_t(uint8_t(bytes[i])) << 16 |
                           uint32_t(uint8_t(bytes[i + 1])) << 8 | uint32_t(uint8_t(bytes[i + 2]));
        out += kAlphabet[v >> 18 & 63];
        out += kAlphabet[v >> 12 & 63];
        out += kAlphabet[v >> 6 & 63];
        out += kAlphabet[v & 63];
    }
    const size_t rest = bytes.size() - i;
    if (rest == 0) return out;
    uint32_t v = uint32_t(uint8_t(bytes[i])) << 16;
    if (rest == 2) v |= uint32_t(uint8_t(bytes[i + 1])) << 8;
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += rest == 2 ? kAlphabet[v >> 6 & 63] : '=';
    out += '=';
    return out;
}

/// A data: URI holding `bytes` of the given MIME type (the page stays one self-contained file).
inline std::string data_uri(std::string_view mime, std::string_view bytes) {
    return "data:" + std::string(mime) + ";base64," + base64(bytes);
}

}  // namespace media::report::detail
