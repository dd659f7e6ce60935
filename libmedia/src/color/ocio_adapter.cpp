// SPDX-License-Identifier: Apache-2.0
#include "ocio_adapter.h"

#include <filesystem>
#include <map>
#include <mutex>

#include <fmt/format.h>

#include "media/core/log.h"
#include "ocio_common.h"

namespace media::color::detail {
namespace {

// Lossless only: OCIO's default also approximates pow/log and turns curves into LUTs (1e-4
// away from the formulas); Slate's results must follow the formulas.
constexpr auto kOptimization = OCIO::OPTIMIZATION_LOSSLESS;

void route_ocio_logging() {
    static std::once_flag once;
    std::call_once(once, [] {
        OCIO::SetLoggingFunction([](const char* message) {
            std::string_view text = message;
            while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
            log(LogLevel::Info, fmt::format("OpenColorIO: {}", text));
        });
    });
}

// A raw config (no colour spaces, no search path) for transforms that name absolute files.
const OCIO::ConstConfigRcPtr& raw_config() {
    static const OCIO::ConstConfigRcPtr config = [] {
        route_ocio_logging();
        return OCIO::Config::CreateRaw();
    }();
    return config;
}

std::string collapse_spaces(std::string_view text) {
    std::string out;
    for (char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

// OCIO reports every problem by throwing: one processor build as a Result.
Result<OCIO::ConstCPUProcessorRcPtr> cpu_processor(const OCIO::ConstConfigRcPtr& config,
                                                   const OCIO::ConstTransformRcPtr& transform,
                                                   const std::string& file) {
    try {
        const OCIO::ConstProcessorRcPtr processor = config->getProcessor(transform);
        return processor->getOptimizedCPUProcessor(OCIO::BIT_DEPTH_F32, OCIO::BIT_DEPTH_F32,
                                                   kOptimization);
    } catch (const std::exception& e) {
        Error error(ErrorCode::InvalidArgument, tidy_ocio_message(e.what(), file));
        return file.empty() ? std::move(error) : std::move(error).with_file(file);
    }
}

// A name the config does not know, with what it does know (the first few).
Error unknown_name(const char* what, const std::string& name, const std::vector<std::string>& known,
                   const std::string& config_file) {
    std::string listed;
    for (size_t i = 0; i < known.size() && i < 12; ++i) listed += (i ? ", " : "") + known[i];
    if (known.size() > 12) listed += fmt::format(", ... ({} in all)", known.size());
    return Error(ErrorCode::InvalidArgument,
                 fmt::format("unknown {} '{}' in the OCIO config (it has: {})", what, name,
                             listed.empty() ? "none" : listed))
        .with_file(config_file);
}

Result<void> check_color_space(const OCIO::ConstConfigRcPtr& config, const std::string& name,
                               const std::string& file) {
    if (config->getColorSpace(name.c_str())) return ok();  // names, aliases and roles
    std::vector<std::string> known;
    for (int i = 0; i < config->getNumColorSpaces(); ++i)
        known.emplace_back(config->getColorSpaceNameByIndex(i));
    return unknown_name("colour space", name, known, file);
}

Result<void> check_display_view(const OCIO::ConstConfigRcPtr& config, const OcioTransform& t,
                                const std::string& file) {
    std::vector<std::string> displays;
    bool display_found = false;
    for (int i = 0; i < config->getNumDisplays(); ++i) {
        displays.emplace_back(config->getDisplay(i));
        display_found = display_found || displays.back() == t.display;
    }
    if (!display_found) return unknown_name("display", t.display, displays, file);
    std::vector<std::string> views;
    for (int i = 0; i < config->getNumViews(t.display.c_str()); ++i) {
        views.emplace_back(config->getView(t.display.c_str(), i));
        if (views.back() == t.view) return ok();
    }
    return unknown_name(fmt::format("view of display '{}':", t.display).c_str(), t.view, views,
                        file);
}

Result<void> check_looks(const OCIO::ConstConfigRcPtr& config, const std::string& looks,
                         const std::string& file) {
    std::vector<std::string> known;
    for (int i = 0; i < config->getNumLooks(); ++i)
        known.emplace_back(config->getLookNameByIndex(i));
    size_t start = 0;
    while (start <= looks.size()) {
        size_t end = looks.find(',', start);
        if (end == std::string::npos) end = looks.size();
        std::string name = looks.substr(start, end - start);
        while (!name.empty() && (name.front() == ' ' || name.front() == '+' || name.front() == '-'))
            name.erase(name.begin());
        while (!name.empty() && name.back() == ' ') name.pop_back();
        if (!name.empty() && !config->getLook(name.c_str()))
            return unknown_name("look", name, known, file);
        start = end + 1;
    }
    return ok();
}

}  // namespace

std::string tidy_ocio_message(std::string message, const std::string& file) {
    constexpr std::string_view kFailedWith = "failed with: ";
    const auto reason = message.find(kFailedWith);
    if (reason != std::string::npos) {
        message.erase(0, reason + kFailedWith.size());
        if (auto next = message.find("    '"); next != std::string::npos) message.resize(next);
    } else if (message.find("could not be loaded") != std::string::npos) {
        return "not a LUT format OpenColorIO reads";
    }
    if (!file.empty()) {
        for (auto at = message.find(" (" + file + ")"); at != std::string::npos;
             at = message.find(" (" + file + ")"))
            message.erase(at, file.size() + 3);
    }
    return collapse_spaces(message);
}

Result<OCIO::ConstConfigRcPtr> open_ocio_config(const std::string& path) {
    route_ocio_logging();
    std::string file = path;
    if (file.empty()) {
        const char* env = std::getenv("OCIO");
        if (env == nullptr || *env == '\0')
            return Error(ErrorCode::InvalidArgument,
                         "no OCIO config: pass --ocio-config FILE or set $OCIO");
        file = env;
    }
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        return Error(ErrorCode::NotFound, "OCIO config not found").with_file(file);
    file = std::filesystem::weakly_canonical(file, ec).string();

    static std::mutex mutex;
    static std::map<std::string, OCIO::ConstConfigRcPtr> cache;
    std::lock_guard lock(mutex);
    if (auto found = cache.find(file); found != cache.end()) return found->second;
    try {
        OCIO::ConstConfigRcPtr config = OCIO::Config::CreateFromFile(file.c_str());
        config->validate();
        cache.emplace(file, config);
        return config;
    } catch (const std::exception& e) {
        return Error(ErrorCode::InvalidArgument, fmt::format("OCIO config does not load: {}",
                                                             tidy_ocio_message(e.what(), file)))
            .with_file(file);
    }
}

struct OcioOp::State {
    OCIO::ConstCPUProcessorRcPtr cpu;
};

OcioOp::OcioOp(std::unique_ptr<State> state, std::string label)
    : m_state(std::move(state)), m_label(std::move(label)) {}
OcioOp::~OcioOp() = default;

Result<std::unique_ptr<const OcioOp>> OcioOp::from_config(const OcioTransform& t, bool inverse) {
    MEDIA_TRY_ASSIGN(const OCIO::ConstConfigRcPtr config, open_ocio_config(t.config));
    const char* env = std::getenv("OCIO");
    const std::string config_file = !t.config.empty() ? t.config : env != nullptr ? env : "";
    if (t.src.empty())
        return Error(ErrorCode::InvalidArgument, "OCIO transform without a source colour space");
    MEDIA_TRY(check_color_space(config, t.src, config_file));
    if (!t.looks.empty()) MEDIA_TRY(check_looks(config, t.looks, config_file));

    OCIO::GroupTransformRcPtr group = OCIO::GroupTransform::Create();
    std::string label;
    if (!t.display.empty() || !t.view.empty()) {
        if (t.display.empty() || t.view.empty())
            return Error(ErrorCode::InvalidArgument,
                         "an OCIO view needs both a display and a view");
        MEDIA_TRY(check_display_view(config, t, config_file));
        if (!t.looks.empty()) {
            // Extra looks run in the source space, before the view's own rendering.
            OCIO::LookTransformRcPtr look = OCIO::LookTransform::Create();
            look->setSrc(t.src.c_str());
            look->setDst(t.src.c_str());
            look->setLooks(t.looks.c_str());
            group->appendTransform(look);
        }
        OCIO::DisplayViewTransformRcPtr view = OCIO::DisplayViewTransform::Create();
        view->setSrc(t.src.c_str());
        view->setDisplay(t.display.c_str());
        view->setView(t.view.c_str());
        group->appendTransform(view);
        label = fmt::format("OCIO {} -> {} / {}", t.src, t.display, t.view);
    } else {
        if (t.dst.empty())
            return Error(ErrorCode::InvalidArgument,
                         "OCIO transform needs a destination colour space or a display and view");
        MEDIA_TRY(check_color_space(config, t.dst, config_file));
        if (!t.looks.empty()) {
            OCIO::LookTransformRcPtr look = OCIO::LookTransform::Create();
            look->setSrc(t.src.c_str());
            look->setDst(t.dst.c_str());
            look->setLooks(t.looks.c_str());
            group->appendTransform(look);
        } else {
            OCIO::ColorSpaceTransformRcPtr space = OCIO::ColorSpaceTransform::Create();
            space->setSrc(t.src.c_str());
            space->setDst(t.dst.c_str());
            group->appendTransform(space);
        }
        label = fmt::format("OCIO {} -> {}", t.src, t.dst);
    }
    if (!t.looks.empty()) label += fmt::format(" (looks {})", t.looks);
    if (inverse) {
        group->setDirection(OCIO::TRANSFORM_DIR_INVERSE);
        label += " (inverse)";
    }
    MEDIA_TRY_ASSIGN(OCIO::ConstCPUProcessorRcPtr cpu, cpu_processor(config, group, config_file));
    auto state = std::make_unique<State>();
    state->cpu = std::move(cpu);
    return std::make_unique<const OcioOp>(std::move(state), std::move(label));
}

Result<std::unique_ptr<const OcioOp>> OcioOp::inverse_lut(const ColorStep& step) {
    OCIO::FileTransformRcPtr file = OCIO::FileTransform::Create();
    file->setSrc(step.path.c_str());
    file->setInterpolation(step.interpolation == "linear" ? OCIO::INTERP_LINEAR
                                                          : OCIO::INTERP_TETRAHEDRAL);
    file->setDirection(OCIO::TRANSFORM_DIR_INVERSE);
    MEDIA_TRY_ASSIGN(OCIO::ConstCPUProcessorRcPtr cpu,
                     cpu_processor(raw_config(), file, step.path));
    auto state = std::make_unique<State>();
    state->cpu = std::move(cpu);
    return std::make_unique<const OcioOp>(
        std::move(state), fmt::format("LUT {} (inverse, OpenColorIO)",
                                      std::filesystem::path(step.path).filename().string()));
}

void OcioOp::apply(float* rgb, int64_t count) const {
    // A packed image of `count` x 1; applyRGB would do the same per pixel, slower.
    OCIO::PackedImageDesc image(rgb, static_cast<long>(count), 1, 3);
    m_state->cpu->apply(image);
}

bool OcioOp::is_noop() const {
    return m_state->cpu->isNoOp();
}

}  // namespace media::color::detail
