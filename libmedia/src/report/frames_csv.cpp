// SPDX-License-Identifier: Apache-2.0
// Per-frame CSV: one row per analysed frame, streamed to a temporary file beside the destination
// and renamed on commit(). Columns are documented in docs/qc-report.md; signal statistics keep
// the names ffmpeg's signalstats and QCTools use, so existing plotting scripts read them.
#include "media/report/frames_csv.h"

#include <array>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>

#include "media/io/temp_output.h"
#include "report_format.h"

namespace media::report {

using analysis::VideoMeasures;

namespace {

enum class Kind : bool { Number, Count };

// A column taken from VideoMeasures. Numbers are written with 6 significant digits (shortest
// form): a share keeps one pixel of an 8K frame (3e-8) and a code value its fraction, with no
// column of zeros; counts are written exactly.
struct MeasureColumn {
    const char* name;
    double (*get)(const VideoMeasures&);
    Kind kind = Kind::Number;
};

template <analysis::PlaneStats analysis::SignalStats::*plane, double analysis::PlaneStats::*field>
double plane_value(const VideoMeasures& m) {
    return (m.stats.*plane).*field;
}

using analysis::PlaneStats;
using analysis::SignalStats;

constexpr auto kMeasureColumns = std::to_array<MeasureColumn>({
    {"YMIN", plane_value<&SignalStats::y, &PlaneStats::min>},
    {"YLOW", plane_value<&SignalStats::y, &PlaneStats::low>},
    {"YAVG", plane_value<&SignalStats::y, &PlaneStats::avg>},
    {"YHIGH", plane_value<&SignalStats::y, &PlaneStats::high>},
    {"YMAX", plane_value<&SignalStats::y, &PlaneStats::max>},
    {"UMIN", plane_value<&SignalStats::u, &PlaneStats::min>},
    {"ULOW", plane_value<&SignalStats::u, &PlaneStats::low>},
    {"UAVG", plane_value<&SignalStats::u, &PlaneStats::avg>},
    {"UHIGH", plane_value<&SignalStats::u, &PlaneStats::high>},
    {"UMAX", plane_value<&SignalStats::u, &PlaneStats::max>},
    {"VMIN", plane_value<&SignalStats::v, &PlaneStats::min>},
    {"VLOW", plane_value<&SignalStats::v, &PlaneStats::low>},
    {"VAVG", plane_value<&SignalStats::v, &PlaneStats::avg>},
    {"VHIGH", plane_value<&SignalStats::v, &PlaneStats::high>},
    {"VMAX", plane_value<&SignalStats::v, &PlaneStats::max>},
    {"SATAVG", [](const VideoMeasures& m) { return m.stats.sat_avg; }},
    {"SATMAX", [](const VideoMeasures& m) { return m.stats.sat_max; }},
    {"HUEAVG", [](const VideoMeasures& m) { return m.stats.hue_avg; }},
    {"YDIF", [](const VideoMeasures& m) { return m.stats.ydif; }},
    {"UDIF", [](const VideoMeasures& m) { return m.stats.udif; }},
    {"VDIF", [](const VideoMeasures& m) { return m.stats.vdif; }},
    {"TOUT", [](const VideoMeasures& m) { return m.stats.tout; }},
    {"VREP", [](const VideoMeasures& m) { return m.stats.vrep; }},
    {"BRNG", [](const VideoMeasures& m) { return m.stats.brng; }},
    {"bit_depth", [](const VideoMeasures& m) { return static_cast<double>(m.stats.bit_depth); },
     Kind::Count},
    {"luma_below", [](const VideoMeasures& m) { return m.levels.luma_below; }},
    {"luma_above", [](const VideoMeasures& m) { return m.levels.luma_above; }},
    {"chroma_outside", [](const VideoMeasures& m) { return m.levels.chroma_outside; }},
    {"rgb_outside", [](const VideoMeasures& m) { return m.levels.rgb_outside; }},
    {"black_share", [](const VideoMeasures& m) { return m.levels.black_share; }},
    {"luma_min_percent", [](const VideoMeasures& m) { return m.levels.luma_min_percent; }},
    {"luma_max_percent", [](const VideoMeasures& m) { return m.levels.luma_max_percent; }},
    {"active_left", [](const VideoMeasures& m) { return static_cast<double>(m.active.left); },
     Kind::Count},
    {"active_top", [](const VideoMeasures& m) { return static_cast<double>(m.active.top); },
     Kind::Count},
    {"active_width", [](const VideoMeasures& m) { return static_cast<double>(m.active.width); },
     Kind::Count},
    {"active_height", [](const VideoMeasures& m) { return static_cast<double>(m.active.height); },
     Kind::Count},
    {"mafd", [](const VideoMeasures& m) { return m.mafd; }},
    {"blockiness", [](const VideoMeasures& m) { return m.blockiness; }},
    {"nonfinite", [](const VideoMeasures& m) { return static_cast<double>(m.nonfinite); },
     Kind::Count},
    {"max_cll", [](const VideoMeasures& m) { return m.light.max_cll; }},
    {"frame_average_light", [](const VideoMeasures& m) { return m.light.frame_average; }},
});

constexpr std::array<const char*, 5> kLeadColumns = {"file", "frame", "timecode", "seconds",
                                                     "corrupt"};
constexpr std::array<const char*, 4> kTailColumns = {"comb_type", "comb_score", "repeated_field",
                                                     "flash_luminance"};

std::string header_line() {
    std::string line;
    const auto add = [&line](const char* name) {
        line += (line.empty() ? "" : ",") + std::string(name);
    };
    for (const char* name : kLeadColumns) add(name);
    for (const MeasureColumn& column : kMeasureColumns) add(column.name);
    for (const char* name : kTailColumns) add(name);
    return line + "\n";
}

// RFC 4180: a field holding a comma, quote or line break is quoted, quotes doubled.
std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string_view field_type_name(analysis::FieldType type) {
    switch (type) {
        case analysis::FieldType::TopFirst:
            return "tff";
        case analysis::FieldType::BottomFirst:
            return "bff";
        case analysis::FieldType::Progressive:
            return "progressive";
        case analysis::FieldType::Undetermined:
            return "undetermined";
    }
    return "undetermined";
}

void append_measures(std::string& line, const VideoMeasures* measures) {
    for (const MeasureColumn& column : kMeasureColumns) {
        line += ',';
        if (!measures) continue;
        const double value = column.get(*measures);
        line +=
            column.kind == Kind::Count ? detail::fixed_text(value, 0) : detail::number_text(value);
    }
}

void append_tail(std::string& line, const FrameRow& row) {
    if (row.combing)
        line +=
            fmt::format(",{},{},{}", field_type_name(row.combing->type),
                        detail::number_text(row.combing->comb_score), row.combing->repeated_field);
    else
        line += ",,,";
    line += ',';
    if (row.flash_luminance >= 0.0) line += detail::number_text(row.flash_luminance);
}

std::string row_line(const FrameRow& row) {
    std::string line =
        fmt::format("{},{},{},{},{}", csv_field(row.file), row.frame, csv_field(row.timecode),
                    detail::fixed_text(row.seconds, 6), row.corrupt ? 1 : 0);
    append_measures(line, row.measures);
    append_tail(line, row);
    return line + "\n";
}

Error io_error(const std::string& path, std::string_view what) {
    return Error(ErrorCode::IoError, fmt::format("{}: {}", what, std::strerror(errno)))
        .with_file(path)
        .with_operation("write frames CSV");
}

}  // namespace

// Owns the temporary file: closing and removing it here covers every way a writer can end
// without commit() (early return, error, moved-from writers hold no state).
struct FramesCsvWriter::State {
    std::string final_path;
    std::string temporary_path;
    std::FILE* file = nullptr;
    bool committed = false;

    ~State() {
        if (file) std::fclose(file);
        if (!committed) io::remove_quietly(temporary_path);
    }

    Result<void> put(std::string_view text) {
        if (!file)
            return Error(ErrorCode::InvalidArgument, "frames CSV already committed")
                .with_file(final_path);
        if (std::fwrite(text.data(), 1, text.size(), file) != text.size())
            return io_error(final_path, "cannot write the frames CSV");
        return ok();
    }
};

Result<FramesCsvWriter> FramesCsvWriter::create(const std::string& path) {
    MEDIA_TRY(io::check_output_folder(path));
    auto state = std::make_unique<State>();
    state->final_path = path;
    state->temporary_path = io::temporary_path_for(path);
    state->file = std::fopen(state->temporary_path.c_str(), "wbx");
    if (!state->file) return io_error(path, "cannot create the frames CSV");
    MEDIA_TRY(state->put(header_line()));
    return FramesCsvWriter(std::move(state));
}

FramesCsvWriter::FramesCsvWriter(std::unique_ptr<State> state) : m_state(std::move(state)) {}
FramesCsvWriter::FramesCsvWriter(FramesCsvWriter&&) noexcept = default;
FramesCsvWriter& FramesCsvWriter::operator=(FramesCsvWriter&&) noexcept = default;
FramesCsvWriter::~FramesCsvWriter() = default;

Result<void> FramesCsvWriter::write(const FrameRow& row) {
    if (!m_state) return Error(ErrorCode::InvalidArgument, "frames CSV writer was moved from");
    return m_state->put(row_line(row));
}

Result<void> FramesCsvWriter::commit() {
    if (!m_state) return Error(ErrorCode::InvalidArgument, "frames CSV writer was moved from");
    State& state = *m_state;
    if (!state.file)
        return Error(ErrorCode::InvalidArgument, "frames CSV already committed")
            .with_file(state.final_path);
    const bool flushed = std::fflush(state.file) == 0;
    const bool closed = std::fclose(state.file) == 0;
    state.file = nullptr;
    if (!flushed || !closed) return io_error(state.final_path, "cannot finish the frames CSV");
    MEDIA_TRY(io::commit_output(state.temporary_path, state.final_path));
    state.committed = true;
    return ok();
}

}  // namespace media::report
