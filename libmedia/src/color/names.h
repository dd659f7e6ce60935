// SPDX-License-Identifier: Apache-2.0
// Names of transfer functions, gamuts and colour spaces compare without regard to ASCII case.
#pragma once

#include <string_view>

namespace media::color::detail {

inline bool same_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    const auto lower = [](char ch) {
        return (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
    };
    for (size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

}  // namespace media::color::detail
