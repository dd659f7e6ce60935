// SPDX-License-Identifier: Apache-2.0
// Evidence for people: a few frames around each failing event, re-read from the input (seeks,
// not a second pass), composed into a labelled strip and a thumbnail for the HTML page.
#include "media/report/evidence.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <deque>
#include <filesystem>
#include <optional>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "media/color/ycbcr.h"
#include "media/grade/composite.h"
#include "media/io/media_source.h"
#include "media/io/sequence_pattern.h"
#include "picture_png.h"

namespace media::report {

namespace {

namespace fs = std::filesystem;
using qc::CheckResult;
using qc::Event;
using qc::FileReport;

// Frames up to this far ahead are decoded through rather than sought: cheaper on long GOPs.
constexpr int64_t kDecodeAhead = 8;
constexpr int kStripMargin = 12;
// Pictures kept for reuse: checks often report the same frames (black, head_tail_black...).
constexpr size_t kRecentFrames = 8;

/// One event to show: where it sits in the report.
struct EventRef {
    size_t check = 0;
    size_t event = 0;
};

/// What one call produces, applied to the report only when every event succeeded.
struct Collected {
    std::vector<std::pair<size_t, std::string>> evidence;  ///< check index, file written
    std::vector<qc::Thumbnail> thumbnails;
};

Result<void> validate(const EvidenceOptions& o) {
    if (o.strip_frames < 1 || o.strip_frames > 64)
        return Error(ErrorCode::InvalidArgument, "evidence: strip_frames must be 1..64");
    if (o.tile_width < 16 || o.tile_width > 4096 || o.thumbnail_width < 16)
        return Error(ErrorCode::InvalidArgument,
                     "evidence: tile_width must be 16..4096 and thumbnail_width at least 16");
    if (o.max_events_per_check < 0)
        return Error(ErrorCode::InvalidArgument, "evidence: max_events_per_check must be >= 0");
    return ok();
}

bool shows_pictures(const CheckResult& check) {
    return check.verdict == qc::Verdict::Fail && check.category != "audio";
}

std::vector<EventRef> events_to_show(const FileReport& report, int max_per_check) {
    std::vector<EventRef> refs;
    for (size_t c = 0; c < report.checks.size(); ++c) {
        const CheckResult& check = report.checks[c];
        if (!shows_pictures(check)) continue;
        int taken = 0;
        for (size_t e = 0; e < check.events.size() && taken < max_per_check; ++e) {
            if (check.events[e].first_frame < 0) continue;
            refs.push_back({c, e});
            ++taken;
        }
    }
    return refs;
}

/// The frames of a strip: one before, `count - 2` spread from first to last, one after; clamped
/// to [0, frames) when the length is known (frames < 0: unknown), sorted, without repeats.
std::vector<int64_t> strip_frames(const Event& event, int count, int64_t frames) {
    const int64_t first = event.first_frame;
    const int64_t last = std::max(event.last_frame, first);
    std::vector<int64_t> picks;
    const int inside = count <= 2 ? count : count - 2;
    if (count > 2) picks.push_back(first - 1);
    for (int i = 0; i < inside; ++i) {
        const double t = inside == 1 ? 0.5 : double(i) / double(inside - 1);
        picks.push_back(first + std::llround(t * double(last - first)));
    }
    if (count > 2) picks.push_back(last + 1);
    for (int64_t& p : picks) p = std::max<int64_t>(0, frames > 0 ? std::min(p, frames - 1) : p);
    std::sort(picks.begin(), picks.end());
    picks.erase(std::unique(picks.begin(), picks.end()), picks.end());
    return picks;
}

/// The input, re-opened, handing out frames as small RgbFloat pictures.
struct FrameReader {
    MediaSource source;
    std::optional<Timecode> start;
    int max_width = 480;
    int64_t next = 0;          ///< what next_video_frame() returns now; -1 unknown
    std::deque<Frame> recent;  ///< the last pictures made, shrunk (shared handles)

    std::string timecode_of(int64_t index) const {
        return start ? (*start + index).to_string() : std::string();
    }

    // Brings the source to `index`: decoding through a few frames or seeking.
    Result<void> position(int64_t index) {
        if (next >= 0 && index >= next && index - next <= kDecodeAhead) {
            for (; next < index; ++next) {
                MEDIA_TRY_ASSIGN(std::optional<Frame> skipped, source.next_video_frame());
                if (!skipped) break;
            }
            if (next == index) return ok();
        }
        next = -1;
        MEDIA_TRY(source.seek(index));
        next = index;
        return ok();
    }

    /// Frame `index` shrunk to max_width; nullopt when the stream ends before it.
    Result<std::optional<Frame>> read(int64_t index) {
        for (const Frame& frame : recent)
            if (frame.index() == index) return std::optional<Frame>{frame};
        MEDIA_TRY_ASSIGN(std::optional<Frame> small, decode(index));
        if (small) {
            recent.push_back(*small);
            if (recent.size() > kRecentFrames) recent.pop_front();
        }
        return small;
    }

    Result<std::optional<Frame>> decode(int64_t index) {
        MEDIA_TRY(position(index));
        MEDIA_TRY_ASSIGN(std::optional<Frame> frame, source.next_video_frame());
        if (!frame) {
            next = -1;
            return std::optional<Frame>{};
        }
        next = index + 1;
        MEDIA_TRY_ASSIGN(Frame rgb, color::to_rgb_float(*frame));
        MEDIA_TRY_ASSIGN(Frame small, detail::shrink_rgb(rgb, max_width));
        small.set_index(index);
        return std::optional<Frame>{std::move(small)};
    }
};

Result<FrameReader> open_reader(const FileReport& report, const EvidenceOptions& options) {
    const std::string& path = report.analysis.facts.path;
    SourceOptions source_options;
    source_options.threads = 1;  // a handful of frames: threads would cost more than they save
    auto source = MediaSource::open(path, source_options);
    if (!source) return std::move(source).error().with_file(path).with_operation("evidence");
    if (!source->summary().has_video)
        return Error(ErrorCode::DecodeError, "no video stream to take evidence pictures from")
            .with_file(path);
    FrameReader reader{std::move(*source), {}, 2 * options.tile_width, 0, {}};
    reader.start = reader.source.summary().start_timecode;
    if (!reader.start) reader.start = report.analysis.facts.start_timecode;
    return reader;
}

int64_t frames_in_file(const FileReport& report, const FrameReader& reader) {
    if (report.analysis.stream.frames_decoded > 0) return report.analysis.stream.frames_decoded;
    return reader.source.summary().frame_count.value_or(-1);
}

// Captions are burned in with a Hershey font, which has ASCII only.
std::string ascii_text(std::string_view text) {
    static constexpr std::pair<std::string_view, std::string_view> kReplacements[] = {
        {"\u00b1", "+/-"}, {"\u2265", ">="}, {"\u2264", "<="}, {"\u2212", "-"},
        {"\u2013", "-"},   {"\u2014", "-"},  {"\u00d7", "x"},  {"\u00b0", " deg"},
        {"\u00b2", "2"},   {"\u00b5", "u"},  {"\u2026", "..."}};
    std::string out;
    for (size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
            out += byte < 0x20 ? ' ' : text[i];
            ++i;
            continue;
        }
        size_t length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
        length = std::min(length, text.size() - i);
        std::string_view replacement = "?";
        for (const auto& [from, to] : kReplacements)
            if (text.substr(i, length) == from) replacement = to;
        out += replacement;
        i += length;
    }
    return out;
}

// Letters, digits, '.', '_' and '-' only: ids and clip names become parts of file names.
std::string file_name_part(std::string_view text) {
    std::string out;
    for (const char c : text) {
        const bool safe =
            std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-';
        out += safe ? c : '_';
    }
    return out.empty() ? std::string("_") : out;
}

std::string frame_label(const FrameReader& reader, int64_t index) {
    const std::string timecode = reader.timecode_of(index);
    return timecode.empty() ? fmt::format("frame {}", index)
                            : fmt::format("{}  frame {}", timecode, index);
}

std::string event_end(const std::string& given, const FrameReader& reader, int64_t frame) {
    if (!given.empty()) return given;
    const std::string computed = reader.timecode_of(frame);
    return computed.empty() ? fmt::format("frame {}", frame) : computed;
}

std::string strip_title(const CheckResult& check, const Event& event, const FrameReader& reader) {
    std::string measured = event.detail;
    if (measured.empty() && event.value)
        measured = fmt::format("{:.4g}{}{}", *event.value + 0.0, check.unit.empty() ? "" : " ",
                               check.unit);
    if (measured.empty()) measured = check.measured_text;
    std::string title = fmt::format(
        "{} {}-{}: {}", check.id, event_end(event.first_timecode, reader, event.first_frame),
        event_end(event.last_timecode, reader, std::max(event.last_frame, event.first_frame)),
        measured);
    if (!check.threshold_text.empty()) title += " (limit " + check.threshold_text + ")";
    return ascii_text(title);
}

Result<std::vector<grade::ContactSheetTile>> read_tiles(FrameReader& reader,
                                                        const std::vector<int64_t>& frames) {
    std::vector<grade::ContactSheetTile> tiles;
    for (const int64_t index : frames) {
        MEDIA_TRY_ASSIGN(std::optional<Frame> picture, reader.read(index));
        if (!picture) break;  // past the end: the frames after it are too
        tiles.push_back({std::move(*picture), ascii_text(frame_label(reader, index))});
    }
    return tiles;
}

Result<void> write_strip(const std::vector<grade::ContactSheetTile>& tiles, std::string title,
                         const EvidenceOptions& options, const std::string& path) {
    grade::ContactSheetOptions sheet;
    sheet.columns = static_cast<int>(tiles.size());
    sheet.tile_width = options.tile_width;
    sheet.margin = kStripMargin;
    sheet.title = std::move(title);
    MEDIA_TRY_ASSIGN(Frame strip, grade::compose_contact_sheet(tiles, sheet));
    return detail::write_png_atomically(strip, path);
}

// The tile nearest the event's middle frame.
const grade::ContactSheetTile& middle_tile(const std::vector<grade::ContactSheetTile>& tiles,
                                           const Event& event) {
    const int64_t middle = (event.first_frame + std::max(event.last_frame, event.first_frame)) / 2;
    const auto distance = [middle](const grade::ContactSheetTile& t) {
        return std::abs(t.picture.index() - middle);
    };
    return *std::min_element(tiles.begin(), tiles.end(), [&](const auto& a, const auto& b) {
        return distance(a) < distance(b);
    });
}

Result<qc::Thumbnail> make_thumbnail(const CheckResult& check, const grade::ContactSheetTile& tile,
                                     const FrameReader& reader, const EvidenceOptions& options) {
    MEDIA_TRY_ASSIGN(Frame small, detail::shrink_rgb(tile.picture, options.thumbnail_width));
    MEDIA_TRY_ASSIGN(std::string png, detail::encode_png(small, options.dir));
    return qc::Thumbnail{check.id, tile.picture.index(), reader.timecode_of(tile.picture.index()),
                         std::move(png)};
}

std::string strip_path(const FileReport& report, const CheckResult& check, size_t event,
                       const EvidenceOptions& options) {
    const std::string name =
        fmt::format("{}.{}.{}.png", file_name_part(clip_name_of(report.analysis.facts.path)),
                    file_name_part(check.id), event + 1);
    return (fs::path(options.dir) / name).string();
}

Result<void> show_event(FrameReader& reader, const FileReport& report, const EventRef& ref,
                        const EvidenceOptions& options, int64_t frames, Collected& collected) {
    const CheckResult& check = report.checks[ref.check];
    const Event& event = check.events[ref.event];
    MEDIA_TRY_ASSIGN(const auto tiles,
                     read_tiles(reader, strip_frames(event, options.strip_frames, frames)));
    if (tiles.empty()) return ok();  // the event lies past the frames that can be read
    if (!options.dir.empty()) {
        const std::string path = strip_path(report, check, ref.event, options);
        MEDIA_TRY(write_strip(tiles, strip_title(check, event, reader), options, path));
        collected.evidence.emplace_back(ref.check, path);
    }
    if (options.thumbnails) {
        MEDIA_TRY_ASSIGN(qc::Thumbnail thumbnail,
                         make_thumbnail(check, middle_tile(tiles, event), reader, options));
        collected.thumbnails.push_back(std::move(thumbnail));
    }
    return ok();
}

Result<void> prepare_dir(const std::string& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir))
        return Error(ErrorCode::IoError, "cannot create the evidence folder: " + ec.message())
            .with_file(dir);
    return ok();
}

void discard(const Collected& collected) {
    std::error_code ec;
    for (const auto& [check, path] : collected.evidence) fs::remove(path, ec);
}

void apply(FileReport& report, Collected&& collected) {
    for (auto& [check, path] : collected.evidence)
        report.checks[check].evidence.push_back(std::move(path));
    for (qc::Thumbnail& thumbnail : collected.thumbnails)
        report.thumbnails.push_back(std::move(thumbnail));
}

}  // namespace

Result<void> collect_evidence(qc::FileReport& report, const EvidenceOptions& options) {
    MEDIA_TRY(validate(options));
    if (options.dir.empty() && !options.thumbnails) return ok();
    const std::vector<EventRef> events = events_to_show(report, options.max_events_per_check);
    if (events.empty()) return ok();
    MEDIA_TRY_ASSIGN(FrameReader reader, open_reader(report, options));
    if (!options.dir.empty()) MEDIA_TRY(prepare_dir(options.dir));
    const int64_t frames = frames_in_file(report, reader);
    Collected collected;
    for (const EventRef& ref : events) {
        if (auto shown = show_event(reader, report, ref, options, frames, collected); !shown) {
            discard(collected);
            Error error = std::move(shown).error();
            if (error.context().file.empty()) error.with_file(report.analysis.facts.path);
            return error;
        }
    }
    apply(report, std::move(collected));
    return ok();
}

}  // namespace media::report
