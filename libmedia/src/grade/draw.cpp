// SPDX-License-Identifier: Apache-2.0
#include "draw.h"

#include <algorithm>
#include <cmath>
#include <string>

#include <opencv2/imgproc.hpp>

#include "media/frame/half.h"

namespace media::grade::draw {

namespace {

constexpr int kFont = cv::FONT_HERSHEY_SIMPLEX;
// Sub-pixel bits OpenCV's drawing functions take coordinates with.
constexpr int kShift = 4;
constexpr double kFixedOne = 1 << kShift;
// Coordinates far outside any canvas are pulled in before they become integers.
constexpr double kFarAway = 1 << 20;

template <typename Sample>
void convert_rows(const Frame& picture, cv::Mat& out, float scale) {
    auto view = picture.plane<Sample>(0);
    const int components = view.components();
    for (int y = 0; y < view.height(); ++y) {
        const Sample* src = view.row(y);
        auto* dst = out.ptr<float>(y);
        for (int x = 0; x < view.width(); ++x, src += components, dst += 3) {
            dst[0] = static_cast<float>(src[0]) * scale;
            dst[1] = static_cast<float>(src[1]) * scale;
            dst[2] = static_cast<float>(src[2]) * scale;
        }
    }
}

void convert_half_rows(const Frame& picture, cv::Mat& out) {
    auto view = picture.plane<uint16_t>(0);
    for (int y = 0; y < view.height(); ++y) {
        const uint16_t* src = view.row(y);
        auto* dst = out.ptr<float>(y);
        for (int x = 0; x < view.width(); ++x, src += 4, dst += 3)
            for (int c = 0; c < 3; ++c) dst[c] = half_to_float(src[c]);
    }
}

cv::Point2d pulled_in(cv::Point2d p) {
    return {std::clamp(p.x, -kFarAway, kFarAway), std::clamp(p.y, -kFarAway, kFarAway)};
}

cv::Point fixed_point(cv::Point2d p, cv::Point origin) {
    return {static_cast<int>(std::lround((p.x - origin.x) * kFixedOne)),
            static_cast<int>(std::lround((p.y - origin.y) * kFixedOne))};
}

// The integer rectangle holding [lo, hi] grown by `pad` pixels.
cv::Rect bounds_of(cv::Point2d lo, cv::Point2d hi, int pad) {
    const int x0 = static_cast<int>(std::floor(std::min(lo.x, hi.x))) - pad;
    const int y0 = static_cast<int>(std::floor(std::min(lo.y, hi.y))) - pad;
    const int x1 = static_cast<int>(std::ceil(std::max(lo.x, hi.x))) + pad;
    const int y1 = static_cast<int>(std::ceil(std::max(lo.y, hi.y))) + pad;
    return {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
}

// Renders a primitive's coverage into an 8-bit mask over `bounds` (the primitive drawn with
// its coordinates relative to bounds.tl()) and blends `colour` into the canvas through it.
template <typename DrawFn>
void blend_coverage(cv::Mat& canvas, cv::Rect bounds, Rgb colour, float opacity, DrawFn draw) {
    const cv::Rect clipped = bounds & cv::Rect(0, 0, canvas.cols, canvas.rows);
    if (clipped.empty()) return;
    cv::Mat mask = cv::Mat::zeros(bounds.size(), CV_8UC1);
    draw(mask, bounds.tl());
    const float to_alpha = opacity / 255.0f;
    for (int y = clipped.y; y < clipped.y + clipped.height; ++y) {
        const uint8_t* m = mask.ptr<uint8_t>(y - bounds.y) + (clipped.x - bounds.x);
        float* px = canvas.ptr<float>(y) + clipped.x * 3;
        for (int x = 0; x < clipped.width; ++x, px += 3) {
            if (m[x] == 0) continue;
            const float a = static_cast<float>(m[x]) * to_alpha;
            px[0] += (colour.r - px[0]) * a;
            px[1] += (colour.g - px[1]) * a;
            px[2] += (colour.b - px[2]) * a;
        }
    }
}

}  // namespace

Result<cv::Mat> picture_mat(const Frame& picture, std::string_view what) {
    const std::string name(what);
    if (picture.empty())
        return Error(ErrorCode::InvalidArgument, "grade: the " + name + " picture is empty");
    if (picture.device() != DeviceKind::Cpu)
        return Error(ErrorCode::DeviceError,
                     "grade: the " + name + " picture is in device memory; download it first");
    const int w = picture.width();
    const int h = picture.height();
    if (picture.format() == PixelFormat::RgbFloat) {
        auto view = picture.plane<float>(0);
        // Read-only by contract: cv::Mat has no const element type.
        return cv::Mat(h, w, CV_32FC3, const_cast<float*>(view.data()),
                       static_cast<size_t>(view.stride_bytes()));
    }
    cv::Mat out(h, w, CV_32FC3);
    switch (picture.format()) {
        case PixelFormat::RgbaFloat:
            convert_rows<float>(picture, out, 1.0f);
            break;
        case PixelFormat::Rgb8:
        case PixelFormat::Rgba8:
            convert_rows<uint8_t>(picture, out, 1.0f / 255.0f);
            break;
        case PixelFormat::Rgb16:
        case PixelFormat::Rgba16:
            convert_rows<uint16_t>(picture, out, 1.0f / 65535.0f);
            break;
        case PixelFormat::RgbaHalf:
            convert_half_rows(picture, out);
            break;
        default:
            return Error(ErrorCode::UnsupportedFormat,
                         "grade: the " + name + " picture is " +
                             std::string(info(picture.format()).name) +
                             "; R'G'B' (rgbf32le or rgb48le) expected, convert it with "
                             "color::to_rgb_float first");
    }
    return out;
}

Result<Frame> new_canvas(int width, int height, Rgb fill) {
    MEDIA_TRY_ASSIGN(Frame canvas,
                     Frame::allocate(FrameSpec{width, height, PixelFormat::RgbFloat, {}}));
    canvas_mat(canvas).setTo(cv::Scalar(fill.r, fill.g, fill.b));
    return canvas;
}

cv::Mat canvas_mat(Frame& canvas) {
    auto view = canvas.mutable_plane<float>(0);
    if (view.empty()) return {};
    return cv::Mat(view.height(), view.width(), CV_32FC3, view.data(),
                   static_cast<size_t>(view.stride_bytes()));
}

void line(cv::Mat& canvas, cv::Point2d a, cv::Point2d b, Rgb colour, int thickness, float opacity) {
    a = pulled_in(a);
    b = pulled_in(b);
    thickness = std::max(thickness, 1);
    blend_coverage(canvas, bounds_of(a, b, thickness + 2), colour, opacity,
                   [&](cv::Mat& mask, cv::Point origin) {
                       cv::line(mask, fixed_point(a, origin), fixed_point(b, origin),
                                cv::Scalar(255), thickness, cv::LINE_AA, kShift);
                   });
}

void circle(cv::Mat& canvas, cv::Point2d centre, double radius, Rgb colour, int thickness,
            float opacity) {
    centre = pulled_in(centre);
    radius = std::clamp(radius, 0.0, kFarAway);
    const cv::Point2d extent(radius, radius);
    blend_coverage(canvas, bounds_of(centre - extent, centre + extent, std::abs(thickness) + 2),
                   colour, opacity, [&](cv::Mat& mask, cv::Point origin) {
                       cv::circle(mask, fixed_point(centre, origin),
                                  static_cast<int>(std::lround(radius * kFixedOne)),
                                  cv::Scalar(255), thickness, cv::LINE_AA, kShift);
                   });
}

void rectangle(cv::Mat& canvas, cv::Point2d a, cv::Point2d b, Rgb colour, int thickness,
               float opacity) {
    a = pulled_in(a);
    b = pulled_in(b);
    blend_coverage(canvas, bounds_of(a, b, std::abs(thickness) + 2), colour, opacity,
                   [&](cv::Mat& mask, cv::Point origin) {
                       cv::rectangle(mask, fixed_point(a, origin), fixed_point(b, origin),
                                     cv::Scalar(255), thickness, cv::LINE_AA, kShift);
                   });
}

void fill(cv::Mat& canvas, cv::Rect area, Rgb colour, float opacity) {
    area &= cv::Rect(0, 0, canvas.cols, canvas.rows);
    for (int y = area.y; y < area.y + area.height; ++y) {
        float* px = canvas.ptr<float>(y) + area.x * 3;
        for (int x = 0; x < area.width; ++x, px += 3) {
            px[0] += (colour.r - px[0]) * opacity;
            px[1] += (colour.g - px[1]) * opacity;
            px[2] += (colour.b - px[2]) * opacity;
        }
    }
}

void text(cv::Mat& canvas, std::string_view str, cv::Point origin, double scale, Rgb colour,
          int thickness) {
    if (str.empty()) return;
    const std::string s(str);
    int baseline = 0;
    const cv::Size size = cv::getTextSize(s, kFont, scale, thickness, &baseline);
    const int pad = thickness + 2;
    const cv::Rect bounds(origin.x - pad, origin.y - size.height - pad, size.width + 2 * pad,
                          size.height + baseline + 2 * pad);
    blend_coverage(canvas, bounds, colour, 1.0f, [&](cv::Mat& mask, cv::Point tl) {
        cv::putText(mask, s, origin - tl, kFont, scale, cv::Scalar(255), thickness, cv::LINE_AA);
    });
}

cv::Size text_size(std::string_view str, double scale, int thickness, int* baseline) {
    int base = 0;
    const cv::Size size = cv::getTextSize(std::string(str), kFont, scale, thickness, &base);
    if (baseline != nullptr) *baseline = base;
    return size;
}

std::string fit_text(std::string_view str, double scale, int max_width, int thickness) {
    if (text_size(str, scale, thickness).width <= max_width) return std::string(str);
    for (size_t keep = str.size(); keep-- > 0;) {
        std::string shortened = std::string(str.substr(0, keep)) + "...";
        if (text_size(shortened, scale, thickness).width <= max_width) return shortened;
    }
    return {};
}

cv::Mat thumbnail(const cv::Mat& picture, int width, int height) {
    if (picture.cols == width && picture.rows == height) return picture.clone();
    cv::Mat out;
    cv::resize(picture, out, cv::Size(width, height), 0, 0, cv::INTER_AREA);
    return out;
}

}  // namespace media::grade::draw
