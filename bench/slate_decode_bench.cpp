// SPDX-License-Identifier: Apache-2.0
// slate_decode_bench FILE [--copy] [--threads N] [--audio]: decodes every video frame of FILE
// (and with --audio every audio block, read in step with the video as `slate qc` reads them)
// through MediaSource and prints "frames=N seconds=S open_seconds=O fps=F wrapped=W copied=C
// converted=V errors=E": seconds from open to the last frame, of which open_seconds opening
// (probing the streams, which decodes a few frames too). decode_vs_ffmpeg.sh times it against
// `ffmpeg -f null`.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "media/io/media_source.h"

namespace {

struct Args {
    std::string path;
    media::SourceOptions options;
};

bool parse(int argc, char** argv, Args& args) {
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--copy") {
            args.options.zero_copy = false;
        } else if (arg == "--audio") {
            args.options.audio = true;
        } else if (arg == "--threads" && i + 1 < argc) {
            args.options.threads = std::atoi(argv[++i]);
        } else if (args.path.empty() && !arg.starts_with("--")) {
            args.path = arg;
        } else {
            return false;
        }
    }
    return !args.path.empty();
}

// Reads audio blocks up to a time (or to the end with a negative one), as a QC run does.
class AudioReader {
public:
    AudioReader(media::MediaSource& source, bool enabled)
        : m_source(source), m_enabled(enabled && source.summary().has_audio) {}
    bool read_until(double seconds) {
        while (m_enabled && (seconds < 0.0 || m_seconds < seconds)) {
            auto block = m_source.next_audio_block();
            if (!block) {
                std::fprintf(stderr, "%s\n", block.error().to_string().c_str());
                return false;
            }
            if (!*block) {
                m_enabled = false;
                break;
            }
            m_seconds += (*block)->duration().to_double();
        }
        return true;
    }

private:
    media::MediaSource& m_source;
    bool m_enabled;
    double m_seconds = 0.0;
};

}  // namespace

int main(int argc, char** argv) {
    Args args;
    if (!parse(argc, argv, args)) {
        std::fprintf(stderr, "usage: slate_decode_bench FILE [--copy] [--threads N] [--audio]\n");
        return 3;
    }
    const auto start = std::chrono::steady_clock::now();
    auto source = media::MediaSource::open(args.path, args.options);
    if (!source) {
        std::fprintf(stderr, "%s\n", source.error().to_string().c_str());
        return 2;
    }
    const double open_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    int64_t frames = 0;
    AudioReader audio(*source, args.options.audio);
    const double rate =
        source->summary().frame_rate.num() > 0 ? source->summary().frame_rate.to_double() : 25.0;
    for (;;) {
        auto frame = source->next_video_frame();
        if (!frame) {
            std::fprintf(stderr, "%s\n", frame.error().to_string().c_str());
            return 2;
        }
        if (!*frame) break;
        ++frames;
        if (!audio.read_until(static_cast<double>(frames) / rate)) return 2;
    }
    if (!audio.read_until(-1.0)) return 2;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto& stats = source->stats();
    std::printf(
        "frames=%lld seconds=%.3f open_seconds=%.3f fps=%.1f wrapped=%lld copied=%lld "
        "converted=%lld errors=%zu\n",
        static_cast<long long>(frames), seconds, open_seconds,
        static_cast<double>(frames) / seconds, static_cast<long long>(stats.frames_wrapped),
        static_cast<long long>(stats.frames_copied), static_cast<long long>(stats.frames_converted),
        source->decode_errors().size());
    return 0;
}
