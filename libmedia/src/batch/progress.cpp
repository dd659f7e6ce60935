// SPDX-License-Identifier: Apache-2.0
#include "media/batch/progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "utc_time.h"

namespace media::batch {

using nlohmann::ordered_json;

namespace {

constexpr double kTtyRedrawInterval = 0.1;
constexpr double kPlainStatusInterval = 5.0;
constexpr double kJsonProgressInterval = 1.0;
constexpr size_t kTtyNameWidth = 32;

double steady_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

bool is_terminal(std::FILE* stream) {
    const char* term = std::getenv("TERM");
    if (term && std::string_view(term) == "dumb") return false;
    return ::isatty(::fileno(stream)) != 0;
}

ProgressStyle resolve_style(ProgressStyle style, std::FILE* stream) {
    if (!stream) return ProgressStyle::None;
    if (style != ProgressStyle::Auto) return style;
    return is_terminal(stream) ? ProgressStyle::Tty : ProgressStyle::Plain;
}

size_t terminal_width(std::FILE* stream) {
    winsize size{};
    if (::ioctl(::fileno(stream), TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    return 80;
}

// Job names and messages come from file names: control characters (escape sequences, line
// breaks) would take over the terminal or break the one-line-per-event formats.
std::string printable(const std::string& text) {
    std::string out = text;
    for (char& c : out) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) c = '?';
    }
    return out;
}

// At most `bytes` bytes, never cutting a UTF-8 sequence.
std::string clip_utf8(const std::string& text, size_t bytes) {
    if (text.size() <= bytes) return text;
    size_t cut = bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut);
}

std::string format_duration(std::optional<double> seconds) {
    if (!seconds || !std::isfinite(*seconds) || *seconds < 0) return "--:--";
    const auto total = static_cast<int64_t>(std::llround(*seconds));
    if (total >= 3600)
        return fmt::format("{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60);
    return fmt::format("{}:{:02}", total / 60, total % 60);
}

ordered_json number_or_null(std::optional<double> value) {
    if (!value || !std::isfinite(*value)) return nullptr;
    return *value;
}

struct JobState {
    std::string name;
    std::optional<int64_t> total_frames;
    int64_t frames = 0;
    double started = 0;
    double last_json = 0;

    double fps(double now) const {
        const double elapsed = now - started;
        return elapsed > 0 ? static_cast<double>(frames) / elapsed : 0.0;
    }
    std::optional<double> fraction() const {
        if (!total_frames || *total_frames <= 0) return std::nullopt;
        return std::clamp(static_cast<double>(frames) / static_cast<double>(*total_frames), 0.0,
                          1.0);
    }
    std::optional<double> eta(double now) const {
        const double rate = fps(now);
        if (!total_frames || rate <= 0) return std::nullopt;
        return static_cast<double>(std::max<int64_t>(*total_frames - frames, 0)) / rate;
    }
};

}  // namespace

class ProgressReporter::Impl {
public:
    Impl(ProgressStyle style, int total_jobs, std::FILE* stream, ProgressClock clock)
        : m_style(resolve_style(style, stream)),
          m_total_jobs(total_jobs),
          m_stream(stream),
          m_clock(clock ? std::move(clock) : ProgressClock(steady_seconds)),
          m_started(m_clock()),
          m_last_status(m_started) {
        if (m_style == ProgressStyle::Tty) m_width = terminal_width(stream);
    }

    ProgressStyle style() const { return m_style; }
    void started(const std::string& job, std::optional<int64_t> total_frames);
    void progress(const std::string& job, int64_t frames);
    void finished(const std::string& job, bool ok, const std::string& message);
    void skipped(const std::string& job, const std::string& reason);
    void batch_finished(int done, int failed, int skipped, double seconds);

private:
    JobState& state_of(const std::string& job, double now);
    std::optional<JobState> take(const std::string& job);
    std::optional<double> batch_eta(double now) const;
    std::string counts_text() const;
    std::string job_line(const JobState& job, double now) const;
    void emit_json(ordered_json event);
    void plain_line(const std::string& line);
    void plain_status(double now);
    void tty_event_line(const std::string& line, double now);
    void tty_redraw(double now);
    void tty_erase();

    const ProgressStyle m_style;
    const int m_total_jobs;
    std::FILE* const m_stream;
    const ProgressClock m_clock;
    const double m_started;
    double m_last_status;
    double m_last_redraw = -1e300;
    size_t m_width = 80;
    int m_lines_drawn = 0;
    int m_done = 0;
    int m_failed = 0;
    int m_skipped = 0;
    std::vector<JobState> m_running;  // in start order: the Tty block keeps its rows stable
    std::mutex m_mutex;
};

JobState& ProgressReporter::Impl::state_of(const std::string& job, double now) {
    auto found = std::find_if(m_running.begin(), m_running.end(),
                              [&](const JobState& state) { return state.name == job; });
    if (found != m_running.end()) return *found;
    m_running.push_back({job, std::nullopt, 0, now, now});
    return m_running.back();
}

std::optional<JobState> ProgressReporter::Impl::take(const std::string& job) {
    auto found = std::find_if(m_running.begin(), m_running.end(),
                              [&](const JobState& state) { return state.name == job; });
    if (found == m_running.end()) return std::nullopt;
    JobState state = std::move(*found);
    m_running.erase(found);
    return state;
}

// Elapsed time scaled by the share of work left: finished jobs count 1, running ones their
// frame fraction; skipped jobs are neither work done nor work left.
std::optional<double> ProgressReporter::Impl::batch_eta(double now) const {
    double units = m_done + m_failed;
    for (const auto& job : m_running) units += job.fraction().value_or(0.0);
    const double work = m_total_jobs - m_skipped;
    if (units <= 0 || work <= 0) return std::nullopt;
    return (now - m_started) * std::max(work - units, 0.0) / units;
}

std::string ProgressReporter::Impl::counts_text() const {
    return fmt::format("[{}/{}] {} done, {} failed, {} skipped", m_done + m_failed + m_skipped,
                       m_total_jobs, m_done, m_failed, m_skipped);
}

std::string ProgressReporter::Impl::job_line(const JobState& job, double now) const {
    const std::string name = clip_utf8(printable(job.name), kTtyNameWidth);
    const auto fraction = job.fraction();
    const std::string done =
        fraction ? fmt::format("{}/{} {:5.1f}%", job.frames, *job.total_frames, *fraction * 100.0)
                 : fmt::format("{} frames", job.frames);
    return fmt::format("  {:<{}} {}  {:6.1f} fps  ETA {}", name, kTtyNameWidth, done, job.fps(now),
                       format_duration(job.eta(now)));
}

void ProgressReporter::Impl::emit_json(ordered_json event) {
    event["time"] = utc_timestamp_now();
    const std::string line =
        event.dump(-1, ' ', false, ordered_json::error_handler_t::replace) + '\n';
    std::fputs(line.c_str(), m_stream);
    std::fflush(m_stream);
}

void ProgressReporter::Impl::plain_line(const std::string& line) {
    std::fputs((line + '\n').c_str(), m_stream);
    std::fflush(m_stream);
}

void ProgressReporter::Impl::plain_status(double now) {
    if (now - m_last_status < kPlainStatusInterval) return;
    m_last_status = now;
    plain_line(fmt::format("{}, {} running, elapsed {}, ETA {}", counts_text(), m_running.size(),
                           format_duration(now - m_started), format_duration(batch_eta(now))));
}

void ProgressReporter::Impl::tty_erase() {
    if (m_lines_drawn > 0) std::fprintf(m_stream, "\x1b[%dA\r\x1b[J", m_lines_drawn);
    m_lines_drawn = 0;
}

// The block is one line per running job and the overall line, each cut to the terminal's width
// so that no line wraps (a wrapped line would throw off the cursor-up count).
void ProgressReporter::Impl::tty_redraw(double now) {
    if (now - m_last_redraw < kTtyRedrawInterval) return;
    m_last_redraw = now;
    std::vector<std::string> lines;
    for (const auto& job : m_running) lines.push_back(job_line(job, now));
    lines.push_back(fmt::format("{}  elapsed {}  ETA {}", counts_text(),
                                format_duration(now - m_started), format_duration(batch_eta(now))));
    std::string block;
    for (const auto& line : lines) block += clip_utf8(line, m_width - 1) + '\n';
    tty_erase();
    std::fputs(block.c_str(), m_stream);
    std::fflush(m_stream);
    m_lines_drawn = static_cast<int>(lines.size());
}

// A finished or skipped job leaves a permanent line above the live block. The block comes back
// at the next redraw the rate allows (a resumed batch may skip hundreds of jobs at once).
void ProgressReporter::Impl::tty_event_line(const std::string& line, double now) {
    tty_erase();
    std::fputs((clip_utf8(line, m_width - 1) + '\n').c_str(), m_stream);
    std::fflush(m_stream);
    tty_redraw(now);
}

void ProgressReporter::Impl::started(const std::string& job, std::optional<int64_t> total_frames) {
    std::lock_guard lock(m_mutex);
    const double now = m_clock();
    JobState& state = state_of(job, now);
    state = {job, total_frames, 0, now, now};
    if (m_style == ProgressStyle::Json)
        emit_json({{"event", "job_start"},
                   {"job", job},
                   {"total", total_frames ? ordered_json(*total_frames) : ordered_json(nullptr)}});
    if (m_style == ProgressStyle::Plain)
        plain_line(fmt::format("start    {}{}", printable(job),
                               total_frames ? fmt::format(" ({} frames)", *total_frames) : ""));
    if (m_style == ProgressStyle::Tty) tty_redraw(now);
}

void ProgressReporter::Impl::progress(const std::string& job, int64_t frames) {
    std::lock_guard lock(m_mutex);
    if (m_style == ProgressStyle::None) return;
    const double now = m_clock();
    JobState& state = state_of(job, now);
    state.frames = frames;
    if (m_style == ProgressStyle::Tty) tty_redraw(now);
    if (m_style == ProgressStyle::Plain) plain_status(now);
    if (m_style != ProgressStyle::Json || now - state.last_json < kJsonProgressInterval) return;
    state.last_json = now;
    const auto fraction = state.fraction();
    emit_json(
        {{"event", "job_progress"},
         {"job", job},
         {"frames", frames},
         {"total", state.total_frames ? ordered_json(*state.total_frames) : nullptr},
         {"percent", number_or_null(fraction ? std::optional(*fraction * 100) : std::nullopt)},
         {"fps", state.fps(now)},
         {"eta_seconds", number_or_null(state.eta(now))}});
}

void ProgressReporter::Impl::finished(const std::string& job, bool ok, const std::string& message) {
    std::lock_guard lock(m_mutex);
    const double now = m_clock();
    const JobState state = take(job).value_or(JobState{job, std::nullopt, 0, now, now});
    ++(ok ? m_done : m_failed);
    const double seconds = now - state.started;
    const std::string counter = fmt::format("[{}/{}]", m_done + m_failed + m_skipped, m_total_jobs);
    if (m_style == ProgressStyle::Json) {
        ordered_json event{{"event", ok ? "job_done" : "job_failed"},
                           {"job", job},
                           {"frames", state.frames},
                           {"seconds", seconds},
                           {"fps", state.fps(now)}};
        if (!ok) event["message"] = message;
        emit_json(std::move(event));
    }
    const std::string line =
        ok ? fmt::format("{} done     {}  {:.1f} s, {:.1f} fps", counter, printable(job), seconds,
                         state.fps(now))
           : fmt::format("{} FAILED   {}: {}", counter, printable(job), printable(message));
    if (m_style == ProgressStyle::Plain) plain_line(line);
    if (m_style == ProgressStyle::Tty) tty_event_line(line, now);
}

void ProgressReporter::Impl::skipped(const std::string& job, const std::string& reason) {
    std::lock_guard lock(m_mutex);
    const double now = m_clock();
    take(job);
    ++m_skipped;
    if (m_style == ProgressStyle::Json)
        emit_json({{"event", "job_skipped"}, {"job", job}, {"reason", reason}});
    const std::string line = fmt::format("[{}/{}] skipped  {}: {}", m_done + m_failed + m_skipped,
                                         m_total_jobs, printable(job), printable(reason));
    if (m_style == ProgressStyle::Plain) plain_line(line);
    if (m_style == ProgressStyle::Tty) tty_event_line(line, now);
}

void ProgressReporter::Impl::batch_finished(int done, int failed, int skipped, double seconds) {
    std::lock_guard lock(m_mutex);
    if (m_style == ProgressStyle::Json)
        emit_json({{"event", "batch_done"},
                   {"done", done},
                   {"failed", failed},
                   {"skipped", skipped},
                   {"jobs", m_total_jobs},
                   {"seconds", seconds}});
    const std::string line = fmt::format("batch finished: {} done, {} failed, {} skipped in {}",
                                         done, failed, skipped, format_duration(seconds));
    if (m_style == ProgressStyle::Plain) plain_line(line);
    if (m_style == ProgressStyle::Tty) {
        tty_erase();
        plain_line(line);
    }
}

ProgressReporter::ProgressReporter(ProgressStyle style, int total_jobs, std::FILE* stream)
    : ProgressReporter(style, total_jobs, stream, nullptr) {}

ProgressReporter::ProgressReporter(ProgressStyle style, int total_jobs, std::FILE* stream,
                                   ProgressClock clock)
    : m_impl(std::make_unique<Impl>(style, total_jobs, stream, std::move(clock))) {}

ProgressReporter::~ProgressReporter() = default;

void ProgressReporter::job_started(const std::string& job, std::optional<int64_t> total_frames) {
    m_impl->started(job, total_frames);
}

void ProgressReporter::job_progress(const std::string& job, int64_t frames) {
    m_impl->progress(job, frames);
}

void ProgressReporter::job_finished(const std::string& job, bool ok, const std::string& message) {
    m_impl->finished(job, ok, message);
}

void ProgressReporter::job_skipped(const std::string& job, const std::string& reason) {
    m_impl->skipped(job, reason);
}

void ProgressReporter::batch_finished(int done, int failed, int skipped, double seconds) {
    m_impl->batch_finished(done, failed, skipped, seconds);
}

ProgressStyle ProgressReporter::style() const {
    return m_impl->style();
}

std::optional<ProgressStyle> progress_style_from_name(const std::string& name) {
    static const std::pair<const char*, ProgressStyle> kNames[] = {{"auto", ProgressStyle::Auto},
                                                                   {"tty", ProgressStyle::Tty},
                                                                   {"plain", ProgressStyle::Plain},
                                                                   {"json", ProgressStyle::Json},
                                                                   {"none", ProgressStyle::None}};
    for (const auto& [text, style] : kNames)
        if (name == text) return style;
    return std::nullopt;
}

}  // namespace media::batch
