// SPDX-License-Identifier: Apache-2.0
// The "time" field of journal lines and progress events.
#pragma once

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

namespace media::batch {

/// The current UTC time as ISO 8601 with milliseconds: "2024-05-01T12:34:56.789Z".
inline std::string utc_timestamp_now() {
    using namespace std::chrono;
    const auto since_epoch = system_clock::now().time_since_epoch();
    const auto millis = duration_cast<milliseconds>(since_epoch).count();
    const auto seconds = static_cast<std::time_t>(millis / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                  static_cast<int>(millis % 1000));
    return text;
}

}  // namespace media::batch
