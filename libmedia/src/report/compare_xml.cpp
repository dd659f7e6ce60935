// SPDX-License-Identifier: Apache-2.0
// The comparison in libvmaf's XML layout (pugixml writes and escapes; values with 6 decimals).
#include <cmath>
#include <sstream>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "media/core/version.h"
#include "media/report/compare_writers.h"

namespace media::report {
namespace {

std::string value_text(double value) {
    return std::isfinite(value) ? fmt::format("{:.6f}", value) : std::string("nan");
}

}  // namespace

std::string compare_xml(const metrics::CompareResult& result) {
    const metrics::CompareInfo& info = result.info;
    pugi::xml_document doc;
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    pugi::xml_node root = doc.append_child("VMAF");
    root.append_attribute("version") = ("slate " + slate_version()).c_str();
    pugi::xml_node params = root.append_child("params");
    params.append_attribute("reference") = info.reference.c_str();
    params.append_attribute("distorted") = info.distorted.c_str();
    params.append_attribute("width") = info.width;
    params.append_attribute("height") = info.height;
    params.append_attribute("bitDepth") = info.bit_depth;
    params.append_attribute("pixelFormat") = info.pixel_format.c_str();
    std::string models;
    for (const auto& m : info.models) models += (models.empty() ? "" : ",") + m.name;
    params.append_attribute("models") = models.c_str();
    pugi::xml_node fyi = root.append_child("fyi");
    fyi.append_attribute("frames") = static_cast<long long>(info.frames);
    fyi.append_attribute("fps") =
        fmt::format("{:.2f}", info.seconds > 0 ? double(info.frames) / info.seconds : 0.0).c_str();
    pugi::xml_node frames = root.append_child("frames");
    for (size_t r = 0; r < result.frames.size(); ++r) {
        pugi::xml_node frame = frames.append_child("frame");
        frame.append_attribute("frameNum") = static_cast<long long>(result.frame_numbers[r]);
        for (size_t c = 0; c < result.columns.size(); ++c)
            frame.append_attribute(result.columns[c].c_str()) =
                value_text(result.frames[r][c]).c_str();
    }
    pugi::xml_node pooled = root.append_child("pooled_metrics");
    for (size_t c = 0; c < result.columns.size(); ++c) {
        const metrics::PooledStats& s = result.pooled[c];
        pugi::xml_node metric = pooled.append_child("metric");
        metric.append_attribute("name") = result.columns[c].c_str();
        metric.append_attribute("min") = value_text(s.min).c_str();
        metric.append_attribute("max") = value_text(s.max).c_str();
        metric.append_attribute("mean") = value_text(s.mean).c_str();
        metric.append_attribute("harmonic_mean") = value_text(s.harmonic_mean).c_str();
        metric.append_attribute("p1") = value_text(s.p1).c_str();
        metric.append_attribute("p5") = value_text(s.p5).c_str();
    }
    std::ostringstream out;
    doc.save(out, "  ");
    return out.str();
}

}  // namespace media::report
