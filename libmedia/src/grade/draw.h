// SPDX-License-Identifier: Apache-2.0
// Private drawing helpers of the grade module: canvases are RgbFloat Frames seen as CV_32FC3
// cv::Mats (channels in R, G, B order), pictures come in as RgbFloat/Rgb16 Frames.
#pragma once

#include <string>
#include <string_view>

#include <opencv2/core.hpp>

#include "media/core/result.h"
#include "media/frame/frame.h"

namespace media::grade::draw {

/// A colour in the canvas's R'G'B' (0..1).
struct Rgb {
    float r = 0, g = 0, b = 0;
};

constexpr Rgb grey(float v) {
    return {v, v, v};
}
constexpr Rgb scaled(Rgb c, float k) {
    return {c.r * k, c.g * k, c.b * k};
}

/// A picture as a CV_32FC3 Mat of R'G'B' 0..1: RgbFloat is wrapped (no copy; the Mat must only
/// be read), RgbaFloat, Rgb8/Rgba8 and Rgb16/Rgba16 are converted (alpha dropped, integers
/// scaled by their maximum code). `what` names the picture in errors ("before", "tile 3").
/// InvalidArgument for an empty frame, DeviceError for a device frame, UnsupportedFormat for
/// Y'CbCr and gray (convert with color::to_rgb_float first).
Result<cv::Mat> picture_mat(const Frame& picture, std::string_view what);

/// A fresh RgbFloat frame of width x height filled with `fill`.
Result<Frame> new_canvas(int width, int height, Rgb fill);

/// The pixels of a canvas made by new_canvas (writable, this handle its only owner), as a
/// CV_32FC3 Mat sharing its memory.
cv::Mat canvas_mat(Frame& canvas);

/// Drawing: every primitive is rendered anti-aliased (LINE_AA) into an 8-bit coverage mask
/// around it and blended into the float canvas as `colour` with that coverage times `opacity`
/// (OpenCV draws LINE_AA on 8-bit images only). Coordinates are pixel centres, sub-pixel exact.
void line(cv::Mat& canvas, cv::Point2d a, cv::Point2d b, Rgb colour, int thickness = 1,
          float opacity = 1.0f);
void circle(cv::Mat& canvas, cv::Point2d centre, double radius, Rgb colour, int thickness = 1,
            float opacity = 1.0f);
/// An axis-aligned rectangle with corners at pixel centres a and b; thickness < 0 fills it.
void rectangle(cv::Mat& canvas, cv::Point2d a, cv::Point2d b, Rgb colour, int thickness = 1,
               float opacity = 1.0f);
/// Fills the pixels of `area` (clipped to the canvas) with `colour` at `opacity`, no edges.
void fill(cv::Mat& canvas, cv::Rect area, Rgb colour, float opacity = 1.0f);

/// Text in FONT_HERSHEY_SIMPLEX at `scale`: `origin` is the left end of the baseline.
void text(cv::Mat& canvas, std::string_view str, cv::Point origin, double scale, Rgb colour,
          int thickness = 1);
/// Size of `str` above the baseline (width, height) and the depth below it in `baseline`.
cv::Size text_size(std::string_view str, double scale, int thickness = 1, int* baseline = nullptr);
/// `str` shortened with "..." until it fits `max_width` pixels ("" when not even "..." fits).
std::string fit_text(std::string_view str, double scale, int max_width, int thickness = 1);

/// `picture` scaled to width x height with the area filter (INTER_AREA; a plain copy when the
/// sizes match), as a new CV_32FC3 Mat.
cv::Mat thumbnail(const cv::Mat& picture, int width, int height);

}  // namespace media::grade::draw
