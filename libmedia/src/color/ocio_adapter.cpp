// SPDX-License-Identifier: Apache-2.0
#include "ocio_adapter.h"

#include <array>
#include <cmath>
#include <mutex>

#include <OpenColorIO/OpenColorIO.h>
#include <fmt/format.h>

#include "media/core/log.h"

namespace OCIO = OCIO_NAMESPACE;

namespace media::color::detail {
namespace {

constexpr size_t kSampleTypes = 4;  // SampleType::U8 .. F32

// OCIO's default, less its fast pow/log approximations: CDL power must follow the ASC formula.
constexpr auto kOptimization = static_cast<OCIO::OptimizationFlags>(
    OCIO::OPTIMIZATION_DEFAULT & ~OCIO::OPTIMIZATION_FAST_LOG_EXP_POW);

// A raw config (no colour spaces, no search path): every transform we build names absolute
// files. OCIO's own messages go to our log instead of stderr.
const OCIO::ConstConfigRcPtr& raw_config() {
    static const OCIO::ConstConfigRcPtr config = [] {
        OCIO::SetLoggingFunction([](const char* message) {
            std::string_view text = message;
            while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
            log(LogLevel::Info, fmt::format("OpenColorIO: {}", text));
        });
        return OCIO::Config::CreateRaw();
    }();
    return config;
}

OCIO::BitDepth bit_depth(SampleType sample) {
    switch (sample) {
        case SampleType::U8:
            return OCIO::BIT_DEPTH_UINT8;
        case SampleType::U16:
            return OCIO::BIT_DEPTH_UINT16;
        case SampleType::F16:
            return OCIO::BIT_DEPTH_F16;
        case SampleType::F32:
            return OCIO::BIT_DEPTH_F32;
    }
    return OCIO::BIT_DEPTH_UNKNOWN;
}

OCIO::TransformDirection direction(const ColorStep& step) {
    return step.inverse ? OCIO::TRANSFORM_DIR_INVERSE : OCIO::TRANSFORM_DIR_FORWARD;
}

Result<OCIO::Interpolation> interpolation(const ColorStep& step) {
    if (step.interpolation == "tetrahedral" || step.interpolation.empty())
        return OCIO::INTERP_TETRAHEDRAL;
    if (step.interpolation == "linear") return OCIO::INTERP_LINEAR;
    if (step.interpolation == "best") return OCIO::INTERP_BEST;
    return Error(ErrorCode::InvalidArgument,
                 fmt::format("unknown LUT interpolation '{}' (linear, tetrahedral or best)",
                             step.interpolation))
        .with_file(step.path);
}

Result<OCIO::TransformRcPtr> lut_transform(const ColorStep& step) {
    MEDIA_TRY_ASSIGN(const OCIO::Interpolation interp, interpolation(step));
    OCIO::FileTransformRcPtr file = OCIO::FileTransform::Create();
    file->setSrc(step.path.c_str());
    // OCIO applies tetrahedral to 3D LUTs only; 1D LUTs in the file interpolate linearly.
    file->setInterpolation(interp);
    file->setDirection(direction(step));
    return OCIO::TransformRcPtr(file);
}

OCIO::TransformRcPtr cdl_transform(const ColorStep& step) {
    OCIO::CDLTransformRcPtr cdl = OCIO::CDLTransform::Create();
    cdl->setStyle(OCIO::CDL_ASC);
    cdl->setSlope(step.cdl.slope.data());
    cdl->setOffset(step.cdl.offset.data());
    cdl->setPower(step.cdl.power.data());
    cdl->setSat(step.cdl.saturation);
    cdl->setDirection(direction(step));
    return cdl;
}

Result<OCIO::TransformRcPtr> step_transform(const ColorStep& step) {
    if (step.kind == ColorStep::Kind::Lut) return lut_transform(step);
    MEDIA_TRY(check_cdl(step.cdl));
    return cdl_transform(step);
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

// OCIO's load error lists every format it tried over several lines, each naming the file. We
// keep the first format's reason (the one for the file's extension, with its line number) on
// one line; Error::with_file names the file.
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

// OCIO reports every problem by throwing: one processor build as a Result.
Result<OCIO::ConstProcessorRcPtr> make_processor(const OCIO::ConstTransformRcPtr& transform,
                                                 const std::string& file) {
    try {
        return raw_config()->getProcessor(transform);
    } catch (const std::exception& e) {
        Error error(ErrorCode::InvalidArgument, tidy_ocio_message(e.what(), file));
        return file.empty() ? std::move(error) : std::move(error).with_file(file);
    }
}

bool finite(float r, float g, float b) {
    return std::isfinite(r) && std::isfinite(g) && std::isfinite(b);
}

bool table_is_finite(const OCIO::ConstTransformRcPtr& transform) {
    float r = 0.0f, g = 0.0f, b = 0.0f;
    if (auto lut = OCIO::DynamicPtrCast<const OCIO::Lut1DTransform>(transform)) {
        for (unsigned long i = 0; i < lut->getLength(); ++i) {
            lut->getValue(i, r, g, b);
            if (!finite(r, g, b)) return false;
        }
    }
    if (auto lut = OCIO::DynamicPtrCast<const OCIO::Lut3DTransform>(transform)) {
        const unsigned long size = lut->getGridSize();
        for (unsigned long i = 0; i < size * size * size; ++i) {
            lut->getValue(i % size, (i / size) % size, i / (size * size), r, g, b);
            if (!finite(r, g, b)) return false;
        }
    }
    return true;
}

// OCIO reads "nan" and "inf" table entries; one would spread through every frame.
Result<void> check_finite_tables(const OCIO::ConstProcessorRcPtr& processor,
                                 const std::string& file) {
    try {
        const OCIO::ConstGroupTransformRcPtr group = processor->createGroupTransform();
        for (int i = 0; i < group->getNumTransforms(); ++i) {
            if (table_is_finite(group->getTransform(i))) continue;
            return Error(ErrorCode::InvalidArgument, "LUT holds entries that are not finite")
                .with_file(file);
        }
    } catch (const std::exception& e) {
        return Error(ErrorCode::InvalidArgument, tidy_ocio_message(e.what(), file)).with_file(file);
    }
    return ok();
}

// One LUT file as a processor of its own, entries checked.
Result<void> check_lut_step(const OCIO::ConstTransformRcPtr& transform, const std::string& file) {
    MEDIA_TRY_ASSIGN(const OCIO::ConstProcessorRcPtr processor, make_processor(transform, file));
    return check_finite_tables(processor, file);
}

}  // namespace

struct OcioPipeline::State {
    OCIO::ConstProcessorRcPtr processor;
    // One CPU processor per sample type, built on the first frame of that type: apply() is
    // const and may be called from several threads at once, hence once_flag.
    mutable std::array<std::once_flag, kSampleTypes> once;
    mutable std::array<OCIO::ConstCPUProcessorRcPtr, kSampleTypes> cpu;
    mutable std::array<std::string, kSampleTypes> failure;

    Result<OCIO::ConstCPUProcessorRcPtr> cpu_for(SampleType sample) const {
        const auto i = static_cast<size_t>(sample);
        std::call_once(once[i], [&] {
            try {
                const OCIO::BitDepth depth = bit_depth(sample);
                cpu[i] = processor->getOptimizedCPUProcessor(depth, depth, kOptimization);
            } catch (const std::exception& e) {
                failure[i] = e.what();
            }
        });
        if (!cpu[i])
            return Error(ErrorCode::Internal,
                         fmt::format("OpenColorIO CPU processor: {}", failure[i]));
        return cpu[i];
    }
};

OcioPipeline::OcioPipeline(std::unique_ptr<State> state) : m_state(std::move(state)) {}
OcioPipeline::~OcioPipeline() = default;

Result<std::unique_ptr<const OcioPipeline>> OcioPipeline::build(const ColorPipelineDesc& desc) {
    OCIO::GroupTransformRcPtr group = OCIO::GroupTransform::Create();
    for (const ColorStep& step : desc.steps) {
        if (step.kind == ColorStep::Kind::Cdl && step.cdl.is_identity()) continue;
        MEDIA_TRY_ASSIGN(OCIO::TransformRcPtr transform, step_transform(step));
        // Built alone first so that an error names this step's file (OCIO caches the parse).
        if (step.kind == ColorStep::Kind::Lut) MEDIA_TRY(check_lut_step(transform, step.path));
        group->appendTransform(transform);
    }
    auto state = std::make_unique<State>();
    MEDIA_TRY_ASSIGN(state->processor, make_processor(group, {}));
    auto pipeline = std::make_unique<const OcioPipeline>(std::move(state));
    // Building the float processor up front checks the optimised pipeline and gives is_noop().
    MEDIA_TRY(pipeline->m_state->cpu_for(SampleType::F32));
    return pipeline;
}

bool OcioPipeline::is_noop() const {
    auto cpu = m_state->cpu_for(SampleType::F32);
    return cpu && (*cpu)->isNoOp();
}

Result<void> OcioPipeline::apply(const PackedPixels& pixels) const {
    MEDIA_TRY_ASSIGN(const OCIO::ConstCPUProcessorRcPtr cpu, m_state->cpu_for(pixels.sample));
    try {
        OCIO::PackedImageDesc image(
            pixels.data, pixels.width, pixels.height,
            pixels.channels == 4 ? OCIO::CHANNEL_ORDERING_RGBA : OCIO::CHANNEL_ORDERING_RGB,
            bit_depth(pixels.sample), OCIO::AutoStride, OCIO::AutoStride, pixels.stride_bytes);
        cpu->apply(image);
    } catch (const std::exception& e) {
        return Error(ErrorCode::Internal, fmt::format("OpenColorIO apply: {}", e.what()));
    }
    return ok();
}

Result<void> load_lut_with_ocio(const std::string& path) {
    OCIO::FileTransformRcPtr file = OCIO::FileTransform::Create();
    file->setSrc(path.c_str());
    file->setInterpolation(OCIO::INTERP_BEST);
    return check_lut_step(file, path);
}

}  // namespace media::color::detail
